import { createHash, randomUUID } from 'node:crypto';
import {
  type Action,
  AUTHORISED_BY_DEFAULT,
  achievementNumber,
  canTransition,
  type Performer,
  PUBLICITY_MIN_DAYS,
  PUBLISHABLE_STATUSES,
  RESEARCHER_EDITABLE,
  STATUS_AFTER_DEAL,
  STATUS_LABELS,
  type Status,
  sharesSumTo100,
  stageOfTrl,
  TRANSITIONS,
  type TransformationMode,
} from '../../../common/achievements.js';
import { addDays, businessDateOf, compareDates, diffDays } from '../../../common/calendar.js';
import { isFieldCode, isSubfieldOf } from '../../../common/taxonomy.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { searchText, segment, toTsQuery } from '../../lib/text.js';
import type { AchievementContentInput } from './achievements.schemas.js';

/**
 * The separate ledger of duty achievements (measure 1): disclosure, office review, assessment,
 * protection, pricing with publicity, transformation and disposal. Every change is audited and
 * every lifecycle step is a ledger event in `achievement:<id>`, in the same transaction.
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
  ip_type: string;
  ip_numbers: string[];
  ip_status: string;
  authorised: boolean;
  source_project: string;
  source_project_no: string;
  funding_type: string;
  attribute: string;
  trl: number | null;
  trl_notes: string;
  ownership_unit_pct: string;
  ownership_team_pct: string;
  status: Status;
  transformation_status: string;
  transformation_mode: string | null;
  pricing_method: string | null;
  asking_price: string | null;
  agreed_price: string | null;
  cooperation_modes: string[];
  contract_amount: string;
  received_amount: string;
  maintenance_costs: string;
  tech_contract_reg_no: string;
  visibility: string;
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

/** Percent strings without trailing zeros: "60.00" → "60", "33.50" → "33.5". */
const pct = (s: string) => s.replace(/\.?0+$/, '') || '0';

// ------------------------------------------------------------------------------------------
// Who may do what
// ------------------------------------------------------------------------------------------

/** The institution's office: its tech-transfer officers and organisation administrators, or a platform admin. */
export function isOffice(actor: Actor | null, organisationId: string): boolean {
  return hasRoleIn(actor, organisationId, 'tto_officer', 'org_admin') || hasRole(actor, 'admin');
}

function isOwnRecord(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): boolean {
  if (!actor) return false;
  return row.created_by === actor.userId || completers.some((c) => c.user_id === actor.userId);
}

export function canRead(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): boolean {
  return row.visibility === 'public' && row.status !== 'withdrawn' ? true : isOffice(actor, row.organisation_id) || isOwnRecord(actor, row, completers);
}

function performerOf(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): Set<Performer> {
  const p = new Set<Performer>();
  if (isOffice(actor, row.organisation_id)) p.add('office');
  if (isOwnRecord(actor, row, completers) && hasRoleIn(actor, row.organisation_id, 'researcher', 'tto_officer', 'org_admin')) p.add('researcher');
  // The office may also submit or withdraw on a researcher's behalf (paper disclosures).
  if (p.has('office')) p.add('researcher');
  return p;
}

function allowedActions(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): string[] {
  const performers = performerOf(actor, row, completers);
  const actions: string[] = Object.entries(TRANSITIONS)
    .filter(([, t]) => t.from.includes(row.status) && performers.has(t.by))
    .map(([a]) => a);
  if (performers.has('office') && PUBLISHABLE_STATUSES.includes(row.status)) actions.push(row.visibility === 'public' ? 'unpublish' : 'publish');
  return actions;
}

function canEditContent(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): boolean {
  const p = performerOf(actor, row, completers);
  if (p.has('office')) return row.status !== 'disposed' && row.status !== 'withdrawn';
  return p.has('researcher') && RESEARCHER_EDITABLE.includes(row.status);
}

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

