import {
  ATTRIBUTE_LABELS,
  ATTRIBUTES,
  COOPERATION_MODES,
  FUNDING_TYPE_LABELS,
  FUNDING_TYPES,
  IP_TYPE_LABELS,
  IP_TYPES,
  PRICING_METHOD_LABELS,
  type PricingMethod,
  STATUS_LABELS,
  type Status,
  stageOfTrl,
  TRANSFORMATION_MODE_LABELS,
  TRANSFORMATION_MODES,
  TRANSFORMATION_STATUS_LABELS,
  TRANSFORMATION_STATUSES,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from '../../../common/achievements.js';
import { isBusinessDate } from '../../../common/calendar.js';
import { validateCreditCode } from '../../../common/credit-code.js';
import { MONEY_PATTERN } from '../../../common/money.js';
import { fieldName, resolveFieldCode } from '../../../common/taxonomy.js';
import { issuesToFieldErrors } from '../../lib/validation.js';
import { AchievementContent, type AchievementContentInput } from '../../../common/api/achievements.js';
import { contentErrors } from './achievements.content.rules.js';

/**
 * The 台账 in and out: one row of an office's spreadsheet (Chinese column headers) or one JSON
 * Lines object (camelCase keys) ⇄ the achievement content the ledger keeps. Pure: no I/O, no
 * clock (the caller passes today). The keys and columns are documented in
 * docs/achievements-exchange.md.
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
function byteSize(v: unknown): number {
  if (typeof v === 'string') return v.startsWith(OVERSIZE_PREFIX) ? Number(v.slice(OVERSIZE_PREFIX.length)) : Buffer.byteLength(v);
  if (v != null && typeof v === 'object' && !(v instanceof Date)) return Buffer.byteLength(JSON.stringify(v));
  return 0;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; zh: string; en: string };
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

/** A label in Chinese or English, or the code itself, of a vocabulary. */
function fromLabels<T extends string>(codes: readonly T[], labels: Record<T, { zh: string; en: string }>, s: string, extra: Record<string, T> = {}): T | null {
  const t = s.trim();
  if ((codes as readonly string[]).includes(t)) return t as T;
  if (extra[t]) return extra[t];
  const lower = t.toLowerCase();
  return codes.find((c) => labels[c].zh === t || labels[c].en.toLowerCase() === lower) ?? null;
}

const FUNDING_ALIASES: Record<string, (typeof FUNDING_TYPES)[number]> = {
  纵向: 'fiscal',
  财政: 'fiscal',
  纵向项目: 'fiscal',
  横向: 'enterprise_commissioned',
  企业委托: 'enterprise_commissioned',
  横向项目: 'enterprise_commissioned',
  自有: 'self',
  自筹: 'self',
};
const ATTRIBUTE_ALIASES: Record<string, (typeof ATTRIBUTES)[number]> = { 基础研究: 'basic', 应用研究: 'applied', 开发: 'development', 软科学: 'development' };
const VISIBILITY_ALIASES: Record<string, (typeof VISIBILITIES)[number]> = { 不公开: 'internal', 内部公开: 'internal', 涉密: 'confidential', 对外公开: 'public' };
const MODE_ALIASES: Record<string, (typeof TRANSFORMATION_MODES)[number]> = { 作价入股: 'equity', 技术入股: 'equity', 许可使用: 'license', 普通许可: 'license' };
const IP_ALIASES: Record<string, (typeof IP_TYPES)[number]> = { 发明: 'patent_invention', 实用新型: 'patent_utility', 外观设计: 'patent_design', 软件著作权登记: 'software', 软著: 'software' };

const YES = new Set(['是', 'y', 'yes', 'true', '1', '已授权']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '未授权']);

