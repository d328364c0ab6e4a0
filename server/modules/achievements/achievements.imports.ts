import { randomUUID } from 'node:crypto';
import type { ImportInput, ImportJob, ImportList } from '../../../common/api/achievements.js';
import type { PageParams } from '../../../common/page.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf, requireActor } from '../../lib/context.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { decodeUpload } from '../../lib/files.js';
import { enqueue } from '../../lib/jobs.js';
import { queryPage } from '../../lib/pagination.js';
import type { Locale } from '../../../common/locale.js';
import { IMPORT_COLUMNS, IMPORT_QUEUE, type ImportRow } from './achievements.exchange.service.js';

/**
 * Imports as the API sees them: an office uploads a file, a job (runImport in
 * achievements.exchange.service.ts) validates and writes it, and the office follows its progress
 * and reads its row-by-row report.
 */

export function presentImport(r: ImportRow, locale: Locale): ImportJob {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    filename: r.filename,
    format: r.format,
    mode: r.mode,
    publish: r.publish,
    status: r.status,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    importedRows: r.imported_rows,
    report: r.report.map((i) => ({ row: i.row, column: i.column, level: i.level, message: locale === 'en-US' ? i.en : i.zh })),
    createdAt: r.created_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}
export type ImportView = ImportJob;

/** The institution's office (or a platform admin), or 403. */
export function assertOffice(ctx: Ctx, organisationId: string) {
  if (!isOfficeOf(requireActor(ctx), organisationId)) throw forbidden();
}

/** The largest file an import accepts (the API body carries it as base64). */
export const MAX_IMPORT_BYTES = 44 * 1024 * 1024;

export async function createImport(ctx: Ctx, organisationId: string, body: ImportInput): Promise<ImportView> {
  assertOffice(ctx, organisationId);
  const data = decodeUpload(body.dataBase64, { maxBytes: MAX_IMPORT_BYTES, zh: '导入文件不能超过 44 MB', en: 'import files are limited to 44 MB' });
  const org = await ctx.db.query('select 1 from organisations where id = $1', [organisationId]);
  if (!org.rows.length) throw notFound('organisation', organisationId);
  const id = randomUUID();
  const row = await inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<ImportRow>(
      `insert into achievement_imports (id, organisation_id, created_by, format, filename, mode, publish, file, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${IMPORT_COLUMNS}`,
      [id, organisationId, tx.actor?.userId ?? null, body.format, body.filename, body.mode ?? 'all_or_nothing', body.publish ?? false, data, tx.now],
    );
    await enqueue(tx.db, IMPORT_QUEUE, { importId: id }, { maxAttempts: 3 });
    await audit(tx, {
      action: 'achievement.import_requested',
      entity: 'achievementImport',
      entityId: id,
      organisationId,
      after: { filename: body.filename, format: body.format, mode: body.mode ?? 'all_or_nothing', publish: body.publish ?? false, bytes: data.length },
    });
    return rows[0]!;
  });
  return presentImport(row, ctx.locale);
}

export async function getImport(ctx: Ctx, organisationId: string, importId: string): Promise<ImportView> {
  assertOffice(ctx, organisationId);
  const { rows } = await ctx.db.query<ImportRow>(`select ${IMPORT_COLUMNS} from achievement_imports where id = $1 and organisation_id = $2`, [importId, organisationId]);
  if (!rows[0]) throw notFound('achievementImport', importId);
  return presentImport(rows[0], ctx.locale);
}

/** The institution's imports, newest first (without their reports). */
export async function listImports(ctx: Ctx, organisationId: string, query: PageParams & { order: 'asc' | 'desc' }): Promise<ImportList> {
  assertOffice(ctx, organisationId);
  const page = await queryPage<ImportRow>(
    ctx.db,
    {
      select: IMPORT_COLUMNS.replace('report', "'[]'::jsonb as report"),
      from: 'from achievement_imports where organisation_id = $1',
      values: [organisationId],
      orderBy: `created_at ${query.order}, id ${query.order}`,
    },
    query,
  );
  return { ...page, items: page.items.map((r) => presentImport(r, ctx.locale)) };
}