export function present(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]) {
  return {
    id: row.id,
    number: row.number,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name ?? '',
    title: row.title,
    titleEn: row.title_en,
    summary: row.summary,
    summaryEn: row.summary_en,
    problem: row.problem,
    benefit: row.benefit,
    keywords: row.keywords,
    fieldCode: row.field_code,
    subfieldCode: row.subfield_code,
    ipType: row.ip_type as never,
    ipNumbers: row.ip_numbers,
    ipStatus: row.ip_status,
    authorised: row.authorised,
    sourceProject: row.source_project,
    sourceProjectNo: row.source_project_no,
    fundingType: row.funding_type as never,
    attribute: row.attribute as never,
    stage: row.trl == null ? null : stageOfTrl(row.trl),
    trl: row.trl,
    trlNotes: row.trl_notes,
    ownershipUnitPct: pct(row.ownership_unit_pct),
    ownershipTeamPct: pct(row.ownership_team_pct),
    status: row.status,
    transformationStatus: row.transformation_status as never,
    transformationMode: row.transformation_mode as never,
    pricingMethod: row.pricing_method as never,
    askingPrice: row.asking_price,
    agreedPrice: row.agreed_price,
    cooperationModes: row.cooperation_modes as never[],
    contractAmount: row.contract_amount,
    receivedAmount: row.received_amount,
    maintenanceCosts: row.maintenance_costs,
    techContractRegNo: row.tech_contract_reg_no,
    visibility: row.visibility as never,
    publishedAt: row.published_at?.toISOString() ?? null,
    disclosedAt: row.disclosed_at?.toISOString() ?? null,
    transformedAt: row.transformed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    completers: completers.map((c) => ({ name: c.name, userId: c.user_id, share: pct(c.share), isHead: c.is_head })),
    allowedActions: allowedActions(actor, row, completers),
    canEdit: canEditContent(actor, row, completers),
  };
}
export type AchievementView = ReturnType<typeof present>;