/** A decimal amount in yuan: an Excel number or text (thousands separators allowed); empty → fallback. */
export function parseMoney(v: CellValue, label: string): Parsed<string | null> {
  if (v == null || cellText(v) === '') return ok(null);
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(`${label}不是有效金额`, `${label}: not a valid amount`);
    s = String(v);
  } else s = cellText(v).replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  if (!MONEY_PATTERN.test(s) || s.startsWith('-')) {
    return bad(`${label}须为不超过两位小数的非负金额（元），现为“${cellText(v).slice(0, 40)}”`, `${label} must be a non-negative amount in yuan with at most two decimals, got "${cellText(v).slice(0, 40)}"`);
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
      return bad(
        `完成人“${p.slice(0, 40)}”的格式应为“姓名(贡献比例%)”，如“王海洋(60%)；刘波(40%)”`,
        `completer "${p.slice(0, 40)}" must be written "name(share%)", e.g. "王海洋(60%)；刘波(40%)"`,
      );
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
  const s = cellText(v).replace(/^trl\s*/i, '').replace(/级$/, '');
  if (!s) return ok(null);
  if (!/^-?\d+$/.test(s)) return bad(`技术成熟度须为 1–9 的整数，现为“${cellText(v).slice(0, 20)}”`, `TRL must be a whole number 1–9, got "${cellText(v).slice(0, 20)}"`);
  const n = Number(s);
  if (n < 1 || n > 9) return bad(`技术成熟度须为 1–9 级，现为 ${n}`, `TRL must be 1–9, got ${n}`);
  return ok(n);
}

// ---------------------------------------------------------------------------------------------
// A row or a line → ImportRecord
// ---------------------------------------------------------------------------------------------

/** Values by key, as read from a spreadsheet row (cells) or a JSON line (JSON values). */
export type RawRecord = Record<string, unknown>;

/** Spreadsheet row → values by key (cells beyond our columns are dropped). */
export function rawFromCells(headers: readonly (string | undefined)[], cells: readonly CellValue[]): RawRecord {
  const raw: RawRecord = {};
  headers.forEach((h, i) => {
    const col = h ? columnOfHeader(h) : null;
    if (col && !col.exportOnly) raw[col.key] = cells[i];
  });
  return raw;
}

const EXPORT_ONLY_KEYS = new Set([...COLUMNS.filter((c) => c.exportOnly).map((c) => c.key), 'createdAt', 'updatedAt', 'publishedAt', 'organisationName']);
const KNOWN_KEYS = new Set(COLUMNS.map((c) => c.key));

/** How a row came in decides the form of values: spreadsheets hold text, JSON holds typed values. */
export type Source = 'xlsx' | 'jsonl';

interface Collector {
  issues: RowIssue[];
  add(key: string, zh: string, en: string, level?: 'error' | 'warning'): void;
}

function collector(row: number, source: Source): Collector {
  const issues: RowIssue[] = [];
  return {
    issues,
    add(key, zh, en, level = 'error') {
      issues.push({ row, column: source === 'xlsx' ? headerOf(key) : key, zh, en, level });
    },
  };
}

function take<T>(c: Collector, key: string, p: Parsed<T>, fallback: T): T {
  if (p.ok) return p.value;
  c.add(key, p.zh, p.en);
  return fallback;
}

/** Text of a value, or a list joined (for spreadsheet cells) – JSON arrays stay arrays. */
function textOf(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date || v == null ? cellText(v as CellValue) : JSON.stringify(v);
}

function listOf(c: Collector, key: string, v: unknown, source: Source): string[] | undefined {
  if (v == null || v === '') return undefined;
  if (source === 'jsonl') {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map((x) => x.trim()).filter(Boolean);
    c.add(key, '须为字符串数组', 'must be an array of strings');
    return undefined;
  }
  return splitList(textOf(v));
}

function vocab<T extends string>(
  c: Collector,
  key: string,
  v: unknown,
  codes: readonly T[],
  labels: Record<T, { zh: string; en: string }>,
  extra: Record<string, T> = {},
): T | undefined {
  const s = textOf(v);
  if (!s) return undefined;
  const code = fromLabels(codes, labels, s, extra);
  if (code) return code;
  const allowed = codes.map((x) => labels[x].zh).join('、');
  c.add(key, `无法识别“${s.slice(0, 40)}”，可填：${allowed}`, `unknown value "${s.slice(0, 40)}"; allowed: ${codes.join(', ')}`);
  return undefined;
}

function moneyOf(c: Collector, key: string, v: unknown, source: Source): string | null {
  if (source === 'jsonl' && v != null && typeof v !== 'string') {
    c.add(key, '金额须为字符串（如 "120000.00"），不能是数字', 'amounts are decimal strings (e.g. "120000.00"), never numbers');
    return null;
  }
  return take(c, key, parseMoney(v as CellValue, headerOf(key)), null);
}

