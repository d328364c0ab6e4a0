import { randomUUID } from 'node:crypto';
import { businessDateOf, compareDates, diffDays } from '../../../common/calendar.js';
import {
  CONTRACT_STATUS_LABELS,
  type ContractKind,
  type ContractStatus,
  type LicenseType,
  registrationPreCheck,
  type SettlementForm,
} from '../../../common/contracts.js';
import { cmp, isPositive, type Money, min, sub, sum } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { getAchievement } from '../achievements/index.js';
import { loadCalendar } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { allocate } from './allocation.js';
import { renderContractDraft } from './contract-pdf.js';
import { CONTRACT_RECEIPT_EVENT, type ContractReceiptEvent, ContractReceiptEventSchema } from './contracts.events.js';
import { buildSchedule, guidanceWarnings, type Obligation, type PaymentPlan, type TriggerEvent, validatePlan } from './payment-plan.js';

/**
 * Contracts of every deal (measure 4): parties, terms, signing, registration, the facts the
 * licensee reports, the schedule of obligations derived from them, receipts in every form and
 * their allocation, guarantees and claims. Each contract is the ledger stream `contract:<id>`.
 */

export interface ContractRow {
  id: string;
  number: string;
  kind: ContractKind;
  license_type: string | null;
  field_of_use: string;
  territory: string;
  title: string;
  licensor_org_id: string;
  licensee_org_id: string;
  licensor_name?: string;
  licensee_name?: string;
  status: ContractStatus;
  currency: string;
  plan: PaymentPlan | null;
  plan_version: number;
  total_amount: string;
  technology_amount: string | null;
  licensor_signed_at: Date | null;
  licensee_signed_at: Date | null;
  signed_on: string | null;
  registration_no: string | null;
  registered_on: string | null;
  terminated_on: string | null;
  termination_reason: string | null;
  signed_scan_name: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const stream = (id: string) => `contract:${id}`;

// ------------------------------------------------------------------------------------------
// Parties
// ------------------------------------------------------------------------------------------

/** The licensor's office (or a platform admin) runs the contract. */
const isLicensorOffice = (actor: Actor | null, c: ContractRow) => hasRoleIn(actor, c.licensor_org_id, 'tto_officer', 'org_admin') || hasRole(actor, 'admin');
/** The licensee firm's people. */
const isLicensee = (actor: Actor | null, c: ContractRow) => hasRoleIn(actor, c.licensee_org_id, 'enterprise', 'org_admin');
const isParty = (actor: Actor | null, c: ContractRow) => isLicensorOffice(actor, c) || isLicensee(actor, c);

async function loadContract(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<ContractRow> {
  const { rows } = await ctx.db.query<ContractRow>(
    `select c.*, lo.name as licensor_name, le.name as licensee_name from contracts c
     join organisations lo on lo.id = c.licensor_org_id join organisations le on le.id = c.licensee_org_id
     where c.id = $1 ${forUpdate ? 'for update of c' : ''}`,
    [id],
  );
  const c = rows[0];
  if (!c || !isParty(ctx.actor, c)) throw notFound('contract', id);
  return c;
}

function present(actor: Actor | null, c: ContractRow, achievementIds: string[]) {
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    licenseType: c.license_type,
    fieldOfUse: c.field_of_use,
    territory: c.territory,
    title: c.title,
    licensor: { id: c.licensor_org_id, name: c.licensor_name ?? '' },
    licensee: { id: c.licensee_org_id, name: c.licensee_name ?? '' },
    status: c.status,
    currency: c.currency,
    plan: c.plan,
    planVersion: c.plan_version,
    planWarnings: c.plan ? guidanceWarnings(c.plan).map((w) => ({ field: w.field, zh: w.zh, en: w.en })) : [],
    totalAmount: c.total_amount,
    licensorSignedAt: c.licensor_signed_at?.toISOString() ?? null,
    licenseeSignedAt: c.licensee_signed_at?.toISOString() ?? null,
    signedOn: c.signed_on,
    registrationNo: c.registration_no,
    registeredOn: c.registered_on,
    terminatedOn: c.terminated_on,
    terminationReason: c.termination_reason,
    hasSignedScan: !!c.signed_scan_name,
    achievementIds,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    version: c.version,
    myRoles: [...(isLicensorOffice(actor, c) ? ['licensor'] : []), ...(isLicensee(actor, c) ? ['licensee'] : [])],
  };
}
export type ContractView = ReturnType<typeof present>;

async function achievementIdsOf(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ achievement_id: string }>('select achievement_id from contract_achievements where contract_id = $1 order by achievement_id', [id]);
  return rows.map((r) => r.achievement_id);
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractView> {
  const c = await loadContract(ctx, id);
  return present(ctx.actor, c, await achievementIdsOf(ctx.db, id));
}

export async function listContracts(ctx: Ctx, query: { status?: ContractStatus | undefined }) {
  const actor = requireActor(ctx);
  const orgs = actor.memberships.filter((m) => ['tto_officer', 'org_admin', 'enterprise'].includes(m.role)).map((m) => m.organisationId);
  const { rows } = await ctx.db.query<ContractRow>(
    `select c.*, lo.name as licensor_name, le.name as licensee_name from contracts c
     join organisations lo on lo.id = c.licensor_org_id join organisations le on le.id = c.licensee_org_id
     where ($1::boolean or c.licensor_org_id = any($2) or c.licensee_org_id = any($2)) and ($3::text is null or c.status = $3)
     order by c.updated_at desc limit 500`,
    [hasRole(actor, 'admin'), orgs, query.status ?? null],
  );
  return { items: rows.filter((c) => isParty(actor, c)).map((c) => present(actor, c, [])) };
}

/** A fact the schedule depends on (trigger event or termination), as recorded. */
async function insertFact(tx: TxCtx, id: string, event: string, on: string, evidence: string) {
  await tx.db.query('insert into contract_events (id, contract_id, event, occurred_on, evidence, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6,$7)', [
    randomUUID(),
    id,
    event,
    on,
    evidence,
    tx.actor?.userId ?? null,
    tx.now,
  ]);
}

/** Both parties' people: the licensor's office and the licensee firm. */
async function partyUserIds(db: Queryable, licensorOrgId: string, licenseeOrgId: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    "select user_id from memberships where (organisation_id = $1 and role in ('tto_officer', 'org_admin')) or (organisation_id = $2 and role in ('enterprise', 'org_admin'))",
    [licensorOrgId, licenseeOrgId],
  );
  return rows.map((r) => r.user_id);
}

