import { randomUUID } from 'node:crypto';
import { compareDates } from '../../../common/calendar.js';
import { fieldOfSubfield, isFieldCode } from '../../../common/taxonomy.js';
import type { Demand, DemandMatches, FeedbackPage, FeedbackRecorded, ListingMatches, MyDemandsPage, Verdict } from '../../../common/api/market.js';
import { MAX_MATCH_LIMIT } from '../../../common/api/market.js';
import type { CooperationMode } from '../../../common/achievements.js';
import { DEMAND_POSTER_ROLES } from '../../../common/market.js';
import type { PageParams } from '../../../common/page.js';
import { PLATFORM_ROLES, ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, hasRole, hasRoleIn, inTransaction, requireActor, type TxCtx } from '../../lib/context.js';
import { fieldError, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { segment } from '../../lib/text.js';
import { getAchievement } from '../achievements/index.js';
import { docStats, queryTerms, scoreMatch } from './match.rules.js';
import {
  DEMAND_COLUMNS,
  DEMAND_FROM,
  DEMAND_SELECT,
  type DemandRow,
  demandFacts,
  demandQuery,
  demandReadableClause,
  LISTING_SELECT,
  type ListingRow,
  listingCorpus,
  listingDoc,
  listingFacts,
  matchDemands,
  matchListings,
  todayOf,
} from './market.match.js';

/**
 * Technical demands (技术需求) of firms, and matching with listings both ways. Every change of a
 * demand is audited and a ledger event in `demand:<id>`, in the same transaction.
 */

export const demandStream = (id: string) => `demand:${id}`;
export const DEMAND_ROLES = DEMAND_POSTER_ROLES;

export interface DemandInput {
  title: string;
  description: string;
  context?: string | undefined;
  targets?: string | undefined;
  budget?: string | null | undefined;
  region?: string | string[] | null | undefined;
  deadline?: string | null | undefined;
  fieldCode?: string | null | undefined;
  cooperationModes?: CooperationMode[] | undefined;
  visibility?: 'public' | 'platform' | undefined;
}

function presentDemand(ctx: Pick<Ctx, 'actor'>, r: DemandRow): Demand {
  return {
    id: r.id,
    number: r.number,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    title: r.title,
    description: r.description,
    context: r.context,
    targets: r.targets,
    budget: r.budget,
    region: r.regions,
    deadline: r.deadline,
    fieldCode: r.field_code,
    cooperationModes: r.cooperation_modes,
    visibility: r.visibility,
    status: r.status,
    closedReason: r.closed_reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    version: r.version,
    canEdit: canEditDemand(ctx, r),
  };
}
export type DemandView = Demand;

function canEditDemand(ctx: Pick<Ctx, 'actor'>, r: Pick<DemandRow, 'created_by' | 'organisation_id'>): boolean {
  const a = ctx.actor;
  if (!a) return false;
  return r.created_by === a.userId || hasRoleIn(a, r.organisation_id, ...ROLE_GROUPS.firm) || hasRole(a, ...PLATFORM_ROLES);
}

async function loadDemand(db: Queryable, id: string, forUpdate = false): Promise<DemandRow | null> {
  const { rows } = await db.query<DemandRow>(`${DEMAND_SELECT} where d.id = $1 ${forUpdate ? 'for update of d' : ''}`, [id]);
  return rows[0] ?? null;
}

/** A demand the caller may read, or 404 (existence is not revealed). */
async function loadReadableDemand(ctx: Pick<Ctx, 'actor' | 'db'> | TxCtx, id: string, forUpdate = false): Promise<DemandRow> {
  const r = await loadDemand(ctx.db, id, forUpdate);
  const values: unknown[] = [];
  if (!r) throw notFound('demand', id);
  const clause = demandReadableClause(ctx, values);
  const readable = clause === 'true' || r.visibility === 'public' || (values[0] as string[]).includes(r.organisation_id);
  if (!readable || !ctx.actor) throw notFound('demand', id);
  return r;
}

/**
 * A demand the caller may change (its firm, its author, the platform), locked; 404 for anyone
 * else, also when the demand is public: another party's record is not theirs to act on.
 */
async function loadEditableDemand(tx: TxCtx, id: string): Promise<DemandRow> {
  const r = await loadReadableDemand(tx, id, true);
  if (!canEditDemand(tx, r)) throw notFound('demand', id);
  return r;
}

/** Rules a schema cannot express, each naming its field. */
function checkDemand(input: Partial<DemandInput>, today: string) {
  if (input.fieldCode != null && !isFieldCode(input.fieldCode) && !fieldOfSubfield(input.fieldCode)) {
    throw fieldError('body.fieldCode', `未知的技术领域代码：${input.fieldCode}（可不填）`, `unknown field code: ${input.fieldCode} (it may be left out)`);
  }
  if (input.deadline && compareDates(input.deadline, today) < 0) {
    throw fieldError('body.deadline', `截止日期 ${input.deadline} 已过，请选择今天（${today}）或以后的日期`, `the deadline ${input.deadline} is past; choose today (${today}) or later`);
  }
  const words = segment([input.title ?? '', input.description ?? ''].join('\n'));
  if (input.title !== undefined && input.description !== undefined && words.length === 0) {
    throw fieldError('body.description', '需求描述中没有可识别的文字，请用几句话说明遇到的问题', 'the description has no words we can read; describe the problem in a few sentences');
  }
}

const regionsOf = (region: DemandInput['region']): string[] => (region == null ? [] : Array.isArray(region) ? [...new Set(region)] : [region]);

function normaliseField(code: string | null | undefined): string | null {
  if (!code) return null;
  return code;
}

async function writeSearch(tx: TxCtx, id: string, d: { title: string; description: string; context: string; targets: string }) {
  const title = segment(d.title).join(' ');
  const description = segment(d.description).join(' ');
  const rest = segment(`${d.context}\n${d.targets}`).join(' ');
  await tx.db.query(
    `update market_demands set title_terms = $2, body_terms = $3,
       search_vector = setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $4), 'B') || setweight(to_tsvector('simple', $5), 'C')
     where id = $1`,
    [id, title, `${description} ${rest}`, description, rest],
  );
}

/** The organisation a demand is posted for: the caller's first organisation where they may post. */
function postingOrganisation(ctx: Ctx): string {
  const actor = requireActor(ctx);
  const m = actor.memberships.find((x) => (DEMAND_ROLES as readonly string[]).includes(x.role));
  if (!m) throw forbidden();
  return m.organisationId;
}

/**
 * Posts a demand; with an Idempotency-Key, a retry (a phone on a weak network) returns the first
 * demand instead of posting it twice.
 */
export async function createDemand(ctx: Ctx, input: DemandInput, idempotencyKey?: string): Promise<DemandView> {
  const actor = requireActor(ctx);
  const organisationId = postingOrganisation(ctx);
  checkDemand(input, todayOf(ctx.now));
  const created = await runIdempotent(ctx, idempotencyKey, 'POST /market/demands', input, async (tx) => {
    const id = randomUUID();
    const { year, first } = await reserveYearlySequence(tx, 'market_demand_counters');
    const number = `XQ-${year}-${String(first).padStart(6, '0')}`;
    const row = {
      title: input.title,
      description: input.description,
      context: input.context ?? '',
      targets: input.targets ?? '',
      budget: input.budget ?? null,
      regions: regionsOf(input.region),
      deadline: input.deadline ?? null,
      fieldCode: normaliseField(input.fieldCode),
      cooperationModes: input.cooperationModes ?? [],
      visibility: input.visibility ?? 'public',
    };
    await tx.db.query(
      `insert into market_demands (id, number, organisation_id, created_by, title, description, context, targets, budget, regions, deadline, field_code,
         cooperation_modes, visibility, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15)`,
      [
        id,
        number,
        organisationId,
        actor.userId,
        row.title,
        row.description,
        row.context,
        row.targets,
        row.budget,
        row.regions,
        row.deadline,
        row.fieldCode,
        row.cooperationModes,
        row.visibility,
        tx.now,
      ],
    );
    await writeSearch(tx, id, row);
    await appendEvent(tx, { stream: demandStream(id), type: 'demand.posted', payload: { number, organisationId, ...row } });
    await audit(tx, { action: 'market.demand.create', entity: 'demand', entityId: id, organisationId, after: { number, title: row.title } });
    return { status: 201, body: { id } };
  });
  return getDemand(ctx, created.body.id);
}

export async function getDemand(ctx: Ctx, id: string): Promise<DemandView> {
  return presentDemand(ctx, await loadReadableDemand(ctx, id));
}

export async function updateDemand(ctx: Ctx, id: string, input: Partial<DemandInput> & { version?: number | undefined }): Promise<DemandView> {
  await inTransaction(ctx, async (tx) => {
    const r = await loadEditableDemand(tx, id);
    if (r.status !== 'open') throw ruleViolation('需求已关闭，不能修改', 'The demand is closed and cannot be changed');
    if (input.version !== undefined && input.version !== r.version) {
      throw ruleViolation('需求已被他人修改，请刷新后再改', 'The demand was changed by someone else; reload it first');
    }
    checkDemand({ ...input, title: input.title ?? r.title, description: input.description ?? r.description }, todayOf(tx.now));
    const next = {
      title: input.title ?? r.title,
      description: input.description ?? r.description,
      context: input.context ?? r.context,
      targets: input.targets ?? r.targets,
      budget: input.budget === undefined ? r.budget : input.budget,
      regions: input.region === undefined ? r.regions : regionsOf(input.region),
      deadline: input.deadline === undefined ? r.deadline : input.deadline,
      fieldCode: input.fieldCode === undefined ? r.field_code : normaliseField(input.fieldCode),
      cooperationModes: input.cooperationModes ?? r.cooperation_modes,
      visibility: input.visibility ?? r.visibility,
    };
    await tx.db.query(
      `update market_demands set title = $2, description = $3, context = $4, targets = $5, budget = $6, regions = $7, deadline = $8, field_code = $9,
         cooperation_modes = $10, visibility = $11, updated_at = $12, version = version + 1 where id = $1`,
      [id, next.title, next.description, next.context, next.targets, next.budget, next.regions, next.deadline, next.fieldCode, next.cooperationModes, next.visibility, tx.now],
    );
    await writeSearch(tx, id, next);
    const changed = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'version'));
    await appendEvent(tx, { stream: demandStream(id), type: 'demand.updated', payload: { fields: changed } });
    await audit(tx, { action: 'market.demand.update', entity: 'demand', entityId: id, organisationId: r.organisation_id, before: { title: r.title, version: r.version }, after: changed });
  });
  return getDemand(ctx, id);
}

