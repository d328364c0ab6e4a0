import { createHash, randomUUID } from 'node:crypto';
import { TRL_LEVELS } from '../../../common/achievements.js';
import { businessDateOf, isBusinessDate } from '../../../common/calendar.js';
import {
  type Conclusion,
  compositeScore,
  EVALUATION_CREATOR_ROLES,
  EVALUATION_READER_ROLES,
  conclusionIssues,
  type EvaluationStatus,
  type IndicatorScore,
  indicatorIssues,
  VALUE_INDICATORS,
} from '../../../common/evaluation.js';
import { type Protection, statutoryTermYears, type ValuationInput, type ValuationResult, valuate } from '../../../common/valuation.js';
import type { AchievementEvaluations, Evaluation, EvaluationPage, Timeline } from '../../../common/api/evaluation.js';
import type { PageParams } from '../../../common/page.js';
import { OVERSIGHT_ROLES } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, isOfficeOf, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, type FieldError, fieldErrors, forbidden, notFound } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { queryPage } from '../../lib/pagination.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { type AchievementRow, canRead as canReadAchievement, loadCompleters, loadRow, stream as achievementStream } from '../achievements/index.js';

/**
 * Evaluations of achievements (成果评价/评估, measure 10, DOMAIN §13): a TRL assessment with its
 * evidence, the 五元价值 scores of GB/T 44731-2024, valuations by the three approaches of
 * GB/T 39057-2020 (computed by the pure common/valuation.ts, the same code the web page runs) and
 * a conclusion. Requested by the holder's office or by an operator or broker of the market.
 * A draft is edited freely; finalising is a ledger event in `evaluation:<series>` and makes the
 * version immutable (the database refuses changes); a new version supersedes it when finalised.
 */

export const CREATOR_ROLES = EVALUATION_CREATOR_ROLES;
export const READER_ROLES = EVALUATION_READER_ROLES;

export const evaluationStream = (seriesId: string) => `evaluation:${seriesId}`;

export interface EvaluationRow {
  id: string;
  series_id: string;
  number: string;
  version_no: number;
  supersedes_id: string | null;
  achievement_id: string;
  holder_org_id: string;
  requester_org_id: string;
  requester_name?: string;
  created_by: string | null;
  status: EvaluationStatus;
  purpose: string;
  evaluator_name: string;
  valuation_date: string;
  trl: number | null;
  trl_evidence: string;
  indicators: IndicatorScore[];
  valuations: StoredValuation[];
  results: ValuationResult[];
  conclusion: Conclusion | null;
  finalised_at: Date | null;
  finalised_by: string | null;
  finalised_by_name?: string | null;
  content_hash: string | null;
  created_at: Date;
  updated_at: Date;
  row_version: number;
}

/** A valuation as entered: the income approach takes its valuation date from the evaluation. */
export type StoredValuation = (ValuationInput & { note?: string | null }) | (Omit<Extract<ValuationInput, { approach: 'income' }>, 'valuationDate'> & { note?: string | null });

export interface EvaluationInput {
  purpose?: string | undefined;
  evaluatorName?: string | undefined;
  valuationDate?: string | undefined;
  trl?: number | null | undefined;
  trlEvidence?: string | undefined;
  indicators?: IndicatorScore[] | undefined;
  valuations?: StoredValuation[] | undefined;
  conclusion?: Conclusion | null | undefined;
  /** The row version the editor saw (optimistic lock). */
  version?: number | undefined;
}

// ------------------------------------------------------------------------------------------
// Who may do what
// ------------------------------------------------------------------------------------------

const MARKET_ROLES = ['operator', 'broker'] as const;

/** The organisation an evaluation is requested for: the holder's office, or the caller's market organisation. */
function requesterOrgFor(actor: Actor, a: AchievementRow): string | null {
  if (isOfficeOf(actor, a.organisation_id)) return a.organisation_id;
  const m = actor.memberships.find((x) => (MARKET_ROLES as readonly string[]).includes(x.role));
  return m?.organisationId ?? null;
}

