import { randomUUID } from 'node:crypto';
import type {
  Completer as CompleterOut,
  Distribution,
  DistributionListQuery,
  DistributionSort,
  DistributionStatus,
  MyRewards,
  Notice,
  ObjectionResolution,
  Payroll,
  PayrollLine,
  Reward,
  TimelineEvent,
} from '../../../common/api/distribution.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import { CONTRACT_KIND_LABELS, type ContractKind } from '../../../common/contracts.js';
import { cmp, type Money, splitByWeights, sum, toFen } from '../../../common/money.js';
import type { Page } from '../../../common/page.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, hasRole, inTransaction, isOfficeOf, isOversight, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { type ObjectionColumns, presentObjection } from '../../lib/objections.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { groupBy } from '../../lib/rows.js';
import { achievementSummaries, loadCompleters } from '../achievements/index.js';
import { loadCalendar } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { getOrg } from '../orgs/index.js';
import { surplusCashRewards } from '../projects/index.js';
import { type PolicyInForce, policyInForce } from './distribution.policies.js';
import { type Completer, DEDUCTION_KINDS, type Deduction, type ReceiptSplit, rewardTax, splitReceipt, taxReliefDeadline } from './rules.js';
import { peopleHolding } from '../orgs/index.js';

/**
 * Distributions: one per receipt of the contracts module (`contract.receipt` events, taken in
 * when recorded: distribution.receipts.ts), computed under the institution's policy in force on
 * the day the money arrived. The office reviews the
 * deductions and the completers, approves, publishes the notice (公示) for the policy's working
 * days, settles objections, confirms, and records each person's payment (with its tax treatment).
 * Each distribution is the ledger stream `distribution:<id>`.
 */

export { DISTRIBUTION_STATUSES, type DistributionStatus } from '../../../common/api/distribution.js';

/** A completer as the distribution sees them: contribution share in percent, flags the office sets. */
export type DistributionCompleter = CompleterOut;

