import { randomUUID } from 'node:crypto';
import { addYears, businessDateOf, compareDates } from '../../../common/calendar.js';
import type { Grant, GrantListQuery, GrantPage, Policies, PolicyComparison, RightsTimeline } from '../../../common/api/rights.js';
import { cmp, mul } from '../../../common/money.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, isOfficeOf, isOversight, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { type ObjectionColumns, presentObjection } from '../../lib/objections.js';
import { queryPage } from '../../lib/pagination.js';
import { streamTimeline } from '../../lib/timeline.js';
import { loadCompleters, loadRow, recordOwnershipGrant } from '../achievements/index.js';
import { loadCalendar } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { officePeople } from '../orgs/index.js';
import { renderGrantAgreement } from './grant-pdf.js';
import {
  applicationIssues,
  approvalBlockers,
  availableActions,
  checkTransition,
  coOwnershipAfter,
  type Consent,
  GRANT_STATUS_LABELS,
  GRANT_TRANSITIONS,
  type GrantAction,
  type GrantPerformer,
  type GrantRequest,
  type GrantStatus,
} from './grant-machine.js';
import { DEFAULT_RIGHTS_POLICY, policyOn, type RightsPolicy, type RightsPolicyInput, validateRightsPolicy } from './policy.js';

/**
 * Ownership grants (赋权, measure 2): the institution's versioned rule and the workflow from the
 * team's application to the recorded ownership change. Each grant is the ledger stream
 * `rights:<id>`; the recorded change is also an event on the achievement's stream.
 */

export const grantStream = (id: string) => `rights:${id}`;

// ------------------------------------------------------------------------------------------
// Policy
// ------------------------------------------------------------------------------------------

interface PolicyRow {
  id: string;
  organisation_id: string;
  version: number;
  effective_from: string;
  max_team_share: string;
  use_right_first_term_years: number;
  use_right_cumulative_min_years: number;
  min_appraised_value: string | null;
  require_clear_title: boolean;
  require_counterparty: boolean;
  publicity_days: number;
  agreed_proceeds_trigger_reward: boolean;
  note: string;
  created_at: Date;
}

/** Ratios as stored (numeric(7,6)) back to the shortest decimal: "0.800000" → "0.8". */
export const trimRatio = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

const toPolicy = (r: PolicyRow): RightsPolicy & { id: string; note: string } => ({
  id: r.id,
  version: r.version,
  effectiveFrom: r.effective_from,
  maxTeamShare: trimRatio(r.max_team_share),
  useRightFirstTermYears: r.use_right_first_term_years,
  useRightCumulativeMinYears: r.use_right_cumulative_min_years,
  minAppraisedValue: r.min_appraised_value,
  requireClearTitle: r.require_clear_title,
  requireCounterparty: r.require_counterparty,
  publicityDays: r.publicity_days,
  agreedProceedsTriggerReward: r.agreed_proceeds_trigger_reward,
  note: r.note,
});

async function policyVersions(db: Queryable, orgId: string) {
  const { rows } = await db.query<PolicyRow>('select * from rights_policies where organisation_id = $1 order by version', [orgId]);
  return rows.map(toPolicy);
}

/** The rule in force for an institution on a day (the platform default before its first version). */
export async function rightsPolicyOn(db: Queryable, orgId: string, on: string): Promise<RightsPolicy & { id: string | null }> {
  const versions = await policyVersions(db, orgId);
  const p = policyOn(versions, on);
  return { ...p, id: 'id' in p ? (p as { id: string }).id : null };
}

/**
 * For the distribution module: whether the institution's agreed proceeds count as transformation
 * income that triggers a second reward, under the rule in force on the day (default: no).
 */
export async function agreedProceedsTriggerReward(tx: { db: Queryable }, orgId: string, onDate: string): Promise<boolean> {
  return (await rightsPolicyOn(tx.db, orgId, onDate)).agreedProceedsTriggerReward;
}

const canReadPolicy = (actor: Actor | null, orgId: string) => hasRoleIn(actor, orgId, ...ROLE_GROUPS.institutionMember) || isOversight(actor);
const canWritePolicy = isOfficeOf;

