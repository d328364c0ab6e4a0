import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { microsToFixed6, microsToShares, sharesToMicros, splitPercentByWeights } from './splits.js';

const stake = fc.integer({ min: 1, max: 100_000_000 }).map((m) => `${Math.floor(m / 1_000_000)}.${String(m % 1_000_000).padStart(6, '0')}`);

describe('exact stake splits', () => {
  it('converts percent strings to millionths of a point and back', () => {
    expect(sharesToMicros('12.5')).toBe(12_500_000n);
    expect(sharesToMicros('0.000001')).toBe(1n);
    expect(microsToShares(12_500_000n)).toBe('12.5');
    expect(microsToShares(-1n)).toBe('-0.000001');
    expect(microsToFixed6(7_000_000n)).toBe('7.000000');
    expect(() => sharesToMicros('1.0000001')).toThrow(RangeError);
    expect(() => sharesToMicros('abc')).toThrow(TypeError);
  });

  it('splits 10% by 1:1:1 with the remainder to the largest, exactly', () => {
    expect(splitPercentByWeights('10', ['1', '1', '1'])).toEqual(['3.333334', '3.333333', '3.333333']);
    expect(() => splitPercentByWeights('10.1234567', ['1'])).toThrow(RangeError);
  });

  it('splitPercentByWeights adds up exactly', () => {
    fc.assert(
      fc.property(stake, fc.array(fc.integer({ min: 1, max: 9999 }), { minLength: 1, maxLength: 8 }), (total, ws) => {
        const parts = splitPercentByWeights(total, ws.map(String));
        const toMicro = (p: string) => BigInt(p.replace('.', ''));
        expect(parts.reduce((t, p) => t + toMicro(p), 0n)).toBe(toMicro(total));
      }),
    );
  });

  it('round-trips every stake (property)', () => {
    fc.assert(
      fc.property(stake, (s) => {
        expect(sharesToMicros(microsToShares(sharesToMicros(s)))).toBe(sharesToMicros(s));
      }),
    );
  });
});
