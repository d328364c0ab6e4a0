import { randomUUID } from 'node:crypto';
import { AUTHORISED_BY_DEFAULT, achievementNumber, type Status } from '../../../common/achievements.js';
import { auditMany } from '../../lib/audit.js';
import type { TxCtx } from '../../lib/context.js';
import { fieldErrors } from '../../lib/errors.js';
import { appendFirstEvents } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { searchText } from '../../lib/text.js';
import type { AchievementContentInput } from '../../../common/api/achievements.js';
import { contentErrors } from './achievements.content.rules.js';
import { stream } from './achievements.service.js';

/**
 * The bulk path of the ledger, for imports: many achievements per statement (rows, completers,
 * numbers, ledger events and audit entries by the batch). Each achievement still gets its own
 * hash-chained ledger event (the first of its stream, computed as appendEvent does) and its own
 * audit entry, in the caller's transaction. The same rules as insertAchievement (contentErrors) apply.
 */

export interface BulkAchievement {
  content: AchievementContentInput;
  status: Status;
  visibility: 'internal' | 'confidential' | 'public';
  disclosedAt: Date | null;
  transformationStatus: string;
  transformationMode: string | null;
  contractAmount: string;
  receivedAmount: string;
  techContractRegNo: string;
  ownershipUnitPct: string;
  /** Facts for the ledger event only (the file's own number, its row). */
  eventExtra?: Record<string, unknown>;
}

/** Reserves n consecutive numbers of the current year in one statement. */
async function reserveNumbers(tx: TxCtx, n: number): Promise<string[]> {
  const { year, first } = await reserveYearlySequence(tx, 'achievement_number_counters', n);
  return Array.from({ length: n }, (_, i) => achievementNumber(year, first + i));
}

const ROW_COLUMNS = `id uuid, number text, organisation_id uuid, created_by uuid, title text, title_en text, summary text, summary_en text, problem text,
  benefit text, keywords text[], field_code text, subfield_code text, ip_type text, ip_numbers text[], ip_status text, authorised boolean,
  source_project text, source_project_no text, funding_type text, attribute text, trl int, ownership_unit_pct numeric, status text,
  transformation_status text, transformation_mode text, asking_price numeric, cooperation_modes text[], contract_amount numeric,
  received_amount numeric, maintenance_costs numeric, tech_contract_reg_no text, visibility text, published_at timestamptz,
  disclosed_at timestamptz, search_text text, created_at timestamptz, updated_at timestamptz`;
const ROW_NAMES = ROW_COLUMNS.split(',').map((c) => c.trim().split(' ')[0]!);

/** The ledger payload of the content: decimals as strings, no floats (as insertAchievement writes it). */
function contentPayload(input: AchievementContentInput) {
  const { completers, ...rest } = input;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    completers: completers.map((c) => ({ name: c.name, share: c.share, userId: c.userId ?? null, isHead: c.isHead ?? false })),
  };
}

/**
 * Inserts a batch of achievements of one organisation. The caller has checked who may do it and
 * holds the transaction; the batch commits or rolls back with it.
 */
export async function insertAchievementsBulk(tx: TxCtx, organisationId: string, items: readonly BulkAchievement[], source = 'import'): Promise<{ id: string; number: string }[]> {
  if (!items.length) return [];
  const invalid = items.flatMap((it, i) => contentErrors(it.content).map((e) => ({ ...e, field: `items.${i}.${e.field}` })));
  if (invalid.length) throw fieldErrors(invalid);
  const numbers = await reserveNumbers(tx, items.length);
  const now = tx.now;
  const created = items.map((it, i) => ({ id: randomUUID(), number: numbers[i]!, it }));
  const rows = created.map(({ id, number, it }) => {
    const c = it.content;
    return {
      id,
      number,
      organisation_id: organisationId,
      created_by: tx.actor?.userId ?? null,
      title: c.title,
      title_en: c.titleEn ?? null,
      summary: c.summary ?? '',
      summary_en: c.summaryEn ?? null,
      problem: c.problem ?? '',
      benefit: c.benefit ?? '',
      keywords: c.keywords ?? [],
      field_code: c.fieldCode,
      subfield_code: c.subfieldCode ?? null,
      ip_type: c.ipType,
      ip_numbers: c.ipNumbers ?? [],
      ip_status: c.ipStatus ?? '',
      authorised: c.authorised ?? AUTHORISED_BY_DEFAULT[c.ipType],
      source_project: c.sourceProject ?? '',
      source_project_no: c.sourceProjectNo ?? '',
      funding_type: c.fundingType ?? 'fiscal',
      attribute: c.attribute ?? 'applied',
      trl: c.trl ?? null,
      ownership_unit_pct: it.ownershipUnitPct,
      status: it.status,
      transformation_status: it.transformationStatus,
      transformation_mode: it.transformationMode,
      asking_price: c.askingPrice ?? null,
      cooperation_modes: c.cooperationModes ?? [],
      contract_amount: it.contractAmount,
      received_amount: it.receivedAmount,
      maintenance_costs: c.maintenanceCosts ?? '0',
      tech_contract_reg_no: it.techContractRegNo,
      visibility: it.visibility,
      published_at: it.visibility === 'public' ? now.toISOString() : null,
      disclosed_at: it.disclosedAt?.toISOString() ?? null,
      search_text: searchText(
        number,
        c.title,
        c.titleEn,
        c.summary,
        c.keywords,
        c.completers.map((p) => p.name),
        c.problem,
        c.benefit,
      ),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    };
  });
  await tx.db.query(
    `insert into achievements (${ROW_NAMES.join(', ')}, ownership_team_pct)
     select ${ROW_NAMES.join(', ')}, 100 - ownership_unit_pct from jsonb_to_recordset($1::jsonb) as x(${ROW_COLUMNS})`,
    [JSON.stringify(rows)],
  );
  const completers = created.flatMap(({ id, it }) =>
    it.content.completers.map((p, i) => ({ achievement_id: id, position: i + 1, name: p.name, user_id: p.userId ?? null, share: p.share, is_head: p.isHead ?? false })),
  );
  await tx.db.query(
    `insert into achievement_completers (achievement_id, position, name, user_id, share, is_head)
     select achievement_id, position, name, user_id, share, is_head
       from jsonb_to_recordset($1::jsonb) as x(achievement_id uuid, position int, name text, user_id uuid, share numeric, is_head boolean)`,
    [JSON.stringify(completers)],
  );
  await appendFirstEvents(
    tx,
    created.map(({ id, number, it }) => ({
      stream: stream(id),
      type: 'achievement.recorded',
      payload: {
        number,
        organisationId,
        status: it.status,
        visibility: it.visibility,
        source,
        content: contentPayload(it.content),
        transformationStatus: it.transformationStatus,
        transformationMode: it.transformationMode,
        contractAmount: it.contractAmount,
        receivedAmount: it.receivedAmount,
        techContractRegNo: it.techContractRegNo,
        ownershipUnitPct: it.ownershipUnitPct,
        disclosedAt: it.disclosedAt?.toISOString() ?? null,
        ...(it.eventExtra ?? {}),
      },
    })),
  );
  await auditMany(
    tx,
    created.map(({ id, number, it }) => ({ action: 'achievement.create', entity: 'achievement', entityId: id, organisationId, after: { number, status: it.status, title: it.content.title, source } })),
  );
  return created.map(({ id, number }) => ({ id, number }));
}