export async function loadRow(db: Queryable, id: string, forUpdate = false): Promise<AchievementRow | null> {
  const { rows } = await db.query<AchievementRow>(
    `select a.*, o.name as organisation_name from achievements a join organisations o on o.id = a.organisation_id
     where a.id = $1 ${forUpdate ? 'for update of a' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function loadCompleters(db: Queryable, ids: readonly string[]): Promise<Map<string, CompleterRow[]>> {
  const map = new Map<string, CompleterRow[]>();
  if (!ids.length) return map;
  const { rows } = await db.query<CompleterRow>('select * from achievement_completers where achievement_id = any($1) order by achievement_id, position', [ids]);
  for (const r of rows) map.set(r.achievement_id, [...(map.get(r.achievement_id) ?? []), r]);
  return map;
}

/** Loads an achievement the caller may see, or answers 404 (existence is not revealed). */
async function loadVisible(ctx: Ctx | TxCtx, id: string, forUpdate = false) {
  const row = await loadRow(ctx.db, id, forUpdate);
  const completers = row ? ((await loadCompleters(ctx.db, [id])).get(id) ?? []) : [];
  if (!row || !canRead(ctx.actor, row, completers)) throw notFound('achievement', id);
  return { row, completers };
}

export async function getAchievement(ctx: Ctx, id: string): Promise<AchievementView> {
  const { row, completers } = await loadVisible(ctx, id);
  return present(ctx.actor, row, completers);
}

// ------------------------------------------------------------------------------------------
// Validation shared by forms and imports
// ------------------------------------------------------------------------------------------

/** Rules a schema cannot express; each failure names its field. */
export function contentErrors(input: Partial<AchievementContentInput>): { field: string; zh: string; en: string }[] {
  const errors: { field: string; zh: string; en: string }[] = [];
  if (input.fieldCode !== undefined && !isFieldCode(input.fieldCode)) {
    errors.push({ field: 'fieldCode', zh: `未知的技术领域代码：${input.fieldCode}`, en: `unknown field code: ${input.fieldCode}` });
  }
  if (input.subfieldCode && input.fieldCode && !isSubfieldOf(input.subfieldCode, input.fieldCode)) {
    errors.push({ field: 'subfieldCode', zh: `子领域 ${input.subfieldCode} 不属于 ${input.fieldCode}`, en: `subfield ${input.subfieldCode} is not under ${input.fieldCode}` });
  }
  if (input.completers) {
    if (!sharesSumTo100(input.completers.map((c) => c.share))) {
      errors.push({ field: 'completers', zh: '完成人贡献比例之和须恰好为 100%', en: "completers' shares must sum to exactly 100%" });
    }
    const names = input.completers.map((c) => c.name);
    if (new Set(names).size !== names.length) errors.push({ field: 'completers', zh: '完成人姓名重复', en: 'a completer is listed twice' });
  }
  return errors;
}

function throwIfInvalid(errors: { field: string; zh: string; en: string }[]) {
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
  const text = searchText(row.number, row.title, row.title_en, row.summary, row.keywords, completers.map((c) => c.name), row.problem, row.benefit);
  await tx.db.query('update achievements set search_text = $2 where id = $1', [id, text]);
}

/** Ledger payload of the content: decimals as strings, no floats. */
function contentPayload(input: Partial<AchievementContentInput>) {
  const { completers, ...rest } = input;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(completers ? { completers: completers.map((c) => ({ name: c.name, share: c.share, userId: c.userId ?? null, isHead: c.isHead ?? false })) } : {}),
  };
}

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

export async function createAchievement(ctx: Ctx, organisationId: string, input: AchievementContentInput & { submit?: boolean }) {
  const actor = requireActor(ctx);
  if (!hasRoleIn(actor, organisationId, 'researcher', 'tto_officer', 'org_admin')) throw forbidden();
  const { submit, ...content } = input;
  const { id } = await inTransaction(ctx, (tx) => insertAchievement(tx, organisationId, content, { submit: submit ?? false }));
  return getAchievement(ctx, id);
}

const COLUMN_OF: Record<string, string> = {
  title: 'title',
  titleEn: 'title_en',
  summary: 'summary',
  summaryEn: 'summary_en',
  problem: 'problem',
  benefit: 'benefit',
  keywords: 'keywords',
  fieldCode: 'field_code',
  subfieldCode: 'subfield_code',
  ipType: 'ip_type',
  ipNumbers: 'ip_numbers',
  ipStatus: 'ip_status',
  authorised: 'authorised',
  sourceProject: 'source_project',
  sourceProjectNo: 'source_project_no',
  fundingType: 'funding_type',
  attribute: 'attribute',
  trl: 'trl',
  cooperationModes: 'cooperation_modes',
  askingPrice: 'asking_price',
  maintenanceCosts: 'maintenance_costs',
  contractAmount: 'contract_amount',
  receivedAmount: 'received_amount',
  techContractRegNo: 'tech_contract_reg_no',
};
/** Fields only the office maintains (money and registration are the ledger's, not the discloser's). */
const OFFICE_ONLY = new Set(['contractAmount', 'receivedAmount', 'techContractRegNo', 'ownershipUnitPct', 'maintenanceCosts']);

export async function updateAchievement(
  ctx: Ctx,
  id: string,
  patch: Partial<AchievementContentInput> & { version?: number; ownershipUnitPct?: string; contractAmount?: string; receivedAmount?: string; techContractRegNo?: string },
) {
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    if (!canEditContent(tx.actor, row, completers)) {
      throw ruleViolation(
        `成果当前状态为“${STATUS_LABELS[row.status].zh}”，您不能修改`,
        `The achievement is ${STATUS_LABELS[row.status].en.toLowerCase()}; you cannot edit it`,
      );
    }
    if (patch.version !== undefined && patch.version !== row.version) {
      throw new AppError('CONFLICT', { params: { detail: '成果已被他人修改，请刷新后重试', detailEn: 'someone else changed this achievement; reload and try again' } });
    }
    const office = isOffice(tx.actor, row.organisation_id);
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
      before[k] = (row as unknown as Record<string, unknown>)[col];
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

// ------------------------------------------------------------------------------------------
// Lifecycle
// ------------------------------------------------------------------------------------------

export interface TransitionInput {
  reason?: string;
  trl?: number;
  notes?: string;
  attribute?: string;
  filing?: { ipType: string; applicationNo: string; filedOn?: string; grantedOn?: string | null; nextAnnuityDue?: string | null };
  pricingMethod?: string;
  agreedPrice?: string | null;
  askingPrice?: string | null;
  startsOn?: string;
  endsOn?: string;
  objectionContact?: string;
  transformationMode?: TransformationMode;
  contractAmount?: string;
  techContractRegNo?: string;
  note?: string;
}

interface PublicityRow {
  id: string;
  price: string;
  starts_on: string;
  ends_on: string;
  status: string;
}

async function currentPublicity(db: Queryable, achievementId: string): Promise<PublicityRow | null> {
  const { rows } = await db.query<PublicityRow>(
    "select * from achievement_publicity where achievement_id = $1 and status = 'running' order by created_at desc limit 1",
    [achievementId],
  );
  return rows[0] ?? null;
}

async function openObjections(db: Queryable, publicityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from achievement_objections where publicity_id = $1 and resolved_at is null', [publicityId]);
  return rows[0]!.n;
}

/**
 * Performs one lifecycle action: checks the state machine, the performer and the action's own
 * rules, then changes the row and appends the ledger event in one transaction.
 */
export async function transition(ctx: Ctx, id: string, action: Action, input: TransitionInput = {}) {
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    const rule = TRANSITIONS[action];
    if (!performerOf(tx.actor, row, completers).has(rule.by)) throw forbidden();
    if (!canTransition(row.status, action)) {
      const from = STATUS_LABELS[row.status];
      throw new AppError('CONFLICT', {
        params: {
          detail: `成果当前状态为“${from.zh}”，不能执行“${rule.zh}”`,
          detailEn: `cannot ${rule.en.toLowerCase()} an achievement that is ${from.en.toLowerCase()}`,
        },
      });
    }
    if (rule.needsReason && !input.reason?.trim()) throw fieldError('body.reason', '请填写理由', 'a reason is required');

    const today = businessDateOf(tx.now);
    const sets: Record<string, unknown> = { status: rule.to };
    const payload: Record<string, unknown> = { from: row.status, to: rule.to };

    switch (action) {
      case 'submit':
        if (!row.disclosed_at) sets.disclosed_at = tx.now;
        break;
      case 'assess':
        sets.trl = input.trl;
        sets.trl_notes = input.notes ?? '';
        if (input.attribute) sets.attribute = input.attribute;
        Object.assign(payload, { trl: input.trl, stage: stageOfTrl(input.trl!), notes: input.notes ?? '' });
        break;
      case 'protect': {
        const f = input.filing!;
        await tx.db.query(
          `insert into achievement_filings (id, achievement_id, ip_type, application_no, filed_on, granted_on, status, next_annuity_due, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [randomUUID(), id, f.ipType, f.applicationNo, f.filedOn ?? today, f.grantedOn ?? null, f.grantedOn ? 'granted' : 'filed', f.nextAnnuityDue ?? null, tx.now],
        );
        sets.ip_numbers = [...new Set([...row.ip_numbers, f.applicationNo])];
        if (f.grantedOn) sets.authorised = true;
        Object.assign(payload, { filing: { ipType: f.ipType, applicationNo: f.applicationNo, filedOn: f.filedOn ?? today, grantedOn: f.grantedOn ?? null, nextAnnuityDue: f.nextAnnuityDue ?? null } });
        break;
      }
      case 'price': {
        if (input.pricingMethod === 'agreement' && !input.agreedPrice) {
          throw fieldError('body.agreedPrice', '协议定价须填写协议价格', 'an agreed price is required for 协议定价');
        }
        sets.pricing_method = input.pricingMethod;
        sets.agreed_price = input.pricingMethod === 'agreement' ? input.agreedPrice : null;
        if (input.askingPrice !== undefined) sets.asking_price = input.askingPrice;
        Object.assign(payload, { pricingMethod: input.pricingMethod, agreedPrice: sets.agreed_price ?? null, askingPrice: input.askingPrice ?? row.asking_price });
        break;
      }
      case 'start_publicity': {
        if (row.pricing_method !== 'agreement' || !row.agreed_price) {
          throw ruleViolation('只有协议定价需要公示；请先以“协议定价”定价', 'Only an agreed price goes through publicity; set an agreed price first');
        }
        const startsOn = input.startsOn ?? today;
        const endsOn = input.endsOn ?? addDays(startsOn, PUBLICITY_MIN_DAYS - 1);
        if (compareDates(startsOn, today) < 0) throw fieldError('body.startsOn', '公示开始日期不能早于今天', 'publicity cannot start in the past');
        const days = diffDays(startsOn, endsOn) + 1;
        if (days < PUBLICITY_MIN_DAYS) {
          throw fieldError(
            'body.endsOn',
            `协议定价公示期不少于 ${PUBLICITY_MIN_DAYS} 日（国发〔2016〕16号；促进科技成果转化法第十八条），现为 ${days} 日`,
            `publicity of an agreed price lasts at least ${PUBLICITY_MIN_DAYS} days (Law Art. 18); this is ${days}`,
          );
        }
        const publicityId = randomUUID();
        await tx.db.query(
          'insert into achievement_publicity (id, achievement_id, price, starts_on, ends_on, objection_contact, created_at) values ($1, $2, $3, $4, $5, $6, $7)',
          [publicityId, id, row.agreed_price, startsOn, endsOn, input.objectionContact ?? '', tx.now],
        );
        Object.assign(payload, { publicityId, price: row.agreed_price, startsOn, endsOn, days });
        break;
      }
      case 'cancel_publicity': {
        const p = await currentPublicity(tx.db, id);
        if (p) await tx.db.query("update achievement_publicity set status = 'cancelled' where id = $1", [p.id]);
        payload.publicityId = p?.id ?? null;
        break;
      }
      case 'decide': {
        if (row.status === 'priced' && row.pricing_method === 'agreement') {
          throw ruleViolation('协议定价须先完成不少于 15 日的公示', 'An agreed price must first go through at least 15 days of publicity');
        }
        if (row.status === 'in_publicity') {
          const p = await currentPublicity(tx.db, id);
          if (!p) throw ruleViolation('没有进行中的公示', 'There is no running publicity');
          if (compareDates(today, p.ends_on) <= 0) {
            throw ruleViolation(`公示期至 ${p.ends_on} 结束，期满后方可决定转化`, `The publicity runs until ${p.ends_on}; decide after it ends`);
          }
          const open = await openObjections(tx.db, p.id);
          if (open > 0) throw ruleViolation(`公示期内有 ${open} 项异议尚未处理，处理后方可签约`, `${open} objection(s) raised in the publicity are unresolved; resolve them before signing`);
          await tx.db.query("update achievement_publicity set status = 'passed' where id = $1", [p.id]);
          payload.publicityId = p.id;
        }
        sets.transformation_mode = input.transformationMode;
        sets.transformation_status = 'under_negotiation';
        Object.assign(payload, { transformationMode: input.transformationMode, note: input.note ?? '' });
        break;
      }
      case 'complete': {
        const mode = row.transformation_mode as TransformationMode;
        sets.transformation_status = STATUS_AFTER_DEAL[mode];
        sets.contract_amount = input.contractAmount;
        if (input.techContractRegNo) sets.tech_contract_reg_no = input.techContractRegNo;
        sets.transformed_at = tx.now;
        Object.assign(payload, { transformationMode: mode, transformationStatus: sets.transformation_status, contractAmount: input.contractAmount, techContractRegNo: input.techContractRegNo ?? '' });
        break;
      }
      case 'reopen':
        sets.transformation_status = 'not_transformed';
        sets.transformation_mode = null;
        break;
      case 'dispose':
        if (row.status !== 'transformed') sets.transformation_status = 'abandoned';
        sets.visibility = row.visibility === 'public' ? 'internal' : row.visibility;
        break;
      case 'withdraw':
      case 'accept':
      case 'return':
        break;
    }

    const cols = Object.keys(sets);
    await tx.db.query(
      `update achievements set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = $${cols.length + 2}, version = version + 1 where id = $1`,
      [id, ...cols.map((c) => sets[c]), tx.now],
    );
    await appendEvent(tx, { stream: stream(id), type: `achievement.${action}`, payload, reason: input.reason ?? null });
    await audit(tx, {
      action: `achievement.${action}`,
      entity: 'achievement',
      entityId: id,
      organisationId: row.organisation_id,
      before: { status: row.status },
      after: { ...sets, reason: input.reason ?? null },
    });
  });
  return getAchievement(ctx, id);
}