interface DistributionRow {
  id: string;
  organisation_id: string;
  source: 'receipt';
  receipt_id: string | null;
  contract_id: string | null;
  contract_number: string | null;
  contract_kind: ContractKind | null;
  registration_no: string | null;
  achievement_ids: string[];
  title: string;
  received_on: string;
  gross: string;
  deductions: Deduction[];
  completers: DistributionCompleter[];
  policy_version: number;
  result: ReceiptSplit | null;
  excluded_reason: { zh: string; en: string } | null;
  status: DistributionStatus;
  publicity_from: string | null;
  publicity_until: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

interface RewardRow {
  distribution_id: string;
  position: number;
  user_id: string | null;
  name: string;
  amount: string;
  paid_on: string | null;
  taxable: string | null;
}

interface ObjectionRow extends ObjectionColumns<ObjectionResolution> {
  distribution_id: string;
  text: string;
}

export const stream = (id: string) => `distribution:${id}`;

// ------------------------------------------------------------------------------------------
// Completers and the split
// ------------------------------------------------------------------------------------------

/** Completers of the contract's achievements; with several achievements, each counts equally. */
export async function completersOf(db: Queryable, achievementIds: readonly string[]): Promise<DistributionCompleter[]> {
  if (!achievementIds.length) return [];
  const byAchievement = await loadCompleters(db, achievementIds);
  const merged = new Map<string, { name: string; userId: string | null; weight: string; isHead: boolean }>();
  for (const r of [...byAchievement.values()].flat()) {
    const key = r.user_id ?? `name:${r.name}`;
    const prev = merged.get(key);
    merged.set(key, { name: r.name, userId: r.user_id, weight: sum([prev?.weight ?? '0', r.share]), isHead: (prev?.isHead ?? false) || r.is_head });
  }
  const people = [...merged.values()];
  if (!people.length) return [];
  const shares = splitByWeights(
    '100.00',
    people.map((p) => p.weight),
  );
  return people.map((p, i) => ({ name: p.name, userId: p.userId, share: shares[i]!.replace(/\.00$/, ''), isMainContributor: true, isHead: p.isHead }));
}

export function compute(policy: PolicyInForce, gross: Money, deductions: readonly Deduction[], completers: readonly DistributionCompleter[]): ReceiptSplit | null {
  if (!completers.length) return null;
  const people: Completer[] = completers.map((c, i) => ({ personId: String(i), name: c.name, share: c.share, isMainContributor: c.isMainContributor, isHead: c.isHead }));
  return splitReceipt(policy, gross, deductions, people);
}

export async function writeRewards(tx: TxCtx, id: string, completers: readonly DistributionCompleter[], result: ReceiptSplit | null) {
  await tx.db.query('delete from distribution_rewards where distribution_id = $1', [id]);
  for (const p of result?.people ?? []) {
    const c = completers[Number(p.personId)]!;
    await tx.db.query('insert into distribution_rewards (distribution_id, position, user_id, name, amount) values ($1,$2,$3,$4,$5)', [id, Number(p.personId), c.userId, c.name, p.value]);
  }
}

// ------------------------------------------------------------------------------------------
// Reading
// ------------------------------------------------------------------------------------------

async function load(db: Queryable, id: string, forUpdate = false): Promise<DistributionRow | undefined> {
  const { rows } = await db.query<DistributionRow>(`select * from distributions where id = $1 ${forUpdate ? 'for update' : ''}`, [id]);
  return rows[0];
}

async function rewardsOf(db: Queryable, ids: readonly string[]): Promise<Map<string, RewardRow[]>> {
  if (!ids.length) return new Map();
  const { rows } = await db.query<RewardRow>('select * from distribution_rewards where distribution_id = any($1) order by position', [ids]);
  return groupBy(rows, (r) => r.distribution_id);
}

const isRecipient = (ctx: Pick<Ctx, 'actor'>, d: DistributionRow) => !!ctx.actor && d.completers.some((c) => c.userId === ctx.actor!.userId);
const isMemberOf = (ctx: Pick<Ctx, 'actor'>, organisationId: string) => !!ctx.actor?.memberships.some((m) => m.organisationId === organisationId);

/** The office, platform admins and the bureau see every distribution; completers see their own. */
async function visible(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<DistributionRow> {
  const d = await load(ctx.db, id, forUpdate);
  if (!d || !(isOfficeOf(ctx.actor, d.organisation_id) || isOversight(ctx.actor) || isRecipient(ctx, d))) throw notFound('distribution', id);
  return d;
}

async function office(tx: TxCtx, id: string): Promise<DistributionRow> {
  const d = await visible(tx, id, true);
  if (!isOfficeOf(tx.actor, d.organisation_id)) throw forbidden();
  return d;
}

function presentReward(r: RewardRow, d: DistributionRow, today: string): Reward {
  const deadline = taxReliefDeadline(d.received_on);
  return {
    position: r.position,
    userId: r.user_id,
    name: r.name,
    amount: r.amount,
    paidOn: r.paid_on,
    taxable: r.taxable,
    taxReliefDeadline: deadline,
    // Unpaid past the deadline: the 50% treatment is lost; flagged for the office.
    taxReliefLost: r.paid_on ? compareDates(r.paid_on, deadline) > 0 : compareDates(today, deadline) > 0,
  };
}

function present(d: DistributionRow, rewards: readonly RewardRow[], today: string, objections: readonly ObjectionRow[] = []): Distribution {
  return {
    id: d.id,
    organisationId: d.organisation_id,
    source: d.source,
    receiptId: d.receipt_id,
    contract: d.contract_id ? { id: d.contract_id, number: d.contract_number ?? '', kind: d.contract_kind, registrationNo: d.registration_no } : null,
    achievementIds: d.achievement_ids,
    title: d.title,
    receivedOn: d.received_on,
    gross: d.gross,
    deductions: d.deductions,
    completers: d.completers,
    policyVersion: d.policy_version,
    result: d.result,
    excludedReason: d.excluded_reason,
    status: d.status,
    publicityFrom: d.publicity_from,
    publicityUntil: d.publicity_until,
    approvedAt: d.approved_at?.toISOString() ?? null,
    rewards: rewards.map((r) => presentReward(r, d, today)),
    objections: objections.map((o) => ({ ...presentObjection(o), text: o.text })),
    updatedAt: d.updated_at.toISOString(),
    version: d.version,
  };
}
export type DistributionView = Distribution;

export async function getDistribution(ctx: Ctx | TxCtx, id: string): Promise<DistributionView> {
  const d = await visible(ctx, id);
  const rewards = (await rewardsOf(ctx.db, [id])).get(id) ?? [];
  const { rows: objections } = await ctx.db.query<ObjectionRow>('select * from distribution_objections where distribution_id = $1 order by raised_at', [id]);
  return present(d, rewards, businessDateOf(ctx.now), objections);
}

const LIST_ORDER: Record<DistributionSort, string> = {
  receivedOn: 'received_on {o}, created_at {o}, id {o}',
  updatedAt: 'updated_at {o}, id {o}',
  gross: 'gross {o}, id {o}',
};

/** The institution's distributions, newest receipt first by default. Reading never writes: receipts are taken in when recorded. */
export async function listDistributions(ctx: Ctx, organisationId: string, query: DistributionListQuery): Promise<Page<Distribution>> {
  const values: unknown[] = [organisationId];
  let where = 'where organisation_id = $1';
  if (query.status) {
    values.push(query.status);
    where += ` and status = $${values.length}`;
  }
  const page = await queryPage<DistributionRow>(ctx.db, { select: '*', from: `from distributions ${where}`, values, orderBy: LIST_ORDER[query.sort].replaceAll('{o}', query.order) }, query);
  const rewards = await rewardsOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  const today = businessDateOf(ctx.now);
  return mapPage(page, (d) => present(d, rewards.get(d.id) ?? [], today));
}

// ------------------------------------------------------------------------------------------
// The office's review
// ------------------------------------------------------------------------------------------

async function changed(tx: TxCtx, d: DistributionRow, type: string, payload: Record<string, unknown>, set: string, params: unknown[], reason?: string) {
  await tx.db.query(`update distributions set ${set}, updated_at = $2, version = version + 1 where id = $1`, [d.id, tx.now, ...params]);
  await appendEvent(tx, { stream: stream(d.id), type, payload, reason: reason ?? null });
  await audit(tx, { action: type, entity: 'distribution', entityId: d.id, organisationId: d.organisation_id, after: payload });
}

function requireStatus(d: DistributionRow, ...allowed: DistributionStatus[]) {
  if (!allowed.includes(d.status)) {
    throw new AppError('CONFLICT', {
      params: { detail: `该分配当前状态为「${d.status}」，此操作需要：${allowed.join('、')}`, detailEn: `the distribution is ${d.status}; this needs ${allowed.join(' or ')}` },
    });
  }
}

export function checkCompleters(completers: readonly DistributionCompleter[]) {
  const total = sum(['0', ...completers.map((c) => c.share)]);
  if (!completers.length) return [{ field: 'body.completers', zh: '至少需要一名完成人', en: 'at least one completer is needed' }];
  if (cmp(total, '100') !== 0) return [{ field: 'body.completers', zh: `完成人贡献比例合计须为 100%，现为 ${total}%`, en: `contribution shares must sum to 100%, they sum to ${total}%` }];
  return [];
}

export interface DistributionChange {
  version: number;
  deductions?: Deduction[] | undefined;
  completers?: DistributionCompleter[] | undefined;
}

/** While computed: itemise the deductions, correct completers and who counts as a main contributor. */
export async function updateDistribution(ctx: Ctx, id: string, input: DistributionChange): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    requireStatus(d, 'computed');
    if (input.version !== d.version) throw new AppError('CONFLICT', { params: { detail: '该分配已被他人修改，请刷新后重试', detailEn: 'someone else changed this distribution; reload and retry' } });
    const deductions = input.deductions ?? d.deductions;
    const completers = input.completers ?? d.completers;
    const problems = input.completers ? checkCompleters(completers) : [];
    for (const [i, x] of deductions.entries())
      if (!DEDUCTION_KINDS.includes(x.kind))
        problems.push({ field: `body.deductions.${i}.kind`, zh: '扣除项类型须为税费、维护费用或交易费用', en: 'a deduction is a tax, maintenance or transaction cost' });
    if (problems.length) throw fieldErrors(problems);
    const policy = await policyInForce(tx.db, d.organisation_id, d.received_on);
    const result = compute(policy, d.gross, deductions, completers);
    await changed(tx, d, 'distribution.revised', { deductions, completers, team: result?.team.value ?? null }, 'deductions = $3, completers = $4, result = $5, policy_version = $6', [
      JSON.stringify(deductions),
      JSON.stringify(completers),
      result ? JSON.stringify(result) : null,
      policy.version,
    ]);
    await writeRewards(tx, id, completers, result);
  });
  return getDistribution(ctx, id);
}

