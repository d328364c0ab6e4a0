/** The orgs module's surface: what other modules may use. Everything else is private to it. */
export { officePeople, peopleHolding } from './orgs.people.js';
export { ensureCompanyOrg, getOrg, insertMembershipTx, insertOrganisationTx, orgIdByCreditCode } from './orgs.service.js';