export async function closeDemand(ctx: Ctx, id: string, reason: string): Promise<DemandView> {
  await inTransaction(ctx, async (tx) => {
    const r = await loadEditableDemand(tx, id);
    if (r.status === 'closed') return;
    await tx.db.query(`update market_demands set status = 'closed', closed_reason = $2, closed_at = $3, updated_at = $3, version = version + 1 where id = $1`, [id, reason, tx.now]);
    await appendEvent(tx, { stream: demandStream(id), type: 'demand.closed', payload: {}, reason });
    await audit(tx, { action: 'market.demand.close', entity: 'demand', entityId: id, organisationId: r.organisation_id, before: { status: r.status }, after: { status: 'closed', reason } });
  });
  return getDemand(ctx, id);
}

/** The demands of the caller's organisations (a firm's own list), a page, newest first by default. */
export async function listMyDemands(ctx: Ctx, q: PageParams & { status?: 'open' | 'closed' | undefined; order?: 'asc' | 'desc' | undefined }): Promise<MyDemandsPage> {
  const actor = requireActor(ctx);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<DemandRow>(
    ctx.db,
    {
      select: DEMAND_COLUMNS,
      from: `${DEMAND_FROM}
        where (d.organisation_id = any($1::uuid[]) or d.created_by = $2) and ($3::text is null or d.status = $3)`,
      values: [actor.memberships.map((m) => m.organisationId), actor.userId, q.status ?? null],
      orderBy: `d.created_at ${dir}, d.id ${dir}`,
    },
    q,
  );
  return mapPage(page, (r) => presentDemand(ctx, r));
}

