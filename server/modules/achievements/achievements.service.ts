import { randomUUID } from 'node:crypto';
import {
  type Attribute,
  AUTHORISED_BY_DEFAULT,
  achievementNumber,
  type CooperationMode,
  type FundingType,
  type IpType,
  type PricingMethod,
  STATUS_LABELS,
  type Status,
  type TransformationMode,
  type TransformationStatus,
  type Visibility,
} from '../../../common/achievements.js';
import type { Achievement, AchievementContentInput, CreateAchievementInput, UpdateAchievementInput } from '../../../common/api/achievements.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, hasRoleIn, inTransaction, isOfficeOf, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { groupBy } from '../../lib/rows.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { searchText } from '../../lib/text.js';
import { canEditContent, canRead } from './achievements.access.rules.js';
import { COLUMN_OF, type ContentError, contentErrors, contentPayload, OFFICE_ONLY, pct } from './achievements.content.rules.js';
import { present } from './achievements.present.js';

/**
 * The separate ledger of duty achievements (measure 1): the record and its content — loading,
 * disclosure, edits, ownership grants. Every change is audited and is a ledger event in
 * `achievement:<id>`, in the same transaction. The lifecycle is achievements.lifecycle.ts, its
 * table achievements.lifecycle.rules.ts; presentation, lists, publicity and attachments have
 * their own files.
 */

