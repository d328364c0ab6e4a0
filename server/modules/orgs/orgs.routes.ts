import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MemberSchema,
  MembershipParamsSchema,
  MembersSchema,
  NewMemberBodySchema,
  OrgBodySchema,
  OrgListQuerySchema,
  OrgPageSchema,
  OrgParamsSchema as OrgParams,
  OrgPatchSchema,
  OrgSchema,
} from '../../../common/api/orgs.js';
import { type Role, ROLE_GROUPS } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { orgAccess } from '../../plugins/access.js';
import { addMember, createOrg, getOrg, listMembers, listOrgs, presentOrg, removeMember, SEES_ALL_ORGS, updateOrg } from './orgs.service.js';

const admins = { roles: ['admin'] as readonly Role[] };
const ADMINS_ONLY: readonly Role[] = ['admin'];
const orgAdmins = orgAccess(ROLE_GROUPS.orgAdmin, ADMINS_ONLY);
const route = routeSpecs(['organisations']);

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    route({ roles: 'any' }, { summary: 'Organisations: all for administrators, operators and the bureau; one’s own for everyone else', querystring: OrgListQuerySchema, response: OrgPageSchema }),
    async (request) => listOrgs(request.ctx, request.query),
  );

  app.post('/orgs', route(admins, { summary: 'Register an organisation', body: OrgBodySchema, response: OrgSchema, status: 201, problems: [409] }), async (request, reply) =>
    reply.status(201).send(await createOrg(request.ctx, request.body)),
  );

  app.get('/orgs/:orgId', route(orgAccess('any', SEES_ALL_ORGS), { summary: 'One organisation', params: OrgParams, response: OrgSchema }), async (request) =>
    presentOrg(await getOrg(request.ctx, request.params.orgId)),
  );

  app.patch(
    '/orgs/:orgId',
    route(orgAdmins, { summary: 'Edit an organisation (kind, credit code and active flag: administrators only)', params: OrgParams, body: OrgPatchSchema, response: OrgSchema, problems: [409] }),
    async (request) => updateOrg(request.ctx, request.params.orgId, request.body),
  );

  app.get('/orgs/:orgId/members', route(orgAdmins, { summary: 'Members of an organisation', params: OrgParams, response: MembersSchema }), async (request) =>
    listMembers(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/members',
    route(orgAdmins, {
      summary: 'Add a person to an organisation with a role (an existing person by id, or a new one)',
      params: OrgParams,
      body: NewMemberBodySchema,
      response: MemberSchema,
      status: 201,
      problems: [409],
    }),
    async (request, reply) => reply.status(201).send(await addMember(request.ctx, request.params.orgId, request.body)),
  );

  app.delete('/orgs/:orgId/members/:membershipId', route(orgAdmins, { summary: 'Remove a membership', params: MembershipParamsSchema, response: z.null(), status: 204 }), async (request, reply) => {
    await removeMember(request.ctx, request.params.orgId, request.params.membershipId);
    return reply.status(204).send(null);
  });
};
