import { randomUUID } from 'node:crypto';
import type { Status } from '../../../common/achievements.js';
import type { ImportMode, ImportStatus } from '../../../common/api/achievements.js';
import { businessDateOf, startOfBusinessDate } from '../../../common/calendar.js';
import type { Db, Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, inTransaction, type TxCtx } from '../../lib/context.js';
import type { JobHandler } from '../../lib/jobs.js';
import { type BulkAchievement, insertAchievementsBulk } from './achievements.bulk.js';
import { type CellValue, headerIssues, headerOf, type ImportRecord, type RowContext, type RowIssue } from './achievements.exchange.columns.rules.js';
import { rawFromCells, rawFromJsonLine, readRecord } from './achievements.exchange.rules.js';
import { type ExchangeFormat, NotASpreadsheetError, readJsonLines, readXlsxRows } from './achievements.exchange.files.js';

/**
 * Import of an institution's ledger (台账): every row is validated first and reported (row,
 * column, reason); by default nothing is written unless every row is valid. The writes of one
 * import are one transaction: an import is either wholly in the ledger or not at all. The API
 * side of imports is achievements.imports.ts; the export is achievements.exchange.export.ts.
 */

export const IMPORT_QUEUE = 'achievements.import';
export type { ImportMode, ImportStatus };

/** Rows written per statement batch (inside the one transaction). */
const BATCH = 500;
/** Report entries kept per import; the counts cover every row. */
const MAX_REPORT = 5000;

export interface ImportProgress {
  phase: 'validating' | 'importing';
  processed: number;
  total: number;
}

export interface ImportInput {
  organisationId: string;
  orgCreditCode: string;
  format: ExchangeFormat;
  data: Buffer;
  mode: ImportMode;
  publish: boolean;
  /** Who imports (null: the command line). */
  actor: Actor | null;
  now: Date;
  importId?: string;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
}

export interface ImportOutcome {
  status: 'completed' | 'rejected';
  totalRows: number;
  importedRows: number;
  invalidRows: number;
  duplicateRows: number;
  issues: RowIssue[];
  numbers: string[];
}

interface ParsedFile {
  records: { row: number; record: ImportRecord }[];
  issues: RowIssue[];
  totalRows: number;
  /** The file as a whole is unusable (not a spreadsheet, header missing): nothing can be imported. */
  fatal: boolean;
}

// ---------------------------------------------------------------------------------------------
// Reading and validating
// ---------------------------------------------------------------------------------------------

const isBlank = (cells: readonly CellValue[]) => cells.every((v) => v == null || (typeof v === 'string' && !v.trim()));

async function parseXlsx(data: Buffer, ctx: RowContext, tick: (n: number) => Promise<void>): Promise<ParsedFile> {
  const out: ParsedFile = { records: [], issues: [], totalRows: 0, fatal: false };
  let headers: string[] | null = null;
  for await (const r of readXlsxRows(data)) {
    if (!headers) {
      if (isBlank(r.cells)) continue;
      headers = r.cells.map((v) => (v == null ? '' : String(v instanceof Date ? v.toISOString() : v).trim()));
      const hi = headerIssues(headers).map((i) => ({ ...i, row: r.row }));
      out.issues.push(...hi);
      if (hi.some((i) => i.level === 'error')) return { ...out, fatal: true };
      continue;
    }
    if (isBlank(r.cells) && !r.formulas.length) continue;
    out.totalRows++;
    const formulaIssues: RowIssue[] = r.formulas.map((col) => ({
      row: r.row,
      column: headers![col] || `第 ${col + 1} 列`,
      zh: '单元格含公式；导入只接受数值，请复制后“选择性粘贴为数值”',
      en: 'the cell holds a formula; imports take values only (paste as values)',
      level: 'error' as const,
    }));
    const { record, issues } = readRecord(rawFromCells(headers, r.cells), r.row, 'xlsx', ctx);
    out.issues.push(...formulaIssues, ...issues);
    if (record && !formulaIssues.length) out.records.push({ row: r.row, record });
    await tick(out.totalRows);
  }
  if (!headers) return { ...out, fatal: true, issues: [{ row: null, column: null, zh: '工作表是空的', en: 'the worksheet is empty', level: 'error' }] };
  return out;
}

