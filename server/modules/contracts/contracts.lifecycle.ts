import { randomUUID } from 'node:crypto';
import type { Contract, LicenceApplicationBody, NewContractBody, PaymentPlan, ReasonBody, RegistrationBody, RegistrationCheck, SignedScanBody } from '../../../common/api/contracts.js';
import { businessDateOf, diffDays } from '../../../common/calendar.js';
import { registrationPreCheck } from '../../../common/contracts.js';
import { isPositive, sum } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { reserveYearlySequence } from '../../lib/numbers.js';
import { achievementSummaries, getAchievement } from '../achievements/index.js';
import { notify } from '../notifications/index.js';
import { TRANSITIONS } from './contracts.lifecycle.rules.js';
import { isLicensee, isLicensorOffice } from './contracts.parties.rules.js';
import { fixedAmount, guidanceWarnings, validatePlan } from './contracts.payment-plan.rules.js';
import { getContract } from './contracts.present.js';
import { achievementIdsOf, loadContract, partyUserIds, requireStep, stream, touch } from './contracts.service.js';
import { balances, insertFact, recompute } from './contracts.schedule.js';
import { officePeople } from '../orgs/index.js';

/**
 * A contract from draft to its end: drafting (by the office, from a deal room or auction, or on a
 * firm's licence application), terms, signatures, registration, coming into force, completion,
 * exit and termination. Each step is checked against the table in contracts.lifecycle.rules.ts.
 */

// ------------------------------------------------------------------------------------------
// Drafting
// ------------------------------------------------------------------------------------------

async function nextNumber(tx: TxCtx): Promise<string> {
  const { year, first } = await reserveYearlySequence(tx, 'contract_number_counters');
  return `HT-${year}-${String(first).padStart(6, '0')}`;
}

/** What a draft needs: the API's body of POST /orgs/{orgId}/contracts, also what deal rooms and auctions hand over. */
export type NewContract = NewContractBody;

/** Drafts a contract inside the caller's transaction (the deal room hands an accepted offer over here). */
export async function insertContract(tx: TxCtx, licensorOrgId: string, input: NewContract, plan: PaymentPlan | null): Promise<string> {
  const { rows: licensee } = await tx.db.query<{ kind: string }>('select kind from organisations where id = $1 and is_active', [input.licenseeOrgId]);
  if (!licensee[0]) throw fieldErrors([{ field: 'body.licenseeOrgId', zh: '被许可方机构不存在', en: 'no such licensee organisation' }]);
  if (input.licenseeOrgId === licensorOrgId) throw fieldErrors([{ field: 'body.licenseeOrgId', zh: '双方不能是同一机构', en: 'the parties must differ' }]);
  const summaries = await achievementSummaries(tx.db, input.achievementIds);
  for (const a of input.achievementIds) {
    if (summaries.get(a)?.organisationId !== licensorOrgId) throw fieldErrors([{ field: 'body.achievementIds', zh: `成果 ${a} 不属于许可方`, en: `achievement ${a} does not belong to the licensor` }]);
  }
  const id = randomUUID();
  const number = await nextNumber(tx);
  await tx.db.query(
    `insert into contracts (id, number, kind, license_type, field_of_use, territory, title, licensor_org_id, licensee_org_id, plan, plan_version, created_by, created_at, updated_at)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13)`,
    [
      id,
      number,
      input.kind,
      input.licenseType ?? null,
      input.fieldOfUse ?? '',
      input.territory ?? '',
      input.title,
      licensorOrgId,
      input.licenseeOrgId,
      plan ? JSON.stringify(plan) : null,
      plan ? 1 : 0,
      tx.actor?.userId ?? null,
      tx.now,
    ],
  );
  for (const a of input.achievementIds) await tx.db.query('insert into contract_achievements (contract_id, achievement_id) values ($1, $2)', [id, a]);
  await appendEvent(tx, {
    stream: stream(id),
    type: 'contract.drafted',
    payload: { number, kind: input.kind, licensorOrgId, licenseeOrgId: input.licenseeOrgId, achievementIds: input.achievementIds },
  });
  await audit(tx, { action: 'contract.create', entity: 'contract', entityId: id, organisationId: licensorOrgId, after: { number, kind: input.kind, title: input.title } });
  return id;
}

export async function createContract(ctx: Ctx, licensorOrgId: string, input: NewContract): Promise<Contract> {
  if (!isOfficeOf(ctx.actor, licensorOrgId)) throw forbidden();
  const id = await inTransaction(ctx, (tx) => insertContract(tx, licensorOrgId, input, null));
  return getContract(ctx, id);
}

