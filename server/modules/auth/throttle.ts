/** Login throttling: a sliding window of failed attempts per account and per address. */
export interface ThrottlePolicy {
  windowSeconds: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
}

export const LOGIN_THROTTLE: ThrottlePolicy = { windowSeconds: 15 * 60, maxFailuresPerAccount: 5, maxFailuresPerIp: 50 };

export interface ThrottleDecision {
  allowed: boolean;
  /** Seconds until the oldest counted failure leaves the window. */
  retryAfterSeconds: number;
}

/**
 * Decides from the failure times in the window (oldest first) whether another attempt may be made.
 * Blocking even a correct password while throttled is deliberate: it stops guessing outright.
 */
export function decideThrottle(failures: readonly Date[], limit: number, now: Date, policy: ThrottlePolicy): ThrottleDecision {
  const windowStart = now.getTime() - policy.windowSeconds * 1000;
  const recent = failures.filter((f) => f.getTime() > windowStart).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < limit) return { allowed: true, retryAfterSeconds: 0 };
  // Allowed again once enough of the oldest failures have aged out of the window.
  const oldestThatMustExpire = recent[recent.length - limit];
  const retry = oldestThatMustExpire ? Math.ceil((oldestThatMustExpire.getTime() - windowStart) / 1000) : 0;
  return { allowed: false, retryAfterSeconds: Math.max(1, retry) };
}
