import { randomUUID } from 'node:crypto';
import type { OrgPosition, PaymentBody, PaymentResult, RefundBody, RevenueReportBody, Statement, TriggerEventBody } from '../../../common/api/contracts.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import type { SettlementForm } from '../../../common/contracts.js';
import { cmp, isPositive, type Money, sum } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { appendEvent } from '../../lib/ledger.js';
import { notify } from '../notifications/index.js';
import { CONTRACT_RECEIPT_EVENT, type ContractReceiptEvent, ContractReceiptEventSchema } from './contracts.events.js';
import { isLicensee, isLicensorOffice } from './contracts.parties.rules.js';
import { loadContract, partyUserIds, refuseStatus, stream } from './contracts.service.js';
import { balances, insertFact, recompute } from './contracts.schedule.js';

/**
 * What happens on a contract in force: the facts the licensee reports (trigger events, revenue),
 * receipts in every form and refunds of credit, the statement, and overdue reminders. Each receipt
 * appends `contract.receipt` (contracts.events.ts), which distribution reads.
 */

// ------------------------------------------------------------------------------------------
// Facts
// ------------------------------------------------------------------------------------------

export async function recordEvent(ctx: Ctx, id: string, input: TriggerEventBody): Promise<Statement> {
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

export async function reportRevenue(ctx: Ctx, id: string, input: RevenueReportBody): Promise<Statement> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensee(tx.actor, c) && !isLicensorOffice(tx.actor, c)) throw forbidden();
    if (c.status !== 'in_force') refuseStatus(c, '只能为履行中的合同报告收入', 'revenue is reported on contracts in force');
    if (compareDates(input.periodEnd, input.periodStart) < 0) throw fieldErrors([{ field: 'body.periodEnd', zh: '期末不能早于期初', en: 'the period ends before it starts' }]);
    if (c.plan && (compareDates(input.periodStart, c.plan.effectiveOn) < 0 || compareDates(input.periodEnd, c.plan.endsOn) > 0)) {
      throw fieldErrors([{ field: 'body.periodStart', zh: `报告期须在合同期内（${c.plan.effectiveOn} 至 ${c.plan.endsOn}）`, en: 'the period must fall within the term' }]);
    }
    const { rows } = await tx.db.query<{ n: number }>('select count(*)::int as n from revenue_reports where contract_id = $1 and period_start <= $3 and period_end >= $2', [
      id,
      input.periodStart,
      input.periodEnd,
    ]);
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

/** Records a receipt (from the licensee, or a guarantor paying first). */
export async function insertReceipt(
  tx: TxCtx,
  contractId: string,
  r: { id: string; payer: 'licensee' | 'guarantor'; form: SettlementForm; value: Money; currency: string; receivedOn: string; valuationNote: string; evidence: string },
) {
  await tx.db.query(
    'insert into receipts (id, contract_id, payer, form, value, currency, received_on, valuation_note, evidence, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)',
    [r.id, contractId, r.payer, r.form, r.value, r.currency, r.receivedOn, r.valuationNote, r.evidence, tx.actor?.userId ?? null, tx.now],
  );
}

export async function recordPayment(ctx: Ctx, id: string, input: PaymentBody, idempotencyKey: string | undefined): Promise<PaymentResult> {
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
    await insertReceipt(tx, id, {
      id: receiptId,
      payer: 'licensee',
      form: input.form,
      value: input.value,
      currency: input.currency,
      receivedOn: input.receivedOn,
      valuationNote: input.valuationNote ?? '',
      evidence: input.evidence ?? '',
    });
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

export async function recordRefund(ctx: Ctx, id: string, input: RefundBody): Promise<Statement> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    const { result } = await balances(tx.db, id);
    if (cmp(input.amount, result.credit) > 0)
      throw fieldErrors([{ field: 'body.amount', zh: `退款不能超过多付余额 ${result.credit} 元`, en: `a refund cannot exceed the credit of ${result.credit}` }]);
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
export async function statement(ctx: Ctx, id: string): Promise<Statement> {
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
    receipts: receipts.map((r) => ({ id: r.id, form: r.form, value: r.value, receivedOn: r.received_on, payer: r.payer, valuationNote: r.valuation_note, evidence: r.evidence })),
    refunds: refunds.map((r) => ({ amount: r.amount, refundedOn: r.refunded_on, note: r.note })),
    totals,
  };
}

/** One organisation's position across all its contracts, as licensor or licensee. */
export async function counterpartyStatement(ctx: Ctx, orgId: string): Promise<OrgPosition> {
  const { rows } = await ctx.db.query<{ id: string }>('select id from contracts where (licensor_org_id = $1 or licensee_org_id = $1) and status <> $2 order by number', [orgId, 'draft']);
  const items = [];
  for (const r of rows) {
    const s = await statement(ctx, r.id);
    items.push({ contractId: s.contractId, number: s.number, status: s.status, totals: s.totals, settled: s.settled });
  }
  return { organisationId: orgId, items, outstanding: sum(['0.00', ...items.map((i) => i.totals.outstanding)]), overdue: sum(['0.00', ...items.map((i) => i.totals.overdue)]) };
}

// ------------------------------------------------------------------------------------------
// Overdue reminders
// ------------------------------------------------------------------------------------------

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
