import { randomUUID } from 'node:crypto';
import type { ContractKind } from '../../../common/contracts.js';
import type { Queryable } from '../../db/client.js';
import type { TxCtx } from '../../lib/context.js';
import { appendEvent, eventsAfter, type LedgerEvent, onLedgerEvent } from '../../lib/ledger.js';
import { CONTRACT_RECEIPT_EVENT, type ContractReceiptEvent, ContractReceiptEventSchema, contractRegistrationNo, contractSummary } from '../contracts/index.js';
import { agreedProceedsTriggerReward, isAgreedProceedsContract } from '../rights/index.js';
import { policyInForce } from './distribution.policies.js';
import { completersOf, compute, stream, writeRewards } from './distribution.service.js';

/**
 * Taking in receipts: each `contract.receipt` event of the contracts module becomes one
 * distribution, computed under the institution's policy in force on the day the money arrived,
 * in the transaction that records the payment (a ledger subscription). A failure here rolls the
 * payment back with it. `reconcileReceipts` replays the receipt events and creates what is
 * missing (a receipt recorded while the subscription was not in place), idempotently.
 */

/** Receipts of these contracts are distributed elsewhere; the reason is kept on the record. */
const EXCLUDED_KINDS: Partial<Record<ContractKind, { zh: string; en: string }>> = {
  equity: { zh: '作价入股合同的奖励按形成的股权计算（股权奖励），不按到账金额分配', en: 'equity deals are rewarded in shares (equity rewards), not per receipt' },
  development: { zh: '技术开发合同的收入按横向科研项目结余（措施三）在结题后分配', en: 'development contracts are distributed as contract-research surplus (measure 3) at acceptance' },
  service: { zh: '技术服务合同的收入按横向科研项目结余（措施三）在结题后分配', en: 'service contracts are distributed as contract-research surplus (measure 3) at acceptance' },
};

const AGREED_PROCEEDS_EXCLUDED = {
  zh: '赋权后约定收益的回款：本单位赋权规则规定约定收益不再触发二次奖励（赋权本身即为激励，可在赋权规则中调整）',
  en: 'agreed proceeds after an ownership grant: the institution’s grant rule says they trigger no second reward (the grant is the incentive; the rule can change this)',
};

/** What distribution reads of a receipt event: the contract (its stream) and the typed payload. */
export interface ReceiptTaken {
  contractId: string;
  receipt: ContractReceiptEvent;
}

/** The receipt an event records, with its payload checked against the producer's schema. */
export function receiptOf(event: Pick<LedgerEvent, 'stream' | 'payload'>): ReceiptTaken {
  return { contractId: event.stream.slice('contract:'.length), receipt: ContractReceiptEventSchema.parse(event.payload) };
}

async function hasDistribution(db: Queryable, receiptId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from distributions where receipt_id = $1', [receiptId]);
  return rows.length > 0;
}

/**
 * Creates the distribution of one receipt unless it exists. Safe to run any number of times and
 * from several servers: a receipt has at most one distribution (unique receipt_id). Answers
 * whether it created one.
 */
export async function takeInReceipt(tx: TxCtx, { contractId, receipt }: ReceiptTaken): Promise<boolean> {
  if (await hasDistribution(tx.db, receipt.receiptId)) return false;
  const c = await contractSummary(tx.db, contractId);
  if (!c) return false;
  const organisationId = receipt.licensorOrgId;
  const receivedOn = receipt.receivedOn;
  const policy = await policyInForce(tx.db, organisationId, receivedOn);
  const excluded =
    EXCLUDED_KINDS[c.kind] ?? ((await isAgreedProceedsContract(tx, contractId)) && !(await agreedProceedsTriggerReward(tx, organisationId, receivedOn)) ? AGREED_PROCEEDS_EXCLUDED : null);
  const completers = excluded ? [] : await completersOf(tx.db, c.achievementIds);
  const result = excluded ? null : compute(policy, receipt.value, [], completers);
  const id = randomUUID();
  const inserted = await tx.db.query(
    `insert into distributions (id, organisation_id, source, receipt_id, contract_id, contract_number, contract_kind, registration_no, achievement_ids, title, received_on, gross,
       completers, policy_version, result, excluded_reason, status, created_at, updated_at)
     values ($1,$2,'receipt',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17) on conflict (receipt_id) do nothing returning id`,
    [
      id,
      organisationId,
      receipt.receiptId,
      contractId,
      c.number,
      c.kind,
      await contractRegistrationNo(tx.db, contractId),
      c.achievementIds,
      c.title,
      receivedOn,
      receipt.value,
      JSON.stringify(completers),
      policy.version,
      result ? JSON.stringify(result) : null,
      excluded ? JSON.stringify(excluded) : null,
      excluded ? 'excluded' : 'computed',
      tx.now,
    ],
  );
  if (!inserted.rows.length) return false;
  await writeRewards(tx, id, completers, result);
  await appendEvent(tx, {
    stream: stream(id),
    type: excluded ? 'distribution.excluded' : 'distribution.computed',
    payload: { receiptId: receipt.receiptId, contractId, gross: receipt.value, receivedOn, policyVersion: policy.version, team: result?.team.value ?? null, reason: excluded?.zh ?? null },
  });
  return true;
}

const SUBSCRIBER = 'distribution';

/**
 * Subscribes distribution to the contracts module's receipts: every recorded payment creates its
 * distribution in the same transaction. Idempotent (subscribing again replaces the handler).
 * Returns a function that removes the subscription.
 */
export function subscribeDistributionToReceipts(): () => void {
  return onLedgerEvent(CONTRACT_RECEIPT_EVENT, SUBSCRIBER, async (tx, event) => {
    await takeInReceipt(tx, receiptOf(event));
  });
}

/**
 * The repair command (`keqiao distribution reconcile`): replays every receipt event (of one
 * institution, when given) and creates the distributions that are missing. Running it again
 * creates nothing. Answers how many receipts it saw and how many distributions it created.
 */
export async function reconcileReceipts(tx: TxCtx, organisationId?: string): Promise<{ receipts: number; created: number }> {
  let receipts = 0;
  let created = 0;
  let afterId: string | null = null;
  for (;;) {
    const batch: LedgerEvent[] = await eventsAfter(tx.db, {
      types: [CONTRACT_RECEIPT_EVENT],
      ...(organisationId ? { payloadEquals: { field: 'licensorOrgId', value: organisationId } } : {}),
      afterId,
      limit: 500,
    });
    for (const e of batch) {
      receipts++;
      if (await takeInReceipt(tx, receiptOf(e))) created++;
    }
    if (batch.length < 500) break;
    afterId = batch[batch.length - 1]!.id;
  }
  return { receipts, created };
}