export async function getPolicies(ctx: Ctx, orgId: string): Promise<Policies> {
  if (!canReadPolicy(ctx.actor, orgId)) throw forbidden();
  const versions = await policyVersions(ctx.db, orgId);
  const today = businessDateOf(ctx.now);
  return { organisationId: orgId, inForce: policyOn(versions, today), versions, default: DEFAULT_RIGHTS_POLICY, asOf: today };
}

export async function addPolicyVersion(ctx: Ctx, orgId: string, input: RightsPolicyInput & { note?: string | undefined }): Promise<Policies> {
  if (!canWritePolicy(ctx.actor, orgId)) throw forbidden();
  const issues = validateRightsPolicy(input);
  if (issues.length) throw fieldErrors(issues.map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en })));
  await inTransaction(ctx, async (tx) => {
    const { rows: org } = await tx.db.query<{ kind: string }>('select kind from organisations where id = $1', [orgId]);
    if (!org[0]) throw notFound('organisation', orgId);
    // A version may not take effect in the past: grants already decided keep the rule they had.
    if (compareDates(input.effectiveFrom, businessDateOf(tx.now)) < 0) {
      throw fieldErrors([{ field: 'body.effectiveFrom', zh: '新版本的生效日期不能早于今天', en: 'a new version cannot take effect before today' }]);
    }
    const { rows: last } = await tx.db.query<{ version: number; effective_from: string }>(
      'select version, effective_from from rights_policies where organisation_id = $1 order by version desc limit 1 for update',
      [orgId],
    );
    if (last[0] && compareDates(input.effectiveFrom, last[0].effective_from) <= 0) {
      throw new AppError('CONFLICT', {
        params: {
          detail: `新版本须晚于第 ${last[0].version} 版的生效日期 ${last[0].effective_from}`,
          detailEn: `a new version must take effect after version ${last[0].version} (${last[0].effective_from})`,
        },
      });
    }
    const version = (last[0]?.version ?? 0) + 1;
    const id = randomUUID();
    await tx.db.query(
      `insert into rights_policies (id, organisation_id, version, effective_from, max_team_share, use_right_first_term_years, use_right_cumulative_min_years,
         min_appraised_value, require_clear_title, require_counterparty, publicity_days, agreed_proceeds_trigger_reward, note, created_by, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [
        id,
        orgId,
        version,
        input.effectiveFrom,
        input.maxTeamShare,
        input.useRightFirstTermYears,
        input.useRightCumulativeMinYears,
        input.minAppraisedValue,
        input.requireClearTitle,
        input.requireCounterparty,
        input.publicityDays,
        input.agreedProceedsTriggerReward,
        input.note ?? '',
        tx.actor?.userId ?? null,
        tx.now,
      ],
    );
    const { note: _n, ...params } = input;
    await appendEvent(tx, { stream: `rights-policy:${orgId}`, type: 'rights.policy_versioned', payload: { policyId: id, version, ...params } });
    await audit(tx, { action: 'rights.policy', entity: 'rights_policy', entityId: id, organisationId: orgId, after: { version, ...input } });
  });
  return getPolicies(ctx, orgId);
}

/** The bureau compares every institution's rule in force (and how many versions it has had). */
export async function comparePolicies(ctx: Ctx): Promise<PolicyComparison> {
  if (!isOversight(ctx.actor)) throw forbidden();
  const today = businessDateOf(ctx.now);
  const { rows: orgs } = await ctx.db.query<{ id: string; name: string; kind: string }>(
    "select id, name, kind from organisations where kind in ('university','research_institute','hospital','new_rd_institution','state_owned_enterprise') and is_active order by name",
  );
  const { rows } = await ctx.db.query<PolicyRow>('select * from rights_policies order by organisation_id, version');
  return {
    asOf: today,
    items: orgs.map((o) => {
      const versions = rows.filter((r) => r.organisation_id === o.id).map(toPolicy);
      const p = policyOn(versions, today);
      return { organisationId: o.id, organisationName: o.name, versions: versions.length, isDefault: p.version === 0, policy: p };
    }),
  };
}

// ------------------------------------------------------------------------------------------
// Grants
// ------------------------------------------------------------------------------------------

interface GrantRow {
  id: string;
  number: string;
  organisation_id: string;
  achievement_id: string;
  applicant_user_id: string | null;
  status: GrantStatus;
  kind: 'ownership' | 'use_right';
  team_share: string | null;
  use_right_years: number | null;
  first_term_years: number | null;
  plan: GrantRequest['plan'];
  consents: Consent[];
  policy_id: string | null;
  policy_version: number;
  policy: RightsPolicy;
  publicity_starts_on: string | null;
  publicity_ends_on: string | null;
  agreement_no: string | null;
  agreement_signed_on: string | null;
  recorded_on: string | null;
  registration_ref: string | null;
  unit_pct_before: string | null;
  unit_pct_after: string | null;
  rectification_case_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface ObjectionRow extends ObjectionColumns<'upheld' | 'dismissed'> {
  grant_id: string;
  content: string;
}

const isApprover = (actor: Actor | null, g: { organisation_id: string }) => hasRoleIn(actor, g.organisation_id, 'org_admin') || hasRole(actor, 'admin');
const isApplicant = (actor: Actor | null, g: { applicant_user_id: string | null }) => !!actor && g.applicant_user_id === actor.userId;

async function departmentOf(db: Queryable, g: { organisation_id: string; applicant_user_id: string | null }): Promise<string | null> {
  if (!g.applicant_user_id) return null;
  const { rows } = await db.query<{ id: string }>('select o.id from memberships m join organisations o on o.id = m.organisation_id where m.user_id = $1 and o.parent_id = $2 order by o.name limit 1', [
    g.applicant_user_id,
    g.organisation_id,
  ]);
  return rows[0]?.id ?? null;
}

async function performersOf(db: Queryable, actor: Actor | null, g: GrantRow): Promise<Set<GrantPerformer>> {
  const p = new Set<GrantPerformer>();
  if (isApplicant(actor, g)) p.add('applicant');
  if (isOfficeOf(actor, g.organisation_id)) p.add('office');
  if (isApprover(actor, g)) p.add('approver');
  // The department (院系) checks first: its administrators, or the institution's office when the
  // applicant belongs to no department.
  const dept = await departmentOf(db, g);
  if ((dept && isOfficeOf(actor, dept)) || isOfficeOf(actor, g.organisation_id)) p.add('department');
  return p;
}

const canSee = (actor: Actor | null, g: GrantRow) => isApplicant(actor, g) || isOfficeOf(actor, g.organisation_id) || hasRoleIn(actor, g.organisation_id, 'researcher') || isOversight(actor);

async function loadGrant(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<GrantRow> {
  const { rows } = await ctx.db.query<GrantRow>(`select * from rights_grants where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  const g = rows[0];
  if (!g || !canSee(ctx.actor, g)) throw notFound('grant', id);
  return g;
}

async function objectionsOf(db: Queryable, id: string): Promise<ObjectionRow[]> {
  const { rows } = await db.query<ObjectionRow>('select * from rights_grant_objections where grant_id = $1 order by raised_at', [id]);
  return rows;
}

async function present(ctx: Ctx | TxCtx, g: GrantRow): Promise<Grant> {
  const a = await loadRow(ctx.db, g.achievement_id);
  const completers = (await loadCompleters(ctx.db, [g.achievement_id])).get(g.achievement_id) ?? [];
  const objections = await objectionsOf(ctx.db, g.id);
  const performers = await performersOf(ctx.db, ctx.actor, g);
  const co =
    g.kind === 'ownership' && g.team_share
      ? coOwnershipAfter({ kind: 'ownership', teamShare: trimRatio(g.team_share) }, g.policy, g.recorded_on ?? businessDateOf(ctx.now), addYears)
      : coOwnershipAfter({ kind: 'use_right', useRightYears: g.use_right_years ?? 0 }, g.policy, g.recorded_on ?? businessDateOf(ctx.now), addYears);
  const { rows: applicant } = await ctx.db.query<{ name: string }>('select name from users where id = $1', [g.applicant_user_id]);
  return {
    id: g.id,
    number: g.number,
    organisationId: g.organisation_id,
    achievement: { id: g.achievement_id, number: a?.number ?? '', title: a?.title ?? '', ownershipUnitPct: a?.ownership_unit_pct ?? '100', ownershipTeamPct: a?.ownership_team_pct ?? '0' },
    completers: completers.map((c) => ({ name: c.name, share: c.share, consented: g.consents.some((x) => x.name.trim() === c.name.trim()) })),
    applicant: { userId: g.applicant_user_id, name: applicant[0]?.name ?? '' },
    status: g.status,
    statusLabel: GRANT_STATUS_LABELS[g.status],
    kind: g.kind,
    teamShare: g.team_share ? trimRatio(g.team_share) : null,
    useRightYears: g.use_right_years,
    firstTermYears: g.first_term_years,
    plan: g.plan,
    consents: g.consents,
    policy: g.policy,
    policyVersion: g.policy_version,
    coOwnership: co,
    publicity: g.publicity_starts_on ? { startsOn: g.publicity_starts_on, endsOn: g.publicity_ends_on! } : null,
    objections: objections.map((o) => ({ ...presentObjection(o), content: o.content })),
    agreementNo: g.agreement_no,
    agreementSignedOn: g.agreement_signed_on,
    recordedOn: g.recorded_on,
    registrationRef: g.registration_ref,
    rectificationCaseId: g.rectification_case_id,
    actions: availableActions(g.status, performers),
    createdAt: g.created_at.toISOString(),
    updatedAt: g.updated_at.toISOString(),
    version: g.version,
  };
}
export type GrantView = Grant;

export async function getGrant(ctx: Ctx, id: string): Promise<GrantView> {
  return present(ctx, await loadGrant(ctx, id));
}

const GRANT_ORDER: Record<GrantListQuery['sort'], string> = { updatedAt: 'updated_at', number: 'number' };

/** A page of the institution's grants: the office and oversight see all, a researcher their own. */
export async function listGrants(ctx: Ctx, orgId: string, query: GrantListQuery): Promise<GrantPage> {
  const actor = requireActor(ctx);
  const office = isOfficeOf(actor, orgId) || isOversight(actor);
  const page = await queryPage<GrantRow>(
    ctx.db,
    {
      select: '*',
      from: 'from rights_grants where organisation_id = $1 and ($2::boolean or applicant_user_id = $3) and ($4::text is null or status = $4)',
      values: [orgId, office, actor.userId, query.status ?? null],
      orderBy: `${GRANT_ORDER[query.sort]} ${query.order}, id ${query.order}`,
    },
    query,
  );
  const items: Grant[] = [];
  for (const g of page.items) items.push(await present(ctx, g));
  return { ...page, items };
}

export interface GrantApplication extends GrantRequest {
  achievementId: string;
}

const FINAL: readonly GrantStatus[] = ['recorded', 'rejected', 'withdrawn'];
const ELIGIBLE_ACHIEVEMENT: readonly string[] = ['accepted', 'assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed'];

/** Checks an application against the achievement and the rule in force; throws every problem at once. */
async function checkApplication(tx: TxCtx, orgId: string, input: GrantRequest & { achievementId: string }, exceptGrantId: string | null) {
  const a = await loadRow(tx.db, input.achievementId, true);
  if (!a || a.organisation_id !== orgId) throw fieldErrors([{ field: 'body.achievementId', zh: '该成果不属于本单位', en: 'the achievement does not belong to this institution' }]);
  if (!ELIGIBLE_ACHIEVEMENT.includes(a.status)) {
    throw ruleViolation('成果须经转化办受理登记入台账后方可申请赋权', 'The achievement must be accepted into the ledger before a grant can be applied for');
  }
  const { rows: open } = await tx.db.query<{ number: string }>('select number from rights_grants where achievement_id = $1 and status <> all($2) and ($3::uuid is null or id <> $3)', [
    a.id,
    FINAL,
    exceptGrantId,
  ]);
  if (open[0])
    throw new AppError('CONFLICT', { params: { detail: `该成果已有进行中的赋权申请 ${open[0].number}`, detailEn: `the achievement already has a grant application in progress (${open[0].number})` } });
  const { rows: granted } = await tx.db.query<{ kind: string }>('select kind from rights_ownership where achievement_id = $1', [a.id]);
  if (granted[0]) throw new AppError('CONFLICT', { params: { detail: '该成果已完成赋权', detailEn: 'the achievement has already been granted' } });
  const completers = ((await loadCompleters(tx.db, [a.id])).get(a.id) ?? []).map((c) => c.name);
  const policy = await rightsPolicyOn(tx.db, orgId, businessDateOf(tx.now));
  const issues = applicationIssues(input, completers, policy);
  // The institution can only grant what it holds (an achievement registered as already co-owned holds less than 100%).
  if (!issues.length && input.kind === 'ownership' && input.teamShare && cmp(mul(input.teamShare, '100'), a.ownership_unit_pct) > 0) {
    issues.push({
      field: 'teamShare',
      zh: `本单位现持有该成果 ${a.ownership_unit_pct}% 的权属，赋予团队的份额不能超过此数`,
      en: `the institution holds ${a.ownership_unit_pct}% of this achievement; it cannot grant more`,
    });
  }
  if (issues.length) throw fieldErrors(issues.map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en })));
  return { a, policy };
}

