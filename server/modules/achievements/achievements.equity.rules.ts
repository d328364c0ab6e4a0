import type { DisposalKind, HoldingStatus } from '../../../common/achievements.js';
import { microsToShares, sharesToMicros } from '../../../common/splits.js';
import { add, cmp, isZero, type Money, ratioOf, ratioToPercent, sub, sum, toFen } from '../../../common/money.js';

/**
 * The equity sub-ledger's pure rules (DOMAIN §3): what a disposal may take from a holding, and
 * the value-preservation ratio (保值增值率) with and without the equity formed by 作价入股, which
 * is kept out of the assessment. Decimal strings throughout; no floats, no I/O.
 */

export { DISPOSAL_KIND_LABELS, DISPOSAL_KINDS, type DisposalKind, type HoldingStatus, SHARES_PATTERN } from '../../../common/achievements.js';

export { microsToShares, sharesToMicros };

export interface HoldingBalance {
  sharesPct: string;
  bookValue: Money;
}

export interface DisposalAmounts {
  sharesPct: string;
  bookValue: Money;
}

/** What remains of a holding after its disposals so far. */
export function remainingOf(holding: HoldingBalance, disposals: readonly DisposalAmounts[]): HoldingBalance {
  const shares = disposals.reduce((t, d) => t - sharesToMicros(d.sharesPct), sharesToMicros(holding.sharesPct));
  return { sharesPct: microsToShares(shares), bookValue: sub(holding.bookValue, sum(disposals.map((d) => d.bookValue))) };
}

export interface DisposalCheck {
  field: 'sharesPct' | 'bookValue';
  zh: string;
  en: string;
}

/**
 * Partial disposals are allowed; never more shares or book value than is held. A disposal that
 * takes every share must take the whole remaining book value too (nothing is left on the books
 * of a holding that no longer exists). Returns the problems, empty when the disposal may go ahead.
 */
export function checkDisposal(remaining: HoldingBalance, d: DisposalAmounts): DisposalCheck[] {
  const problems: DisposalCheck[] = [];
  const held = sharesToMicros(remaining.sharesPct);
  const taken = sharesToMicros(d.sharesPct);
  if (taken <= 0n) problems.push({ field: 'sharesPct', zh: '处置的股权比例须大于 0', en: 'the shares disposed must be more than 0' });
  else if (taken > held) {
    problems.push({
      field: 'sharesPct',
      zh: `处置的股权比例 ${d.sharesPct}% 超过现持有的 ${remaining.sharesPct}%`,
      en: `cannot dispose of ${d.sharesPct}% of the shares: only ${remaining.sharesPct}% is held`,
    });
  }
  if (cmp(d.bookValue, remaining.bookValue) > 0) {
    problems.push({
      field: 'bookValue',
      zh: `处置的账面价值 ${toFen(d.bookValue)} 元超过现账面价值 ${remaining.bookValue} 元`,
      en: `cannot dispose of a book value of ${toFen(d.bookValue)} yuan: only ${remaining.bookValue} yuan is on the books`,
    });
  } else if (taken === held && taken > 0n && cmp(d.bookValue, remaining.bookValue) !== 0) {
    problems.push({
      field: 'bookValue',
      zh: `全部股权处置时，须同时处置全部账面价值 ${remaining.bookValue} 元`,
      en: `disposing of all remaining shares must take the whole remaining book value of ${remaining.bookValue} yuan`,
    });
  }
  return problems;
}

/** held | partly_disposed | disposed, from what remains. */
export function holdingStatus(original: HoldingBalance, remaining: HoldingBalance): HoldingStatus {
  if (sharesToMicros(remaining.sharesPct) === 0n) return 'disposed';
  return sharesToMicros(remaining.sharesPct) === sharesToMicros(original.sharesPct) ? 'held' : 'partly_disposed';
}

// ---------------------------------------------------------------------------------------------
// Value preservation (保值增值率)
// ---------------------------------------------------------------------------------------------

export interface PreservationHolding {
  id: string;
  companyName: string;
  bookValue: Money;
  acquiredOn: string;
  excludedFromPreservation: boolean;
  disposals: readonly { kind: DisposalKind; bookValue: Money; disposedOn: string }[];
}

export interface Figure {
  /** The value: money with two decimals, or a percentage such as "104.17" (meaning 104.17 %). */
  value: string | null;
  /** How it is computed, in words and symbols. */
  formula: string;
  formulaEn: string;
  /** The inputs by name, each a decimal string. */
  inputs: Record<string, string>;
}

export interface PreservationInput {
  from: string;
  to: string;
  openingEquity: Money;
  closingEquity: Money;
  holdings: readonly PreservationHolding[];
}

/** Book value of excluded equity held at the end of a day (acquisitions and disposals on or before it). */
function heldAt(h: PreservationHolding, day: string, inclusive: boolean): Money {
  const on = (d: string) => (inclusive ? d <= day : d < day);
  if (!on(h.acquiredOn)) return '0.00';
  return sub(h.bookValue, sum(h.disposals.filter((d) => on(d.disposedOn)).map((d) => d.bookValue)));
}

