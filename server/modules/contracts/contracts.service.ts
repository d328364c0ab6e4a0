import { CONTRACT_STATUS_LABELS, type ContractKind, type ContractStatus, type LicenseType } from '../../../common/contracts.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import type { Actor, Ctx, TxCtx } from '../../lib/context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { contractStream } from './contracts.events.js';
import { type ContractStep, stepRefusal, TRANSITIONS } from './contracts.lifecycle.rules.js';
import { isLicensee, isLicensorOffice, isParty } from './contracts.parties.rules.js';
import type { PaymentPlan } from './contracts.payment-plan.rules.js';
import { officePeople, peopleHolding } from '../orgs/index.js';

/**
 * Contracts of every deal (measure 4): the contract record and what every part of the module does
 * with it — load it for a party (others get 404), check a lifecycle step, write changed columns,
 * find both parties' people. Each contract is the ledger stream `contract:<id>`.
 *
 * The rest of the module, by section: contracts.lifecycle.ts (drafting to the end, checked against
 * the table in contracts.lifecycle.rules.ts), contracts.schedule.ts (facts → obligations → balances),
 * contracts.receipts.ts (reports, payments, refunds, the statement, overdue reminders),
 * contracts.guarantees.ts, contracts.collection.ts (dues fixed by other modules),
 * contracts.present.ts and contracts.lists.ts (what the API shows), contracts.pdf.ts (the draft),
 * contracts.reads.ts and contracts.events.ts (what other modules may read), pure rules in
 * contracts.*.rules.ts, the API's shapes in common/api/contracts.ts.
 */

export interface ContractRow {
  id: string;
  number: string;
  kind: ContractKind;
  license_type: LicenseType | null;
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

export const stream = contractStream;

/** The contract with its parties' names, for a party of it; anyone else gets 404. */
export async function loadContract(ctx: Ctx | TxCtx, id: string, forUpdate = false): Promise<ContractRow> {
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

/** A conflict naming the contract's status: "the contract is <status>; <why>". */
export function refuseStatus(c: ContractRow, zh: string, en: string): never {
  const s = CONTRACT_STATUS_LABELS[c.status];
  throw new AppError('CONFLICT', { params: { detail: `合同状态为“${s.zh}”，${zh}`, detailEn: `the contract is ${s.en.toLowerCase()}; ${en}` } });
}

/** Checks a lifecycle step against the table of transitions: 403 for the wrong side, 409 in the wrong status. */
export function requireStep(actor: Actor | null, c: ContractRow, step: ContractStep): void {
  const refusal = stepRefusal(step, c.status, { licensor: isLicensorOffice(actor, c), licensee: isLicensee(actor, c) });
  if (refusal === 'forbidden') throw forbidden();
  if (refusal === 'status') refuseStatus(c, TRANSITIONS[step].refusal.zh, TRANSITIONS[step].refusal.en);
}

/** Writes the given columns, bumping updated_at and version. */
export async function touch(tx: TxCtx, id: string, sets: Record<string, unknown>) {
  const cols = Object.keys(sets);
  await tx.db.query(`update contracts set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}${cols.length ? ', ' : ''}updated_at = $${cols.length + 2}, version = version + 1 where id = $1`, [
    id,
    ...cols.map((c) => sets[c]),
    tx.now,
  ]);
}

export async function achievementIdsOf(db: Queryable, id: string): Promise<string[]> {
  const { rows } = await db.query<{ achievement_id: string }>('select achievement_id from contract_achievements where contract_id = $1 order by achievement_id', [id]);
  return rows.map((r) => r.achievement_id);
}

/** Both parties' active people: the licensor's office and the licensee firm. */
export async function partyUserIds(db: Queryable, licensorOrgId: string, licenseeOrgId: string): Promise<string[]> {
  const [office, firm] = await Promise.all([officePeople(db, licensorOrgId), peopleHolding(db, ROLE_GROUPS.firm, licenseeOrgId)]);
  return [...new Set([...office, ...firm].map((p) => p.userId))];
}
