import type { Writable } from 'node:stream';
import { businessDateOf } from '../../../common/calendar.js';
import type { Queryable } from '../../db/client.js';
import type { Ctx } from '../../lib/context.js';
import { pct } from './achievements.content.rules.js';
import { type ExportView, toCells, toJsonRecord } from './achievements.exchange.export.rules.js';
import { type ExchangeFormat, writeJsonl, writeXlsx } from './achievements.exchange.files.js';
import { assertOffice } from './achievements.imports.js';
import { type ListFilter, ledgerWhere } from './achievements.lists.js';
import { type AchievementRow, loadCompleters } from './achievements.service.js';

/**
 * The export of an institution's ledger with the filters of the list: .xlsx with Chinese headers
 * or JSON Lines, streamed page by page (docs/achievements-exchange.md).
 */

const PAGE = 1000;

/** The ledger for a filter, page by page in number order, as the export needs it. */
export async function* exportViews(ctx: Ctx, organisationId: string, filter: ListFilter): AsyncGenerator<ExportView> {
  assertOffice(ctx, organisationId);
  const { rows: orgRows } = await ctx.db.query<{ credit_code: string }>('select credit_code from organisations where id = $1', [organisationId]);
  const creditCode = orgRows[0]?.credit_code ?? '';
  let after = '';
  for (;;) {
    const values: unknown[] = [];
    const where = ledgerWhere(ctx, organisationId, filter, values);
    values.push(after, PAGE);
    const { rows } = await ctx.db.query<AchievementRow>(`select a.* from achievements a where ${where} and a.number > $${values.length - 1} order by a.number limit $${values.length}`, values);
    if (!rows.length) return;
    const completers = await loadCompleters(
      ctx.db,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      yield {
        number: r.number,
        title: r.title,
        titleEn: r.title_en,
        summary: r.summary,
        summaryEn: r.summary_en,
        problem: r.problem,
        benefit: r.benefit,
        keywords: r.keywords,
        fieldCode: r.field_code,
        subfieldCode: r.subfield_code,
        ipType: r.ip_type,
        ipNumbers: r.ip_numbers,
        ipStatus: r.ip_status,
        authorised: r.authorised,
        sourceProject: r.source_project,
        sourceProjectNo: r.source_project_no,
        fundingType: r.funding_type,
        attribute: r.attribute,
        trl: r.trl,
        cooperationModes: r.cooperation_modes,
        askingPrice: r.asking_price,
        completers: (completers.get(r.id) ?? []).map((c) => ({ name: c.name, share: pct(c.share) })),
        ownershipUnitPct: pct(r.ownership_unit_pct),
        visibility: r.visibility,
        status: r.status,
        disclosedOn: r.disclosed_at ? businessDateOf(r.disclosed_at) : null,
        transformationStatus: r.transformation_status,
        transformationMode: r.transformation_mode,
        pricingMethod: r.pricing_method,
        agreedPrice: r.agreed_price,
        contractAmount: r.contract_amount,
        receivedAmount: r.received_amount,
        maintenanceCosts: r.maintenance_costs,
        techContractRegNo: r.tech_contract_reg_no,
        creditCode,
      };
    }
    after = rows.at(-1)!.number;
    if (rows.length < PAGE) return;
  }
}

async function* mapAsync<T, U>(it: AsyncIterable<T>, f: (t: T) => U): AsyncGenerator<U> {
  for await (const x of it) yield f(x);
}

/** Writes the export to a stream (the HTTP reply or a file), ending it. */
export async function writeExport(ctx: Ctx, organisationId: string, filter: ListFilter, format: ExchangeFormat, out: Writable): Promise<void> {
  const views = exportViews(ctx, organisationId, filter);
  if (format === 'xlsx') await writeXlsx(out, mapAsync(views, toCells));
  else await writeJsonl(out, mapAsync(views, toJsonRecord));
}

/** 成果台账-<institution>-<date>.xlsx */
export async function exportFilename(db: Queryable, organisationId: string, format: ExchangeFormat, now: Date): Promise<string> {
  const { rows } = await db.query<{ name: string }>('select name from organisations where id = $1', [organisationId]);
  const name = (rows[0]?.name ?? 'org').replace(/[\\/:*?"<>|\s]+/g, '');
  return `成果台账-${name}-${businessDateOf(now).replace(/-/g, '')}.${format}`;
}
