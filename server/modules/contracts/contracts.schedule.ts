import { randomUUID } from 'node:crypto';
import { businessDateOf } from '../../../common/calendar.js';
import type { ObligationKind, ObligationState, SettlementForm } from '../../../common/contracts.js';
import type { Queryable } from '../../db/client.js';
import type { TxCtx } from '../../lib/context.js';
import { loadCalendar } from '../calendar/index.js';
import { allocate } from './contracts.allocation.rules.js';
import { buildSchedule, type Obligation, type PaymentPlan, type TriggerEvent } from './contracts.payment-plan.rules.js';

/**
 * The facts a schedule depends on (trigger events, revenue reports, termination), the schedule of
 * obligations derived from the plan and those facts, and the balances after allocating receipts.
 */

/** A fact the schedule depends on (trigger event or termination), as recorded. */
export async function insertFact(tx: TxCtx, id: string, event: string, on: string, evidence: string) {
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
    await tx.db.query('insert into obligations (contract_id, key, kind, label, amount, due_on, state, explanation, debtor, reminded_on) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)', [
      id,
      o.key,
      o.kind,
      o.label,
      o.amount,
      o.dueOn,
      o.state,
      JSON.stringify(o.explanation),
      prior.get(o.key)?.debtor ?? 'licensee',
      prior.get(o.key)?.reminded_on ?? null,
    ]);
  }
  return schedule;
}

/** Obligations, receipts and refunds of a contract, and the allocation of receipts to obligations. */
export async function balances(db: Queryable, id: string) {
  const obligations = await db.query<{
    key: string;
    kind: ObligationKind;
    label: string;
    amount: string;
    due_on: string | null;
    state: ObligationState;
    explanation: { zh: string; en: string };
    debtor: string;
  }>('select key, kind, label, amount, due_on, state, explanation, debtor from obligations where contract_id = $1 order by due_on nulls last, key', [id]);
  const receipts = await db.query<{ id: string; value: string; received_on: string; form: SettlementForm; payer: 'licensee' | 'guarantor'; valuation_note: string; evidence: string }>(
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
