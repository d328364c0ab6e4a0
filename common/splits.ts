import { fenToMoney, moneyToFen, splitByWeights } from './money.js';

/**
 * Exact splits of stakes given in percent (up to six decimals): computed in millionths of a
 * percentage point ("micros") with bigint, so the parts of a split always add up to the whole.
 * Used by equity rewards (distribution), contract-research technology stakes (projects) and the
 * equity sub-ledger (achievements). Pure.
 */

/** One percentage point in micros. */
export const SHARE_SCALE = 1_000_000n;

/** "12.5" → 12_500_000n (millionths of a percentage point). At most six decimals. */
export function sharesToMicros(s: string): bigint {
  if (!/^\d+(?:\.\d+)?$/.test(s)) throw new TypeError(`Invalid share percentage: ${JSON.stringify(s)}`);
  const [i = '0', f = ''] = s.split('.');
  if (f.length > 6) throw new RangeError(`Share percentage has more than six decimals: ${s}`);
  return BigInt(i) * SHARE_SCALE + BigInt(`${f}000000`.slice(0, 6));
}

/** 12_500_000n → "12.5" (no trailing zeros). */
export function microsToShares(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  const m = n < 0n ? -n : n;
  const i = m / SHARE_SCALE;
  const f = (m % SHARE_SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${i}${f ? `.${f}` : ''}`;
}

/** Micros as a percent with exactly six decimals ("7.000000"). */
export const microsToFixed6 = (m: bigint) => `${m / SHARE_SCALE}.${String(m % SHARE_SCALE).padStart(6, '0')}`;

/**
 * Splits a stake given in percent (up to 6 decimals) by weights, exactly: in micros, largest
 * remainder, so the parts always add up to the stake; each part has six decimals.
 */
export function splitPercentByWeights(totalPct: string, weights: readonly string[]): string[] {
  if (!/^\d{1,3}(\.\d{1,6})?$/.test(totalPct)) throw new RangeError(`a stake must be a percent with at most 6 decimals, got ${totalPct}`);
  // splitByWeights splits whole "fen"; here one fen is one micro.
  return splitByWeights(fenToMoney(sharesToMicros(totalPct)), weights).map((p) => microsToFixed6(moneyToFen(p)));
}
