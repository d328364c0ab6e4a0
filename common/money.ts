/**
 * Money as decimal strings ("12345.67"), never JavaScript floats.
 *
 * Every result is rounded once, half up on the magnitude (四舍五入, "-0.005" → "-0.01"),
 * to the fen and carries exactly two decimals. Intermediate arithmetic is exact (40
 * significant digits is far beyond NUMERIC(18,2) times any ratio we use).
 * Pure and I/O-free: used by the server and by the web app.
 */
import Decimal from 'decimal.js';
import type { Locale } from './locale.js';

// A private clone so that nobody else's Decimal.set() can change our rounding.
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;

/** A money amount as a decimal string with two decimals, e.g. "12345.67". */
export type Money = string;
/** A ratio as a decimal string, e.g. "0.035" for 3.5 %. */
export type Ratio = string;
/** An ISO 4217 currency code such as "CNY" or "USD". */
export type CurrencyCode = string;

export const DEFAULT_CURRENCY: CurrencyCode = 'CNY';

/**
 * API validation for an amount: optional minus, 1–16 integer digits without leading
 * zeros (fits NUMERIC(18,2)), optionally a point and 1–2 decimals.
 */
export const MONEY_PATTERN = /^-?(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/;

/** API validation for a ratio in [0, 1] with up to 6 decimals ("0.035", "1", "0.5"). */
export const RATIO_PATTERN = /^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/;

/** Operands may carry more decimals (ratios, NUMERIC values) but must be plain decimal notation. */
const DECIMAL_OPERAND = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function isMoney(s: unknown): s is Money {
  return typeof s === 'string' && MONEY_PATTERN.test(s);
}

/** True for a ratio string in [0, 1] (see RATIO_PATTERN). */
export function isRatio(s: unknown): s is Ratio {
  return typeof s === 'string' && RATIO_PATTERN.test(s);
}

function dec(x: string, what = 'amount'): Dec {
  // Refuse numbers at run time too: a float that reached here has already lost precision.
  if (typeof x !== 'string' || !DECIMAL_OPERAND.test(x.trim())) {
    throw new TypeError(`Invalid ${what}: ${JSON.stringify(x)} is not a decimal string`);
  }
  return new Dec(x.trim());
}

function fen(d: Dec): Money {
  const s = d.toFixed(2, Dec.ROUND_HALF_UP);
  // decimal.js keeps the sign of zero ("-0.00"); money has no negative zero.
  return s === '-0.00' ? '0.00' : s;
}

/** Rounds to the fen, half up on the magnitude: "0.005" → "0.01", "-0.005" → "-0.01". */
export function toFen(x: string): Money {
  return fen(dec(x));
}

/** Exact sum of any number of amounts, rounded once to the fen. `add()` is "0.00". */
export function add(...xs: string[]): Money {
  return sum(xs);
}

/** Exact sum of a list, rounded once to the fen. */
export function sum(list: readonly string[]): Money {
  let total = new Dec(0);
  for (const x of list) total = total.plus(dec(x));
  return fen(total);
}

export function sub(a: string, b: string): Money {
  return fen(dec(a).minus(dec(b)));
}

/** Multiplies by a factor, which may be a ratio string ("0.035") or a quantity. */
export function mul(a: string, factor: string): Money {
  return fen(dec(a).times(dec(factor, 'factor')));
}

/** Divides by a non-zero divisor. To split a total into parts that add up, use splitByWeights. */
export function div(a: string, divisor: string): Money {
  const d = dec(divisor, 'divisor');
  if (d.isZero()) throw new RangeError('Division by zero');
  return fen(dec(a).div(d));
}

/** The amount's share at a ratio (e.g. a 3.5 % fee: percentOf("10000", "0.035") = "350.00"). */
export function percentOf(amount: string, ratio: Ratio): Money {
  return mul(amount, ratio);
}

export function negate(a: string): Money {
  return fen(dec(a).negated());
}

export function abs(a: string): Money {
  return fen(dec(a).abs());
}

/** Compares exact values: -1 if a < b, 0 if equal, 1 if a > b ("1.5" equals "1.50"). */
export function cmp(a: string, b: string): -1 | 0 | 1 {
  return dec(a).comparedTo(dec(b)) as -1 | 0 | 1;
}

export function eq(a: string, b: string): boolean {
  return cmp(a, b) === 0;
}

export function isZero(a: string): boolean {
  return dec(a).isZero();
}

/** True below zero ("-0.00" is not negative). */
export function isNegative(a: string): boolean {
  return dec(a).lt(0);
}

export function isPositive(a: string): boolean {
  return dec(a).gt(0);
}

/** The largest amount, rounded to the fen; throws on an empty list. */
export function max(...xs: string[]): Money {
  if (xs.length === 0) throw new RangeError('max() needs at least one amount');
  return fen(Dec.max(...xs.map((x) => dec(x))));
}

/** The smallest amount, rounded to the fen; throws on an empty list. */
export function min(...xs: string[]): Money {
  if (xs.length === 0) throw new RangeError('min() needs at least one amount');
  return fen(Dec.min(...xs.map((x) => dec(x))));
}

// ---------------------------------------------------------------------------
// Splitting a total exactly (rewards among inventors, instalments, shares).

/** Parses a plain decimal string into an integer scaled by 10^scale (exact, via BigInt). */
function scaledBigInt(x: string, scale: number): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(x.trim());
  if (!m) throw new TypeError(`Invalid decimal: ${JSON.stringify(x)}`);
  const [, sign, int = '', frac = ''] = m;
  const digits = `${int || '0'}${frac.padEnd(scale, '0')}`;
  const value = BigInt(digits);
  return sign === '-' ? -value : value;
}