/** Every cell (or JSON string) must stay under 32 KiB; a larger one is refused, not parsed. */
function oversizeIssues(c: Collector, raw: RawRecord): Set<string> {
  const big = new Set<string>();
  for (const [key, v] of Object.entries(raw)) {
    const size = byteSize(v);
    if (size > MAX_CELL_BYTES) {
      const mb = size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
      c.add(key, `内容过大（${mb}），单元格不能超过 32 KB`, `the value is too large (${mb}); a cell may hold at most 32 KB`);
      big.add(key);
    }
  }
  return big;
}

/**
 * Reads one row: every value is parsed and checked, the content goes through AchievementContent
 * and contentErrors (the same rules as the form), and the row's own rules (credit code, dates,
 * visibility) follow. Returns the record when there is no error, and every issue found.
 */
export function readRecord(input: RawRecord, row: number, source: Source, ctx: RowContext): { record: ImportRecord | null; issues: RowIssue[] } {
  const c = collector(row, source);
  const oversize = oversizeIssues(c, input);
  const raw: RawRecord = Object.fromEntries(Object.entries(input).filter(([k]) => !oversize.has(k)));
  if (source === 'jsonl') {
    for (const k of Object.keys(raw)) if (!KNOWN_KEYS.has(k) && !EXPORT_ONLY_KEYS.has(k)) c.add(k, `未知字段“${k}”`, `unknown key "${k}"`);
  }
  const str = (k: string): string | undefined => {
    if (raw[k] == null) return undefined;
    if (source === 'jsonl' && typeof raw[k] !== 'string') {
      c.add(k, '须为字符串', 'must be a string');
      return undefined;
    }
    return textOf(raw[k]) || undefined;
  };

  // Field and subfield: a code or a name; a subfield name in 技术领域 also sets the subfield.
  let fieldCode = '';
  let subfieldCode: string | null | undefined;
  const fieldText = textOf(raw.fieldCode);
  if (fieldText) {
    const r = resolveFieldCode(fieldText);
    if (r) {
      fieldCode = r.field;
      subfieldCode = r.subfield;
    } else c.add('fieldCode', `未知的技术领域：${fieldText.slice(0, 40)}（填代码如 MAR-EQP 或名称如“海洋装备与工程”）`, `unknown field: ${fieldText.slice(0, 40)} (a code such as MAR-EQP or a name)`);
  } else if (!oversize.has('fieldCode')) c.add('fieldCode', '技术领域为必填', 'the field is required');
  const subText = textOf(raw.subfieldCode);
  if (subText) {
    const r = resolveFieldCode(subText);
    if (r?.subfield) subfieldCode = r.subfield;
    else c.add('subfieldCode', `未知的子领域：${subText.slice(0, 40)}`, `unknown subfield: ${subText.slice(0, 40)}`);
  }

  let completers: { name: string; share: string }[] = [];
  if (source === 'jsonl') {
    const v = raw.completers;
    if (Array.isArray(v) && v.every((x) => x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string')) {
      completers = v.map((x) => {
        const share = (x as { share?: unknown }).share;
        return { name: String((x as { name: string }).name).trim(), share: typeof share === 'number' ? String(share) : String(share ?? '') };
      });
    } else if (!oversize.has('completers')) c.add('completers', '须为 [{name, share}] 数组', 'must be an array of {name, share}');
  } else {
    const s = textOf(raw.completers);
    if (s) completers = take(c, 'completers', parseCompleters(s), []);
    else if (!oversize.has('completers')) c.add('completers', '完成人及贡献比例为必填', 'completers with their shares are required');
  }

  const authorisedText = textOf(raw.authorised).toLowerCase();
  let authorised: boolean | undefined;
  if (typeof raw.authorised === 'boolean') authorised = raw.authorised;
  else if (YES.has(authorisedText)) authorised = true;
  else if (NO.has(authorisedText)) authorised = false;
  else if (authorisedText) c.add('authorised', '请填“是”或“否”', 'write 是 (yes) or 否 (no)');

  const trlIsText = source === 'jsonl' && raw.trl != null && typeof raw.trl !== 'number';
  if (trlIsText) c.add('trl', '须为 1–9 的整数（数字）', 'must be a whole number 1–9');
  const trl = trlIsText ? null : take(c, 'trl', parseTrl(raw.trl as CellValue), null);
  const askingText = textOf(raw.askingPrice);
  const askingPrice = askingText === '面议' ? null : moneyOf(c, 'askingPrice', raw.askingPrice, source);

  const candidate: Record<string, unknown> = {
    title: str('title') ?? '',
    titleEn: str('titleEn') ?? null,
    summary: str('summary'),
    summaryEn: str('summaryEn') ?? null,
    problem: str('problem'),
    benefit: str('benefit'),
    keywords: listOf(c, 'keywords', raw.keywords, source),
    fieldCode: fieldCode || 'UNKNOWN',
    subfieldCode: subfieldCode ?? null,
    ipType: vocab(c, 'ipType', raw.ipType, IP_TYPES, IP_TYPE_LABELS, IP_ALIASES) ?? 'patent_invention',
    ipNumbers: listOf(c, 'ipNumbers', raw.ipNumbers, source),
    ipStatus: str('ipStatus'),
    authorised,
    sourceProject: str('sourceProject'),
    sourceProjectNo: str('sourceProjectNo'),
    fundingType: vocab(c, 'fundingType', raw.fundingType, FUNDING_TYPES, FUNDING_TYPE_LABELS, FUNDING_ALIASES),
    attribute: vocab(c, 'attribute', raw.attribute, ATTRIBUTES, ATTRIBUTE_LABELS, ATTRIBUTE_ALIASES),
    trl,
    cooperationModes: listOf(c, 'cooperationModes', raw.cooperationModes, source)?.flatMap((m) => {
      const code = fromLabels(COOPERATION_MODES, TRANSFORMATION_MODE_LABELS, m, MODE_ALIASES);
      if (!code) c.add('cooperationModes', `无法识别的合作方式“${m.slice(0, 20)}”`, `unknown cooperation mode "${m.slice(0, 20)}"`);
      return code ? [code] : [];
    }),
    askingPrice,
    maintenanceCosts: moneyOf(c, 'maintenanceCosts', raw.maintenanceCosts, source) ?? undefined,
    completers,
  };
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  if (candidate.cooperationModes) candidate.cooperationModes = [...new Set(candidate.cooperationModes as string[])];

  // The form's own schema and rules, with their messages, named by this row's columns.
  const parsed = AchievementContent.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    for (const e of issuesToFieldErrors('x', parsed.error.issues)) {
      const key = e.field.split('.')[1] ?? '';
      if (key === 'fieldCode' || key === 'ipType') continue; // reported above in the office's words
      c.add(key, e.zh, e.en);
    }
  }
  const rules = contentErrors({ ...(fieldCode ? { fieldCode, subfieldCode: subfieldCode ?? null } : {}), ...(completers.length ? { completers } : {}) });
  for (const e of rules) if (!c.issues.some((i) => i.column === headerOrKey(e.field, source) && i.zh === e.zh)) c.add(e.field, e.zh, e.en);

  // The row's ledger facts.
  const creditText = str('creditCode');
  if (creditText) {
    const v = validateCreditCode(creditText);
    if (!v.ok) c.add('creditCode', `统一社会信用代码“${creditText.slice(0, 30)}”无效：${v.messageZh}`, `credit code "${creditText.slice(0, 30)}" is not valid: ${v.messageEn}`);
    else if (v.normalized !== ctx.orgCreditCode) {
      c.add('creditCode', `统一社会信用代码 ${v.normalized} 不是导入单位的代码（${ctx.orgCreditCode}）`, `credit code ${v.normalized} is not the importing institution's (${ctx.orgCreditCode})`);
    }
  }
  const disclosedOn = take(c, 'disclosedOn', parseDate(raw.disclosedOn as CellValue, headerOf('disclosedOn'), ctx.today), null);
  const visibility = vocab(c, 'visibility', raw.visibility, VISIBILITIES, VISIBILITY_LABELS, VISIBILITY_ALIASES) ?? null;
  const transformationStatus = vocab(c, 'transformationStatus', raw.transformationStatus, TRANSFORMATION_STATUSES, TRANSFORMATION_STATUS_LABELS) ?? 'not_transformed';
  const transformationMode = vocab(c, 'transformationMode', raw.transformationMode, TRANSFORMATION_MODES, TRANSFORMATION_MODE_LABELS, MODE_ALIASES) ?? null;
  const contractAmount = moneyOf(c, 'contractAmount', raw.contractAmount, source) ?? '0';
  const receivedAmount = moneyOf(c, 'receivedAmount', raw.receivedAmount, source) ?? '0';
  const ownershipText = textOf(raw.ownershipUnitPct).replace(/[%％]$/, '');
  let ownershipUnitPct = '100';
  if (ownershipText) {
    if (/^(?:100(?:\.0{1,2})?|\d{1,2}(?:\.\d{1,2})?)$/.test(ownershipText)) ownershipUnitPct = ownershipText;
    else c.add('ownershipUnitPct', '单位权属比例须为 0–100 的百分数', 'the unit’s ownership share must be a percentage 0–100');
  }
  const number = str('number') ?? null;
  if (number && number.length > 40) c.add('number', '成果编号过长', 'the number is too long');

  // A refused (oversize) value says so once; what its absence would otherwise cause is not repeated.
  const refused = new Set([...oversize].map((k) => headerOrKey(k, source)));
  const issues = c.issues.filter((i) => !refused.has(i.column ?? '') || /32 KB/.test(i.en));
  const errors = issues.filter((i) => i.level === 'error');
  if (errors.length || !parsed.success) return { record: null, issues };
  return {
    record: {
      content: parsed.data,
      number,
      visibility,
      disclosedOn,
      transformationStatus,
      transformationMode,
      contractAmount,
      receivedAmount,
      techContractRegNo: str('techContractRegNo') ?? '',
      ownershipUnitPct,
    },
    issues,
  };
}

