import type { TRANSFORMATION_MODES, TRANSFORMATION_STATUSES } from '../../../common/achievements.js';
import { isBusinessDate } from '../../../common/calendar.js';
import { MONEY_PATTERN } from '../../../common/money.js';
import type { AchievementContentInput } from '../../../common/api/achievements.js';

/**
 * The columns of the 台账 exchange (Chinese headers, camelCase keys) and how one cell's value is
 * read: text, lists, money, dates, completers, readiness levels. Pure: no I/O, no clock. The keys
 * and columns are documented in docs/achievements-exchange.md.
 */

/** What an import row carries: the content (validated by AchievementContent) and the ledger facts around it. */
export interface ImportRecord {
  content: AchievementContentInput;
  /** 成果编号 of the file: used to recognise rows already in the ledger, never reused as the number. */
  number: string | null;
  visibility: 'internal' | 'confidential' | 'public' | null;
  disclosedOn: string | null;
  transformationStatus: (typeof TRANSFORMATION_STATUSES)[number];
  transformationMode: (typeof TRANSFORMATION_MODES)[number] | null;
  contractAmount: string;
  receivedAmount: string;
  techContractRegNo: string;
  ownershipUnitPct: string;
}

/** One problem of one row: the row (spreadsheet row or line number; null for the file), the column or key, the reason in both languages. */
export interface RowIssue {
  row: number | null;
  column: string | null;
  zh: string;
  en: string;
  /** error: the row cannot be imported; warning: imported (or skipped) with a note. */
  level: 'error' | 'warning';
}

export interface RowContext {
  /** The target organisation's credit code: a 单位统一社会信用代码 column must name it. */
  orgCreditCode: string;
  /** Today in Asia/Shanghai (YYYY-MM-DD): dates may not lie after it. */
  today: string;
}

/** Excel itself stops at 32,767 characters a cell; anything over 32 KiB is refused per cell. */
export const MAX_CELL_BYTES = 32 * 1024;

export type CellValue = string | number | boolean | Date | null | undefined;

/** What the spreadsheet reader leaves of a cell over 32 KB: its size, never its text. */
const OVERSIZE_PREFIX = '\uf8ffkeqiao-oversize:';
export const oversizeMarker = (bytes: number) => `${OVERSIZE_PREFIX}${bytes}`;

/** The size of a value in UTF-8 bytes (a dropped cell's size as the reader recorded it). */
export function byteSize(v: unknown): number {
  if (typeof v === 'string') return v.startsWith(OVERSIZE_PREFIX) ? Number(v.slice(OVERSIZE_PREFIX.length)) : Buffer.byteLength(v);
  if (v != null && typeof v === 'object' && !(v instanceof Date)) return Buffer.byteLength(JSON.stringify(v));
  return 0;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, zh, en });

/** A field of the exchange: its JSON key, its column header (with the spellings offices use), how to read and write it. */
interface Column {
  key: string;
  header: string;
  aliases?: readonly string[];
  /** Shown in exports, ignored on import (derived or set by the office's later steps). */
  exportOnly?: boolean;
  required?: boolean;
  width?: number;
}

