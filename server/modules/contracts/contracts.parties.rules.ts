import type { ContractPartyRole } from '../../../common/api/contracts.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import { type Actor, hasRoleIn, isOfficeOf } from '../../lib/context.js';

/** Who acts for each side of a contract. Pure: a function of the actor and the contract's parties. */

export interface Parties {
  licensor_org_id: string;
  licensee_org_id: string;
}

/** The licensor's office (or a platform admin) runs the contract. */
export const isLicensorOffice = (actor: Actor | null, c: Parties) => isOfficeOf(actor, c.licensor_org_id);
/** The licensee firm's people. */
export const isLicensee = (actor: Actor | null, c: Parties) => hasRoleIn(actor, c.licensee_org_id, ...ROLE_GROUPS.firm);
/** Either side: only parties see a contract (others get 404). */
export const isParty = (actor: Actor | null, c: Parties) => isLicensorOffice(actor, c) || isLicensee(actor, c);

/** The actor's side(s) of the contract. */
export function partyRoles(actor: Actor | null, c: Parties): ContractPartyRole[] {
  return [...(isLicensorOffice(actor, c) ? (['licensor'] as const) : []), ...(isLicensee(actor, c) ? (['licensee'] as const) : [])];
}
