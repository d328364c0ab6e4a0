/**
 * Business dates ('YYYY-MM-DD' in Asia/Shanghai) and the Chinese working-day calendar.
 *
 * Date arithmetic works on day numbers in UTC, so results never depend on the machine's
 * time zone. Working days come from the `chinese-days` package (official State Council
 * arrangements including adjusted working days, 调休), overridden by administrator rows.
 * Pure and I/O-free: used by the server and by the web app.
 */
// We read the package's published data file rather than calling its functions: its
// functions (and the tables they build at load time) parse 'YYYY-M-D' as UTC midnight and
// read local-time fields, so in any time zone west of UTC (a browser abroad) every holiday
// lands one day early. The JSON was generated once, correctly, and is identical to what
// the functions return under UTC for 2004–2026. It also keeps the lunar-calendar code
// out of the web bundle.
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Locale } from './locale.js';

export const BUSINESS_TZ = 'Asia/Shanghai';

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export type BusinessDate = string;

export const BUSINESS_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const MS_PER_DAY = 86_400_000;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** True for a real calendar date in 'YYYY-MM-DD' form ("2026-02-30" is false). */
export function isBusinessDate(s: unknown): s is BusinessDate {
  if (typeof s !== 'string') return false;
  const m = BUSINESS_DATE_PATTERN.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

// Schedules parse the same few thousand dates over and over; remember the parsed ones.
const PARSED = new Map<string, Ymd>();
const PARSED_MAX = 50_000;

function parse(s: BusinessDate): Ymd {
  const hit = PARSED.get(s);
  if (hit) return hit;
  if (!isBusinessDate(s)) throw new RangeError(`Not a business date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const ymd = Object.freeze({ y, m, d });
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(s, ymd);
  return ymd;
}

function format({ y, m, d }: Ymd): BusinessDate {
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01; setUTCFullYear avoids Date.UTC's 0–99 → 1900s quirk. */
function toDayNumber({ y, m, d }: Ymd): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / MS_PER_DAY);
}

function fromDayNumber(n: number): Ymd {
  const t = new Date(n * MS_PER_DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function assertInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

const shanghaiParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TZ,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Shanghai calendar date of an instant: 2025-01-31T16:30Z → "2025-02-01". */
export function businessDateOf(instant: Date): BusinessDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const parts = shanghaiParts.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return format({ y: get('year'), m: get('month'), d: get('day') });
}

/**
 * The instant a business date begins in Shanghai (for timestamptz range queries).
 * China has kept UTC+8 without daylight saving since 1991.
 */
export function startOfBusinessDate(d: BusinessDate): Date {
  parse(d);
  return new Date(`${d}T00:00:00+08:00`);
}

export function addDays(d: BusinessDate, n: number): BusinessDate {
  assertInteger(n, 'addDays: n');
  return format(fromDayNumber(toDayNumber(parse(d)) + n));
}

/** Adds calendar months, clamping to the month's end: 2026-01-31 + 1 month = 2026-02-28. */
export function addMonths(d: BusinessDate, n: number): BusinessDate {
  assertInteger(n, 'addMonths: n');
  const { y, m, d: day } = parse(d);
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format({ y: ty, m: tm, d: Math.min(day, daysInMonth(ty, tm)) });
}

/** Adds years, clamping 29 February to the 28th in common years. */
export function addYears(d: BusinessDate, n: number): BusinessDate {
  assertInteger(n, 'addYears: n');
  return addMonths(d, n * 12);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function diffDays(from: BusinessDate, to: BusinessDate): number {
  return toDayNumber(parse(to)) - toDayNumber(parse(from));
}

export function compareDates(a: BusinessDate, b: BusinessDate): -1 | 0 | 1 {
  // Valid YYYY-MM-DD strings order like the dates they name.
  parse(a);
  parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function startOfMonth(d: BusinessDate): BusinessDate {
  const { y, m } = parse(d);
  return format({ y, m, d: 1 });
}

export function endOfMonth(d: BusinessDate): BusinessDate {
  const { y, m } = parse(d);
  return format({ y, m, d: daysInMonth(y, m) });
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: BusinessDate): number {
  return new Date(toDayNumber(parse(d)) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(d: BusinessDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

const dateFormatters: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  'en-US': new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
};

/** zh-CN "2026年11月28日", en-US "28 Nov 2026" (day first, unambiguous in both readings). */
export function formatBusinessDate(d: BusinessDate, locale: Locale = 'zh-CN'): string {
  const at = new Date(toDayNumber(parse(d)) * MS_PER_DAY);
  const formatter = dateFormatters[locale] ?? dateFormatters['zh-CN'];
  if (locale === 'zh-CN') return formatter.format(at);
  const parts = formatter.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')}`;
}

// ---------------------------------------------------------------------------
// Working days.

/** An administrator-maintained row: a holiday or working day that wins over the package. */
export interface WorkdayOverride {
  day: BusinessDate;
  isWorkday: boolean;
  name: string;
  nameEn?: string;
}

export type WorkdaySource = 'override' | 'official' | 'weekend-rule';
/**
 * workday: an ordinary Monday–Friday; weekend: Saturday/Sunday off;
 * holiday: a public holiday (or override) off; adjusted-workday: a weekend day worked (调休上班).
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export interface DayInfo {
  day: BusinessDate;
  isWorkday: boolean;
  kind: DayKind;
  /** Holiday name in Chinese, e.g. "国庆节" (also on its adjusted working days); '' for ordinary days. */
  name: string;
  /** English holiday name where the source has one; '' otherwise. */
  nameEn: string;
  /** Where the answer comes from; 'weekend-rule' means no holiday data for that year. */
  source: WorkdaySource;
}

export interface WorkdayCalendar {
  isWorkday(d: BusinessDate): boolean;
  /** d itself when it is a working day, else the next working day. */
  nextWorkday(d: BusinessDate): BusinessDate;
  /** Same as nextWorkday: a due date on a non-working day rolls forward. */
  rollToWorkday(d: BusinessDate): BusinessDate;
  /** n > 0: the n-th working day after d; n < 0: the |n|-th before d; 0: rollToWorkday(d). */
  addWorkdays(d: BusinessDate, n: number): BusinessDate;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  workdaysBetween(from: BusinessDate, to: BusinessDate): number;
  dayInfo(d: BusinessDate): DayInfo;
  /** True when the package has official data for the year or overrides cover it. */
  knowsYear(year: number): boolean;
  /** True only when the package itself has official data for the year. */
  hasOfficialYear(year: number): boolean;
}

/** Official days keyed 'YYYY-MM-DD', valued "English,中文,days" (e.g. "National Day,国庆节,3"). */
interface ChineseDaysTables {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const OFFICIAL: ChineseDaysTables = chineseDaysData;

/** Holiday names from the official tables, or undefined for a day they do not list. */
function officialHoliday(d: BusinessDate): { name: string; nameEn: string; isWorkday: boolean } | undefined {
  const worked = OFFICIAL.workdays[d];
  const label = worked ?? OFFICIAL.holidays[d];
  if (label === undefined) return undefined;
  const [nameEn = '', name = ''] = label.split(',');
  return { name, nameEn, isWorkday: worked !== undefined };
}

/** Years with at least one listed holiday or adjusted working day. */
const OFFICIAL_YEARS: ReadonlySet<number> = new Set([...Object.keys(OFFICIAL.holidays), ...Object.keys(OFFICIAL.workdays)].map((d) => Number(d.slice(0, 4))));

/** The years the installed chinese-days version has official data for (2004–2026 in 1.5.7). */
export function officialCalendarYears(): number[] {
  return [...OFFICIAL_YEARS].sort((a, b) => a - b);
}

function packageKnowsYear(year: number): boolean {
  return OFFICIAL_YEARS.has(year);
}

/**
 * A working-day calendar: overrides first, then the package's official data, then (for
 * years the package does not know) the plain weekend rule, reported as such so the UI can
 * ask an administrator to enter that year's holidays.
 */
export function createWorkdayCalendar(overrides: readonly WorkdayOverride[] = []): WorkdayCalendar {
  const byDay = new Map<BusinessDate, WorkdayOverride>();
  const overrideYears = new Set<number>();
  for (const o of overrides) {
    const { y } = parse(o.day);
    if (byDay.has(o.day)) throw new RangeError(`Duplicate working-day override for ${o.day}`);
    byDay.set(o.day, o);
    overrideYears.add(y);
  }

  function dayInfo(d: BusinessDate): DayInfo {
    const ymd = parse(d);
    const weekend = isWeekend(d);
    const override = byDay.get(d);
    if (override) {
      const kind: DayKind = override.isWorkday ? (weekend ? 'adjusted-workday' : 'workday') : 'holiday';
      return {
        day: d,
        isWorkday: override.isWorkday,
        kind,
        name: override.name,
        nameEn: override.nameEn ?? '',
        source: 'override',
      };
    }
    if (!packageKnowsYear(ymd.y)) {
      return { day: d, isWorkday: !weekend, kind: weekend ? 'weekend' : 'workday', name: '', nameEn: '', source: 'weekend-rule' };
    }
    const holiday = officialHoliday(d);
    if (holiday) {
      return {
        day: d,
        isWorkday: holiday.isWorkday,
        kind: holiday.isWorkday ? (weekend ? 'adjusted-workday' : 'workday') : 'holiday',
        name: holiday.name,
        nameEn: holiday.nameEn,
        source: 'official',
      };
    }
    return { day: d, isWorkday: !weekend, kind: weekend ? 'weekend' : 'workday', name: '', nameEn: '', source: 'official' };
  }

  const isWorkday = (d: BusinessDate) => dayInfo(d).isWorkday;

  function nextWorkday(d: BusinessDate): BusinessDate {
    let day = d;
    while (!isWorkday(day)) day = addDays(day, 1);
    return day;
  }

  function addWorkdays(d: BusinessDate, n: number): BusinessDate {
    assertInteger(n, 'addWorkdays: n');
    if (n === 0) return nextWorkday(d);
    const step = n > 0 ? 1 : -1;
    let day = d;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (isWorkday(day)) left--;
    }
    return day;
  }

  function workdaysBetween(from: BusinessDate, to: BusinessDate): number {
    const span = diffDays(from, to);
    const [start, days, sign] = span >= 0 ? [from, span, 1] : [to, -span, -1];
    let count = 0;
    for (let i = 1; i <= days; i++) if (isWorkday(addDays(start, i))) count++;
    return count === 0 ? 0 : sign * count;
  }

  return {
    isWorkday,
    nextWorkday,
    rollToWorkday: nextWorkday,
    addWorkdays,
    workdaysBetween,
    dayInfo,
    knowsYear: (year) => packageKnowsYear(year) || overrideYears.has(year),
    hasOfficialYear: (year) => packageKnowsYear(year),
  };
}

/** The calendar with the package's official data only (no administrator overrides). */
export const officialWorkdayCalendar: WorkdayCalendar = createWorkdayCalendar();

/** A due date on a non-working day rolls to the next Chinese working day (调休 included). */
export function rollToWorkday(d: BusinessDate, calendar: WorkdayCalendar = officialWorkdayCalendar): BusinessDate {
  return calendar.rollToWorkday(d);
}