export async function approveDistribution(ctx: Ctx, id: string): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    requireStatus(d, 'computed');
    if (!d.result) throw ruleViolation('尚未确定完成人及其贡献比例，无法批准', 'the completers and their shares are not set yet');
    await changed(tx, d, 'distribution.approved', { team: d.result.team.value, net: d.result.net.value }, "status = 'approved', approved_by = $3, approved_at = $2", [requireActor(tx).userId]);
  });
  return getDistribution(ctx, id);
}

/** Publishes the notice for the policy's working days; members of the institution may object. */
export async function startPublicity(ctx: Ctx, id: string): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    requireStatus(d, 'approved');
    const policy = await policyInForce(tx.db, d.organisation_id, d.received_on);
    const calendar = await loadCalendar(tx.db);
    const from = calendar.nextWorkday(businessDateOf(tx.now));
    const until = calendar.addWorkdays(from, policy.publicityWorkingDays - 1);
    await changed(tx, d, 'distribution.publicity_started', { from, until, workingDays: policy.publicityWorkingDays }, "status = 'publicity', publicity_from = $3, publicity_until = $4", [from, until]);
    const members = await peopleHolding(tx.db, ROLE_GROUPS.institutionMember, d.organisation_id);
    await notify(
      tx,
      members.map((p) => p.userId),
      {
        kind: 'distribution.publicity',
        titleZh: `奖励公示：${d.title}`,
        titleEn: `Reward notice: ${d.title}`,
        bodyZh: `公示期 ${from} 至 ${until}，如有异议请在公示期内提出。`,
        bodyEn: `Open from ${from} to ${until}; objections may be raised within the period.`,
        link: `/distribution/${id}/notice`,
      },
    );
  });
  return getDistribution(ctx, id);
}