/** Publication to the market (visibility public) or back to internal: an office decision, on the ledger. */
export async function setPublished(ctx: Ctx, id: string, published: boolean) {
  await inTransaction(ctx, async (tx) => {
    const { row } = await loadVisible(tx, id, true);
    if (!isOffice(tx.actor, row.organisation_id)) throw forbidden();
    if (published && !PUBLISHABLE_STATUSES.includes(row.status)) {
      throw ruleViolation(
        `成果状态为“${STATUS_LABELS[row.status].zh}”，评估后方可发布到市场`,
        `An achievement that is ${STATUS_LABELS[row.status].en.toLowerCase()} cannot be published; assess it first`,
      );
    }
    const visibility = published ? 'public' : 'internal';
    if (row.visibility === visibility) return;
    const listed = published && row.transformation_status === 'not_transformed';
    await tx.db.query(
      `update achievements set visibility = $2, published_at = $3, updated_at = $4, version = version + 1,
         transformation_status = case when $5::boolean then 'listed' when transformation_status = 'listed' then 'not_transformed' else transformation_status end
       where id = $1`,
      [id, visibility, published ? tx.now : null, tx.now, listed],
    );
    await appendEvent(tx, { stream: stream(id), type: published ? 'achievement.published' : 'achievement.unpublished', payload: { visibility } });
    await audit(tx, { action: published ? 'achievement.publish' : 'achievement.unpublish', entity: 'achievement', entityId: id, organisationId: row.organisation_id, before: { visibility: row.visibility }, after: { visibility } });
  });
  return getAchievement(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Publicity objections
// ------------------------------------------------------------------------------------------

export async function getPublicity(ctx: Ctx, id: string) {
  await loadVisible(ctx, id);
  const { rows } = await ctx.db.query<PublicityRow & { objection_contact: string; created_at: Date }>(
    'select * from achievement_publicity where achievement_id = $1 order by created_at desc',
    [id],
  );
  const ids = rows.map((r) => r.id);
  const objections = ids.length
    ? (
        await ctx.db.query<{ id: string; publicity_id: string; raised_by_name: string; content: string; raised_at: Date; resolution: string | null; resolution_note: string | null; resolved_at: Date | null }>(
          'select * from achievement_objections where publicity_id = any($1) order by raised_at',
          [ids],
        )
      ).rows
    : [];
  return {
    items: rows.map((p) => ({
      id: p.id,
      price: p.price,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      status: p.status as 'running' | 'passed' | 'cancelled',
      objectionContact: p.objection_contact,
      objections: objections
        .filter((o) => o.publicity_id === p.id)
        .map((o) => ({
          id: o.id,
          raisedByName: o.raised_by_name,
          content: o.content,
          raisedAt: o.raised_at.toISOString(),
          resolution: o.resolution as 'upheld' | 'dismissed' | null,
          resolutionNote: o.resolution_note,
          resolvedAt: o.resolved_at?.toISOString() ?? null,
        })),
    })),
  };
}

/** Anyone of the institution may object during an internal publicity window. */
export async function raiseObjection(ctx: Ctx, id: string, content: string) {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const row = await loadRow(tx.db, id, true);
    if (!row || !hasRoleIn(actor, row.organisation_id, 'researcher', 'tto_officer', 'org_admin')) throw notFound('achievement', id);
    const p = row.status === 'in_publicity' ? await currentPublicity(tx.db, id) : null;
    const today = businessDateOf(tx.now);
    if (!p || compareDates(today, p.starts_on) < 0 || compareDates(today, p.ends_on) > 0) {
      throw ruleViolation('该成果当前不在公示期内，不能提出异议', 'The achievement is not in a publicity window; objections are closed');
    }
    const objectionId = randomUUID();
    await tx.db.query(
      'insert into achievement_objections (id, publicity_id, raised_by, raised_by_name, content, raised_at) values ($1, $2, $3, $4, $5, $6)',
      [objectionId, p.id, actor.userId, actor.name, content, tx.now],
    );
    await appendEvent(tx, { stream: stream(id), type: 'achievement.objection_raised', payload: { publicityId: p.id, objectionId, content } });
    await audit(tx, { action: 'achievement.objection', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: { objectionId, content } });
  });
  return getPublicity(ctx, id);
}

