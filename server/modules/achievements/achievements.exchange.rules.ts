import {
  ATTRIBUTE_LABELS,
  ATTRIBUTES,
  COOPERATION_MODES,
  FUNDING_TYPE_LABELS,
  FUNDING_TYPES,
  IP_TYPE_LABELS,
  IP_TYPES,
  TRANSFORMATION_MODE_LABELS,
  TRANSFORMATION_MODES,
  TRANSFORMATION_STATUS_LABELS,
  TRANSFORMATION_STATUSES,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from '../../../common/achievements.js';
import { validateCreditCode } from '../../../common/credit-code.js';
import { resolveFieldCode } from '../../../common/taxonomy.js';
import { issuesToFieldErrors } from '../../lib/validation.js';
import { AchievementContent } from '../../../common/api/achievements.js';
import { contentErrors } from './achievements.content.rules.js';
import {
  byteSize,
  type CellValue,
  COLUMNS,
  cellText,
  columnOfHeader,
  headerOf,
  type ImportRecord,
  MAX_CELL_BYTES,
  type Parsed,
  parseCompleters,
  parseDate,
  parseMoney,
  parseTrl,
  type RowContext,
  type RowIssue,
  splitList,
} from './achievements.exchange.columns.rules.js';

/**
 * The 台账 in and out: one row of an office's spreadsheet (Chinese column headers) or one JSON
 * Lines object (camelCase keys) ⇄ the achievement content the ledger keeps. Pure: no I/O, no
 * clock (the caller passes today). The keys and columns are documented in
 * docs/achievements-exchange.md.
 */

// ---------------------------------------------------------------------------------------------
// A row or a line → ImportRecord
// ---------------------------------------------------------------------------------------------

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

function vocab<T extends string>(c: Collector, key: string, v: unknown, codes: readonly T[], labels: Record<T, { zh: string; en: string }>, extra: Record<string, T> = {}): T | undefined {
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
    return {
      raw: null,
      issue: {
        row,
        column: null,
        zh: `该行过大（${(Buffer.byteLength(line) / 1024 / 1024).toFixed(1)} MB），单个值不能超过 32 KB`,
        en: 'the line is too large; a value may hold at most 32 KB',
        level: 'error',
      },
    };
  }
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return { raw: v as RawRecord, issue: null };
  } catch {
    // reported below
  }
  return { raw: null, issue: { row, column: null, zh: '该行不是有效的 JSON 对象', en: 'the line is not a valid JSON object', level: 'error' } };
}
