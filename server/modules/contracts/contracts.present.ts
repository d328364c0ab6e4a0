import type { Contract } from '../../../common/api/contracts.js';
import type { Actor, Ctx } from '../../lib/context.js';
import { partyRoles } from './contracts.parties.rules.js';
import { guidanceWarnings } from './contracts.payment-plan.rules.js';
import { achievementIdsOf, type ContractRow, loadContract } from './contracts.service.js';

/** A contract as the API shows it (common/api/contracts.ts `Contract`), for one actor. */
export function present(actor: Actor | null, c: ContractRow, achievementIds: string[]): Contract {
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
    myRoles: partyRoles(actor, c),
  };
}

/** One contract, for a party of it (others get 404). */
export async function getContract(ctx: Ctx, id: string): Promise<Contract> {
  const c = await loadContract(ctx, id);
  return present(ctx.actor, c, await achievementIdsOf(ctx.db, id));
}