/** Answers with the notice: the member objecting may not be one who sees the distribution itself. */
export async function raiseObjection(ctx: Ctx, id: string, text: string): Promise<Notice> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const d = await load(tx.db, id, true);
    if (!d || !(isMemberOf(tx, d.organisation_id) || hasRole(tx.actor, 'admin'))) throw notFound('distribution', id);
    requireStatus(d, 'publicity');
    const today = businessDateOf(tx.now);
    if (d.publicity_until && compareDates(today, d.publicity_until) > 0)
      throw ruleViolation(`公示期已于 ${d.publicity_until} 结束，不能再提出异议`, `the publicity period ended on ${d.publicity_until}`);
    const objectionId = randomUUID();
    await tx.db.query('insert into distribution_objections (id, distribution_id, raised_by, raised_by_name, text, raised_at) values ($1,$2,$3,$4,$5,$6)', [
      objectionId,
      id,
      actor.userId,
      actor.name,
      text,
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: 'distribution.objection_raised', payload: { objectionId, text } });
    await audit(tx, { action: 'distribution.objection', entity: 'distribution', entityId: id, organisationId: d.organisation_id, after: { objectionId } });
  });
  return publicityNotice(ctx, id);
}

/** An upheld objection sends the distribution back for correction; a dismissed one lets it proceed. */
export async function resolveObjection(ctx: Ctx, id: string, objectionId: string, input: { resolution: 'upheld' | 'dismissed'; note: string }): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    const { rows } = await tx.db.query<ObjectionRow>('select * from distribution_objections where id = $1 and distribution_id = $2 for update', [objectionId, id]);
    const o = rows[0];
    if (!o) throw notFound('objection', objectionId);
    if (o.resolution) throw ruleViolation('该异议已处理', 'this objection has already been resolved');
    await tx.db.query('update distribution_objections set resolution = $2, resolution_note = $3, resolved_by = $4, resolved_at = $5 where id = $1', [
      objectionId,
      input.resolution,
      input.note,
      tx.actor?.userId ?? null,
      tx.now,
    ]);
    if (input.resolution === 'upheld') {
      await changed(
        tx,
        d,
        'distribution.reopened',
        { objectionId, note: input.note },
        "status = 'computed', publicity_from = null, publicity_until = null, approved_by = null, approved_at = null",
        [],
        input.note,
      );
    } else {
      await appendEvent(tx, { stream: stream(id), type: 'distribution.objection_dismissed', payload: { objectionId, note: input.note }, reason: input.note });
    }
  });
  return getDistribution(ctx, id);
}