const headerOrKey = (key: string, source: Source) => (source === 'xlsx' ? headerOf(key) : key);

/** One JSON line → values by key; a line that is not a JSON object is one error. */
export function rawFromJsonLine(line: string, row: number): { raw: RawRecord | null; issue: RowIssue | null } {
  if (Buffer.byteLength(line) > 1024 * 1024) {
    return { raw: null, issue: { row, column: null, zh: `该行过大（${(Buffer.byteLength(line) / 1024 / 1024).toFixed(1)} MB），单个值不能超过 32 KB`, en: 'the line is too large; a value may hold at most 32 KB', level: 'error' } };
  }
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return { raw: v as RawRecord, issue: null };
  } catch {
    // reported below
  }
  return { raw: null, issue: { row, column: null, zh: '该行不是有效的 JSON 对象', en: 'the line is not a valid JSON object', level: 'error' } };
}

// ---------------------------------------------------------------------------------------------
// Export: the ledger → a row or a line
// ---------------------------------------------------------------------------------------------

/** What an export needs of an achievement (the ledger row, presented). */
export interface ExportView {
  number: string;
  title: string;
  titleEn: string | null;
  summary: string;
  summaryEn: string | null;
  problem: string;
  benefit: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  ipType: (typeof IP_TYPES)[number];
  ipNumbers: string[];
  ipStatus: string;
  authorised: boolean;
  sourceProject: string;
  sourceProjectNo: string;
  fundingType: (typeof FUNDING_TYPES)[number];
  attribute: (typeof ATTRIBUTES)[number];
  trl: number | null;
  cooperationModes: (typeof COOPERATION_MODES)[number][];
  askingPrice: string | null;
  completers: { name: string; share: string }[];
  ownershipUnitPct: string;
  visibility: (typeof VISIBILITIES)[number];
  status: Status;
  disclosedOn: string | null;
  transformationStatus: (typeof TRANSFORMATION_STATUSES)[number];
  transformationMode: (typeof TRANSFORMATION_MODES)[number] | null;
  pricingMethod: PricingMethod | null;
  agreedPrice: string | null;
  contractAmount: string;
  receivedAmount: string;
  maintenanceCosts: string;
  techContractRegNo: string;
  creditCode: string;
}

