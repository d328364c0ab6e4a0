import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  GrantApplicationSchema,
  GrantListQuerySchema,
  GrantObjectionBodySchema,
  GrantObjectionParamsSchema,
  GrantObjectionResolutionSchema,
  GrantPageSchema,
  GrantParamsSchema as GrantParams,
  GrantSchema,
  GrantStepBodies,
  OrgParamsSchema as OrgParams,
  PoliciesSchema,
  PolicyBodySchema,
  PolicyComparisonSchema,
  RightsTimelineSchema,
} from '../../../common/api/rights.js';
import { INSTITUTION_ROLES, OFFICE_ROLES, OVERSIGHT_ROLES, ROLE_GROUPS, type Role } from '../../../common/roles.js';
import { PDF_TYPE, sendFile } from '../../lib/routes.js';
import { orgAccess } from '../../plugins/access.js';
import type { GrantAction } from './grant-machine.js';
import { officeOf, route } from './rights.access.js';
import {
  addPolicyVersion,
  applyForGrant,
  comparePolicies,
  getGrant,
  getPolicies,
  grantAgreementPdf,
  grantStep,
  grantTimeline,
  listGrants,
  raiseGrantObjection,
  resolveGrantObjection,
} from './rights.service.js';

/** Institution members, administrators and the bureau: who may read grants and the rule. */
const READERS: readonly Role[] = [...INSTITUTION_ROLES, 'bureau'];
/** The applicant's side: members of the institution (a platform administrator applies for no one). */
const MEMBERS: readonly Role[] = ROLE_GROUPS.institutionMember;

const STEP_ROUTES: { action: GrantAction; path: string; roles: readonly Role[]; summary: string }[] = [
  { action: 'resubmit', path: 'resubmit', roles: MEMBERS, summary: 'Applicant: resubmit the amended application after it was returned' },
  { action: 'withdraw', path: 'withdraw', roles: MEMBERS, summary: 'Applicant: withdraw before publicity' },
  { action: 'dept_check', path: 'department-check', roles: OFFICE_ROLES, summary: 'Department (院系): the application checks out' },
  { action: 'dept_return', path: 'department-return', roles: OFFICE_ROLES, summary: 'Department: return to the applicant with a reason' },
  { action: 'office_review', path: 'office-review', roles: OFFICE_ROLES, summary: 'Office: review passed; publicity starts for the working days of the policy' },
  { action: 'office_return', path: 'office-return', roles: OFFICE_ROLES, summary: 'Office: return to the applicant with a reason' },
  { action: 'reject', path: 'reject', roles: OFFICE_ROLES, summary: 'Office: refuse the grant with a reason' },
  { action: 'approve', path: 'approve', roles: ROLE_GROUPS.orgAdmin, summary: 'Institution head: approve after publicity ends with every objection resolved' },
  { action: 'sign_agreement', path: 'agreement', roles: OFFICE_ROLES, summary: 'Office: the grant agreement is signed with the representative' },
  { action: 'record_change', path: 'record-change', roles: OFFICE_ROLES, summary: 'Office: the ownership change is recorded in the ledger (and at the authority)' },
];

const readersOf = orgAccess(READERS, OVERSIGHT_ROLES);

export const rightsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/rights/policies',
    route(readersOf, { summary: "The institution's grant rule: the version in force and every version", params: OrgParams, response: PoliciesSchema }),
    async (request) => getPolicies(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/rights/policies',
    route(officeOf, { summary: 'A new version of the grant rule, effective from a date (not in the past)', params: OrgParams, body: PolicyBodySchema, response: PoliciesSchema, status: 201 }),
    async (request, r) => r.status(201).send(await addPolicyVersion(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/rights/policies', route({ roles: OVERSIGHT_ROLES }, { summary: "Bureau: every institution's grant rule in force, side by side", response: PolicyComparisonSchema }), async (request) =>
    comparePolicies(request.ctx),
  );

  app.get(
    '/orgs/:orgId/rights/grants',
    route(readersOf, { summary: 'Grant applications: the office sees all, a researcher their own', params: OrgParams, querystring: GrantListQuerySchema, response: GrantPageSchema }),
    async (request) => listGrants(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/rights/grants',
    route(orgAccess(MEMBERS, []), {
      summary: "The team's representative applies, with the transformation plan and every completer's written consent",
      params: OrgParams,
      body: GrantApplicationSchema,
      response: GrantSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await applyForGrant(request.ctx, request.params.orgId, request.body)),
  );

  const readers = { roles: READERS };
  app.get('/rights/grants/:grantId', route(readers, { summary: 'One grant application', params: GrantParams, response: GrantSchema }), async (request) =>
    getGrant(request.ctx, request.params.grantId),
  );

  for (const s of STEP_ROUTES) {
    app.post(`/rights/grants/:grantId/${s.path}`, route({ roles: s.roles }, { summary: s.summary, params: GrantParams, body: GrantStepBodies[s.action], response: GrantSchema }), async (request) =>
      grantStep(request.ctx, request.params.grantId, s.action, request.body ?? {}),
    );
  }

  app.post(
    '/rights/grants/:grantId/objections',
    route({ roles: MEMBERS }, { summary: 'A member of the institution objects during publicity', params: GrantParams, body: GrantObjectionBodySchema, response: GrantSchema }),
    async (request) => raiseGrantObjection(request.ctx, request.params.grantId, request.body.content),
  );

  app.post(
    '/rights/grants/:grantId/objections/:objectionId/resolve',
    route(
      { roles: OFFICE_ROLES },
      { summary: 'Office: uphold (the application goes back to the team) or dismiss an objection', params: GrantObjectionParamsSchema, body: GrantObjectionResolutionSchema, response: GrantSchema },
    ),
    async (request) => resolveGrantObjection(request.ctx, request.params.grantId, request.params.objectionId, request.body.resolution, request.body.note),
  );

  app.get('/rights/grants/:grantId/timeline', route(readers, { summary: "The grant's ledger events", params: GrantParams, response: RightsTimelineSchema }), async (request) =>
    grantTimeline(request.ctx, request.params.grantId),
  );

  app.get('/rights/grants/:grantId/agreement.pdf', route(readers, { summary: 'The grant agreement (赋权协议) as PDF, once approved', params: GrantParams }), async (request, r) => {
    const { filename, pdf } = await grantAgreementPdf(request.ctx, request.params.grantId);
    return sendFile(r, { type: PDF_TYPE, filename, body: pdf });
  });
};