async function insertReceipt(
  tx: TxCtx,
  contractId: string,
  r: { id: string; payer: 'licensee' | 'guarantor'; form: SettlementForm; value: Money; currency: string; receivedOn: string; valuationNote: string; evidence: string },
) {
  await tx.db.query(
    'insert into receipts (id, contract_id, payer, form, value, currency, received_on, valuation_note, evidence, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)',
    [r.id, contractId, r.payer, r.form, r.value, r.currency, r.receivedOn, r.valuationNote, r.evidence, tx.actor?.userId ?? null, tx.now],
  );
}

// ------------------------------------------------------------------------------------------
// Creating
// ------------------------------------------------------------------------------------------

async function nextNumber(tx: TxCtx): Promise<string> {
  const { year, first } = await reserveYearlySequence(tx, 'contract_number_counters');
  return `HT-${year}-${String(first).padStart(6, '0')}`;
}

export interface NewContract {
  kind: ContractKind;
  title: string;
  licenseeOrgId: string;
  achievementIds: string[];
  licenseType?: string | null | undefined;
  fieldOfUse?: string | undefined;
  territory?: string | undefined;
}

/** Drafts a contract inside the caller's transaction (the deal room hands an accepted offer over here). */
export async function insertContract(tx: TxCtx, licensorOrgId: string, input: NewContract, plan: PaymentPlan | null) {
  const { rows: licensee } = await tx.db.query<{ kind: string }>('select kind from organisations where id = $1 and is_active', [input.licenseeOrgId]);
  if (!licensee[0]) throw fieldErrors([{ field: 'body.licenseeOrgId', zh: '被许可方机构不存在', en: 'no such licensee organisation' }]);
  if (input.licenseeOrgId === licensorOrgId) throw fieldErrors([{ field: 'body.licenseeOrgId', zh: '双方不能是同一机构', en: 'the parties must differ' }]);
  for (const a of input.achievementIds) {
    const { rows } = await tx.db.query<{ organisation_id: string }>('select organisation_id from achievements where id = $1', [a]);
    if (rows[0]?.organisation_id !== licensorOrgId) throw fieldErrors([{ field: 'body.achievementIds', zh: `成果 ${a} 不属于许可方`, en: `achievement ${a} does not belong to the licensor` }]);
  }
  const id = randomUUID();
  const number = await nextNumber(tx);
  await tx.db.query(
    `insert into contracts (id, number, kind, license_type, field_of_use, territory, title, licensor_org_id, licensee_org_id, plan, plan_version, created_by, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)`,
    [id, number, input.kind, input.licenseType ?? null, input.fieldOfUse ?? '', input.territory ?? '', input.title, licensorOrgId, input.licenseeOrgId, plan ? JSON.stringify(plan) : null, plan ? 1 : 0, tx.actor?.userId ?? null, tx.now],
  );
  for (const a of input.achievementIds) await tx.db.query('insert into contract_achievements (contract_id, achievement_id) values ($1, $2)', [id, a]);
  await appendEvent(tx, { stream: stream(id), type: 'contract.drafted', payload: { number, kind: input.kind, licensorOrgId, licenseeOrgId: input.licenseeOrgId, achievementIds: input.achievementIds } });
  await audit(tx, { action: 'contract.create', entity: 'contract', entityId: id, organisationId: licensorOrgId, after: { number, kind: input.kind, title: input.title } });
  return id;
}

export async function createContract(ctx: Ctx, licensorOrgId: string, input: NewContract) {
  if (!hasRoleIn(ctx.actor, licensorOrgId, 'tto_officer', 'org_admin') && !hasRole(ctx.actor, 'admin')) throw forbidden();
  const id = await inTransaction(ctx, (tx) => insertContract(tx, licensorOrgId, input, null));
  return getContract(ctx, id);
}