async function parseJsonl(data: Buffer, ctx: RowContext, tick: (n: number) => Promise<void>): Promise<ParsedFile> {
  const out: ParsedFile = { records: [], issues: [], totalRows: 0, fatal: false };
  if (data.subarray(0, 4).includes(0)) {
    out.issues.push({ row: null, column: null, zh: '文件不是 JSON Lines 文本（UTF-8）', en: 'the file is not JSON Lines text (UTF-8)', level: 'error' });
    return { ...out, fatal: true };
  }
  for await (const { row, line } of readJsonLines(data)) {
    out.totalRows++;
    const { raw, issue } = rawFromJsonLine(line, row);
    if (issue || !raw) {
      if (issue) out.issues.push(issue);
      continue;
    }
    const { record, issues } = readRecord(raw, row, 'jsonl', ctx);
    out.issues.push(...issues);
    if (record) out.records.push({ row, record });
    await tick(out.totalRows);
  }
  return out;
}

/** Parses and validates a file without writing anything: the records that may be imported and every issue. */
export async function parseImportFile(format: ExchangeFormat, data: Buffer, ctx: RowContext, onRow?: (n: number) => Promise<void> | void): Promise<ParsedFile> {
  const tick = async (n: number) => {
    if (onRow && n % 1000 === 0) await onRow(n);
  };
  try {
    return format === 'xlsx' ? await parseXlsx(data, ctx, tick) : await parseJsonl(data, ctx, tick);
  } catch (err) {
    if (!(err instanceof NotASpreadsheetError)) throw err;
    return { records: [], issues: [{ row: null, column: null, zh: err.zh, en: err.en, level: 'error' }], totalRows: 0, fatal: true };
  }
}

/** Rows whose 成果编号 is already in this institution's ledger are duplicates: reported and skipped. */
async function markDuplicates(db: Queryable, organisationId: string, parsed: ParsedFile, format: ExchangeFormat): Promise<Set<number>> {
  const skip = new Set<number>();
  const withNumber = parsed.records.filter((r) => r.record.number);
  if (!withNumber.length) return skip;
  const { rows } = await db.query<{ number: string }>('select number from achievements where organisation_id = $1 and number = any($2)', [organisationId, withNumber.map((r) => r.record.number)]);
  const existing = new Set(rows.map((r) => r.number));
  const seen = new Map<string, number>();
  const column = format === 'xlsx' ? headerOf('number') : 'number';
  for (const { row, record } of withNumber) {
    const n = record.number!;
    if (existing.has(n)) {
      skip.add(row);
      parsed.issues.push({
        row,
        column,
        zh: `成果编号 ${n} 已在本单位台账中，跳过（不重复导入）`,
        en: `number ${n} is already in this institution's ledger; skipped (not imported twice)`,
        level: 'warning',
      });
    } else if (seen.has(n)) {
      skip.add(row);
      parsed.issues.push({ row, column, zh: `成果编号 ${n} 与第 ${seen.get(n)} 行重复`, en: `number ${n} repeats row ${seen.get(n)}`, level: 'error' });
    } else seen.set(n, row);
  }
  return skip;
}

/**
 * Publication on import: with `publish`, rows that the file does not mark internal or
 * confidential are published when they carry a TRL (they are then recorded as assessed);
 * without it nothing is published. Either way the report says what happened to a row.
 */
function placement(record: ImportRecord, row: number, publish: boolean, column: string): { status: Status; visibility: BulkAchievement['visibility']; issue: RowIssue | null } {
  const wanted = record.visibility;
  if (publish && (wanted === null || wanted === 'public')) {
    if (record.content.trl != null) return { status: 'assessed', visibility: 'public', issue: null };
    return {
      status: 'accepted',
      visibility: 'internal',
      issue: { row, column, zh: '未填写技术成熟度（TRL），未发布到市场；评估后可发布', en: 'no TRL: not published; publish after assessment', level: 'warning' },
    };
  }
  if (wanted === 'public') {
    return {
      status: 'accepted',
      visibility: 'internal',
      issue: { row, column, zh: '未选择“发布”，按内部导入；如需公开请使用发布选项', en: 'imported as internal: publishing needs the publish option', level: 'warning' },
    };
  }
  return { status: 'accepted', visibility: wanted ?? 'internal', issue: null };
}

