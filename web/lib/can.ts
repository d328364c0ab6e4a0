import { type Ability, can } from '../access';
import { useSession } from './session';

/**
 * "May I do X here?" for the active membership, from the one map in web/access.ts (ABILITIES):
 *
 *   const can = useCan();
 *   can('contracts.apply')            // by role group
 *   can('deals.hold', x.organisationId) // and in that organisation (administrators: any)
 *
 * The server checks again; this only decides what the page offers.
 */
export function useCan(): (ability: Ability, organisationId?: string) => boolean {
  const { role, active } = useSession();
  return (ability, organisationId) => can(role, ability, { organisationId, ownOrgId: active?.organisationId });
}