export const COLUMNS: readonly Column[] = [
  { key: 'number', header: '成果编号', aliases: ['编号', '序号编号'], width: 16 },
  { key: 'title', header: '成果名称', aliases: ['名称', '项目名称'], required: true, width: 36 },
  { key: 'titleEn', header: '英文名称', width: 30 },
  { key: 'summary', header: '成果简介', aliases: ['简介', '摘要', '成果摘要'], width: 50 },
  { key: 'summaryEn', header: '英文简介', width: 30 },
  { key: 'problem', header: '解决的问题', width: 30 },
  { key: 'benefit', header: '技术优势', width: 30 },
  { key: 'keywords', header: '关键词', width: 20 },
  { key: 'fieldCode', header: '技术领域', aliases: ['领域', '所属领域'], required: true, width: 16 },
  { key: 'subfieldCode', header: '子领域', aliases: ['细分领域'], width: 16 },
  { key: 'ipType', header: '知识产权类型', aliases: ['成果类型', '知识产权形式'], required: true, width: 14 },
  { key: 'ipNumbers', header: '专利号/登记号', aliases: ['专利号', '登记号', '申请号', '专利号／登记号'], width: 22 },
  { key: 'ipStatus', header: '知识产权状态', aliases: ['法律状态'], width: 12 },
  { key: 'authorised', header: '是否已授权', aliases: ['是否授权', '已授权'], width: 10 },
  { key: 'sourceProject', header: '来源项目', aliases: ['项目来源', '依托项目'], width: 26 },
  { key: 'sourceProjectNo', header: '项目编号', width: 16 },
  { key: 'fundingType', header: '经费来源', aliases: ['资金来源', '项目类别'], width: 14 },
  { key: 'attribute', header: '成果属性', width: 12 },
  { key: 'stage', header: '成果阶段', exportOnly: true, width: 10 },
  { key: 'trl', header: '技术成熟度(TRL)', aliases: ['技术成熟度', 'TRL', '技术成熟度（TRL）', '成熟度'], width: 12 },
  { key: 'cooperationModes', header: '合作方式', aliases: ['转化方式意向', '拟合作方式'], width: 20 },
  { key: 'askingPrice', header: '挂牌价格(元)', aliases: ['挂牌价格', '挂牌价格（元）', '意向价格(元)', '意向价格'], width: 14 },
  { key: 'completers', header: '完成人及贡献比例', aliases: ['完成人', '成果完成人', '完成人（贡献比例）'], required: true, width: 28 },
  { key: 'ownershipUnitPct', header: '单位权属比例(%)', aliases: ['单位权属比例', '单位权属比例（%）', '单位所占比例'], width: 12 },
  { key: 'visibility', header: '公开范围', aliases: ['密级', '公开程度'], width: 10 },
  { key: 'status', header: '状态', exportOnly: true, width: 10 },
  { key: 'disclosedOn', header: '披露日期', aliases: ['登记日期', '披露时间'], width: 12 },
  { key: 'transformationStatus', header: '转化状态', width: 12 },
  { key: 'transformationMode', header: '转化方式', width: 12 },
  { key: 'pricingMethod', header: '定价方式', exportOnly: true, width: 14 },
  { key: 'agreedPrice', header: '协议价格(元)', exportOnly: true, width: 14 },
  { key: 'contractAmount', header: '合同金额(元)', aliases: ['合同金额', '合同金额（元）'], width: 14 },
  { key: 'receivedAmount', header: '到账金额(元)', aliases: ['到账金额', '到账金额（元）'], width: 14 },
  { key: 'maintenanceCosts', header: '维护费用(元)', aliases: ['维护费用', '维护费用（元）', '专利维护费'], width: 14 },
  { key: 'techContractRegNo', header: '技术合同登记号', aliases: ['合同登记号'], width: 18 },
  { key: 'creditCode', header: '单位统一社会信用代码', aliases: ['统一社会信用代码', '单位信用代码'], width: 22 },
];

const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));
/** Header text as people type it: half-width brackets, no spaces. */
export const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/／/g, '/')
    .toLowerCase();
const COLUMN_BY_HEADER = new Map(COLUMNS.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [normalizeHeader(h), c] as const)));

/** The column a header names, or null when it is not one of ours. */
export function columnOfHeader(header: string): Column | null {
  return COLUMN_BY_HEADER.get(normalizeHeader(header)) ?? null;
}

/** The header of a key (for messages about spreadsheet rows). */
export const headerOf = (key: string) => COLUMN_BY_KEY.get(key)?.header ?? key;