/** The JSON Lines object of an achievement: the documented keys, decimals as strings. */
export function toJsonRecord(v: ExportView): Record<string, unknown> {
  return {
    number: v.number,
    title: v.title,
    titleEn: v.titleEn,
    summary: v.summary,
    summaryEn: v.summaryEn,
    problem: v.problem,
    benefit: v.benefit,
    keywords: v.keywords,
    fieldCode: v.fieldCode,
    subfieldCode: v.subfieldCode,
    ipType: v.ipType,
    ipNumbers: v.ipNumbers,
    ipStatus: v.ipStatus,
    authorised: v.authorised,
    sourceProject: v.sourceProject,
    sourceProjectNo: v.sourceProjectNo,
    fundingType: v.fundingType,
    attribute: v.attribute,
    stage: v.trl == null ? null : stageOfTrl(v.trl),
    trl: v.trl,
    cooperationModes: v.cooperationModes,
    askingPrice: v.askingPrice,
    completers: v.completers.map((c) => ({ name: c.name, share: c.share })),
    ownershipUnitPct: v.ownershipUnitPct,
    visibility: v.visibility,
    status: v.status,
    disclosedOn: v.disclosedOn,
    transformationStatus: v.transformationStatus,
    transformationMode: v.transformationMode,
    pricingMethod: v.pricingMethod,
    agreedPrice: v.agreedPrice,
    contractAmount: v.contractAmount,
    receivedAmount: v.receivedAmount,
    maintenanceCosts: v.maintenanceCosts,
    techContractRegNo: v.techContractRegNo,
    creditCode: v.creditCode,
  };
}