function decimalsOf(x: string): number {
  const point = x.indexOf('.');
  return point < 0 ? 0 : x.length - point - 1;
}

/** Whole fen of an amount, exact (for hot loops such as schedules and allocation). */
export function moneyToFen(x: Money): bigint {
  if (!MONEY_PATTERN.test(x)) throw new TypeError(`Invalid amount: ${JSON.stringify(x)}`);
  return scaledBigInt(x, 2);
}

/** fen × ratio, rounded half up (away from zero) to the fen, exact. */
export function fenTimesRatio(f: bigint, ratio: Ratio): bigint {
  if (!RATIO_PATTERN.test(ratio)) throw new TypeError(`Invalid ratio: ${JSON.stringify(ratio)}`);
  const product = (f < 0n ? -f : f) * scaledBigInt(ratio, 6);
  const rounded = (product + 500_000n) / 1_000_000n;
  return f < 0n ? -rounded : rounded;
}

/** The smaller / larger of two fen amounts (Math.min and Math.max do not take BigInt). */
export const minFen = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxFen = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** Whole fen back to a decimal string: 12345n → "123.45". */
export function fenToMoney(f: bigint): Money {
  const negative = f < 0n;
  const digits = (negative ? -f : f).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Splits a total into whole-fen parts proportional to the weights, by largest remainder
 * (Hamilton): each part is the floor of its exact share, and the fen left over go one each
 * to the largest fractional remainders (ties to the earlier index). The parts always sum
 * exactly to the total (rounded to the fen first) and each is within one fen of its exact
 * share. A negative total is split like its magnitude and negated. Weights are
 * non-negative decimal strings ("3", "0.35"); zero weights get "0.00".
 */
export function splitByWeights(total: string, weights: readonly string[]): Money[] {
  if (weights.length === 0) throw new RangeError('splitByWeights needs at least one weight');
  for (const w of weights) {
    if (typeof w !== 'string' || !DECIMAL_OPERAND.test(w.trim())) {
      throw new TypeError(`Invalid weight: ${JSON.stringify(w)} is not a decimal string`);
    }
  }
  const scale = Math.max(...weights.map((w) => decimalsOf(w.trim())));
  const ws = weights.map((w) => scaledBigInt(w, scale));
  if (ws.some((w) => w < 0n)) throw new RangeError('splitByWeights: weights must not be negative');
  const weightSum = ws.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new RangeError('splitByWeights: weights must not all be zero');

  const totalFen = scaledBigInt(toFen(total), 2);
  const sign = totalFen < 0n ? -1n : 1n;
  const magnitude = totalFen * sign;

  // Integer arithmetic throughout: share_i = magnitude * w_i / weightSum, exactly.
  const parts = ws.map((w) => (magnitude * w) / weightSum);
  const remainders = ws.map((w) => (magnitude * w) % weightSum);
  let leftover = magnitude - parts.reduce((a, b) => a + b, 0n);
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (leftover === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((p) => fenToMoney(p * sign));
}

/** Splits a total into n parts that differ by at most one fen; earlier parts take the extra fen. */
export function splitEvenly(total: string, n: number): Money[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`splitEvenly: n must be a positive integer, got ${n}`);
  return splitByWeights(
    total,
    Array.from({ length: n }, () => '1'),
  );
}

// ---------------------------------------------------------------------------
// Ratios (percentages kept as decimal strings, "0.035" = 3.5 %).

/** "3.5" (percent) → "0.035" (ratio), exact. */
export function percentToRatio(percent: string): Ratio {
  return plain(dec(percent, 'percent').div(100));
}

/** "0.035" (ratio) → "3.5" (percent), exact. */
export function ratioToPercent(ratio: Ratio): string {
  return plain(dec(ratio, 'ratio').times(100));
}

/** part / whole as a ratio rounded half up to `decimals` places (default 6); whole must not be zero. */
export function ratioOf(part: string, whole: string, decimals = 6): Ratio {
  const w = dec(whole);
  if (w.isZero()) throw new RangeError('ratioOf: whole must not be zero');
  return plain(dec(part).div(w).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP));
}