export interface AchievementRow {
  id: string;
  number: string;
  organisation_id: string;
  organisation_name?: string;
  created_by: string | null;
  title: string;
  title_en: string | null;
  summary: string;
  summary_en: string | null;
  problem: string;
  benefit: string;
  keywords: string[];
  field_code: string;
  subfield_code: string | null;
  ip_type: IpType;
  ip_numbers: string[];
  ip_status: string;
  authorised: boolean;
  source_project: string;
  source_project_no: string;
  funding_type: FundingType;
  attribute: Attribute;
  trl: number | null;
  trl_notes: string;
  ownership_unit_pct: string;
  ownership_team_pct: string;
  status: Status;
  transformation_status: TransformationStatus;
  transformation_mode: TransformationMode | null;
  pricing_method: PricingMethod | null;
  asking_price: string | null;
  agreed_price: string | null;
  cooperation_modes: CooperationMode[];
  contract_amount: string;
  received_amount: string;
  maintenance_costs: string;
  tech_contract_reg_no: string;
  visibility: Visibility;
  published_at: Date | null;
  disclosed_at: Date | null;
  transformed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export interface CompleterRow {
  achievement_id: string;
  position: number;
  name: string;
  user_id: string | null;
  share: string;
  is_head: boolean;
}

export const stream = (id: string) => `achievement:${id}`;

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

export async function loadRow(db: Queryable, id: string, forUpdate = false): Promise<AchievementRow | null> {
  const { rows } = await db.query<AchievementRow>(
    `select a.*, o.name as organisation_name from achievements a join organisations o on o.id = a.organisation_id
     where a.id = $1 ${forUpdate ? 'for update of a' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function loadCompleters(db: Queryable, ids: readonly string[]): Promise<Map<string, CompleterRow[]>> {
  if (!ids.length) return new Map();
  const { rows } = await db.query<CompleterRow>('select * from achievement_completers where achievement_id = any($1) order by achievement_id, position', [ids]);
  return groupBy(rows, (r) => r.achievement_id);
}

/** Loads an achievement the caller may see, or answers 404 (existence is not revealed). */
export async function loadVisible(ctx: Ctx | TxCtx, id: string, forUpdate = false) {
  const row = await loadRow(ctx.db, id, forUpdate);
  const completers = row ? ((await loadCompleters(ctx.db, [id])).get(id) ?? []) : [];
  if (!row || !canRead(ctx.actor, row, completers)) throw notFound('achievement', id);
  return { row, completers };
}

export async function getAchievement(ctx: Ctx, id: string): Promise<Achievement> {
  const { row, completers } = await loadVisible(ctx, id);
  return present(ctx.actor, row, completers);
}

function throwIfInvalid(errors: ContentError[]) {
  if (errors.length) throw fieldErrors(errors.map((e) => ({ ...e, field: `body.${e.field}` })));
}

// ------------------------------------------------------------------------------------------
// Writing
// ------------------------------------------------------------------------------------------

async function nextNumber(tx: TxCtx): Promise<string> {
  const { year, first } = await reserveYearlySequence(tx, 'achievement_number_counters');
  return achievementNumber(year, first);
}

async function writeCompleters(tx: TxCtx, id: string, completers: AchievementContentInput['completers']) {
  await tx.db.query('delete from achievement_completers where achievement_id = $1', [id]);
  for (const [i, c] of completers.entries()) {
    await tx.db.query('insert into achievement_completers (achievement_id, position, name, user_id, share, is_head) values ($1, $2, $3, $4, $5, $6)', [
      id,
      i + 1,
      c.name,
      c.userId ?? null,
      c.share,
      c.isHead ?? false,
    ]);
  }
}

async function refreshSearchText(tx: TxCtx, id: string) {
  const row = (await loadRow(tx.db, id))!;
  const completers = (await loadCompleters(tx.db, [id])).get(id) ?? [];
  const text = searchText(
    row.number,
    row.title,
    row.title_en,
    row.summary,
    row.keywords,
    completers.map((c) => c.name),
    row.problem,
    row.benefit,
  );
  await tx.db.query('update achievements set search_text = $2 where id = $1', [id, text]);
}

/** Ledger payload of the content: decimals as strings, no floats. */
export interface CreateOptions {
  submit?: boolean;
  /** Imports and offices may create records that are already accepted, with visibility public. */
  initialStatus?: Status;
  visibility?: 'internal' | 'confidential' | 'public';
  source?: string;
}

/**
 * Creates one achievement inside an open transaction (imports call this per row). The caller
 * has checked who may create it.
 */
export async function insertAchievement(tx: TxCtx, organisationId: string, input: AchievementContentInput, options: CreateOptions = {}) {
  throwIfInvalid(contentErrors(input));
  const id = randomUUID();
  const number = await nextNumber(tx);
  const status: Status = options.initialStatus ?? (options.submit ? 'disclosed' : 'draft');
  const visibility = options.visibility ?? 'internal';
  const now = tx.now;
  await tx.db.query(
    `insert into achievements (id, number, organisation_id, created_by, title, title_en, summary, summary_en, problem, benefit, keywords,
       field_code, subfield_code, ip_type, ip_numbers, ip_status, authorised, source_project, source_project_no, funding_type, attribute,
       trl, cooperation_modes, asking_price, maintenance_costs, status, visibility, published_at, disclosed_at, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$30)`,
    [
      id,
      number,
      organisationId,
      tx.actor?.userId ?? null,
      input.title,
      input.titleEn ?? null,
      input.summary ?? '',
      input.summaryEn ?? null,
      input.problem ?? '',
      input.benefit ?? '',
      input.keywords ?? [],
      input.fieldCode,
      input.subfieldCode ?? null,
      input.ipType,
      input.ipNumbers ?? [],
      input.ipStatus ?? '',
      input.authorised ?? AUTHORISED_BY_DEFAULT[input.ipType],
      input.sourceProject ?? '',
      input.sourceProjectNo ?? '',
      input.fundingType ?? 'fiscal',
      input.attribute ?? 'applied',
      input.trl ?? null,
      input.cooperationModes ?? [],
      input.askingPrice ?? null,
      input.maintenanceCosts ?? '0',
      status,
      visibility,
      visibility === 'public' ? now : null,
      status === 'draft' ? null : now,
      now,
    ],
  );
  await writeCompleters(tx, id, input.completers);
  await refreshSearchText(tx, id);
  await appendEvent(tx, {
    stream: stream(id),
    type: status === 'draft' ? 'achievement.drafted' : 'achievement.recorded',
    payload: { number, organisationId, status, visibility, source: options.source ?? 'form', content: contentPayload(input) },
  });
  await audit(tx, { action: 'achievement.create', entity: 'achievement', entityId: id, organisationId, after: { number, status, title: input.title } });
  return { id, number };
}

export async function createAchievement(ctx: Ctx, organisationId: string, input: CreateAchievementInput) {
  const actor = requireActor(ctx);
  if (!hasRoleIn(actor, organisationId, ...ROLE_GROUPS.institutionMember)) throw forbidden();
  const { submit, ...content } = input;
  const { id } = await inTransaction(ctx, (tx) => insertAchievement(tx, organisationId, content, { submit: submit ?? false }));
  return getAchievement(ctx, id);
}

export async function updateAchievement(ctx: Ctx, id: string, patch: UpdateAchievementInput) {
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    if (!canEditContent(tx.actor, row, completers)) {
      throw ruleViolation(`成果当前状态为“${STATUS_LABELS[row.status].zh}”，您不能修改`, `The achievement is ${STATUS_LABELS[row.status].en.toLowerCase()}; you cannot edit it`);
    }
    if (patch.version !== undefined && patch.version !== row.version) {
      throw new AppError('CONFLICT', { params: { detail: '成果已被他人修改，请刷新后重试', detailEn: 'someone else changed this achievement; reload and try again' } });
    }
    const office = isOfficeOf(tx.actor, row.organisation_id);
    const { version: _v, ...fields } = patch;
    // Ownership changes only through an ownership grant (赋权), which records it with its agreement.
    if (fields.ownershipUnitPct !== undefined && Number(fields.ownershipUnitPct) !== Number(row.ownership_unit_pct)) {
      throw new AppError('VALIDATION_FAILED', {
        errors: [
          {
            field: 'body.ownershipUnitPct',
            zh: '成果权属比例不能直接修改，须经赋权流程（申请 → 审核 → 公示 → 批准 → 协议 → 权属变更登记）：请在“赋权”中提出申请',
            en: 'ownership cannot be edited directly; it changes only through an ownership grant (application → checks → publicity → approval → agreement → recorded change): apply under Rights',
          },
        ],
      });
    }
    delete fields.ownershipUnitPct;
    for (const k of Object.keys(fields)) if (OFFICE_ONLY.has(k) && !office) throw forbidden();
    const merged = { fieldCode: row.field_code, ...fields };
    if (fields.subfieldCode === undefined && fields.fieldCode) merged.subfieldCode = row.subfield_code;
    throwIfInvalid(contentErrors(merged));

    const sets: string[] = [];
    const values: unknown[] = [id];
    const before: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined || k === 'completers') continue;
      const col = COLUMN_OF[k];
      if (!col) continue;
      values.push(v);
      sets.push(`${col} = $${values.length}`);
      before[k] = row[col as keyof AchievementRow];
    }
    values.push(tx.now);
    sets.push(`updated_at = $${values.length}`, 'version = version + 1');
    await tx.db.query(`update achievements set ${sets.join(', ')} where id = $1`, values);
    if (fields.completers) {
      before.completers = completers.map((c) => ({ name: c.name, share: pct(c.share) }));
      await writeCompleters(tx, id, fields.completers);
    }
    await refreshSearchText(tx, id);
    await appendEvent(tx, { stream: stream(id), type: 'achievement.updated', payload: { fields: contentPayload(fields) } });
    await audit(tx, { action: 'achievement.update', entity: 'achievement', entityId: id, organisationId: row.organisation_id, before, after: fields });
  });
  return getAchievement(ctx, id);
}

/**
 * The rights module records an ownership grant: the co-ownership of the achievement changes and
 * the change is a ledger event on its stream, in the caller's transaction. The only writer of the
 * ownership columns after registration.
 */
export async function recordOwnershipGrant(
  tx: TxCtx,
  id: string,
  grant: {
    grantId: string;
    grantNumber: string;
    kind: 'ownership' | 'use_right';
    unitPct: string;
    teamPct: string;
    useRightUntil: string | null;
    agreementNo: string;
    recordedOn: string;
    registrationRef: string;
  },
): Promise<{ unitPctBefore: string }> {
  const row = await loadRow(tx.db, id, true);
  if (!row) throw notFound('achievement', id);
  await tx.db.query('update achievements set ownership_unit_pct = $2, ownership_team_pct = $3, updated_at = $4, version = version + 1 where id = $1', [id, grant.unitPct, grant.teamPct, tx.now]);
  await appendEvent(tx, {
    stream: stream(id),
    type: 'achievement.ownership_granted',
    payload: { ...grant, unitPctBefore: pct(row.ownership_unit_pct), teamPctBefore: pct(row.ownership_team_pct) },
  });
  await audit(tx, {
    action: 'achievement.ownership_grant',
    entity: 'achievement',
    entityId: id,
    organisationId: row.organisation_id,
    before: { ownershipUnitPct: row.ownership_unit_pct, ownershipTeamPct: row.ownership_team_pct },
    after: { ownershipUnitPct: grant.unitPct, ownershipTeamPct: grant.teamPct, grantId: grant.grantId },
  });
  return { unitPctBefore: row.ownership_unit_pct };
}