const policySnapshot = (p: RightsPolicy): RightsPolicy => ({
  version: p.version,
  effectiveFrom: p.effectiveFrom,
  maxTeamShare: p.maxTeamShare,
  useRightFirstTermYears: p.useRightFirstTermYears,
  useRightCumulativeMinYears: p.useRightCumulativeMinYears,
  minAppraisedValue: p.minAppraisedValue,
  requireClearTitle: p.requireClearTitle,
  requireCounterparty: p.requireCounterparty,
  publicityDays: p.publicityDays,
  agreedProceedsTriggerReward: p.agreedProceedsTriggerReward,
});

/** The team's representative applies; nothing is written unless the whole application passes. */
export async function applyForGrant(ctx: Ctx, orgId: string, input: GrantApplication, options: { rectificationCaseId?: string } = {}): Promise<Grant> {
  const actor = requireActor(ctx);
  const id = await inTransaction(ctx, (tx) => insertGrant(tx, actor, orgId, input, options));
  return getGrant(ctx, id);
}

export async function insertGrant(tx: TxCtx, actor: Actor, orgId: string, input: GrantApplication, options: { rectificationCaseId?: string } = {}): Promise<string> {
  if (!hasRoleIn(actor, orgId, ...ROLE_GROUPS.institutionMember)) throw forbidden();
  const { a, policy } = await checkApplication(tx, orgId, input, null);
  const completers = (await loadCompleters(tx.db, [a.id])).get(a.id) ?? [];
  // The representative is one of the team (or the office files on the team's behalf).
  const ofTeam = a.created_by === actor.userId || completers.some((c) => c.user_id === actor.userId) || completers.some((c) => c.name.trim() === actor.name.trim());
  // (A platform administrator without a membership was refused above, so this is the office proper.)
  if (!ofTeam && !isOfficeOf(actor, orgId)) {
    throw ruleViolation('只有该成果的完成人（赋权代表）可以申请赋权', 'Only a completer of the achievement (the team representative) may apply');
  }
  const { year, first } = await reserveYearlySequence(tx, 'rights_grant_counters');
  const number = `FQ-${year}-${String(first).padStart(6, '0')}`;
  const id = randomUUID();
  await tx.db.query(
    `insert into rights_grants (id, number, organisation_id, achievement_id, applicant_user_id, status, kind, team_share, use_right_years, first_term_years,
       plan, consents, policy_id, policy_version, policy, rectification_case_id, created_at, updated_at)
     values ($1,$2,$3,$4,$5,'submitted',$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16)`,
    [
      id,
      number,
      orgId,
      a.id,
      actor.userId,
      input.kind,
      input.kind === 'ownership' ? input.teamShare : null,
      input.kind === 'use_right' ? input.useRightYears : null,
      input.kind === 'use_right' ? Math.min(policy.useRightFirstTermYears, input.useRightYears ?? 0) : null,
      JSON.stringify(input.plan),
      JSON.stringify(input.consents),
      policy.id,
      policy.version,
      JSON.stringify(policySnapshot(policy)),
      options.rectificationCaseId ?? null,
      tx.now,
    ],
  );
  await appendEvent(tx, {
    stream: grantStream(id),
    type: 'rights.applied',
    payload: {
      number,
      achievementId: a.id,
      kind: input.kind,
      teamShare: input.kind === 'ownership' ? (input.teamShare ?? null) : null,
      useRightYears: input.kind === 'use_right' ? (input.useRightYears ?? null) : null,
      consents: input.consents.map((c) => ({ name: c.name, signedOn: c.signedOn, evidence: c.evidence })),
      policyVersion: policy.version,
      rectificationCaseId: options.rectificationCaseId ?? null,
    },
  });
  await audit(tx, { action: 'rights.apply', entity: 'rights_grant', entityId: id, organisationId: orgId, after: { number, achievementId: a.id, kind: input.kind } });
  const office = await officePeople(tx.db, orgId);
  await notify(
    tx,
    office.map((p) => p.userId),
    { kind: 'rights.applied', titleZh: `新的赋权申请 ${number}：${a.title}`, titleEn: `New ownership-grant application ${number}: ${a.title}`, link: `/rights/grants/${id}` },
  );
  return id;
}