/** Upheld: the publicity is cancelled and the price must be set again. Dismissed: the window goes on. */
export async function resolveObjection(ctx: Ctx, id: string, objectionId: string, resolution: 'upheld' | 'dismissed', note: string) {
  await inTransaction(ctx, async (tx) => {
    const { row } = await loadVisible(tx, id, true);
    if (!isOffice(tx.actor, row.organisation_id)) throw forbidden();
    const { rows } = await tx.db.query<{ id: string; publicity_id: string; resolved_at: Date | null }>(
      'select o.id, o.publicity_id, o.resolved_at from achievement_objections o join achievement_publicity p on p.id = o.publicity_id where o.id = $1 and p.achievement_id = $2 for update of o',
      [objectionId, id],
    );
    const o = rows[0];
    if (!o) throw notFound('objection', objectionId);
    if (o.resolved_at) throw new AppError('CONFLICT', { params: { detail: '该异议已处理', detailEn: 'the objection is already resolved' } });
    await tx.db.query('update achievement_objections set resolution = $2, resolution_note = $3, resolved_at = $4 where id = $1', [objectionId, resolution, note, tx.now]);
    const payload: Record<string, unknown> = { objectionId, resolution, note };
    if (resolution === 'upheld' && row.status === 'in_publicity') {
      await tx.db.query("update achievement_publicity set status = 'cancelled' where id = $1", [o.publicity_id]);
      await tx.db.query("update achievements set status = 'priced', updated_at = $2, version = version + 1 where id = $1", [id, tx.now]);
      Object.assign(payload, { from: 'in_publicity', to: 'priced' });
    }
    await appendEvent(tx, { stream: stream(id), type: 'achievement.objection_resolved', payload, reason: note });
    await audit(tx, { action: 'achievement.objection_resolve', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: payload });
  });
  return getPublicity(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Timeline and attachments
// ------------------------------------------------------------------------------------------

export async function timeline(ctx: Ctx, id: string) {
  await loadVisible(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((u): u is string => !!u))];
  const names = new Map<string, string>();
  if (userIds.length) {
    const { rows } = await ctx.db.query<{ id: string; name: string }>('select id, name from users where id = any($1)', [userIds]);
    for (const r of rows) names.set(r.id, r.name);
  }
  return {
    items: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.occurredAt.toISOString(),
      actorUserId: e.actorUserId,
      actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
      reason: e.reason,
      payload: e.payload as Record<string, unknown>,
      hash: e.hash,
    })),
  };
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function addAttachment(ctx: Ctx, id: string, file: { filename: string; contentType: string; dataBase64: string }) {
  const data = Buffer.from(file.dataBase64, 'base64');
  if (data.length === 0) throw fieldError('body.dataBase64', '文件为空', 'the file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES) throw fieldError('body.dataBase64', '附件不能超过 10 MB', 'attachments are limited to 10 MB');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const attachmentId = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    if (!canEditContent(tx.actor, row, completers)) throw forbidden();
    await tx.db.query(
      'insert into achievement_attachments (id, achievement_id, filename, content_type, size_bytes, sha256, data, uploaded_by, uploaded_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)',
      [attachmentId, id, file.filename, file.contentType, data.length, sha256, data, tx.actor?.userId ?? null, tx.now],
    );
    await appendEvent(tx, { stream: stream(id), type: 'achievement.attachment_added', payload: { attachmentId, filename: file.filename, sizeBytes: data.length, sha256 } });
    await audit(tx, { action: 'achievement.attachment', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: { attachmentId, filename: file.filename, sha256 } });
  });
  return { id: attachmentId, filename: file.filename, contentType: file.contentType, sizeBytes: data.length, sha256 };
}