function canReadEvaluation(actor: Actor | null, e: Pick<EvaluationRow, 'holder_org_id' | 'requester_org_id'>): boolean {
  if (!actor) return false;
  if (hasRole(actor, ...OVERSIGHT_ROLES, 'operator')) return true;
  if (isOfficeOf(actor, e.holder_org_id)) return true;
  return hasRoleIn(actor, e.requester_org_id, ...CREATOR_ROLES);
}

function canEditEvaluation(actor: Actor | null, e: Pick<EvaluationRow, 'requester_org_id' | 'holder_org_id'>): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'admin')) return true;
  if (e.requester_org_id === e.holder_org_id) return isOfficeOf(actor, e.holder_org_id);
  return hasRoleIn(actor, e.requester_org_id, ...MARKET_ROLES, 'org_admin');
}

// ------------------------------------------------------------------------------------------
// Checking and computing
// ------------------------------------------------------------------------------------------

/** The filing whose statutory term caps the income horizon, from the achievement's protection events. */
async function protectionOf(db: Queryable, a: AchievementRow): Promise<Protection | null> {
  const events = await readStream(db, achievementStream(a.id));
  const filings = events
    .filter((e) => e.type === 'achievement.protect')
    .map((e) => e.payload.filing as { ipType?: string; applicationNo?: string; filedOn?: string } | undefined)
    .filter((f): f is { ipType: string; applicationNo: string; filedOn: string } => !!f?.ipType && !!f.filedOn && statutoryTermYears(f.ipType, f.filedOn) !== null);
  if (!filings.length) return null;
  // The core right: a filing of the achievement's own IP type, else any with a term; the earliest filed.
  const own = filings.filter((f) => f.ipType === a.ip_type);
  const f = (own.length ? own : filings).sort((x, y) => x.filedOn.localeCompare(y.filedOn))[0]!;
  return { ipType: f.ipType, filedOn: f.filedOn, reference: f.applicationNo, source: '台账登记保护（achievement.protect）' };
}

const prefix = (base: string, issues: readonly { field: string; zh: string; en: string }[]): FieldError[] => issues.map((i) => ({ field: `${base}.${i.field}`, zh: i.zh, en: i.en }));

/** Computes every valuation; any problem is a 400 naming `body.valuations[i].<field>`. */
function computeAll(valuations: readonly StoredValuation[], valuationDate: string, protection: Protection | null): ValuationResult[] {
  const errors: FieldError[] = [];
  const results: ValuationResult[] = [];
  valuations.forEach((v, i) => {
    const input = (v.approach === 'income' ? { ...v, valuationDate, protection: v.protection ?? protection } : v) as ValuationInput;
    const out = valuate(input);
    if (out.ok) results.push(out.result);
    else errors.push(...out.issues.map((x) => ({ field: x.field === 'valuationDate' ? 'body.valuationDate' : `body.valuations[${i}].${x.field}`, zh: x.zh, en: x.en })));
  });
  if (errors.length) throw fieldErrors(errors);
  return results;
}

function checkContent(input: Required<Pick<EvaluationInput, 'indicators' | 'valuations'>> & { conclusion: Conclusion | null }) {
  const errors: FieldError[] = [...prefix('body', indicatorIssues(input.indicators)), ...prefix('body', conclusionIssues(input.conclusion, input.valuations.length))];
  if (errors.length) throw fieldErrors(errors);
}

/** Everything a finalised version must have, listed at once. */
function finaliseErrors(e: EvaluationRow): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: string, zh: string, en: string) => errors.push({ field: `body.${field}`, zh, en });
  if (!e.evaluator_name.trim()) need('evaluatorName', '定稿前请填写评估人', 'name the evaluator before finalising');
  if (e.trl == null) need('trl', '定稿前请选择技术成熟度等级', 'choose the TRL before finalising');
  if (!e.trl_evidence.trim()) need('trlEvidence', '定稿前请写明技术成熟度的依据（证据）', 'give the evidence for the TRL before finalising');
  if (e.indicators.length !== VALUE_INDICATORS.length) need('indicators', '定稿前请为五元价值逐项评分', 'score the five values before finalising');
  if (!e.valuations.length) need('valuations', '定稿前至少需要一种方法的估值', 'at least one valuation is needed before finalising');
  if (!e.conclusion) need('conclusion', '定稿前请填写评估结论（建议价值或区间）', 'give the conclusion (recommended value or range) before finalising');
  return errors;
}