/** A firm applies for a use-first-pay-later licence on a public achievement: zero entry, 12-month trial. */
export async function applyForLicence(ctx: Ctx, achievementId: string, input: { licenseeOrgId?: string | undefined; note?: string | undefined }) {
  const actor = requireActor(ctx);
  const firms = actor.memberships.filter((m) => m.role === 'enterprise');
  const licenseeOrgId = input.licenseeOrgId ?? firms[0]?.organisationId;
  if (!licenseeOrgId || !firms.some((f) => f.organisationId === licenseeOrgId)) throw forbidden();
  const a = await getAchievement(ctx, achievementId);
  if (a.visibility !== 'public') throw notFound('achievement', achievementId);
  const today = businessDateOf(ctx.now);
  const plan: PaymentPlan = { currency: 'CNY', effectiveOn: today, endsOn: `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`, entryFee: '0.00', trialMonths: 12 };
  const id = await inTransaction(ctx, async (tx) => {
    const cid = await insertContract(tx, a.organisationId, { kind: 'ufpl_license', title: `${a.title}（先使用后付费许可）`, licenseeOrgId, achievementIds: [a.id], licenseType: 'ordinary' }, plan);
    const officers = await tx.db.query<{ user_id: string }>("select user_id from memberships where organisation_id = $1 and role in ('tto_officer', 'org_admin')", [a.organisationId]);
    await notify(tx, officers.rows.map((r) => r.user_id), {
      kind: 'contract.application',
      titleZh: `新的先使用后付费许可申请：${a.title}`,
      titleEn: `New use-first-pay-later application: ${a.title}`,
      bodyZh: input.note ?? null,
      link: `/contracts/${cid}`,
    });
    return cid;
  });
  return getContract(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Terms and lifecycle
// ------------------------------------------------------------------------------------------

function refuseStatus(c: ContractRow, zh: string, en: string): never {
  const s = CONTRACT_STATUS_LABELS[c.status];
  throw new AppError('CONFLICT', { params: { detail: `合同状态为“${s.zh}”，${zh}`, detailEn: `the contract is ${s.en.toLowerCase()}; ${en}` } });
}

async function touch(tx: TxCtx, id: string, sets: Record<string, unknown>) {
  const cols = Object.keys(sets);
  await tx.db.query(
    `update contracts set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${cols.length ? ', ' : ''}updated_at = $${cols.length + 2}, version = version + 1 where id = $1`,
    [id, ...cols.map((c) => sets[c]), tx.now],
  );
}

/** The fixed part of a plan (entry, milestones, deferred): the contract amount known at signing. */
const fixedAmount = (p: PaymentPlan): Money => sum([p.entryFee, ...(p.milestones ?? []).map((m) => m.amount), ...(p.deferred ? [p.deferred.amount] : [])]);

export async function setPlan(ctx: Ctx, id: string, plan: PaymentPlan) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    if (c.status !== 'draft' && c.status !== 'in_publicity') refuseStatus(c, '条款已锁定，不能修改', 'terms are locked');
    const errors = validatePlan(plan);
    if (errors.length) throw fieldErrors(errors.map((e) => ({ field: `body.${e.field}`, zh: e.zh, en: e.en })));
    // Terms on an achievement whose agreed price is still in publicity wait for it (DOMAIN §2.2).
    const status = (await achievementsInPublicity(tx.db, id)).length ? 'in_publicity' : 'draft';
    // A new plan invalidates any signature given to the old one.
    await touch(tx, id, { status, plan: JSON.stringify(plan), plan_version: c.plan_version + 1, total_amount: fixedAmount(plan), licensor_signed_at: null, licensee_signed_at: null });
    await appendEvent(tx, { stream: stream(id), type: 'contract.terms_set', payload: { planVersion: c.plan_version + 1, plan: plan as never, warnings: guidanceWarnings(plan).map((w) => w.field) } });
    await audit(tx, { action: 'contract.terms', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, before: { plan: c.plan }, after: { plan } });
  });
  return getContract(ctx, id);
}

/** Titles of the contract's achievements whose agreed price is still in publicity. */
async function achievementsInPublicity(db: Queryable, id: string): Promise<string[]> {
  const titles: string[] = [];
  for (const a of await achievementIdsOf(db, id)) {
    const view = await db.query<{ status: string; title: string }>('select status, title from achievements where id = $1', [a]);
    if (view.rows[0]?.status === 'in_publicity') titles.push(view.rows[0].title);
  }
  return titles;
}

/** Each party signs the current terms; with both signatures the contract is signed. */
export async function sign(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (c.status !== 'draft' && c.status !== 'in_publicity') refuseStatus(c, '不能再签署', 'it can no longer be signed');
    if (!c.plan) throw ruleViolation('请先设定付款条款', 'Set the payment terms first');
    // An agreed price still in publicity (or with an open objection) blocks signing (DOMAIN §2.2).
    const waiting = await achievementsInPublicity(tx.db, id);
    if (waiting.length) {
      throw ruleViolation(`成果“${waiting[0]}”的协议定价仍在公示期内或有未处理的异议，公示结束后方可签约`, `The agreed price of "${waiting[0]}" is still in publicity; sign after it ends`);
    }
    const sets: Record<string, unknown> = {};
    if (isLicensorOffice(tx.actor, c) && !c.licensor_signed_at) sets.licensor_signed_at = tx.now;
    if (isLicensee(tx.actor, c) && !c.licensee_signed_at) sets.licensee_signed_at = tx.now;
    if (!Object.keys(sets).length) throw new AppError('CONFLICT', { params: { detail: '您已签署', detailEn: 'you have already signed' } });
    const both = (c.licensor_signed_at || sets.licensor_signed_at) && (c.licensee_signed_at || sets.licensee_signed_at);
    if (both) Object.assign(sets, { status: 'signed', signed_on: businessDateOf(tx.now) });
    await touch(tx, id, sets);
    await appendEvent(tx, { stream: stream(id), type: 'contract.signed_by', payload: { party: sets.licensor_signed_at ? 'licensor' : 'licensee', planVersion: c.plan_version, complete: !!both } });
    await audit(tx, { action: 'contract.sign', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: sets });
  });
  return getContract(ctx, id);
}

export async function register(ctx: Ctx, id: string, input: { registrationNo: string; registeredOn: string }) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    if (!['signed', 'in_force'].includes(c.status)) refuseStatus(c, '签订后方可登记', 'register it after signing');
    await touch(tx, id, { registration_no: input.registrationNo, registered_on: input.registeredOn, ...(c.status === 'signed' ? { status: 'registered' } : {}) });
    await appendEvent(tx, { stream: stream(id), type: 'contract.registered', payload: { registrationNo: input.registrationNo, registeredOn: input.registeredOn } });
    await audit(tx, { action: 'contract.register', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: input });
  });
  return getContract(ctx, id);
}

export async function registrationCheck(ctx: Ctx, id: string) {
  const c = await loadContract(ctx, id);
  const { rows } = await ctx.db.query<{ n: number }>(
    "select count(*)::int as n from organisations where id in ($1, $2) and coalesce(credit_code, '') <> '' and coalesce(name, '') <> ''",
    [c.licensor_org_id, c.licensee_org_id],
  );
  const items = registrationPreCheck(
    {
      kind: c.kind,
      signedOn: c.signed_on,
      today: businessDateOf(ctx.now),
      totalAmount: c.total_amount,
      technologyAmount: c.technology_amount,
      hasSignedScan: !!c.signed_scan_name,
      partiesComplete: rows[0]!.n === 2,
      achievementsCount: (await achievementIdsOf(ctx.db, id)).length,
    },
    diffDays,
  );
  return { ready: items.every((i) => i.ok), items, registrationNo: c.registration_no };
}