async function touch(tx: TxCtx, id: string, sets: Record<string, unknown>) {
  const cols = Object.keys(sets);
  await tx.db.query(`update rights_grants set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${cols.length ? ', ' : ''}updated_at = $${cols.length + 2}, version = version + 1 where id = $1`, [
    id,
    ...cols.map((c) => sets[c]),
    tx.now,
  ]);
}

export interface StepInput {
  reason?: string | undefined;
  /** resubmit: the amended application. */
  application?: GrantRequest | undefined;
  /** sign_agreement */
  agreementNo?: string | undefined;
  signedOn?: string | undefined;
  /** record_change: the registration at the authority (e.g. CNIPA 著录项目变更). */
  registrationRef?: string | undefined;
}

/** One step of the workflow; every step is a ledger event in the same transaction; illegal steps are 409. */
export async function grantStep(ctx: Ctx, id: string, action: GrantAction, input: StepInput = {}): Promise<Grant> {
  await inTransaction(ctx, async (tx) => {
    const g = await loadGrant(tx, id, true);
    const performers = await performersOf(tx.db, tx.actor, g);
    const check = checkTransition(g.status, action, performers);
    if (!check.ok) {
      if (check.status === 403) throw forbidden();
      throw new AppError('CONFLICT', { params: { detail: check.zh, detailEn: check.en } });
    }
    const t = GRANT_TRANSITIONS[action];
    if (t.reasonRequired && !input.reason?.trim()) throw fieldErrors([{ field: 'body.reason', zh: '请说明理由', en: 'give a reason' }]);
    const today = businessDateOf(tx.now);
    const sets: Record<string, unknown> = { status: check.to };
    const payload: Record<string, unknown> = { from: g.status, to: check.to };
    switch (action) {
      case 'resubmit': {
        if (!input.application) throw fieldErrors([{ field: 'body.application', zh: '请提交修改后的申请', en: 'send the amended application' }]);
        const { policy } = await checkApplication(tx, g.organisation_id, { ...input.application, achievementId: g.achievement_id }, g.id);
        const req = input.application;
        Object.assign(sets, {
          kind: req.kind,
          team_share: req.kind === 'ownership' ? req.teamShare : null,
          use_right_years: req.kind === 'use_right' ? req.useRightYears : null,
          first_term_years: req.kind === 'use_right' ? Math.min(policy.useRightFirstTermYears, req.useRightYears ?? 0) : null,
          plan: JSON.stringify(req.plan),
          consents: JSON.stringify(req.consents),
          policy_id: policy.id,
          policy_version: policy.version,
          policy: JSON.stringify(policySnapshot(policy)),
          publicity_starts_on: null,
          publicity_ends_on: null,
        });
        Object.assign(payload, {
          kind: req.kind,
          teamShare: req.teamShare ?? null,
          useRightYears: req.useRightYears ?? null,
          consents: req.consents.map((c) => c.name),
          policyVersion: policy.version,
        });
        break;
      }
      case 'office_review': {
        // Publicity from today (or the next working day) for the policy's number of working days, the first day counted.
        const calendar = await loadCalendar(tx.db);
        const startsOn = calendar.rollToWorkday(today);
        const endsOn = calendar.addWorkdays(startsOn, g.policy.publicityDays - 1);
        Object.assign(sets, { publicity_starts_on: startsOn, publicity_ends_on: endsOn });
        Object.assign(payload, { publicityStartsOn: startsOn, publicityEndsOn: endsOn, workingDays: g.policy.publicityDays, policyVersion: g.policy_version });
        break;
      }
      case 'approve': {
        const open = (await objectionsOf(tx.db, id)).filter((o) => !o.resolved_at).length;
        const blockers = approvalBlockers({ endsOn: g.publicity_ends_on!, openObjections: open }, today);
        if (blockers.length) throw ruleViolation(blockers.map((b) => b.zh).join('；'), blockers.map((b) => b.en).join('; '));
        break;
      }
      case 'sign_agreement': {
        const signedOn = input.signedOn ?? today;
        if (compareDates(signedOn, today) > 0) throw fieldErrors([{ field: 'body.signedOn', zh: '签订日期不能晚于今天', en: 'the agreement cannot be signed in the future' }]);
        const agreementNo = input.agreementNo?.trim() || `${g.number}-XY`;
        Object.assign(sets, { agreement_no: agreementNo, agreement_signed_on: signedOn });
        Object.assign(payload, { agreementNo, signedOn });
        break;
      }
      case 'record_change': {
        const co =
          g.kind === 'ownership'
            ? coOwnershipAfter({ kind: 'ownership', teamShare: trimRatio(g.team_share!) }, g.policy, today, addYears)
            : coOwnershipAfter({ kind: 'use_right', useRightYears: g.use_right_years! }, g.policy, today, addYears);
        const { unitPctBefore } = await recordOwnershipGrant(tx, g.achievement_id, {
          grantId: g.id,
          grantNumber: g.number,
          kind: g.kind,
          unitPct: co.unitPct,
          teamPct: co.teamPct,
          useRightUntil: co.useRightUntil,
          agreementNo: g.agreement_no ?? '',
          recordedOn: today,
          registrationRef: input.registrationRef ?? '',
        });
        await tx.db.query('insert into rights_ownership (achievement_id, grant_id, kind, unit_share, team_share, use_right_from, use_right_until, recorded_on) values ($1,$2,$3,$4,$5,$6,$7,$8)', [
          g.achievement_id,
          g.id,
          g.kind,
          co.unitShare,
          co.teamShare,
          co.useRightFrom,
          co.useRightUntil,
          today,
        ]);
        Object.assign(sets, { recorded_on: today, registration_ref: input.registrationRef ?? '', unit_pct_before: unitPctBefore, unit_pct_after: co.unitPct });
        Object.assign(payload, { unitPct: co.unitPct, teamPct: co.teamPct, useRightUntil: co.useRightUntil, explanation: co.explanation });
        break;
      }
    }
    await touch(tx, id, sets);
    await appendEvent(tx, { stream: grantStream(id), type: `rights.${action}`, payload, reason: input.reason ?? null });
    await audit(tx, { action: `rights.${action}`, entity: 'rights_grant', entityId: id, organisationId: g.organisation_id, before: { status: g.status }, after: { status: check.to } });
    if (g.applicant_user_id && !isApplicant(tx.actor, g)) {
      await notify(tx, [g.applicant_user_id], {
        kind: 'rights.step',
        titleZh: `赋权申请 ${g.number}：${GRANT_STATUS_LABELS[check.to].zh}`,
        titleEn: `Grant application ${g.number}: ${GRANT_STATUS_LABELS[check.to].en}`,
        bodyZh: input.reason ?? null,
        link: `/rights/grants/${id}`,
      });
    }
  });
  return getGrant(ctx, id);
}

