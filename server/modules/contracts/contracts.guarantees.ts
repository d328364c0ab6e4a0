import { randomUUID } from 'node:crypto';
import type { Guarantee, GuaranteeBody, Guarantees, GuaranteesQuery, Statement } from '../../../common/api/contracts.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import { isPositive, min, sub, sum } from '../../../common/money.js';
import { PAGE_SIZE_DEFAULT } from '../../../common/page.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction } from '../../lib/context.js';
import { forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { CONTRACT_RECEIPT_EVENT, type ContractReceiptEvent, ContractReceiptEventSchema } from './contracts.events.js';
import { isLicensorOffice } from './contracts.parties.rules.js';
import { insertReceipt, statement } from './contracts.receipts.js';
import { loadContract, stream } from './contracts.service.js';
import { balances } from './contracts.schedule.js';

/**
 * Guarantees and insurance behind a contract (履约保证保险, 担保), and claims on default: the
 * insurer or guarantor pays the overdue amount first (先行赔付).
 */

interface GuaranteeRow {
  id: string;
  kind: Guarantee['kind'];
  provider_name: string;
  provider_credit_code: string;
  policy_no: string;
  cover_limit: string;
  claimed_total: string;
}

const presentGuarantee = (g: GuaranteeRow): Guarantee => ({
  id: g.id,
  kind: g.kind,
  providerName: g.provider_name,
  providerCreditCode: g.provider_credit_code,
  policyNo: g.policy_no,
  coverLimit: g.cover_limit,
  claimedTotal: g.claimed_total,
  remainingCover: sub(g.cover_limit, g.claimed_total),
});

/** Office: records a guarantor or insurer with its cover; answers with the first page of guarantees. */
export async function addGuarantee(ctx: Ctx, id: string, input: GuaranteeBody): Promise<Guarantees> {
  const guaranteeId = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    await tx.db.query('insert into guarantees (id, contract_id, kind, provider_name, provider_credit_code, policy_no, cover_limit, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8)', [
      guaranteeId,
      id,
      input.kind,
      input.providerName,
      input.providerCreditCode,
      input.policyNo ?? '',
      input.coverLimit,
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: 'contract.guarantee_added', payload: { guaranteeId, ...input } });
    await audit(tx, { action: 'contract.guarantee', entity: 'contract', entityId: id, organisationId: c.licensor_org_id, after: input });
  });
  return listGuarantees(ctx, id, { page: 1, pageSize: PAGE_SIZE_DEFAULT });
}

/** The guarantees behind a contract, in the order they were recorded. */
export async function listGuarantees(ctx: Ctx, id: string, query: GuaranteesQuery): Promise<Guarantees> {
  await loadContract(ctx, id);
  const page = await queryPage<GuaranteeRow>(
    ctx.db,
    { select: 'id, kind, provider_name, provider_credit_code, policy_no, cover_limit, claimed_total', from: 'from guarantees where contract_id = $1', values: [id], orderBy: 'created_at, id' },
    query,
  );
  return mapPage(page, presentGuarantee);
}

/**
 * On default: the insurer or guarantor pays the overdue amount first (先行赔付), up to the
 * remaining cover; the paid obligations pass to them (debtor), and the default is marked on the
 * firm's record.
 */
export async function claimGuarantee(ctx: Ctx, id: string, guaranteeId: string): Promise<Statement> {
  await inTransaction(ctx, async (tx) => {
    const c = await loadContract(tx, id, true);
    if (!isLicensorOffice(tx.actor, c)) throw forbidden();
    const { rows } = await tx.db.query<{ cover_limit: string; claimed_total: string; provider_name: string }>('select * from guarantees where id = $1 and contract_id = $2 for update', [
      guaranteeId,
      id,
    ]);
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
    await insertReceipt(tx, id, {
      id: receiptId,
      payer: 'guarantor',
      form: 'cash',
      value: amount,
      currency: c.currency,
      receivedOn: today,
      valuationNote: `${g.provider_name} 先行赔付`,
      evidence: `claim ${guaranteeId}`,
    });
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
