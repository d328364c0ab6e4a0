import { OFFICE_ROLES, OVERSIGHT_ROLES, type Role } from '../../../common/roles.js';
import { type Actor, isOfficeOf, isOversight } from '../../lib/context.js';
import { routeSpecs } from '../../lib/routes.js';
import { orgAccess } from '../../plugins/access.js';

/** The route-options builder of every rights route (grants, agreed proceeds, rectification). */
export const route = routeSpecs(['rights']);

/** Agreed proceeds and rectification: the office decides; the bureau reads. */
export const OFFICE_READERS: readonly Role[] = [...OFFICE_ROLES, 'bureau'];
/** Reading an institution's agreements or cases: its office, or the oversight roles anywhere. */
export const officeReadersOf = orgAccess(OFFICE_READERS, OVERSIGHT_ROLES);
/** Deciding for an institution: its office, or an administrator. */
export const officeOf = orgAccess(OFFICE_ROLES, ['admin']);

/** Who reads one institution's agreements and cases: its office, or oversight (the route's readers, per record). */
export const readsOfficeRecords = (actor: Actor | null, orgId: string) => isOfficeOf(actor, orgId) || isOversight(actor);