/** A firm applies for a use-first-pay-later licence on a public achievement: zero entry, 12-month trial. */
export async function applyForLicence(ctx: Ctx, achievementId: string, input: LicenceApplicationBody): Promise<Contract> {
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
    const officers = await officePeople(tx.db, a.organisationId);
    await notify(
      tx,
      officers.map((p) => p.userId),
      {
        kind: 'contract.application',
        titleZh: `新的先使用后付费许可申请：${a.title}`,
        titleEn: `New use-first-pay-later application: ${a.title}`,
        bodyZh: input.note ?? null,
        link: `/contracts/${cid}`,
      },
    );
    return cid;
  });
  return getContract(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Terms and lifecycle
// ------------------------------------------------------------------------------------------

export async function setPlan(ctx: Ctx, id: string, plan: PaymentPlan): Promise<Contract> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, 'setPlan');
    const errors = validatePlan(plan);
    if (errors.length) throw fieldErrors(errors.map((e) => ({ field: `body.${e.field}`, zh: e.zh, en: e.en })));
    // Terms on an achievement whose agreed price is still in publicity wait for it (DOMAIN §2.2).
    const status = (await achievementsInPublicity(tx.db, id)).length ? 'in_publicity' : 'draft';
    // A new plan invalidates any signature given to the old one.
    await touch(tx, id, { status, plan: JSON.stringify(plan), plan_version: c.plan_version + 1, total_amount: fixedAmount(plan), licensor_signed_at: null, licensee_signed_at: null });
    await appendEvent(tx, { stream: stream(id), type: 'contract.terms_set', payload: { planVersion: c.plan_version + 1, plan, warnings: guidanceWarnings(plan).map((w) => w.field) } });
    await audit(tx, { action: 'contract.terms', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, before: { plan: c.plan }, after: { plan } });
  });
  return getContract(ctx, id);
}

/** Titles of the contract's achievements whose agreed price is still in publicity. */
async function achievementsInPublicity(db: Queryable, id: string): Promise<string[]> {
  const ids = await achievementIdsOf(db, id);
  const summaries = await achievementSummaries(db, ids);
  return ids.flatMap((a) => {
    const s = summaries.get(a);
    return s?.status === 'in_publicity' ? [s.title] : [];
  });
}

/** Each party signs the current terms; with both signatures the contract is signed. */
export async function sign(ctx: Ctx, id: string): Promise<Contract> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, 'sign');
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

export async function register(ctx: Ctx, id: string, input: RegistrationBody): Promise<Contract> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, 'register');
    await touch(tx, id, { registration_no: input.registrationNo, registered_on: input.registeredOn, ...(c.status === 'signed' ? { status: 'registered' } : {}) });
    await appendEvent(tx, { stream: stream(id), type: 'contract.registered', payload: { registrationNo: input.registrationNo, registeredOn: input.registeredOn } });
    await audit(tx, { action: 'contract.register', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: input });
  });
  return getContract(ctx, id);
}

export async function registrationCheck(ctx: Ctx, id: string): Promise<RegistrationCheck> {
  const c = await loadContract(ctx, id);
  const { rows } = await ctx.db.query<{ n: number }>("select count(*)::int as n from organisations where id in ($1, $2) and coalesce(credit_code, '') <> '' and coalesce(name, '') <> ''", [
    c.licensor_org_id,
    c.licensee_org_id,
  ]);
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

export async function uploadSignedScan(ctx: Ctx, id: string, file: SignedScanBody): Promise<Contract> {
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

export async function activate(ctx: Ctx, id: string): Promise<Contract> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, 'activate');
    await touch(tx, id, { status: TRANSITIONS.activate.to });
    await appendEvent(tx, { stream: stream(id), type: 'contract.in_force', payload: { planVersion: c.plan_version } });
    await recompute(tx, id);
  });
  return getContract(ctx, id);
}

/** Office: every scheduled obligation is settled and nothing awaits an event: the contract is completed. */
export async function completeContract(ctx: Ctx, id: string): Promise<Contract> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, 'complete');
    const { obligations, result } = await balances(tx.db, id);
    const open = sum(['0.00', ...result.balances.map((b) => b.outstanding)]);
    const waiting = obligations.filter((o) => o.state === 'awaiting_event').length;
    if (isPositive(open) || waiting) {
      throw ruleViolation(`尚有未结清款项 ${open} 元、待触发款项 ${waiting} 笔，不能完成`, `${open} yuan is outstanding and ${waiting} obligation(s) await an event; the contract cannot be completed`);
    }
    await touch(tx, id, { status: TRANSITIONS.complete.to });
    await appendEvent(tx, { stream: stream(id), type: 'contract.completed', payload: { received: sum(['0.00', ...result.allocations.map((a) => a.amount)]) } });
    await audit(tx, { action: 'contract.complete', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, before: { status: c.status }, after: { status: TRANSITIONS.complete.to } });
  });
  return getContract(ctx, id);
}

/** Ends the contract. The licensee's exit within the trial owes nothing earned-free (DOMAIN §6.3). */
export async function endContract(ctx: Ctx, id: string, input: ReasonBody, by: 'licensee' | 'licensor'): Promise<Contract> {
  const step = by === 'licensee' ? 'exit' : 'terminate';
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    requireStep(tx.actor, c, step);
    const on = input.on ?? businessDateOf(tx.now);
    await touch(tx, id, { status: TRANSITIONS[step].to, terminated_on: on, termination_reason: input.reason });
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
