import type { PaymentPlan } from '../../../common/api/contracts.js';
import type { Money } from '../../../common/money.js';
import type { TxCtx } from '../../lib/context.js';
import { fieldErrors, notFound } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { insertContract } from './contracts.lifecycle.js';
import { fixedAmount, validatePlan } from './contracts.payment-plan.rules.js';
import { type ContractRow, refuseStatus, stream, touch } from './contracts.service.js';
import { recompute } from './contracts.schedule.js';

/**
 * Collection contracts for dues fixed elsewhere (agreed proceeds of ownership grants): the rights
 * module opens one per agreement and adds each due as a fixed obligation, so that receipts,
 * statements, reminders and distribution work as for any contract.
 */

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