/** After the publicity period, with no objection open. */
export async function confirmDistribution(ctx: Ctx, id: string): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    requireStatus(d, 'publicity');
    const today = businessDateOf(tx.now);
    if (d.publicity_until && compareDates(today, d.publicity_until) <= 0) throw ruleViolation(`公示期至 ${d.publicity_until}，期满后方可确认`, `the publicity period runs until ${d.publicity_until}`);
    const { rows } = await tx.db.query<{ n: number }>('select count(*)::int as n from distribution_objections where distribution_id = $1 and resolution is null', [id]);
    if (rows[0]!.n > 0) throw ruleViolation(`尚有 ${rows[0]!.n} 条异议未处理`, `${rows[0]!.n} objection(s) still open`);
    await changed(tx, d, 'distribution.confirmed', { publicityUntil: d.publicity_until }, "status = 'confirmed'", []);
    const recipients = d.completers.flatMap((c) => (c.userId ? [c.userId] : []));
    await notify(tx, recipients, { kind: 'distribution.confirmed', titleZh: `您的奖励已确认：${d.title}`, titleEn: `Your reward is confirmed: ${d.title}`, link: '/distribution/mine' });
  });
  return getDistribution(ctx, id);
}

/** Records payment to the listed people (all unpaid when none are listed), with the tax treatment. */
export async function recordRewardPayment(ctx: Ctx, id: string, input: { paidOn: string; positions?: number[] | undefined }): Promise<DistributionView> {
  await inTransaction(ctx, async (tx) => {
    const d = await office(tx, id);
    requireStatus(d, 'confirmed');
    if (compareDates(input.paidOn, d.received_on) < 0)
      throw fieldErrors([{ field: 'body.paidOn', zh: `发放日期不能早于到账日期 ${d.received_on}`, en: `cannot precede the receipt on ${d.received_on}` }]);
    const rewards = (await rewardsOf(tx.db, [id])).get(id) ?? [];
    const targets = rewards.filter((r) => !r.paid_on && (!input.positions || input.positions.includes(r.position)));
    if (!targets.length) throw ruleViolation('所选人员的奖励均已发放', 'the selected rewards are already paid');
    const paid = [];
    for (const r of targets) {
      const tax = rewardTax(r.amount, d.received_on, input.paidOn);
      await tx.db.query('update distribution_rewards set paid_on = $3, taxable = $4 where distribution_id = $1 and position = $2', [id, r.position, input.paidOn, tax.value]);
      paid.push({ position: r.position, name: r.name, amount: r.amount, taxable: tax.value, halfRelief: tax.halfRelief });
    }
    const allPaid = rewards.every((r) => r.paid_on || targets.includes(r));
    await changed(tx, d, 'distribution.paid', { paidOn: input.paidOn, paid }, allPaid ? "status = 'paid'" : 'status = status', []);
  });
  return getDistribution(ctx, id);
}

export async function distributionTimeline(ctx: Ctx, id: string): Promise<{ items: TimelineEvent[] }> {
  await visible(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  return { items: events.map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, reason: e.reason, occurredAt: e.occurredAt.toISOString(), hash: e.hash })) };
}

// ------------------------------------------------------------------------------------------
// The notice (公示), DOMAIN §2.5: achievement, recipients, amounts, registration, period
// ------------------------------------------------------------------------------------------

