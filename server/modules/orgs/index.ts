/** The orgs module's surface: what other modules may use. Everything else is private to it. */
export { ensureCompanyOrg, getOrg } from './orgs.service.js';
