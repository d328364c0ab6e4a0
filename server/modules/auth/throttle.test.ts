import { describe, expect, it } from 'vitest';
import { decideThrottle, LOGIN_THROTTLE } from './throttle.js';

const now = new Date('2026-11-28T10:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe('login throttle', () => {
  it('allows up to the limit of failures in the window', () => {
    expect(decideThrottle([ago(60), ago(50), ago(40), ago(30)], 5, now, LOGIN_THROTTLE).allowed).toBe(true);
  });
  it('blocks at the limit and says when the oldest failure leaves the 15-minute window', () => {
    const d = decideThrottle([ago(600), ago(50), ago(40), ago(30), ago(20)], 5, now, LOGIN_THROTTLE);
    expect(d).toEqual({ allowed: false, retryAfterSeconds: 300 });
  });
  it('ignores failures older than the window', () => {
    expect(decideThrottle([ago(901), ago(950), ago(40), ago(30), ago(20)], 5, now, LOGIN_THROTTLE).allowed).toBe(true);
  });
});