/** Amounts below this are exact as spreadsheet numbers with two decimals; larger ones stay text. */
const EXACT_NUMBER_LIMIT = 1e13;
const moneyCell = (s: string | null): CellValue => (s == null ? null : Math.abs(Number(s)) < EXACT_NUMBER_LIMIT ? Number(s) : s);
const joinList = (xs: readonly string[]) => xs.join('；');

/** The spreadsheet row of an achievement, in COLUMNS order: Chinese labels, amounts as numbers. */
export function toCells(v: ExportView): CellValue[] {
  const j = toJsonRecord(v);
  const cell: Record<string, CellValue> = {
    ...(j as Record<string, CellValue>),
    keywords: joinList(v.keywords),
    fieldCode: fieldName(v.fieldCode),
    subfieldCode: v.subfieldCode ? fieldName(v.subfieldCode) : null,
    ipType: IP_TYPE_LABELS[v.ipType].zh,
    ipNumbers: joinList(v.ipNumbers),
    authorised: v.authorised ? '是' : '否',
    fundingType: FUNDING_TYPE_LABELS[v.fundingType].zh,
    attribute: ATTRIBUTE_LABELS[v.attribute].zh,
    stage: v.trl == null ? null : stageOfTrl(v.trl) === 'research' ? '研究阶段' : '开发阶段',
    cooperationModes: joinList(v.cooperationModes.map((m) => TRANSFORMATION_MODE_LABELS[m].zh)),
    askingPrice: v.askingPrice == null ? '面议' : moneyCell(v.askingPrice),
    completers: joinList(v.completers.map((c) => `${c.name}(${c.share}%)`)),
    ownershipUnitPct: Number(v.ownershipUnitPct),
    visibility: VISIBILITY_LABELS[v.visibility].zh,
    status: STATUS_LABELS[v.status].zh,
    transformationStatus: TRANSFORMATION_STATUS_LABELS[v.transformationStatus].zh,
    transformationMode: v.transformationMode ? TRANSFORMATION_MODE_LABELS[v.transformationMode].zh : null,
    pricingMethod: v.pricingMethod ? PRICING_METHOD_LABELS[v.pricingMethod].zh : null,
    agreedPrice: moneyCell(v.agreedPrice),
    contractAmount: moneyCell(v.contractAmount),
    receivedAmount: moneyCell(v.receivedAmount),
    maintenanceCosts: moneyCell(v.maintenanceCosts),
  };
  return COLUMNS.map((c) => cell[c.key] ?? null);
}

/** Number format of a column in exports (amounts with two decimals). */
export function columnNumFmt(key: string): string | undefined {
  return ['askingPrice', 'agreedPrice', 'contractAmount', 'receivedAmount', 'maintenanceCosts'].includes(key) ? '0.00' : undefined;
}