/** Plain notation without trailing zeros, never exponent notation ("0.0350" → "0.035"). */
function plain(d: Dec): string {
  const s = d.toFixed();
  const trimmed = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return trimmed === '-0' ? '0' : trimmed;
}

/** "0.035" → "3.5%" (zh-CN and en-US alike), formatted from the string. */
export function formatPercent(ratio: Ratio, locale: Locale = 'zh-CN', maxFractionDigits = 2): string {
  const nf = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: maxFractionDigits });
  return nf.format(asNumericLiteral(plain(dec(ratio, 'ratio'))));
}

// ---------------------------------------------------------------------------
// Display. Intl.NumberFormat formats decimal strings exactly (Number(x) would not
// past 2^53), so we hand it the string.

function asNumericLiteral(s: string): `${number}` {
  return s as `${number}`;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    formatters.set(key, nf);
  }
  return nf;
}

/** "12345.67" → "¥12,345.67" (zh-CN) or "CN¥12,345.67" (en-US). */
export function formatYuan(x: string, locale: Locale = 'zh-CN'): string {
  return formatAmount(x, 'CNY', locale);
}

/** An amount in any currency with that currency's usual decimals, e.g. "US$1,000.00" in zh-CN. */
export function formatAmount(x: string, currency: CurrencyCode = DEFAULT_CURRENCY, locale: Locale = 'zh-CN'): string {
  return numberFormat(locale, { style: 'currency', currency }).format(asNumericLiteral(toFen(x)));
}

const TEN_THOUSAND = new Dec(10_000);
const ONE_MILLION = new Dec(1_000_000);

/**
 * Large amounts as Chinese readers expect them.
 * zh-CN: in 万元 with two decimals and no space, "12345678.9" → "1,234.57万元".
 * en-US: 万 has no English unit, so we do not invent "× 10k": amounts of one million or
 * more read "CNY 12.35 million", smaller ones "CNY 12,345.67".
 * Rounding is half up to the shown digit.
 */
export function formatWan(x: string, locale: Locale = 'zh-CN'): string {
  const d = dec(x);
  const twoDecimals = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (locale === 'zh-CN') return `${twoDecimals.format(asNumericLiteral(fen(d.div(TEN_THOUSAND))))}万元`;
  if (d.abs().gte(ONE_MILLION)) return `CNY ${twoDecimals.format(asNumericLiteral(fen(d.div(ONE_MILLION))))} million`;
  return `CNY ${twoDecimals.format(asNumericLiteral(fen(d)))}`;
}

// ---------------------------------------------------------------------------
// Parsing what people type.

export type MoneyInputErrorReason = 'empty' | 'format' | 'precision' | 'range';

/** Thrown by parseMoneyInput; `reason` lets the UI pick a localised message. */
export class MoneyInputError extends Error {
  constructor(
    readonly reason: MoneyInputErrorReason,
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyInputError';
  }
}

/** Full-width ASCII (ＡＢＣ１２３．，) → half-width; ideographic space → space. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Parses an amount a person typed into a Money string: "1,234.5" → "1234.50",
 * "１２３４．５元" → "1234.50", "¥1,000" → "1000.00", "12.5万元" or "12.5万" → "125000.00".
 * Thousands separators must be in groups of three (so "1,5" is refused rather than read
 * as 15); at most two decimals after converting from 万元. Throws MoneyInputError.
 */
export function parseMoneyInput(input: string): Money {
  const raw = String(input);
  let s = toHalfWidth(raw)
    .replace(/\s+/g, '')
    .replace(/^[¥￥]/, '');
  if (s === '') throw new MoneyInputError('empty', raw, 'Amount is empty');
  let unit = 1;
  if (s.endsWith('万元') || s.endsWith('万')) {
    unit = 10_000;
    s = s.replace(/万元?$/, '');
  } else if (s.endsWith('元')) {
    s = s.slice(0, -1);
  }
  s = s.replace(/^([+-]?)[¥￥]/, '$1');
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) {
    throw new MoneyInputError('format', raw, `Not an amount: ${JSON.stringify(raw)} (expected e.g. 1,234.56 or 12.5万元)`);
  }
  const value = new Dec(s.replace(/,/g, '')).times(unit);
  if (value.decimalPlaces() > 2) {
    throw new MoneyInputError('precision', raw, `Too many decimals in ${JSON.stringify(raw)}: amounts are in whole fen (0.01)`);
  }
  const result = fen(value);
  if (!MONEY_PATTERN.test(result)) {
    throw new MoneyInputError('range', raw, `Amount out of range: ${JSON.stringify(raw)} (at most 16 integer digits)`);
  }
  return result;
}