export async function listAttachments(ctx: Ctx, id: string) {
  await loadVisible(ctx, id);
  const { rows } = await ctx.db.query<{ id: string; filename: string; content_type: string; size_bytes: number; sha256: string; uploaded_at: Date }>(
    'select id, filename, content_type, size_bytes, sha256, uploaded_at from achievement_attachments where achievement_id = $1 order by uploaded_at',
    [id],
  );
  return {
    items: rows.map((r) => ({ id: r.id, filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256, uploadedAt: r.uploaded_at.toISOString() })),
  };
}

export async function readAttachment(ctx: Ctx, id: string, attachmentId: string) {
  const { row, completers } = await loadVisible(ctx, id);
  // Attachments of a public listing stay internal: the office and the completers only.
  if (!isOffice(ctx.actor, row.organisation_id) && !isOwnRecord(ctx.actor, row, completers)) throw notFound('attachment', attachmentId);
  const { rows } = await ctx.db.query<{ filename: string; content_type: string; data: Uint8Array }>(
    'select filename, content_type, data from achievement_attachments where id = $1 and achievement_id = $2',
    [attachmentId, id],
  );
  if (!rows[0]) throw notFound('attachment', attachmentId);
  return rows[0];
}

// ------------------------------------------------------------------------------------------
// Finding things
// ------------------------------------------------------------------------------------------