function toBulk(record: ImportRecord, row: number, status: Status, visibility: BulkAchievement['visibility'], importId: string | undefined): BulkAchievement {
  return {
    content: record.content,
    status,
    visibility,
    disclosedAt: record.disclosedOn ? startOfBusinessDate(record.disclosedOn) : null,
    // 已挂牌 means on the market: it follows visibility, not the file.
    transformationStatus:
      visibility === 'public' && record.transformationStatus === 'not_transformed'
        ? 'listed'
        : visibility !== 'public' && record.transformationStatus === 'listed'
          ? 'not_transformed'
          : record.transformationStatus,
    transformationMode: record.transformationMode,
    contractAmount: record.contractAmount,
    receivedAmount: record.receivedAmount,
    techContractRegNo: record.techContractRegNo,
    ownershipUnitPct: record.ownershipUnitPct,
    eventExtra: { importRow: row, ...(record.number ? { fileNumber: record.number } : {}), ...(importId ? { importId } : {}) },
  };
}

/** The rows to write, with where each goes (status, visibility); notes about publishing join the report. */
export function planItems(parsed: ParsedFile, o: { skip?: Set<number>; errorRows?: Set<number>; publish: boolean; format: ExchangeFormat; importId?: string | undefined }): BulkAchievement[] {
  const visColumn = o.format === 'xlsx' ? headerOf('visibility') : 'visibility';
  return parsed.records
    .filter((r) => !o.skip?.has(r.row) && !o.errorRows?.has(r.row))
    .map(({ row, record }) => {
      const p = placement(record, row, o.publish, visColumn);
      if (p.issue) parsed.issues.push(p.issue);
      return toBulk(record, row, p.status, p.visibility, o.importId);
    });
}

/** Writes the planned rows, batch by batch, inside one transaction (`tx`). */
export async function writeImport(tx: TxCtx, organisationId: string, items: readonly BulkAchievement[], onBatch?: (written: number) => void): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const created = await insertAchievementsBulk(tx, organisationId, items.slice(i, i + BATCH), 'import');
    numbers.push(...created.map((c) => c.number));
    onBatch?.(numbers.length);
  }
  return numbers;
}

/** Validates, then (unless rejected) writes in one transaction. Issues are sorted by row. */
export async function executeImport(db: Db, input: ImportInput): Promise<ImportOutcome> {
  const rowCtx: RowContext = { orgCreditCode: input.orgCreditCode, today: businessDateOf(input.now) };
  const parsed = await parseImportFile(input.format, input.data, rowCtx, (n) => input.onProgress?.({ phase: 'validating', processed: n, total: 0 }));
  const skip = await markDuplicates(db, input.organisationId, parsed, input.format);
  const errorRows = new Set(parsed.issues.filter((i) => i.level === 'error' && i.row !== null).map((i) => i.row!));
  const fileError = parsed.fatal;
  const invalidRows = errorRows.size;
  const duplicateRows = skip.size;
  const sortIssues = () => parsed.issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const base = { totalRows: parsed.totalRows, invalidRows, duplicateRows };

  if (fileError || (errorRows.size > 0 && input.mode === 'all_or_nothing')) {
    return { status: 'rejected', ...base, importedRows: 0, issues: sortIssues(), numbers: [] };
  }
  const items = planItems(parsed, { skip, errorRows, publish: input.publish, format: input.format, importId: input.importId });
  const total = items.length;
  await input.onProgress?.({ phase: 'importing', processed: 0, total });
  const ctx: Ctx = { db, actor: input.actor, now: input.now, locale: 'zh-CN', requestId: input.importId ?? `import-${randomUUID()}`, ip: null };
  const numbers = await inTransaction(ctx, async (tx) => {
    const written = await writeImport(tx, input.organisationId, items, (n) => void input.onProgress?.({ phase: 'importing', processed: n, total }));
    if (written.length) {
      await audit(tx, {
        action: 'achievement.import',
        entity: 'achievementImport',
        entityId: input.importId ?? null,
        organisationId: input.organisationId,
        after: { format: input.format, mode: input.mode, publish: input.publish, imported: written.length, first: written[0], last: written.at(-1) },
      });
    }
    return written;
  });
  return { status: 'completed', ...base, importedRows: numbers.length, issues: sortIssues(), numbers };
}

