/** Client-side hints only; the server validates (and normalises) again. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A mainland mobile number, optionally with +86; separators are removed first. */
export const MOBILE_PATTERN = /^(?:\+?86)?1[3-9]\d{9}$/;

export function compactMobile(value: string): string {
  return value.trim().replace(/[\s-]/g, '');
}

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value.trim());
}

export function isMobile(value: string): boolean {
  return MOBILE_PATTERN.test(compactMobile(value));
}