export async function uploadSignedScan(ctx: Ctx, id: string, file: { filename: string; dataBase64: string }) {
  const data = Buffer.from(file.dataBase64, 'base64');
  if (!data.length || data.length > 10 * 1024 * 1024) throw fieldErrors([{ field: 'body.dataBase64', zh: '扫描件须为 1 字节至 10 MB', en: 'the scan must be 1 byte to 10 MB' }]);
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    await touch(tx, id, { signed_scan: data, signed_scan_name: file.filename });
    await appendEvent(tx, { stream: stream(id), type: 'contract.scan_uploaded', payload: { filename: file.filename, sizeBytes: data.length } });
  });
  return getContract(ctx, id);
}

export async function activate(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    if (!['signed', 'registered'].includes(c.status)) refuseStatus(c, '签订后方可生效履行', 'it must be signed first');
    await touch(tx, id, { status: 'in_force' });
    await appendEvent(tx, { stream: stream(id), type: 'contract.in_force', payload: { planVersion: c.plan_version } });
    await recompute(tx, id);
  });
  return getContract(ctx, id);
}

/** Office: every scheduled obligation is settled and nothing awaits an event: the contract is completed. */
export async function completeContract(ctx: Ctx, id: string) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    if (c.status !== 'in_force') refuseStatus(c, '只有履行中的合同可以完成', 'only a contract in force can be completed');
    const { obligations, result } = await balances(tx.db, id);
    const open = sum(['0.00', ...result.balances.map((b) => b.outstanding)]);
    const waiting = obligations.filter((o) => o.state === 'awaiting_event').length;
    if (isPositive(open) || waiting) {
      throw ruleViolation(`尚有未结清款项 ${open} 元、待触发款项 ${waiting} 笔，不能完成`, `${open} yuan is outstanding and ${waiting} obligation(s) await an event; the contract cannot be completed`);
    }
    await touch(tx, id, { status: 'completed' });
    await appendEvent(tx, { stream: stream(id), type: 'contract.completed', payload: { received: sum(['0.00', ...result.allocations.map((a) => a.amount)]) } });
    await audit(tx, { action: 'contract.complete', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, before: { status: c.status }, after: { status: 'completed' } });
  });
  return getContract(ctx, id);
}

/** Ends the contract. The licensee's exit within the trial owes nothing earned-free (DOMAIN §6.3). */
export async function endContract(ctx: Ctx, id: string, input: { on?: string | undefined; reason: string }, by: 'licensee' | 'licensor') {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (by === 'licensee' ? !isLicensee(tx.actor, c) : !isLicensorOffice(tx.actor, c)) throw forbidden();
    if (c.status !== 'in_force') refuseStatus(c, '只有履行中的合同可以终止', 'only a contract in force can end');
    const on = input.on ?? businessDateOf(tx.now);
    await touch(tx, id, { status: 'terminated', terminated_on: on, termination_reason: input.reason });
    await insertFact(tx, id, 'termination', on, input.reason);
    const schedule = await recompute(tx, id);
    const owed = sum(['0.00', ...schedule.filter((o) => o.state === 'scheduled').map((o) => o.amount)]);
    await appendEvent(tx, {
      stream: stream(id),
      type: by === 'licensee' ? 'contract.exited' : 'contract.terminated',
      payload: { on, owed, dutyToStopUse: true },
      reason: input.reason,
    });
    const users = await partyUserIds(tx.db, c.licensor_org_id, c.licensee_org_id);
    await notify(tx, users, {
      kind: 'contract.ended',
      titleZh: `合同 ${c.number} 已于 ${on} 终止：被许可方须停止使用并返还资料；应付合计 ${owed} 元`,
      titleEn: `Contract ${c.number} ended on ${on}: the licensee must stop use and return materials; ${owed} yuan owed`,
      link: `/contracts/${id}`,
    });
    await audit(tx, { action: `contract.${by === 'licensee' ? 'exit' : 'terminate'}`, entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: { on, owed, reason: input.reason } });
  });
  return getContract(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Facts and the schedule
// ------------------------------------------------------------------------------------------

/** Recomputes the schedule from the plan and the facts, replacing the stored obligations. */
export async function recompute(tx: TxCtx, id: string): Promise<Obligation[]> {
  const { rows } = await tx.db.query<{ plan: PaymentPlan | null; terminated_on: string | null; status: string }>('select plan, terminated_on, status from contracts where id = $1', [id]);
  const c = rows[0]!;
  if (!c.plan || !['in_force', 'terminated', 'completed'].includes(c.status)) return [];
  const events = await tx.db.query<{ event: TriggerEvent; occurred_on: string }>("select event, occurred_on from contract_events where contract_id = $1 and event <> 'termination'", [id]);
  const reports = await tx.db.query<{ period_start: string; period_end: string; amount: string }>('select period_start, period_end, amount from revenue_reports where contract_id = $1', [id]);
  const schedule = buildSchedule(
    c.plan,
    {
      events: events.rows.map((e) => ({ event: e.event, on: e.occurred_on })),
      reports: reports.rows.map((r) => ({ periodStart: r.period_start, periodEnd: r.period_end, amount: r.amount })),
      terminatedOn: c.terminated_on,
      asOf: businessDateOf(tx.now),
    },
    await loadCalendar(tx.db),
  );
  const { rows: kept } = await tx.db.query<{ key: string; debtor: string; reminded_on: string | null }>('select key, debtor, reminded_on from obligations where contract_id = $1', [id]);
  const prior = new Map(kept.map((k) => [k.key, k]));
  await tx.db.query('delete from obligations where contract_id = $1', [id]);
  for (const o of schedule) {
    await tx.db.query(
      'insert into obligations (contract_id, key, kind, label, amount, due_on, state, explanation, debtor, reminded_on) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
      [id, o.key, o.kind, o.label, o.amount, o.dueOn, o.state, JSON.stringify(o.explanation), prior.get(o.key)?.debtor ?? 'licensee', prior.get(o.key)?.reminded_on ?? null],
    );
  }
  return schedule;
}

export async function recordEvent(ctx: Ctx, id: string, input: { event: TriggerEvent; occurredOn: string; evidence?: string | undefined }) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (c.status !== 'in_force') refuseStatus(c, '只能为履行中的合同记录事件', 'events are recorded on contracts in force');
    if (input.event === 'termination') throw fieldErrors([{ field: 'body.event', zh: '终止请使用“退出”或“终止”操作', en: 'use exit or terminate to end a contract' }]);
    if (compareDates(input.occurredOn, businessDateOf(tx.now)) > 0) throw fieldErrors([{ field: 'body.occurredOn', zh: '事件日期不能晚于今天', en: 'the event cannot be in the future' }]);
    await insertFact(tx, id, input.event, input.occurredOn, input.evidence ?? '');
    await appendEvent(tx, { stream: stream(id), type: 'contract.event', payload: { event: input.event, occurredOn: input.occurredOn, evidence: input.evidence ?? '' } });
    await recompute(tx, id);
  });
  return statement(ctx, id);
}