// ---------------------------------------------------------------------------------------------
// Imports as jobs
// ---------------------------------------------------------------------------------------------

export interface ImportRow {
  id: string;
  organisation_id: string;
  created_by: string | null;
  format: ExchangeFormat;
  filename: string;
  mode: ImportMode;
  publish: boolean;
  status: ImportStatus;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  report: RowIssue[];
  created_at: Date;
  finished_at: Date | null;
}

export const IMPORT_COLUMNS = 'id, organisation_id, created_by, format, filename, mode, publish, status, total_rows, processed_rows, imported_rows, report, created_at, finished_at';

async function loadActor(db: Queryable, userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const { rows } = await db.query<{ name: string }>('select name from users where id = $1', [userId]);
  return { userId, name: rows[0]?.name ?? '', via: 'session', tokenId: null, sessionIdHash: null, csrfToken: null, scopes: [], memberships: [] };
}

/**
 * Runs one import (the job of IMPORT_QUEUE): validating, then importing, then completed or
 * rejected, with processed_rows for progress. A retry after a crash starts again from the file:
 * the earlier try's writes were one transaction that never committed.
 */
export async function runImport(db: Db, importId: string, now: Date): Promise<void> {
  const { rows } = await db.query<ImportRow & { file: Uint8Array | null; credit_code: string }>(
    `select i.*, o.credit_code from achievement_imports i join organisations o on o.id = i.organisation_id where i.id = $1`,
    [importId],
  );
  const imp = rows[0];
  if (!imp || ['completed', 'rejected', 'failed'].includes(imp.status) || !imp.file) return;
  const setProgress = (p: ImportProgress) =>
    // Progress is written from another connection without waiting; one that lands late must not undo the outcome.
    db.query("update achievement_imports set status = $2, processed_rows = $3, total_rows = greatest(total_rows, $4) where id = $1 and status in ('pending', 'validating', 'importing')", [
      importId,
      p.phase,
      p.processed,
      p.total,
    ]);
  await db.query("update achievement_imports set status = 'validating', processed_rows = 0, report = '[]' where id = $1", [importId]);
  try {
    const outcome = await executeImport(db, {
      organisationId: imp.organisation_id,
      orgCreditCode: imp.credit_code,
      format: imp.format,
      data: Buffer.from(imp.file),
      mode: imp.mode,
      publish: imp.publish,
      actor: await loadActor(db, imp.created_by),
      now,
      importId,
      onProgress: async (p) => {
        // Within the import's transaction PGlite (one connection) cannot answer other queries; progress then waits for the commit.
        if (p.phase === 'validating' || p.processed === 0) await setProgress(p);
        else if (db.kind === 'postgres') void setProgress(p).catch(() => {});
      },
    });
    await db.query(`update achievement_imports set status = $2, total_rows = $3, processed_rows = $3, imported_rows = $4, report = $5::jsonb, finished_at = $6, file = null where id = $1`, [
      importId,
      outcome.status,
      outcome.totalRows,
      outcome.importedRows,
      JSON.stringify(outcome.issues.slice(0, MAX_REPORT)),
      now,
    ]);
  } catch (err) {
    const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
    await db.query(`update achievement_imports set status = 'failed', report = $2::jsonb, finished_at = $3 where id = $1`, [
      importId,
      JSON.stringify([{ row: null, column: null, zh: `导入失败，未写入任何数据：${message}`, en: `the import failed and wrote nothing: ${message}`, level: 'error' }]),
      now,
    ]);
    throw err;
  }
}

export const importJobHandler: JobHandler = async (payload, job) => {
  await runImport(job.db, String(payload.importId), job.now);
};

/** An office context for the command line (it acts for the institution; it writes no actor). */
export function cliContext(db: Db, organisationId: string, creditCode: string, now: Date): Ctx {
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    name: 'keqiao CLI',
    via: 'token',
    tokenId: null,
    sessionIdHash: null,
    csrfToken: null,
    scopes: [],
    memberships: [{ membershipId: null, organisationId, organisationKind: 'university', organisationName: '', creditCode, role: 'org_admin' }],
  };
  return { db, actor, now, locale: 'zh-CN', requestId: 'cli', ip: null };
}

export type { TxCtx };