// ---------------------------------------------------------------------------------------------
// Matching (the machine contract)
// ---------------------------------------------------------------------------------------------

export { MAX_MATCH_LIMIT };

/** Demand → listings: `{ items: [{ achievementId, score, explanation, … }], noGoodMatch }`. */
export async function matchDemand(ctx: Ctx, demandId: string, limit = 20): Promise<ListingMatches> {
  const d = await loadReadableDemand(ctx, demandId);
  const query = await demandQuery(ctx.db, d);
  return matchListings(ctx.db, query, demandFacts(d), Math.min(Math.max(limit, 1), MAX_MATCH_LIMIT), todayOf(ctx.now));
}

/** A demand that is not stored (a preview while typing, or an evaluation run): the same matcher. */
export async function matchDemandText(
  ctx: Pick<Ctx, 'db' | 'now'>,
  d: { title: string; description: string; context?: string; targets?: string; fieldCode?: string | null; budget?: string | null; region?: string | string[] | null; cooperationModes?: string[] },
  limit = 20,
): Promise<ListingMatches> {
  const query = await demandQuery(ctx.db, d);
  return matchListings(
    ctx.db,
    query,
    { fieldCode: d.fieldCode ?? null, budget: d.budget ?? null, regions: regionsOf(d.region), cooperationModes: d.cooperationModes ?? [] },
    Math.min(Math.max(limit, 1), MAX_MATCH_LIMIT),
    todayOf(ctx.now),
  );
}

