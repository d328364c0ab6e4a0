import { endOfMonth, startOfMonth } from '../../../common/calendar';
import type { Locale } from '../../../common/locale';
import { cmp, formatPercent, isRatio, sum } from '../../../common/money';
import type { Completer, Floor, PolicyComparison, PolicyKey } from './service';

/**
 * Pure helpers of the distribution pages: the live 100% check of contribution shares, ratios as
 * percentages, the bureau's comparison as CSV, the default payroll period. No React, no I/O.
 */

/** The sum of the contribution shares as typed ("" counts as 0); null when one cannot be read. */
export function shareTotal(completers: ReadonlyArray<Pick<Completer, 'share'>>): string | null {
  const shares = completers.map((c) => (c.share ?? '').trim() || '0');
  if (shares.some((s) => !/^\d{1,3}(\.\d{1,2})?$/.test(s))) return null;
  return sum(['0', ...shares])
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1');
}

/** True when the shares sum to exactly 100. */
export function sharesComplete(completers: ReadonlyArray<Pick<Completer, 'share'>>): boolean {
  const total = shareTotal(completers);
  return total !== null && cmp(total, '100') === 0;
}

/** A policy value as people read it: ratios as percentages, years as a number. */
export function policyValue(value: string | number, locale: Locale): string {
  if (typeof value === 'number') return String(value);
  return isRatio(value) ? formatPercent(value, locale) : value;
}

/** The floor of a setting as people read it ("≥ 50%", "3–5"). */
export function floorText(floor: Floor | undefined, locale: Locale): string {
  if (!floor) return '—';
  if (typeof floor.min === 'number') return floor.max ? `${floor.min}–${floor.max}` : `≥ ${floor.min}`;
  return `≥ ${formatPercent(floor.min, locale)}`;
}

/** Whether a value sits strictly above its floor (the bureau's highlight). */
export function aboveFloor(floor: Floor | undefined, value: string | number): boolean {
  if (!floor) return false;
  if (typeof floor.min === 'number') return Number(value) > floor.min;
  return typeof value === 'string' && isRatio(value) && cmp(value, floor.min) > 0;
}

/** One CSV field, quoted when it needs to be (RFC 4180). */
function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The bureau's comparison as CSV (UTF-8 with a BOM so that Excel reads Chinese): one row per
 * institution, the floors in the second row, values as percentages, "*" after a value above its floor.
 */
export function comparisonCsv(
  data: PolicyComparison,
  headers: { institution: string; version: string; effectiveFrom: string; floor: string; statutory: string; keys: Record<PolicyKey, string> },
  keys: readonly PolicyKey[],
  locale: Locale,
): string {
  const rows: Array<Array<string | number>> = [];
  rows.push([headers.institution, headers.version, headers.effectiveFrom, ...keys.map((k) => headers.keys[k])]);
  rows.push([
    headers.floor,
    '',
    '',
    ...keys.map((k) =>
      floorText(
        data.floors.find((f) => f.key === k),
        locale,
      ),
    ),
  ]);
  for (const item of data.items) {
    rows.push([
      item.organisation.name,
      item.policy.statutory ? headers.statutory : item.policy.version,
      item.policy.effectiveFrom,
      ...keys.map((k) => `${policyValue(item.policy[k], locale)}${item.aboveFloor.includes(k) ? '*' : ''}`),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** This month of a business date: the payroll page's default period. */
export function monthOf(date: string): { from: string; to: string } {
  return { from: startOfMonth(date), to: endOfMonth(date) };
}

/** The explanation's inputs as "key: value" lines, with deduction keys ("tax:1:增值税") made readable. */
export function inputLines(inputs: Record<string, string>): Array<{ key: string; label: string; value: string }> {
  return Object.entries(inputs).map(([key, value]) => {
    const parts = key.split(':');
    return { key, label: parts.length === 3 ? parts[2]! : key, value };
  });
}
