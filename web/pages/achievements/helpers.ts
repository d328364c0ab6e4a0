import { SHARE_PATTERN, shareHundredths } from '../../../common/achievements';
import type { Locale } from '../../../common/locale';

/**
 * Pure helpers of the achievements pages (成果台账): no React, no antd, so that vitest can
 * check them (helpers.test.ts).
 */

/** A label pair from common/achievements.ts in the page's language. */
export function labelOf(pair: { zh: string; en: string } | undefined, locale: Locale, fallback = ''): string {
  if (!pair) return fallback;
  return locale === 'zh-CN' ? pair.zh : pair.en;
}

export interface ShareTotal {
  /** The total in hundredths of a percent (10 000 = 100 %), counting only well-formed shares. */
  hundredths: number;
  /** The total as text, e.g. "100" or "99.5". */
  text: string;
  /** Every share is a positive percentage with at most two decimals. */
  allValid: boolean;
  /** Every share valid and the total exactly 100 %. */
  ok: boolean;
}

/** The running total of completers' contribution shares (exact, no floating point). */
export function shareTotal(shares: ReadonlyArray<string | number | null | undefined>): ShareTotal {
  let hundredths = 0;
  let allValid = shares.length > 0;
  for (const raw of shares) {
    const s = raw === null || raw === undefined ? '' : String(raw).trim();
    if (!SHARE_PATTERN.test(s) || shareHundredths(s) <= 0) {
      allValid = false;
      continue;
    }
    hundredths += shareHundredths(s);
  }
  return { hundredths, text: hundredthsText(hundredths), allValid, ok: allValid && hundredths === 10_000 };
}

/** 9950 → "99.5"; 10000 → "100". */
export function hundredthsText(h: number): string {
  const whole = Math.trunc(h / 100);
  const frac = String(h % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** A piece of a search headline: plain text, or a match the server wrapped in 【】. */
export interface HeadlinePart {
  text: string;
  match: boolean;
}

/** Splits the API's `headline` ("…采用【溶解氧】传感…") into plain and matched parts. */
export function parseHeadline(headline: string | null | undefined): HeadlinePart[] {
  if (!headline) return [];
  const parts: HeadlinePart[] = [];
  const re = /【([^【】]*)】/g;
  let last = 0;
  for (let m = re.exec(headline); m; m = re.exec(headline)) {
    if (m.index > last) parts.push({ text: headline.slice(last, m.index), match: false });
    if (m[1]) parts.push({ text: m[1], match: true });
    last = m.index + m[0].length;
  }
  if (last < headline.length) parts.push({ text: headline.slice(last), match: false });
  return parts;
}

/** The ledger's filters as the list and export routes take them. */
export interface LedgerFilters {
  q?: string;
  fieldCode?: string;
  status?: string[];
  ipType?: string;
  visibility?: string;
  trlMin?: number;
  trlMax?: number;
  from?: string;
  to?: string;
}

/** Filters → URL query pairs (repeated `status`), leaving out empty values. */
export function filterParams(filters: LedgerFilters): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) out.push([key, String(v)]);
    else out.push([key, String(value)]);
  }
  return out;
}

/** `/api/v1/orgs/{orgId}/achievements/export?format=…` with the current filters. */
export function exportUrl(orgId: string, format: 'xlsx' | 'jsonl', filters: LedgerFilters): string {
  const params = new URLSearchParams([['format', format], ...filterParams(filters)]);
  return `/api/v1/orgs/${orgId}/achievements/export?${params.toString()}`;
}

/** A saved filter's query back into filters (values the server stored as strings or arrays). */
export function filtersFromQuery(query: Record<string, unknown>): LedgerFilters {
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const num = (v: unknown) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v ? Number(v) : Number.NaN;
    return Number.isInteger(n) ? n : undefined;
  };
  const status = Array.isArray(query.status) ? query.status.map(String) : str(query.status) ? [String(query.status)] : undefined;
  return {
    q: str(query.q),
    fieldCode: str(query.fieldCode),
    status: status?.length ? status : undefined,
    ipType: str(query.ipType),
    visibility: str(query.visibility),
    trlMin: num(query.trlMin),
    trlMax: num(query.trlMax),
    from: str(query.from),
    to: str(query.to),
  };
}

/** Filters → the JSON a saved filter stores (strings, numbers and string arrays only). */
export function filtersToQuery(filters: LedgerFilters): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value as string | number | string[];
  }
  return out;
}

/** Adds whole days to a business date (YYYY-MM-DD), in UTC arithmetic so no time zone shifts it. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from start to end, both counted (2026-01-01 → 2026-01-15 is 15). */
export function daysInclusive(start: string, end: string): number {
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

/** The file format of an import, from its name; null for anything else. */
export function importFormatOf(filename: string): 'xlsx' | 'jsonl' | null {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

/** Import statuses after which polling stops. */
export const IMPORT_FINISHED = ['completed', 'failed', 'rejected'] as const;

export function isImportFinished(status: string): boolean {
  return (IMPORT_FINISHED as readonly string[]).includes(status);
}

/** Progress of an import in whole percent (0 when the total is not known yet). */
export function importPercent(processed: number, total: number): number {
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((processed / total) * 100)));
}

/** Keywords typed as one line ("溶解氧，网箱；传感器") → distinct trimmed tags (spaces stay: "deep sea"). */
export function splitKeywords(input: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of input) {
    for (const word of item.split(/[,，;；、]+/)) {
      const w = word.trim();
      if (w && !out.includes(w)) out.push(w);
    }
  }
  return out;
}

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * An ISO instant as Qingdao sees it (Asia/Shanghai), in the ledger's fixed form:
 * `2026-11-29` or, with the time, `2026-11-29 20:23`; '' when absent.
 */
export function shanghaiDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(SHANGHAI_PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return withTime ? `${day} ${parts.hour}:${parts.minute}` : day;
}