/** Members of the institution may object while the grant is in publicity. */
export async function raiseGrantObjection(ctx: Ctx, id: string, content: string): Promise<Grant> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const g = await loadGrant(tx, id, true);
    if (!hasRoleIn(actor, g.organisation_id, ...ROLE_GROUPS.institutionMember)) throw notFound('grant', id);
    const today = businessDateOf(tx.now);
    if (g.status !== 'in_publicity' || compareDates(today, g.publicity_starts_on!) < 0 || compareDates(today, g.publicity_ends_on!) > 0) {
      throw ruleViolation('该赋权申请当前不在公示期内，不能提出异议', 'The grant is not in its publicity window; objections are closed');
    }
    const objectionId = randomUUID();
    await tx.db.query('insert into rights_grant_objections (id, grant_id, raised_by, raised_by_name, content, raised_at) values ($1,$2,$3,$4,$5,$6)', [
      objectionId,
      id,
      actor.userId,
      actor.name,
      content,
      tx.now,
    ]);
    await appendEvent(tx, { stream: grantStream(id), type: 'rights.objection_raised', payload: { objectionId, content } });
    await audit(tx, { action: 'rights.objection', entity: 'rights_grant', entityId: id, organisationId: g.organisation_id, after: { objectionId, content } });
  });
  return getGrant(ctx, id);
}

