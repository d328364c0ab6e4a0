import type { Locale } from '../../common/locale';
import { abs, type CurrencyCode, cmp, DEFAULT_CURRENCY, formatAmount, formatWan, formatYuan, type Money, MoneyInputError, parseMoneyInput } from '../../common/money';

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

/** How an amount is shown: in 元, in 万元, by the one rule (`auto`), or in 元 with 万元 alongside (`full`). */
export type MoneyUnit = 'auto' | 'yuan' | 'wan' | 'full';

export interface MoneyFormatOptions {
  /** `yuan` (default): "¥1,234,567.00"; `wan`: "123.46万元"; `auto`: 万元 from WAN_FROM up, else 元; `full`: 元 with 万元 alongside from WAN_FROM up. */
  unit?: MoneyUnit;
  /** ISO 4217 code; amounts in another currency than CNY are always shown in that currency's units. */
  currency?: CurrencyCode;
  /** Shown for null, undefined or ''. Default "—". */
  empty?: string;
}

/**
 * The one rule for 元 and 万元: amounts of one million 元 or more (either sign) read in 万元
 * ("123.46万元", en-US "CNY 1.23 million"), smaller ones in 元 ("¥480,000.00").
 */
export const WAN_FROM = '1000000';

/** Whether an amount reaches WAN_FROM (compared exactly, as decimal strings). */
export function isLargeAmount(amount: string): boolean {
  return cmp(abs(amount), WAN_FROM) >= 0;
}

/**
 * A money amount given as a decimal string, formatted from the string itself so that no
 * digit is lost to floating point. What is not a decimal string is shown as it came.
 */
export function formatMoney(amount: string | null | undefined, locale: Locale, options: MoneyFormatOptions = {}): string {
  if (amount === null || amount === undefined || amount.trim() === '') return options.empty ?? '—';
  const { unit = 'yuan', currency = DEFAULT_CURRENCY } = options;
  try {
    if (currency !== 'CNY') return formatAmount(amount, currency, locale);
    if (unit === 'yuan') return formatYuan(amount, locale);
    if (unit === 'wan') return formatWan(amount, locale);
    const large = isLargeAmount(amount);
    if (unit === 'auto') return large ? formatWan(amount, locale) : formatYuan(amount, locale);
    return large ? `${formatYuan(amount, locale)}${locale === 'zh-CN' ? '（' : ' ('}${formatWan(amount, locale)}${locale === 'zh-CN' ? '）' : ')'}` : formatYuan(amount, locale);
  } catch {
    return amount;
  }
}

/**
 * The hint beside a money input: what the typed text amounts to in the other unit, or null.
 * "12.5万" → "¥125,000.00"; "125000" → "12.50万元" (zh-CN, from 10,000 up); en-US from one
 * million up → "CNY 1.25 million". Text that cannot be read gives null.
 */
export function moneyHint(text: string | null | undefined, locale: Locale): string | null {
  const parsed = readMoney(text);
  if (parsed === null) return null;
  if (/万/.test(text ?? '')) return formatYuan(parsed, locale);
  const magnitude = abs(parsed);
  if (locale === 'zh-CN') return cmp(magnitude, '10000') >= 0 ? formatWan(parsed, locale) : null;
  return cmp(magnitude, WAN_FROM) >= 0 ? formatWan(parsed, locale) : null;
}

/** What a person typed as a Money string ("5万" → "50000.00", "1,234.5" → "1234.50"), or null when it cannot be read. */
export function readMoney(text: string | null | undefined): Money | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  try {
    return parseMoneyInput(text);
  } catch (e) {
    if (e instanceof MoneyInputError) return null;
    throw e;
  }
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