export async function reportRevenue(ctx: Ctx, id: string, input: { periodStart: string; periodEnd: string; amount: Money; note?: string | undefined }) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensee(tx.actor, c) && !isLicensorOffice(tx.actor, c)) throw forbidden();
    if (c.status !== 'in_force') refuseStatus(c, '只能为履行中的合同报告收入', 'revenue is reported on contracts in force');
    if (compareDates(input.periodEnd, input.periodStart) < 0) throw fieldErrors([{ field: 'body.periodEnd', zh: '期末不能早于期初', en: 'the period ends before it starts' }]);
    if (c.plan && (compareDates(input.periodStart, c.plan.effectiveOn) < 0 || compareDates(input.periodEnd, c.plan.endsOn) > 0)) {
      throw fieldErrors([{ field: 'body.periodStart', zh: `报告期须在合同期内（${c.plan.effectiveOn} 至 ${c.plan.endsOn}）`, en: 'the period must fall within the term' }]);
    }
    const { rows } = await tx.db.query<{ n: number }>(
      'select count(*)::int as n from revenue_reports where contract_id = $1 and period_start <= $3 and period_end >= $2',
      [id, input.periodStart, input.periodEnd],
    );
    if (rows[0]!.n) throw new AppError('CONFLICT', { params: { detail: '该期间与已报告的期间重叠', detailEn: 'the period overlaps a reported one' } });
    await tx.db.query('insert into revenue_reports (id, contract_id, period_start, period_end, amount, note, reported_by, reported_at) values ($1,$2,$3,$4,$5,$6,$7,$8)', [
      randomUUID(),
      id,
      input.periodStart,
      input.periodEnd,
      input.amount,
      input.note ?? '',
      tx.actor?.userId ?? null,
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: 'contract.revenue_reported', payload: { periodStart: input.periodStart, periodEnd: input.periodEnd, amount: input.amount } });
    // The first positive report is the first-revenue event, unless one was recorded already.
    if (isPositive(input.amount)) {
      const first = await tx.db.query("select 1 from contract_events where contract_id = $1 and event = 'first_revenue'", [id]);
      if (!first.rows.length) {
        const on = compareDates(input.periodEnd, businessDateOf(tx.now)) < 0 ? input.periodEnd : businessDateOf(tx.now);
        await insertFact(tx, id, 'first_revenue', on, `收入报告 ${input.periodStart}～${input.periodEnd}`);
        await appendEvent(tx, { stream: stream(id), type: 'contract.event', payload: { event: 'first_revenue', occurredOn: on, evidence: 'revenue report' } });
      }
    }
    await recompute(tx, id);
  });
  return statement(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Receipts
// ------------------------------------------------------------------------------------------

export interface PaymentInput {
  form: SettlementForm;
  value: Money;
  currency: string;
  receivedOn: string;
  valuationNote?: string | undefined;
  evidence?: string | undefined;
}

async function balances(db: Queryable, id: string) {
  const obligations = await db.query<{ key: string; kind: string; label: string; amount: string; due_on: string | null; state: string; explanation: { zh: string; en: string }; debtor: string }>(
    'select key, kind, label, amount, due_on, state, explanation, debtor from obligations where contract_id = $1 order by due_on nulls last, key',
    [id],
  );
  const receipts = await db.query<{ id: string; value: string; received_on: string; form: string; payer: string; valuation_note: string; evidence: string }>(
    'select id, value, received_on, form, payer, valuation_note, evidence from receipts where contract_id = $1 order by received_on, id',
    [id],
  );
  const refunds = await db.query<{ amount: string; refunded_on: string; note: string }>('select amount, refunded_on, note from refunds where contract_id = $1 order by refunded_on', [id]);
  const scheduled = obligations.rows.filter((o) => o.state === 'scheduled');
  const result = allocate(
    scheduled.map((o) => ({ key: o.key, amount: o.amount, dueOn: o.due_on })),
    receipts.rows.map((r) => ({ id: r.id, value: r.value, receivedOn: r.received_on })),
    refunds.rows.map((r) => r.amount),
  );
  return { obligations: obligations.rows, receipts: receipts.rows, refunds: refunds.rows, result };
}

export async function recordPayment(ctx: Ctx, id: string, input: PaymentInput, idempotencyKey: string | undefined) {
  const res = await runIdempotent(ctx, idempotencyKey, `POST /contracts/${id}/payments`, input, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    if (input.currency !== c.currency) {
      throw fieldErrors([{ field: 'body.currency', zh: `本合同以 ${c.currency} 结算，不能记录 ${input.currency} 付款`, en: `this contract settles in ${c.currency}, not ${input.currency}` }]);
    }
    if (!['in_force', 'terminated', 'completed'].includes(c.status)) refuseStatus(c, '生效后方可记录付款', 'record payments once it is in force');
    if (input.form !== 'cash' && !input.valuationNote?.trim()) {
      throw fieldErrors([{ field: 'body.valuationNote', zh: '非现金方式须说明估值依据（如评估报告、股权比例与每股价格）', en: 'a non-cash settlement needs its valuation basis' }]);
    }
    const before = await balances(tx.db, id);
    const outstanding = sum(['0.00', ...before.result.balances.map((b) => b.outstanding)]);
    if (c.status !== 'in_force' && !isPositive(outstanding)) refuseStatus(c, '且没有未结清的应付款，不能再记录付款', 'and nothing is outstanding; no payment can be recorded');
    const receiptId = randomUUID();
    await insertReceipt(tx, id, { id: receiptId, payer: 'licensee', form: input.form, value: input.value, currency: input.currency, receivedOn: input.receivedOn, valuationNote: input.valuationNote ?? '', evidence: input.evidence ?? '' });
    const after = await balances(tx.db, id);
    const allocations = after.result.allocations.filter((a) => a.receiptId === receiptId);
    // The receipt event is what the distribution module consumes (net income per receipt).
    await appendEvent(tx, {
      stream: stream(id),
      type: CONTRACT_RECEIPT_EVENT,
      payload: ContractReceiptEventSchema.parse({
        receiptId,
        form: input.form,
        value: input.value,
        currency: input.currency,
        receivedOn: input.receivedOn,
        licensorOrgId: c.licensor_org_id,
        allocations: allocations.map((a) => ({ key: a.obligationKey, amount: a.amount })),
        credit: after.result.credit,
      } satisfies ContractReceiptEvent),
    });
    await audit(tx, { action: 'contract.payment', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: { receiptId, ...input } });
    return { status: 201, body: { receiptId, allocations: allocations.map((a) => ({ obligationKey: a.obligationKey, amount: a.amount })), credit: after.result.credit } };
  });
  return { ...res.body, replayed: res.replayed };
}