/** Upheld: the publicity is void and the application goes back to the team. Dismissed: publicity goes on. */
export async function resolveGrantObjection(ctx: Ctx, id: string, objectionId: string, resolution: 'upheld' | 'dismissed', note: string): Promise<Grant> {
  await inTransaction(ctx, async (tx) => {
    const g = await loadGrant(tx, id, true);
    if (!isOfficeOf(tx.actor, g.organisation_id)) throw forbidden();
    const { rows } = await tx.db.query<{ resolved_at: Date | null }>('select resolved_at from rights_grant_objections where id = $1 and grant_id = $2 for update', [objectionId, id]);
    if (!rows[0]) throw notFound('objection', objectionId);
    if (rows[0].resolved_at) throw new AppError('CONFLICT', { params: { detail: '该异议已处理', detailEn: 'the objection is already resolved' } });
    await tx.db.query('update rights_grant_objections set resolution = $2, resolution_note = $3, resolved_by = $4, resolved_at = $5 where id = $1', [
      objectionId,
      resolution,
      note,
      tx.actor?.userId ?? null,
      tx.now,
    ]);
    const payload: Record<string, unknown> = { objectionId, resolution, note };
    if (resolution === 'upheld' && g.status === 'in_publicity') {
      await touch(tx, id, { status: 'returned', publicity_starts_on: null, publicity_ends_on: null });
      Object.assign(payload, { from: 'in_publicity', to: 'returned' });
    }
    await appendEvent(tx, { stream: grantStream(id), type: 'rights.objection_resolved', payload, reason: note });
    await audit(tx, { action: 'rights.objection_resolve', entity: 'rights_grant', entityId: id, organisationId: g.organisation_id, after: payload });
  });
  return getGrant(ctx, id);
}

