import { compactMobile } from '../lib/validation';

export type LoginBody = { email: string; password: string } | { mobile: string; password: string };

/** The sign-in body: an account containing "@" is an email, anything else a mainland mobile number. */
export function loginBody(account: string, password: string): LoginBody {
  const trimmed = account.trim();
  return trimmed.includes('@') ? { email: trimmed, password } : { mobile: compactMobile(trimmed), password };
}