export async function recordRefund(ctx: Ctx, id: string, input: { amount: Money; refundedOn: string; note?: string | undefined }) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    const { result } = await balances(tx.db, id);
    if (cmp(input.amount, result.credit) > 0) throw fieldErrors([{ field: 'body.amount', zh: `退款不能超过多付余额 ${result.credit} 元`, en: `a refund cannot exceed the credit of ${result.credit}` }]);
    await tx.db.query('insert into refunds (id, contract_id, amount, refunded_on, note, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6,$7)', [
      randomUUID(),
      id,
      input.amount,
      input.refundedOn,
      input.note ?? '',
      tx.actor?.userId ?? null,
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: 'contract.refund', payload: { amount: input.amount, refundedOn: input.refundedOn } });
    await audit(tx, { action: 'contract.refund', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: input });
  });
  return statement(ctx, id);
}

/** The statement of one contract: every obligation with what was paid against it, receipts, credit. */
export async function statement(ctx: Ctx, id: string) {
  const c = await loadContract(ctx, id);
  const today = businessDateOf(ctx.now);
  const { obligations, receipts, refunds, result } = await balances(ctx.db, id);
  const bal = new Map(result.balances.map((b) => [b.key, b]));
  const lines = obligations.map((o) => {
    const b = bal.get(o.key);
    const outstanding = o.state === 'scheduled' ? (b?.outstanding ?? o.amount) : '0.00';
    return {
      key: o.key,
      kind: o.kind,
      label: o.label,
      amount: o.amount,
      dueOn: o.due_on,
      state: o.state,
      debtor: o.debtor,
      paid: b?.allocated ?? '0.00',
      outstanding,
      overdue: o.state === 'scheduled' && !!o.due_on && compareDates(o.due_on, today) < 0 && isPositive(outstanding),
      explanation: o.explanation,
    };
  });
  const scheduled = lines.filter((l) => l.state === 'scheduled');
  const totals = {
    owed: sum(['0.00', ...scheduled.map((l) => l.amount)]),
    paid: sum(['0.00', ...scheduled.map((l) => l.paid)]),
    outstanding: sum(['0.00', ...scheduled.map((l) => l.outstanding)]),
    overdue: sum(['0.00', ...lines.filter((l) => l.overdue).map((l) => l.outstanding)]),
    received: sum(['0.00', ...receipts.map((r) => r.value)]),
    refunded: sum(['0.00', ...refunds.map((r) => r.amount)]),
    credit: result.credit,
  };
  return {
    contractId: c.id,
    number: c.number,
    status: c.status,
    asOf: today,
    settled: scheduled.length > 0 && !isPositive(totals.outstanding),
    lines,
    receipts: receipts.map((r) => ({ id: r.id, form: r.form as SettlementForm, value: r.value, receivedOn: r.received_on, payer: r.payer, valuationNote: r.valuation_note, evidence: r.evidence })),
    refunds: refunds.map((r) => ({ amount: r.amount, refundedOn: r.refunded_on, note: r.note })),
    totals,
  };
}

/** One organisation's position across all its contracts, as licensor or licensee. */
export async function counterpartyStatement(ctx: Ctx, orgId: string) {
  const { rows } = await ctx.db.query<{ id: string }>('select id from contracts where (licensor_org_id = $1 or licensee_org_id = $1) and status <> $2 order by number', [orgId, 'draft']);
  const items = [];
  for (const r of rows) {
    const s = await statement(ctx, r.id);
    items.push({ contractId: s.contractId, number: s.number, status: s.status, totals: s.totals, settled: s.settled });
  }
  return { organisationId: orgId, items, outstanding: sum(['0.00', ...items.map((i) => i.totals.outstanding)]), overdue: sum(['0.00', ...items.map((i) => i.totals.overdue)]) };
}