/** Listing → demands the caller may read. The achievement must be readable by the caller. */
export async function matchAchievement(ctx: Ctx, achievementId: string, limit = 20): Promise<DemandMatches> {
  await getAchievement(ctx, achievementId);
  const { rows } = await ctx.db.query<ListingRow>(`${LISTING_SELECT} where a.id = $1`, [achievementId]);
  return matchDemands(ctx, rows[0]!, Math.min(Math.max(limit, 1), MAX_MATCH_LIMIT));
}

// ---------------------------------------------------------------------------------------------
// Feedback on a match
// ---------------------------------------------------------------------------------------------

/** A demand of the caller's own (its firm, its author, the platform): feedback on its matches is theirs. */
async function loadOwnDemand(ctx: Ctx, id: string): Promise<DemandRow> {
  const r = await loadReadableDemand(ctx, id);
  if (!canEditDemand(ctx, r)) throw notFound('demand', id);
  return r;
}

export async function recordFeedback(ctx: Ctx, demandId: string, input: { achievementId: string; verdict: Verdict; note?: string | undefined }): Promise<FeedbackRecorded> {
  const actor = requireActor(ctx);
  const d = await loadOwnDemand(ctx, demandId);
  await getAchievement(ctx, input.achievementId);
  if (input.verdict === 'other' && !input.note?.trim()) throw fieldError('body.note', '选择“其他”时请写明原因', 'with "other", say why in the note');
  // The score and the synonym version at the time of the feedback, for evaluation.
  const query = await demandQuery(ctx.db, d);
  const { rows } = await ctx.db.query<ListingRow>(`${LISTING_SELECT} where a.id = $1`, [input.achievementId]);
  const corpusStats = await listingCorpus(ctx.db, queryTerms(query.groups));
  const s = scoreMatch(query.groups, docStats(listingDoc(rows[0]!)), corpusStats, demandFacts(d), listingFacts(rows[0]!), query.synonymVersion);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    await tx.db.query(
      `insert into market_match_feedback (id, demand_id, achievement_id, user_id, verdict, note, score, synonym_version, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, demandId, input.achievementId, actor.userId, input.verdict, input.note ?? '', s.score, Number(query.synonymVersion.split('.')[1] ?? 0), tx.now],
    );
    await audit(tx, {
      action: 'market.match.feedback',
      entity: 'demand',
      entityId: demandId,
      organisationId: d.organisation_id,
      after: { achievementId: input.achievementId, verdict: input.verdict },
    });
  });
  return { id, demandId, achievementId: input.achievementId, verdict: input.verdict, note: input.note ?? '', score: s.score, synonymVersion: query.synonymVersion, createdAt: ctx.now.toISOString() };
}

/** Feedback given on a demand's matches (its owner and platform staff; 404 for anyone else). */
export async function listFeedback(ctx: Ctx, demandId: string, q: PageParams & { order?: 'asc' | 'desc' | undefined }): Promise<FeedbackPage> {
  await loadOwnDemand(ctx, demandId);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<{ id: string; achievement_id: string; verdict: Verdict; note: string; score: string | null; synonym_version: number | null; created_at: Date; user_name: string }>(
    ctx.db,
    {
      select: 'f.*, u.name as user_name',
      from: 'from market_match_feedback f join users u on u.id = f.user_id where f.demand_id = $1',
      values: [demandId],
      orderBy: `f.created_at ${dir}, f.id ${dir}`,
    },
    q,
  );
  return mapPage(page, (r) => ({
    id: r.id,
    achievementId: r.achievement_id,
    verdict: r.verdict,
    note: r.note,
    score: r.score == null ? null : Number(r.score),
    byName: r.user_name,
    createdAt: r.created_at.toISOString(),
  }));
}