function contentHash(e: EvaluationRow): string {
  const content = {
    number: e.number,
    version: e.version_no,
    achievementId: e.achievement_id,
    valuationDate: e.valuation_date,
    evaluatorName: e.evaluator_name,
    purpose: e.purpose,
    trl: e.trl,
    trlEvidence: e.trl_evidence,
    indicators: e.indicators,
    valuations: e.valuations,
    results: e.results.map((r) => ({ approach: r.approach, value: r.value, low: r.low, high: r.high })),
    conclusion: e.conclusion,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

async function loadEvaluation(db: Queryable, id: string, forUpdate = false): Promise<EvaluationRow | null> {
  const { rows } = await db.query<EvaluationRow>(
    `select e.*, o.name as requester_name, u.name as finalised_by_name
       from evaluations e join organisations o on o.id = e.requester_org_id left join users u on u.id = e.finalised_by
      where e.id = $1 ${forUpdate ? 'for update of e' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

async function loadVisible(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<EvaluationRow> {
  const e = await loadEvaluation(ctx.db, id, forUpdate);
  if (!e || !canReadEvaluation(ctx.actor, e)) throw notFound('evaluation', id);
  return e;
}

async function supersededBy(db: Queryable, e: EvaluationRow): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>("select id from evaluations where supersedes_id = $1 and status <> 'draft'", [e.id]);
  return rows[0]?.id ?? null;
}

export async function present(ctx: Ctx | TxCtx, e: EvaluationRow): Promise<Evaluation> {
  const a = await loadRow(ctx.db, e.achievement_id);
  const draftOfSeries = await ctx.db.query<{ id: string }>("select id from evaluations where series_id = $1 and status = 'draft'", [e.series_id]);
  const editable = canEditEvaluation(ctx.actor, e);
  const level = e.trl == null ? null : (TRL_LEVELS.find((l) => l.level === e.trl) ?? null);
  return {
    id: e.id,
    seriesId: e.series_id,
    number: e.number,
    versionNo: e.version_no,
    supersedesId: e.supersedes_id,
    supersededById: e.status === 'superseded' ? await supersededBy(ctx.db, e) : null,
    achievement: {
      id: e.achievement_id,
      number: a?.number ?? '',
      title: a?.title ?? '',
      ipType: a?.ip_type ?? '',
      ipNumbers: a?.ip_numbers ?? [],
      holderOrgId: e.holder_org_id,
      holderName: a?.organisation_name ?? '',
      trl: a?.trl ?? null,
    },
    requester: { id: e.requester_org_id, name: e.requester_name ?? '' },
    status: e.status,
    purpose: e.purpose,
    evaluatorName: e.evaluator_name,
    valuationDate: e.valuation_date,
    trl: e.trl,
    trlLevel: level ? { zh: level.zh, en: level.en } : null,
    trlEvidence: e.trl_evidence,
    indicators: e.indicators,
    compositeScore: e.indicators.length === VALUE_INDICATORS.length ? compositeScore(e.indicators) : null,
    valuations: e.valuations,
    results: e.results,
    conclusion: e.conclusion,
    finalisedAt: e.finalised_at?.toISOString() ?? null,
    finalisedByName: e.finalised_by_name ?? null,
    contentHash: e.content_hash,
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
    version: e.row_version,
    canEdit: e.status === 'draft' && editable,
    canFinalise: e.status === 'draft' && editable,
    canNewVersion: e.status === 'finalised' && editable && !draftOfSeries.rows.length,
  };
}
export type EvaluationView = Evaluation;

export async function getEvaluation(ctx: Ctx, id: string): Promise<EvaluationView> {
  return present(ctx, await loadVisible(ctx, id));
}

/** Loads an achievement the caller may see, or 404. */
async function visibleAchievement(ctx: Ctx | TxCtx, achievementId: string, forUpdate = false): Promise<AchievementRow> {
  const a = await loadRow(ctx.db, achievementId, forUpdate);
  const completers = a ? ((await loadCompleters(ctx.db, [achievementId])).get(achievementId) ?? []) : [];
  if (!a || !canReadAchievement(ctx.actor, a, completers)) throw notFound('achievement', achievementId);
  return a;
}

/** Evaluations of one achievement the caller may read, newest first; with what the caller may start. */
export async function listForAchievement(ctx: Ctx, achievementId: string): Promise<AchievementEvaluations> {
  const actor = requireActor(ctx);
  const all = await ctx.db.query<EvaluationRow>(
    `select e.*, o.name as requester_name, u.name as finalised_by_name from evaluations e join organisations o on o.id = e.requester_org_id
       left join users u on u.id = e.finalised_by where e.achievement_id = $1 order by e.number desc, e.version_no desc`,
    [achievementId],
  );
  const visible = all.rows.filter((e) => canReadEvaluation(actor, e));
  let canCreate = false;
  let achievement: AchievementRow | null = null;
  try {
    achievement = await visibleAchievement(ctx, achievementId);
    canCreate = !!requesterOrgFor(actor, achievement);
  } catch (err) {
    // An achievement the caller cannot see still shows the evaluations they may read (e.g. the bureau).
    if (!visible.length) throw err;
  }
  return {
    achievement: achievement
      ? {
          id: achievement.id,
          number: achievement.number,
          title: achievement.title,
          ipType: achievement.ip_type,
          trl: achievement.trl,
          trlNotes: achievement.trl_notes,
          holderName: achievement.organisation_name ?? '',
        }
      : null,
    protection: achievement ? await protectionOf(ctx.db, achievement) : null,
    canCreate,
    items: await Promise.all(visible.map((e) => present(ctx, e))),
  };
}

/**
 * All evaluations the caller may read, a page, latest change first by default: operators and
 * oversight read every one; others those of the organisations they are the office of (holder) or
 * may evaluate for (requester) — canReadEvaluation, in SQL so that pages are exact.
 */
export async function listEvaluations(ctx: Ctx, query: PageParams & { status?: EvaluationStatus | undefined; order?: 'asc' | 'desc' | undefined }): Promise<EvaluationPage> {
  const actor = requireActor(ctx);
  const values: unknown[] = [];
  const where: string[] = [];
  if (query.status) where.push(`e.status = $${values.push(query.status)}`);
  if (!hasRole(actor, ...OVERSIGHT_ROLES, 'operator')) {
    const officeOf = actor.memberships.filter((m) => isOfficeOf(actor, m.organisationId)).map((m) => m.organisationId);
    const requesterFor = actor.memberships.filter((m) => CREATOR_ROLES.includes(m.role)).map((m) => m.organisationId);
    where.push(`(e.holder_org_id = any($${values.push(officeOf)}::uuid[]) or e.requester_org_id = any($${values.push(requesterFor)}::uuid[]))`);
  }
  const dir = query.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<EvaluationRow>(
    ctx.db,
    {
      select: 'e.*, o.name as requester_name, null as finalised_by_name',
      from: `from evaluations e join organisations o on o.id = e.requester_org_id ${where.length ? `where ${where.join(' and ')}` : ''}`,
      values,
      orderBy: `e.updated_at ${dir}, e.id ${dir}`,
    },
    query,
  );
  const items = [];
  for (const e of page.items) {
    const a = await loadRow(ctx.db, e.achievement_id);
    items.push({
      id: e.id,
      number: e.number,
      versionNo: e.version_no,
      status: e.status,
      achievementId: e.achievement_id,
      achievementNumber: a?.number ?? '',
      achievementTitle: a?.title ?? '',
      holderName: a?.organisation_name ?? '',
      requesterName: e.requester_name ?? '',
      valuationDate: e.valuation_date,
      trl: e.trl,
      conclusionValue: e.conclusion?.value ?? null,
      updatedAt: e.updated_at.toISOString(),
    });
  }
  return { ...page, items };
}

// ------------------------------------------------------------------------------------------
// Changing
// ------------------------------------------------------------------------------------------

/** What an editor changes: the row's content columns. */
type Content = Pick<EvaluationRow, 'purpose' | 'evaluator_name' | 'valuation_date' | 'trl' | 'trl_evidence' | 'indicators' | 'valuations' | 'results' | 'conclusion'>;

async function buildContent(tx: TxCtx, a: AchievementRow, input: EvaluationInput, base: Content | null): Promise<Content> {
  const valuationDate = input.valuationDate ?? base?.valuation_date ?? businessDateOf(tx.now);
  if (!isBusinessDate(valuationDate)) throw fieldErrors([{ field: 'body.valuationDate', zh: '评估基准日不是有效日期', en: 'the valuation date is not a valid date' }]);
  const indicators = input.indicators ?? base?.indicators ?? [];
  const valuations = input.valuations ?? base?.valuations ?? [];
  const conclusion = input.conclusion !== undefined ? input.conclusion : (base?.conclusion ?? null);
  checkContent({ indicators, valuations, conclusion });
  const results = computeAll(valuations, valuationDate, await protectionOf(tx.db, a));
  return {
    purpose: input.purpose ?? base?.purpose ?? '',
    evaluator_name: input.evaluatorName ?? base?.evaluator_name ?? tx.actor?.name ?? '',
    valuation_date: valuationDate,
    trl: input.trl !== undefined ? input.trl : (base?.trl ?? a.trl),
    trl_evidence: input.trlEvidence ?? base?.trl_evidence ?? a.trl_notes ?? '',
    indicators,
    valuations,
    results,
    conclusion,
  };
}

const json = (v: unknown) => JSON.stringify(v);

async function insertVersion(tx: TxCtx, a: AchievementRow, requesterOrgId: string, c: Content, series: { id: string; number: string; versionNo: number; supersedesId: string | null }) {
  const id = randomUUID();
  await tx.db.query(
    `insert into evaluations (id, series_id, number, version_no, supersedes_id, achievement_id, holder_org_id, requester_org_id, created_by, status, purpose,
       evaluator_name, valuation_date, trl, trl_evidence, indicators, valuations, results, conclusion, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb, $17::jsonb, $18::jsonb, $19, $19)`,
    [
      id,
      series.id,
      series.number,
      series.versionNo,
      series.supersedesId,
      a.id,
      a.organisation_id,
      requesterOrgId,
      tx.actor?.userId ?? null,
      c.purpose,
      c.evaluator_name,
      c.valuation_date,
      c.trl,
      c.trl_evidence,
      json(c.indicators),
      json(c.valuations),
      json(c.results),
      c.conclusion ? json(c.conclusion) : null,
      tx.now,
    ],
  );
  return id;
}

/** Starts an evaluation of an achievement (a draft, version 1). Idempotent with an Idempotency-Key. */
export async function createEvaluation(ctx: Ctx, achievementId: string, input: EvaluationInput, idempotencyKey?: string) {
  const actor = requireActor(ctx);
  const res = await runIdempotent(ctx, idempotencyKey, `POST /achievements/${achievementId}/evaluations`, input, async (tx) => {
    const a = await visibleAchievement(tx, achievementId);
    const requesterOrgId = requesterOrgFor(actor, a);
    if (!requesterOrgId) throw forbidden();
    const content = await buildContent(tx, a, input, null);
    const { year, first } = await reserveYearlySequence(tx, 'evaluation_number_counters');
    const seriesId = randomUUID();
    const number = `PG-${year}-${String(first).padStart(6, '0')}`;
    const id = await insertVersion(tx, a, requesterOrgId, content, { id: seriesId, number, versionNo: 1, supersedesId: null });
    await appendEvent(tx, {
      stream: evaluationStream(seriesId),
      type: 'evaluation.drafted',
      payload: { evaluationId: id, number, versionNo: 1, achievementId, achievementNumber: a.number, holderOrgId: a.organisation_id, requesterOrgId },
    });
    await audit(tx, { action: 'evaluation.create', entity: 'evaluation', entityId: id, organisationId: requesterOrgId, after: { number, achievementId } });
    return { status: 201, body: { id } };
  });
  return getEvaluation(ctx, res.body.id);
}

async function loadEditable(tx: TxCtx, id: string): Promise<EvaluationRow> {
  const e = await loadVisible(tx, id, true);
  if (!canEditEvaluation(tx.actor, e)) throw forbidden();
  if (e.status !== 'draft') {
    throw new AppError('CONFLICT', {
      params: {
        detail: `评估 ${e.number} 第 ${e.version_no} 版已${e.status === 'finalised' ? '定稿' : '被取代'}，不能修改；如需修改请建立新版本`,
        detailEn: `evaluation ${e.number} version ${e.version_no} is ${e.status} and cannot change; start a new version instead`,
      },
    });
  }
  return e;
}

/** Replaces the given parts of a draft; the valuations are recomputed from their inputs. */
export async function updateEvaluation(ctx: Ctx, id: string, input: EvaluationInput) {
  await inTransaction(ctx, async (tx) => {
    const e = await loadEditable(tx, id);
    if (input.version !== undefined && input.version !== e.row_version) {
      throw new AppError('CONFLICT', { params: { detail: '评估已被他人修改，请刷新后再编辑', detailEn: 'the evaluation was changed by someone else; reload and edit again' } });
    }
    const a = (await loadRow(tx.db, e.achievement_id))!;
    const c = await buildContent(tx, a, input, e);
    await tx.db.query(
      `update evaluations set purpose = $2, evaluator_name = $3, valuation_date = $4, trl = $5, trl_evidence = $6, indicators = $7::jsonb, valuations = $8::jsonb,
         results = $9::jsonb, conclusion = $10::jsonb, updated_at = $11, row_version = row_version + 1 where id = $1`,
      [id, c.purpose, c.evaluator_name, c.valuation_date, c.trl, c.trl_evidence, json(c.indicators), json(c.valuations), json(c.results), c.conclusion ? json(c.conclusion) : null, tx.now],
    );
    await audit(tx, {
      action: 'evaluation.update',
      entity: 'evaluation',
      entityId: id,
      organisationId: e.requester_org_id,
      before: { rowVersion: e.row_version },
      after: { trl: c.trl, valuations: c.valuations.length, conclusion: c.conclusion?.value ?? null },
    });
  });
  return getEvaluation(ctx, id);
}

/** Finalises a draft: checks it is complete, recomputes, hashes and freezes it; supersedes the previous version. */
export async function finaliseEvaluation(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx) => {
    const e = await loadEditable(tx, id);
    const missing = finaliseErrors(e);
    if (missing.length) throw fieldErrors(missing);
    const a = (await loadRow(tx.db, e.achievement_id))!;
    const results = computeAll(e.valuations, e.valuation_date, await protectionOf(tx.db, a));
    const frozen = { ...e, results };
    const hash = contentHash(frozen);
    await tx.db.query(
      `update evaluations set status = 'finalised', results = $2::jsonb, finalised_at = $3, finalised_by = $4, content_hash = $5, updated_at = $3, row_version = row_version + 1 where id = $1`,
      [id, json(results), tx.now, tx.actor?.userId ?? null, hash],
    );
    let superseded: string | null = null;
    if (e.supersedes_id) {
      const prev = await tx.db.query<{ id: string }>("update evaluations set status = 'superseded', updated_at = $2 where id = $1 and status = 'finalised' returning id", [e.supersedes_id, tx.now]);
      superseded = prev.rows[0]?.id ?? null;
    }
    await appendEvent(tx, {
      stream: evaluationStream(e.series_id),
      type: 'evaluation.finalised',
      payload: {
        evaluationId: id,
        number: e.number,
        versionNo: e.version_no,
        achievementId: e.achievement_id,
        valuationDate: e.valuation_date,
        trl: e.trl,
        compositeScore: compositeScore(e.indicators),
        values: results.map((r) => ({ approach: r.approach, value: r.value, low: r.low, high: r.high })),
        conclusion: { value: e.conclusion!.value, low: e.conclusion!.low ?? null, high: e.conclusion!.high ?? null },
        evaluatorName: e.evaluator_name,
        supersedes: superseded,
        contentHash: hash,
      },
    });
    await audit(tx, {
      action: 'evaluation.finalise',
      entity: 'evaluation',
      entityId: id,
      organisationId: e.requester_org_id,
      before: { status: 'draft' },
      after: { status: 'finalised', contentHash: hash, supersedes: superseded },
    });
  });
  return getEvaluation(ctx, id);
}

/** Starts a new version (a draft copying the finalised one); it supersedes the old one when finalised. */
export async function newVersion(ctx: Ctx, id: string) {
  const newId = await inTransaction(ctx, async (tx) => {
    const e = await loadVisible(tx, id, true);
    if (!canEditEvaluation(tx.actor, e)) throw forbidden();
    if (e.status !== 'finalised') {
      throw new AppError('CONFLICT', {
        params: {
          detail: e.status === 'draft' ? '草稿可直接修改，无需建立新版本' : '该版本已被取代，请在最新版本上建立新版本',
          detailEn: e.status === 'draft' ? 'a draft can be edited directly' : 'this version is superseded; start from the latest version',
        },
      });
    }
    const open = await tx.db.query<{ id: string }>("select id from evaluations where series_id = $1 and status = 'draft'", [e.series_id]);
    if (open.rows.length) throw new AppError('CONFLICT', { params: { detail: '该评估已有未定稿的新版本', detailEn: 'this evaluation already has a draft version' } });
    const a = (await loadRow(tx.db, e.achievement_id))!;
    const last = await tx.db.query<{ n: number }>('select max(version_no)::int as n from evaluations where series_id = $1', [e.series_id]);
    const versionNo = (last.rows[0]?.n ?? e.version_no) + 1;
    const content: Content = {
      purpose: e.purpose,
      evaluator_name: e.evaluator_name,
      valuation_date: e.valuation_date,
      trl: e.trl,
      trl_evidence: e.trl_evidence,
      indicators: e.indicators,
      valuations: e.valuations,
      results: e.results,
      conclusion: e.conclusion,
    };
    const nid = await insertVersion(tx, a, e.requester_org_id, content, { id: e.series_id, number: e.number, versionNo, supersedesId: e.id });
    await appendEvent(tx, { stream: evaluationStream(e.series_id), type: 'evaluation.version_drafted', payload: { evaluationId: nid, number: e.number, versionNo, supersedes: e.id } });
    await audit(tx, { action: 'evaluation.new_version', entity: 'evaluation', entityId: nid, organisationId: e.requester_org_id, after: { versionNo, supersedes: e.id } });
    return nid;
  });
  return getEvaluation(ctx, newId);
}

/** Deletes a draft that was never finalised (the ledger keeps the drafted event). */
export async function discardDraft(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx) => {
    const e = await loadEditable(tx, id);
    await tx.db.query('delete from evaluations where id = $1', [id]);
    await appendEvent(tx, { stream: evaluationStream(e.series_id), type: 'evaluation.discarded', payload: { evaluationId: id, number: e.number, versionNo: e.version_no } });
    await audit(tx, { action: 'evaluation.discard', entity: 'evaluation', entityId: id, organisationId: e.requester_org_id, before: { status: 'draft' } });
  });
}

/** The ledger events of the evaluation's series. */
export async function evaluationTimeline(ctx: Ctx, id: string): Promise<Timeline> {
  const e = await loadVisible(ctx, id);
  const events = await readStream(ctx.db, evaluationStream(e.series_id));
  return { items: events.map((ev) => ({ seq: ev.seq, type: ev.type, at: ev.occurredAt.toISOString(), actorUserId: ev.actorUserId, payload: ev.payload as Record<string, unknown> })) };
}

/** The row and the achievement, for the report. */
export async function reportData(ctx: Ctx, id: string) {
  const e = await loadVisible(ctx, id);
  const view = await present(ctx, e);
  return view;
}
