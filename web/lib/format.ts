import type { Locale } from '../../common/locale';

/** Business time zone: instants are shown as Qingdao sees them, wherever the browser is. */
export const BUSINESS_TZ = 'Asia/Shanghai';

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant as `2026-11-28 10:00` (zh-CN) or `11/28/2026, 10:00` (en-US), in Asia/Shanghai. */
export function formatInstant(iso: string | null | undefined, locale: Locale, withTime = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const cacheKey = `${locale}|${withTime}`;
  let fmt = instantFormats.get(cacheKey);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(locale, {
      timeZone: BUSINESS_TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    instantFormats.set(cacheKey, fmt);
  }
  return fmt.format(date);
}

/** Today's business date (YYYY-MM-DD) in Asia/Shanghai. */
export function businessToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A money amount given as a decimal string, formatted from the string itself so that no
 * digit is lost to floating point (Intl.NumberFormat accepts decimal strings exactly).
 */
export function formatMoney(amount: string, locale: Locale, currency = 'CNY'): string {
  // The string overload of format() is exact; the DOM typings only declare number | bigint.
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency }).format as (value: string) => string;
  return format(amount);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