export async function grantTimeline(ctx: Ctx, id: string): Promise<RightsTimeline> {
  await loadGrant(ctx, id);
  return streamTimeline(ctx.db, grantStream(id));
}

export async function grantAgreementPdf(ctx: Ctx, id: string): Promise<{ filename: string; pdf: Buffer }> {
  const g = await loadGrant(ctx, id);
  if (!['approved', 'agreement_signed', 'recorded'].includes(g.status)) {
    throw new AppError('CONFLICT', { params: { detail: '批准后方可生成赋权协议', detailEn: 'the agreement is available once the grant is approved' } });
  }
  const view = await present(ctx, g);
  const { rows } = await ctx.db.query<{ name: string; credit_code: string }>('select name, credit_code from organisations where id = $1', [g.organisation_id]);
  const pdf = await renderGrantAgreement({
    number: g.number,
    agreementNo: g.agreement_no,
    signedOn: g.agreement_signed_on,
    institution: { name: rows[0]?.name ?? '', creditCode: rows[0]?.credit_code ?? '' },
    representative: view.applicant.name,
    achievement: view.achievement,
    completers: view.completers.map((c) => c.name),
    kind: g.kind,
    coOwnership: view.coOwnership,
    plan: g.plan,
    policy: g.policy,
    publicity: view.publicity,
  });
  return { filename: `${g.number}-赋权协议.pdf`, pdf };
}

/** Recorded grants of an institution's achievements (for agreed proceeds). */
export async function recordedGrant(db: Queryable, achievementId: string) {
  const { rows } = await db.query<{ grant_id: string; kind: string; unit_share: string; team_share: string }>('select * from rights_ownership where achievement_id = $1', [achievementId]);
  return rows[0] ?? null;
}