// ------------------------------------------------------------------------------------------
// Guarantees and insurance
// ------------------------------------------------------------------------------------------

export async function addGuarantee(ctx: Ctx, id: string, input: { kind: 'insurance' | 'guarantee'; providerName: string; providerCreditCode: string; policyNo?: string | undefined; coverLimit: Money }) {
  const guaranteeId = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    await tx.db.query(
      'insert into guarantees (id, contract_id, kind, provider_name, provider_credit_code, policy_no, cover_limit, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8)',
      [guaranteeId, id, input.kind, input.providerName, input.providerCreditCode, input.policyNo ?? '', input.coverLimit, tx.now],
    );
    await appendEvent(tx, { stream: stream(id), type: 'contract.guarantee_added', payload: { guaranteeId, ...input } });
    await audit(tx, { action: 'contract.guarantee', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: input });
  });
  return listGuarantees(ctx, id);
}

export async function listGuarantees(ctx: Ctx, id: string) {
  await loadContract(ctx, id);
  const { rows } = await ctx.db.query<{ id: string; kind: string; provider_name: string; provider_credit_code: string; policy_no: string; cover_limit: string; claimed_total: string }>(
    'select * from guarantees where contract_id = $1 order by created_at',
    [id],
  );
  return {
    items: rows.map((g) => ({ id: g.id, kind: g.kind as 'insurance' | 'guarantee', providerName: g.provider_name, providerCreditCode: g.provider_credit_code, policyNo: g.policy_no, coverLimit: g.cover_limit, claimedTotal: g.claimed_total, remainingCover: sub(g.cover_limit, g.claimed_total) })),
  };
}

/**
 * On default: the insurer or guarantor pays the overdue amount first (先行赔付), up to the
 * remaining cover; the paid obligations pass to them (debtor), and the default is marked on the
 * firm's record.
 */