/** part / whole × 100, rounded half up to two decimals ("104.17"); null when the denominator is not positive. */
function percent(part: Money, whole: Money): string | null {
  if (isZero(whole) || cmp(whole, '0') < 0) return null;
  return toFen(ratioToPercent(ratioOf(part, whole, 4)));
}

/**
 * 保值增值率 = 期末所有者权益 / 期初所有者权益 × 100% (DOMAIN §3), computed twice:
 * - as the books stand (with the achievement-derived equity inside both figures);
 * - with the achievement-derived equity excluded from numerator and denominator: its book value
 *   held at the start of the period comes off the opening equity, its book value held at the end
 *   comes off the closing equity, and its write-offs (损失核销) in the period, which lowered the
 *   closing equity, are added back.
 * Only holdings marked excluded_from_preservation count as achievement-derived.
 */
export function preservationReport(input: PreservationInput) {
  const excluded = input.holdings.filter((h) => h.excludedFromPreservation);
  const openingExcluded = sum(excluded.map((h) => heldAt(h, input.from, false)));
  const closingExcluded = sum(excluded.map((h) => heldAt(h, input.to, true)));
  const writeOffs = sum(excluded.flatMap((h) => h.disposals.filter((d) => d.kind === 'write_off' && d.disposedOn >= input.from && d.disposedOn <= input.to).map((d) => d.bookValue)));
  const opening = toFen(input.openingEquity);
  const closing = toFen(input.closingEquity);
  const adjustedOpening = sub(opening, openingExcluded);
  const adjustedClosing = add(sub(closing, closingExcluded), writeOffs);

  const figures = {
    openingEquity: { value: opening, formula: '期初所有者权益（机构填报）', formulaEn: "opening owner's equity (as entered by the institution)", inputs: { openingEquity: opening } },
    closingEquity: { value: closing, formula: '期末所有者权益（机构填报）', formulaEn: "closing owner's equity (as entered by the institution)", inputs: { closingEquity: closing } },
    openingExcludedEquity: {
      value: openingExcluded,
      formula: `${input.from} 之前形成且尚未处置的作价入股股权账面价值合计`,
      formulaEn: `book value of achievement-derived equity held before ${input.from}`,
      inputs: Object.fromEntries(excluded.map((h) => [h.id, heldAt(h, input.from, false)])),
    },
    closingExcludedEquity: {
      value: closingExcluded,
      formula: `截至 ${input.to} 仍持有的作价入股股权账面价值合计`,
      formulaEn: `book value of achievement-derived equity held at the end of ${input.to}`,
      inputs: Object.fromEntries(excluded.map((h) => [h.id, heldAt(h, input.to, true)])),
    },
    excludedWriteOffs: {
      value: writeOffs,
      formula: `${input.from} 至 ${input.to} 作价入股股权损失核销的账面价值合计`,
      formulaEn: `book value of achievement-derived equity written off from ${input.from} to ${input.to}`,
      inputs: Object.fromEntries(excluded.map((h) => [h.id, sum(h.disposals.filter((d) => d.kind === 'write_off' && d.disposedOn >= input.from && d.disposedOn <= input.to).map((d) => d.bookValue))])),
    },
    adjustedOpeningEquity: {
      value: adjustedOpening,
      formula: '期初所有者权益 − 期初作价入股股权',
      formulaEn: "opening owner's equity − opening achievement-derived equity",
      inputs: { openingEquity: opening, openingExcludedEquity: openingExcluded },
    },
    adjustedClosingEquity: {
      value: adjustedClosing,
      formula: '期末所有者权益 − 期末作价入股股权 + 本期作价入股股权损失核销',
      formulaEn: "closing owner's equity − closing achievement-derived equity + its write-offs in the period",
      inputs: { closingEquity: closing, closingExcludedEquity: closingExcluded, excludedWriteOffs: writeOffs },
    },
    ratioAsBooked: {
      value: percent(closing, opening),
      formula: '保值增值率 = 期末所有者权益 / 期初所有者权益 × 100%',
      formulaEn: "preservation ratio = closing owner's equity / opening owner's equity × 100%",
      inputs: { closingEquity: closing, openingEquity: opening },
    },
    ratioExcludingAchievementEquity: {
      value: percent(adjustedClosing, adjustedOpening),
      formula: '保值增值率（剔除作价入股股权）= 调整后期末所有者权益 / 调整后期初所有者权益 × 100%',
      formulaEn: 'preservation ratio excluding achievement-derived equity = adjusted closing equity / adjusted opening equity × 100%',
      inputs: { adjustedClosingEquity: adjustedClosing, adjustedOpeningEquity: adjustedOpening },
    },
  } satisfies Record<string, Figure>;
  return { from: input.from, to: input.to, figures, excludedHoldings: excluded.length };
}