export async function publicityNotice(ctx: Ctx, id: string): Promise<Notice> {
  const d = await load(ctx.db, id);
  const allowed = d && (isMemberOf(ctx, d.organisation_id) || isOversight(ctx.actor));
  if (!d || !allowed || !d.publicity_from) throw notFound('distribution', id);
  const org = await getOrg(ctx, d.organisation_id);
  const achievements = [...(await achievementSummaries(ctx.db, d.achievement_ids)).values()].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  const rewards = (await rewardsOf(ctx.db, [id])).get(id) ?? [];
  const { rows: objections } = await ctx.db.query<ObjectionRow>('select * from distribution_objections where distribution_id = $1 order by raised_at', [id]);
  const kind = d.contract_kind ? CONTRACT_KIND_LABELS[d.contract_kind] : null;
  return {
    id: d.id,
    institution: org.name,
    title: `关于${d.title}科技成果转化现金奖励的公示`,
    // ip_type is not null in the achievements table; the summary type is wider than the column.
    achievements: achievements.map((a) => ({ id: a.id, number: a.number, title: a.title, ipType: a.ipType ?? '' })),
    transformation: { mode: kind, contractNumber: d.contract_number, receivedOn: d.received_on, gross: d.gross, net: d.result?.net.value ?? null },
    registration: { registrationNo: d.registration_no },
    recipients: rewards.map((r) => ({ name: r.name, amount: r.amount, isHead: d.completers[r.position]?.isHead ?? false })),
    total: sum(['0', ...rewards.map((r) => r.amount)]),
    period: { from: d.publicity_from, until: d.publicity_until },
    objectionProcedure: '对公示内容有异议的，请在公示期内通过本平台提出书面异议，技术转移机构将核实处理并答复。',
    objections: objections.map((o) => ({ id: o.id, raisedAt: o.raised_at.toISOString(), resolution: o.resolution, resolutionNote: o.resolution_note })),
    status: d.status,
  };
}

// ------------------------------------------------------------------------------------------
// Payroll (DOMAIN §2.5) and each person's rewards
// ------------------------------------------------------------------------------------------

/** The payroll flags of every cash reward for transforming duty achievements. */
export const PAYROLL_FLAGS = {
  countedInPerformancePayTotal: true,
  cappedByPerformancePayTotal: false,
  inNextYearBase: false,
  inSocialInsuranceBase: false,
} as const;

export async function payroll(ctx: Ctx, organisationId: string, from: string, to: string): Promise<Payroll> {
  if (!isOfficeOf(ctx.actor, organisationId)) throw forbidden();
  if (compareDates(from, to) > 0) throw fieldErrors([{ field: 'querystring.to', zh: '截止日期不能早于开始日期', en: 'the end date cannot precede the start' }]);
  const today = businessDateOf(ctx.now);
  const { rows } = await ctx.db.query<RewardRow & { title: string; received_on: string; contract_number: string | null; status: DistributionStatus }>(
    `select r.*, d.title, d.received_on, d.contract_number, d.status from distribution_rewards r join distributions d on d.id = r.distribution_id
     where d.organisation_id = $1 and ((r.paid_on between $2 and $3) or (r.paid_on is null and d.status = 'confirmed'))
     order by r.paid_on nulls last, r.name, d.received_on`,
    [organisationId, from, to],
  );
  const lines = rows.map((r): PayrollLine => {
    const deadline = taxReliefDeadline(r.received_on);
    return {
      source: 'receipt',
      distributionId: r.distribution_id,
      projectId: null,
      name: r.name,
      userId: r.user_id,
      title: r.title,
      contractNumber: r.contract_number,
      receivedOn: r.received_on,
      amount: r.amount,
      paidOn: r.paid_on,
      taxable: r.taxable,
      halfTaxRelief: r.paid_on ? compareDates(r.paid_on, deadline) <= 0 : compareDates(today, deadline) <= 0,
      taxReliefDeadline: deadline,
      ...PAYROLL_FLAGS,
    };
  });
  // Measure 3: cash allocated from contract-research surplus, paid on the allocation date.
  for (const x of await surplusCashRewards(ctx, organisationId, from, to)) {
    const tax = rewardTax(x.amount, x.recognisedOn, x.allocatedOn);
    lines.push({
      source: 'surplus',
      distributionId: null,
      projectId: x.projectId,
      name: x.name,
      userId: x.userId,
      title: `${x.projectTitle}（横向项目结余）`,
      contractNumber: null,
      receivedOn: x.recognisedOn,
      amount: x.amount,
      paidOn: x.allocatedOn,
      taxable: tax.value,
      halfTaxRelief: tax.halfRelief,
      taxReliefDeadline: taxReliefDeadline(x.recognisedOn),
      ...PAYROLL_FLAGS,
    });
  }
  const paid = lines.filter((l) => l.paidOn);
  // One row per person for the payroll office: what was paid in the period and its taxable part.
  const people = new Map<string, { name: string; userId: string | null; amount: string; taxable: string; count: number }>();
  for (const l of paid) {
    const key = l.userId ?? `name:${l.name}`;
    const p = people.get(key) ?? { name: l.name, userId: l.userId, amount: '0.00', taxable: '0.00', count: 0 };
    people.set(key, { ...p, amount: sum([p.amount, l.amount]), taxable: sum([p.taxable, l.taxable ?? '0']), count: p.count + 1 });
  }
  return {
    organisationId,
    period: { from, to },
    flags: PAYROLL_FLAGS,
    people: [...people.values()].map((p) => ({ ...p, ...PAYROLL_FLAGS })),
    lines: paid,
    unpaid: lines.filter((l) => !l.paidOn),
    totals: { amount: sum(['0', ...paid.map((l) => l.amount)]), taxable: sum(['0', ...paid.map((l) => l.taxable ?? '0')]) },
  };
}