/** Checks the header row: every required column present, no column twice. */
export function headerIssues(headers: readonly string[]): RowIssue[] {
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  for (const h of headers) {
    if (!h) continue;
    const col = columnOfHeader(h);
    if (!col) {
      issues.push({ row: 1, column: h, zh: `未识别的列“${h}”，已忽略`, en: `unknown column "${h}" is ignored`, level: 'warning' });
      continue;
    }
    if (seen.has(col.key)) issues.push({ row: 1, column: h, zh: `列“${col.header}”出现了两次`, en: `column "${col.header}" appears twice`, level: 'error' });
    seen.add(col.key);
  }
  for (const c of COLUMNS.filter((c) => c.required && !seen.has(c.key))) {
    issues.push({ row: 1, column: c.header, zh: `缺少必填列“${c.header}”`, en: `the required column "${c.header}" is missing`, level: 'error' });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Reading one value
// ---------------------------------------------------------------------------------------------

const LIST_SEPARATORS = /[；;、,，\n\r]+/;

/** A cell as text: numbers in plain notation, dates as YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

export function splitList(s: string): string[] {
  return s
    .split(LIST_SEPARATORS)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** A decimal amount in yuan: an Excel number or text (thousands separators allowed); empty → fallback. */
export function parseMoney(v: CellValue, label: string): Parsed<string | null> {
  if (v == null || cellText(v) === '') return ok(null);
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(`${label}不是有效金额`, `${label}: not a valid amount`);
    s = String(v);
  } else
    s = cellText(v)
      .replace(/[,，\s]/g, '')
      .replace(/^[¥￥]/, '');
  if (!MONEY_PATTERN.test(s) || s.startsWith('-')) {
    return bad(
      `${label}须为不超过两位小数的非负金额（元），现为“${cellText(v).slice(0, 40)}”`,
      `${label} must be a non-negative amount in yuan with at most two decimals, got "${cellText(v).slice(0, 40)}"`,
    );
  }
  return ok(s);
}

/** "王海洋(60%)；刘波(40%)": a name and a share per completer, brackets half- or full-width. */
export function parseCompleters(s: string): Parsed<{ name: string; share: string }[]> {
  const parts = s
    .split(/[；;、,，\n\r]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (!parts.length) return bad('须至少填写一位完成人', 'at least one completer is required');
  const out: { name: string; share: string }[] = [];
  for (const p of parts) {
    const m = /^(.+?)\s*[（(]\s*(\d+(?:\.\d+)?)\s*[%％]?\s*[）)]$/.exec(p);
    if (!m) {
      return bad(`完成人“${p.slice(0, 40)}”的格式应为“姓名(贡献比例%)”，如“王海洋(60%)；刘波(40%)”`, `completer "${p.slice(0, 40)}" must be written "name(share%)", e.g. "王海洋(60%)；刘波(40%)"`);
    }
    out.push({ name: m[1]!.trim(), share: m[2]!.replace(/^0+(?=\d)/, '') });
  }
  return ok(out);
}

/** A business date YYYY-MM-DD (or a real Excel date), a real calendar day, not after today. */
export function parseDate(v: CellValue, label: string, today: string): Parsed<string | null> {
  const s = cellText(v);
  if (!s) return ok(null);
  if (!isBusinessDate(s as unknown)) {
    return bad(`${label}格式须为 YYYY-MM-DD（如 2024-03-01），现为“${s.slice(0, 40)}”`, `${label} must be a date YYYY-MM-DD (e.g. 2024-03-01), got "${s.slice(0, 40)}"`);
  }
  if (s > today) return bad(`${label} ${s} 晚于今天`, `${label} ${s} lies in the future`);
  return ok(s);
}

export function parseTrl(v: CellValue): Parsed<number | null> {
  const s = cellText(v)
    .replace(/^trl\s*/i, '')
    .replace(/级$/, '');
  if (!s) return ok(null);
  if (!/^-?\d+$/.test(s)) return bad(`技术成熟度须为 1–9 的整数，现为“${cellText(v).slice(0, 20)}”`, `TRL must be a whole number 1–9, got "${cellText(v).slice(0, 20)}"`);
  const n = Number(s);
  if (n < 1 || n > 9) return bad(`技术成熟度须为 1–9 级，现为 ${n}`, `TRL must be 1–9, got ${n}`);
  return ok(n);
}