const SORT_COLUMNS = { updatedAt: 'a.updated_at', createdAt: 'a.created_at', number: 'a.number', title: 'a.title', trl: 'a.trl', status: 'a.status' } as const;

export interface ListFilter {
  q?: string | undefined;
  fieldCode?: string | undefined;
  status?: Status | Status[] | undefined;
  ipType?: string | undefined;
  visibility?: string | undefined;
  trlMin?: number | undefined;
  trlMax?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  mine?: 'true' | 'false' | undefined;
}

/** The WHERE clause of an institution's ledger for a filter, as the caller may see it. */
export function ledgerWhere(ctx: Ctx, organisationId: string, f: ListFilter, values: unknown[]): string {
  const actor = requireActor(ctx);
  values.push(organisationId);
  const where = [`a.organisation_id = $${values.length}`];
  const own = () => {
    values.push(actor.userId);
    const p = `$${values.length}`;
    return `(a.created_by = ${p} or exists (select 1 from achievement_completers c where c.achievement_id = a.id and c.user_id = ${p}))`;
  };
  if (!isOffice(actor, organisationId) || f.mine === 'true') where.push(own());
  if (f.q) {
    const tsq = toTsQuery(f.q);
    values.push(tsq ?? '');
    const qi = values.length;
    values.push(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    // Words through the index; the number or a literal substring of the title as a fallback.
    where.push(`(${tsq ? `a.search_vector @@ to_tsquery('simple', $${qi})` : 'false'} or a.number ilike $${values.length} or a.title ilike $${values.length})`);
  }
  if (f.fieldCode) {
    values.push(f.fieldCode);
    where.push(`(a.field_code = $${values.length} or a.subfield_code = $${values.length})`);
  }
  if (f.status) {
    values.push(Array.isArray(f.status) ? f.status : [f.status]);
    where.push(`a.status = any($${values.length})`);
  }
  for (const [col, v] of [
    ['a.ip_type', f.ipType],
    ['a.visibility', f.visibility],
  ] as const) {
    if (!v) continue;
    values.push(v);
    where.push(`${col} = $${values.length}`);
  }
  if (f.trlMin) {
    values.push(f.trlMin);
    where.push(`a.trl >= $${values.length}`);
  }
  if (f.trlMax) {
    values.push(f.trlMax);
    where.push(`a.trl <= $${values.length}`);
  }
  if (f.from) {
    values.push(f.from);
    where.push(`a.created_at >= ($${values.length}::date::timestamp at time zone 'Asia/Shanghai')`);
  }
  if (f.to) {
    values.push(f.to);
    where.push(`a.created_at < (($${values.length}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  }
  return where.join(' and ');
}

export const LIST_COUNT_CAP = 10_000;

export async function listAchievements(
  ctx: Ctx,
  organisationId: string,
  query: ListFilter & { sort: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  const actor = requireActor(ctx);
  if (!hasRoleIn(actor, organisationId, 'researcher', 'tto_officer', 'org_admin') && !hasRole(actor, 'admin')) throw forbidden();
  const values: unknown[] = [];
  const where = ledgerWhere(ctx, organisationId, query, values);
  // Counting stops at LIST_COUNT_CAP: an exact count of a 100,000-row ledger reads every row
  // (PGlite has no autovacuum, so no index-only count), and nobody pages that far.
  const { rows: countRows } = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from (select 1 from achievements a where ${where} limit ${LIST_COUNT_CAP + 1}) c`,
    values,
  );
  const order = `${SORT_COLUMNS[query.sort]} ${query.order} nulls last, a.id ${query.order}`;
  values.push(query.pageSize, (query.page - 1) * query.pageSize);
  const { rows } = await ctx.db.query<AchievementRow>(
    `select a.* from achievements a where ${where} order by ${order} limit $${values.length - 1} offset $${values.length}`,
    values,
  );
  const completers = await loadCompleters(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      fieldCode: r.field_code,
      ipType: r.ip_type as never,
      trl: r.trl,
      status: r.status,
      transformationStatus: r.transformation_status as never,
      visibility: r.visibility as never,
      askingPrice: r.asking_price,
      agreedPrice: r.agreed_price,
      updatedAt: r.updated_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      completerNames: (completers.get(r.id) ?? []).map((c) => c.name),
      headline: query.q ? highlight(r.summary, query.q) : null,
    })),
    total: Math.min(countRows[0]!.n, LIST_COUNT_CAP),
    totalCapped: countRows[0]!.n > LIST_COUNT_CAP,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A short excerpt of the text around the first matched word, with matches wrapped in 【】. */
export function highlight(text: string, q: string): string | null {
  const words = [...new Set(segment(q))].sort((a, b) => b.length - a.length);
  if (!words.length) return null;
  // One alternation, longest first, so that 溶解氧 is marked whole and not as 溶解 inside it.
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const first = text.search(pattern);
  if (first < 0) return null;
  const start = Math.max(0, first - 30);
  const excerpt = text.slice(start, start + 120);
  return (start > 0 ? '…' : '') + excerpt.replace(pattern, (m) => `【${m}】`) + (start + 120 < text.length ? '…' : '');
}

// Saved filters: a name and the query string of the list, per person and institution.
export async function listSavedFilters(ctx: Ctx, organisationId: string) {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query<{ id: string; name: string; query: Record<string, unknown>; created_at: Date }>(
    'select id, name, query, created_at from achievement_saved_filters where user_id = $1 and organisation_id = $2 order by name',
    [actor.userId, organisationId],
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at.toISOString() })) };
}