/** Every reward of the signed-in person, across institutions. */
export async function myRewards(ctx: Ctx): Promise<MyRewards> {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query<DistributionRow>(
    `select d.* from distributions d where exists (select 1 from distribution_rewards r where r.distribution_id = d.id and r.user_id = $1) order by d.received_on desc`,
    [actor.userId],
  );
  const rewards = await rewardsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const today = businessDateOf(ctx.now);
  const items = rows.map((d) => {
    const mine = (rewards.get(d.id) ?? []).filter((r) => r.user_id === actor.userId);
    const explanation = d.result?.people.filter((p) => mine.some((m) => String(m.position) === p.personId)) ?? [];
    return {
      distributionId: d.id,
      organisationId: d.organisation_id,
      title: d.title,
      contractNumber: d.contract_number,
      receivedOn: d.received_on,
      status: d.status,
      net: d.result?.net ?? null,
      team: d.result?.team ?? null,
      policyVersion: d.policy_version,
      rewards: mine.map((r) => presentReward(r, d, today)),
      explanation,
    };
  });
  const visibleItems = items.filter((i) => ['publicity', 'confirmed', 'paid'].includes(i.status));
  return { name: actor.name, items: visibleItems, total: sum(['0', ...visibleItems.flatMap((i) => i.rewards.map((r) => r.amount))]) };
}

/** What the annual report (DOMAIN §14 item 5) needs: rewards paid and equity allocated in a period. */
export async function rewardTotals(db: Queryable, organisationId: string, from: string, to: string) {
  const { rows: cash } = await db.query<{ amount: string; taxable: string; people: number }>(
    `select coalesce(sum(r.amount), 0)::text as amount, coalesce(sum(r.taxable), 0)::text as taxable, count(distinct coalesce(r.user_id::text, r.name))::int as people
     from distribution_rewards r join distributions d on d.id = r.distribution_id where d.organisation_id = $1 and r.paid_on between $2 and $3`,
    [organisationId, from, to],
  );
  const { rows: equity } = await db.query<{ amount: string; people: number }>(
    `select coalesce(sum(e.book_value), 0)::text as amount,
            (select count(distinct coalesce(a.user_id::text, a.name))::int from equity_reward_allocations a join equity_rewards x on x.id = a.equity_reward_id
              where x.organisation_id = $1 and x.created_at >= $2::date and x.created_at < ($3::date + 1)) as people
     from equity_rewards e where e.organisation_id = $1 and e.created_at >= $2::date and e.created_at < ($3::date + 1)`,
    [organisationId, from, to],
  );
  return { cash: toFen(cash[0]!.amount), taxable: toFen(cash[0]!.taxable), cashPeople: cash[0]!.people, equity: toFen(equity[0]!.amount), equityPeople: equity[0]!.people };
}