export async function claimGuarantee(ctx: Ctx, id: string, guaranteeId: string) {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    const { rows } = await tx.db.query<{ cover_limit: string; claimed_total: string; provider_name: string }>('select * from guarantees where id = $1 and contract_id = $2 for update', [guaranteeId, id]);
    const g = rows[0];
    if (!g) throw notFound('guarantee', guaranteeId);
    const today = businessDateOf(tx.now);
    const { obligations, result } = await balances(tx.db, id);
    const overdue = obligations
      .filter((o) => o.state === 'scheduled' && o.due_on && compareDates(o.due_on, today) < 0)
      .map((o) => ({ key: o.key, outstanding: result.balances.find((b) => b.key === o.key)!.outstanding }))
      .filter((o) => isPositive(o.outstanding));
    const overdueTotal = sum(['0.00', ...overdue.map((o) => o.outstanding)]);
    if (!isPositive(overdueTotal)) throw ruleViolation('没有逾期未付的款项，不能索赔', 'Nothing is overdue; there is nothing to claim');
    const amount = min(overdueTotal, sub(g.cover_limit, g.claimed_total));
    if (!isPositive(amount)) throw ruleViolation('保障额度已用完', 'The cover is exhausted');
    const receiptId = randomUUID();
    await insertReceipt(tx, id, { id: receiptId, payer: 'guarantor', form: 'cash', value: amount, currency: c.currency, receivedOn: today, valuationNote: `${g.provider_name} 先行赔付`, evidence: `claim ${guaranteeId}` });
    const keys = overdue.map((o) => o.key);
    await tx.db.query('update obligations set debtor = $3 where contract_id = $1 and key = any($2)', [id, keys, `guarantor:${guaranteeId}`]);
    await tx.db.query('update guarantees set claimed_total = claimed_total + $2 where id = $1', [guaranteeId, amount]);
    await tx.db.query('insert into guarantee_claims (id, guarantee_id, contract_id, obligation_keys, amount, paid_on, created_at) values ($1,$2,$3,$4,$5,$6,$7)', [
      randomUUID(),
      guaranteeId,
      id,
      keys,
      amount,
      today,
      tx.now,
    ]);
    await tx.db.query('insert into organisation_defaults (id, organisation_id, contract_id, amount, noted_on, note) values ($1,$2,$3,$4,$5,$6)', [
      randomUUID(),
      c.licensee_org_id,
      id,
      overdueTotal,
      today,
      `${g.provider_name} 先行赔付 ${amount} 元`,
    ]);
    await appendEvent(tx, {
      stream: stream(id),
      type: CONTRACT_RECEIPT_EVENT,
      payload: ContractReceiptEventSchema.parse({
        receiptId,
        form: 'cash',
        value: amount,
        currency: c.currency,
        receivedOn: today,
        licensorOrgId: c.licensor_org_id,
        payer: 'guarantor',
        guaranteeId,
        obligationKeys: keys,
      } satisfies ContractReceiptEvent),
    });
    await appendEvent(tx, { stream: stream(id), type: 'contract.default_marked', payload: { organisationId: c.licensee_org_id, overdue: overdueTotal, paidByGuarantor: amount } });
    await audit(tx, { action: 'contract.claim', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: { guaranteeId, amount, keys } });
  });
  return statement(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Documents
// ------------------------------------------------------------------------------------------

export async function contractDraftPdf(ctx: Ctx, id: string): Promise<{ filename: string; pdf: Buffer }> {
  const c = await loadContract(ctx, id);
  const { rows: orgs } = await ctx.db.query<{ id: string; name: string; credit_code: string }>('select id, name, credit_code from organisations where id in ($1, $2)', [
    c.licensor_org_id,
    c.licensee_org_id,
  ]);
  const org = (orgId: string) => {
    const o = orgs.find((x) => x.id === orgId)!;
    return { name: o.name, creditCode: o.credit_code };
  };
  const achievements = [];
  for (const a of await achievementIdsOf(ctx.db, id)) {
    const { rows } = await ctx.db.query<{ number: string; title: string; ip_numbers: string[] }>('select number, title, ip_numbers from achievements where id = $1', [a]);
    if (rows[0]) achievements.push({ number: rows[0].number, title: rows[0].title, ipNumbers: rows[0].ip_numbers });
  }
  const pdf = await renderContractDraft({
    number: c.number,
    kind: c.kind,
    title: c.title,
    licenseType: c.license_type as LicenseType | null,
    fieldOfUse: c.field_of_use,
    territory: c.territory,
    licensor: org(c.licensor_org_id),
    licensee: org(c.licensee_org_id),
    achievements,
    plan: c.plan,
  });
  return { filename: `${c.number}-合同草案.pdf`, pdf };
}

// ------------------------------------------------------------------------------------------
// Timeline and overdue reminders
// ------------------------------------------------------------------------------------------

export async function contractTimeline(ctx: Ctx, id: string) {
  await loadContract(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  return { items: events.map((e) => ({ seq: e.seq, type: e.type, at: e.occurredAt.toISOString(), actorUserId: e.actorUserId, reason: e.reason, payload: e.payload as Record<string, unknown> })) };
}

export const CONTRACT_OVERDUE_QUEUE = 'contracts.remind-overdue';

/** Daily: reminds both parties of obligations that fell due and are unpaid, once per obligation. */
export async function remindOverdue(db: Queryable, now: Date): Promise<number> {
  const today = businessDateOf(now);
  const { rows } = await db.query<{ contract_id: string; key: string; label: string; number: string; licensor_org_id: string; licensee_org_id: string; due_on: string }>(
    `select o.contract_id, o.key, o.label, o.due_on, c.number, c.licensor_org_id, c.licensee_org_id from obligations o join contracts c on c.id = o.contract_id
     where o.state = 'scheduled' and o.due_on < $1 and o.reminded_on is null and c.status in ('in_force', 'terminated')`,
    [today],
  );
  let sent = 0;
  // One allocation per contract, however many of its obligations are overdue.
  const allocated = new Map<string, Awaited<ReturnType<typeof balances>>['result']>();
  for (const o of rows) {
    if (!allocated.has(o.contract_id)) allocated.set(o.contract_id, (await balances(db, o.contract_id)).result);
    const b = allocated.get(o.contract_id)!.balances.find((x) => x.key === o.key);
    if (!b || !isPositive(b.outstanding)) continue;
    const users = await partyUserIds(db, o.licensor_org_id, o.licensee_org_id);
    await notify({ db, now }, users, {
      kind: 'contract.overdue',
      titleZh: `合同 ${o.number}「${o.label}」已逾期（应于 ${o.due_on} 支付），未付 ${b.outstanding} 元`,
      titleEn: `Contract ${o.number} "${o.label}" is overdue (due ${o.due_on}); ${b.outstanding} yuan unpaid`,
      link: `/contracts/${o.contract_id}`,
      dedupeKey: `overdue:${o.contract_id}:${o.key}`,
    });
    await db.query('update obligations set reminded_on = $3 where contract_id = $1 and key = $2', [o.contract_id, o.key, today]);
    sent++;
  }
  return sent;
}


// ------------------------------------------------------------------------------------------
// Collection contracts for dues fixed elsewhere (agreed proceeds of ownership grants)
// ------------------------------------------------------------------------------------------

/**
 * Opens a contract through which another module's dues are collected: a transfer on an
 * agreed-income basis (赋权+转让+约定收益) that is in force from `effectiveOn`, with no terms of its
 * own; each due is then added as a fixed obligation. Runs in the caller's transaction.
 */
export async function openCollectionContract(
  tx: TxCtx,
  input: { licensorOrgId: string; counterpartyOrgId: string; title: string; achievementIds: string[]; effectiveOn: string; origin: Record<string, unknown> },
): Promise<string> {
  const plan: PaymentPlan = { currency: 'CNY', effectiveOn: input.effectiveOn, endsOn: `${Number(input.effectiveOn.slice(0, 4)) + 50}${input.effectiveOn.slice(4)}`, entryFee: '0.00', milestones: [] };
  const id = await insertContract(tx, input.licensorOrgId, { kind: 'transfer', title: input.title, licenseeOrgId: input.counterpartyOrgId, achievementIds: input.achievementIds }, plan);
  await touch(tx, id, { status: 'in_force', signed_on: input.effectiveOn, licensor_signed_at: tx.now, licensee_signed_at: tx.now });
  await appendEvent(tx, { stream: stream(id), type: 'contract.in_force', payload: { planVersion: 1, origin: input.origin } });
  return id;
}

/** Adds a fixed obligation (amount due on a date) to a contract in force and recomputes its schedule. */
export async function addFixedObligation(tx: TxCtx, id: string, o: { key: string; label: string; amount: Money; dueOn: string; note?: string }): Promise<string> {
  const { rows } = await tx.db.query<ContractRow>('select * from contracts where id = $1 for update', [id]);
  const c = rows[0];
  if (!c) throw notFound('contract', id);
  if (c.status !== 'in_force' || !c.plan) refuseStatus(c, '只能向履行中的合同添加应收款项', 'obligations are added to contracts in force');
  const plan: PaymentPlan = { ...c.plan, milestones: [...(c.plan.milestones ?? []), { key: o.key, label: o.label, amount: o.amount, due: { date: o.dueOn } }] };
  const errors = validatePlan(plan);
  if (errors.length) throw fieldErrors(errors.map((e) => ({ field: `body.${e.field}`, zh: e.zh, en: e.en })));
  await touch(tx, id, { plan: JSON.stringify(plan), plan_version: c.plan_version + 1, total_amount: fixedAmount(plan) });
  await appendEvent(tx, { stream: stream(id), type: 'contract.obligation_added', payload: { key: `milestone:${o.key}`, label: o.label, amount: o.amount, dueOn: o.dueOn, note: o.note ?? '' } });
  await recompute(tx, id);
  return `milestone:${o.key}`;
}