export async function saveFilter(ctx: Ctx, organisationId: string, name: string, query: Record<string, unknown>) {
  const actor = requireActor(ctx);
  await ctx.db.query(
    `insert into achievement_saved_filters (id, user_id, organisation_id, name, query, created_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (user_id, organisation_id, name) do update set query = excluded.query`,
    [randomUUID(), actor.userId, organisationId, name, JSON.stringify(query), ctx.now],
  );
  return listSavedFilters(ctx, organisationId);
}

export async function deleteSavedFilter(ctx: Ctx, organisationId: string, filterId: string) {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query('delete from achievement_saved_filters where id = $1 and user_id = $2 and organisation_id = $3 returning id', [
    filterId,
    actor.userId,
    organisationId,
  ]);
  if (!rows.length) throw notFound('savedFilter', filterId);
}

/**
 * The rights module records an ownership grant: the co-ownership of the achievement changes and
 * the change is a ledger event on its stream, in the caller's transaction. The only writer of the
 * ownership columns after registration.
 */
export async function recordOwnershipGrant(
  tx: TxCtx,
  id: string,
  grant: { grantId: string; grantNumber: string; kind: 'ownership' | 'use_right'; unitPct: string; teamPct: string; useRightUntil: string | null; agreementNo: string; recordedOn: string; registrationRef: string },
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
