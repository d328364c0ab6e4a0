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
import { problemResponses, ProblemSchema } from '../../lib/schemas.js';
import { addMember, createOrg, getOrg, listMembers, listOrgs, presentOrg, removeMember, SEES_ALL_ORGS, updateOrg } from './orgs.service.js';

const orgAccess = (roles: readonly Role[] | 'any', global: readonly Role[]) => ({
  roles,
  org: { param: 'orgId', global },
});
const ADMINS_ONLY: readonly Role[] = ['admin'];

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['organisations'],
        summary: 'Organisations: all for administrators, operators and the bureau; one’s own for everyone else',
        querystring: OrgListQuerySchema,
        response: { 200: OrgPageSchema, ...problemResponses },
      },
    },
    async (request) => listOrgs(request.ctx, request.query),
  );

  app.post(
    '/orgs',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: { tags: ['organisations'], summary: 'Register an organisation', body: OrgBodySchema, response: { 201: OrgSchema, 409: ProblemSchema, ...problemResponses } },
    },
    async (request, reply) => reply.status(201).send(await createOrg(request.ctx, request.body)),
  );

  app.get(
    '/orgs/:orgId',
    {
      config: { access: orgAccess('any', SEES_ALL_ORGS) },
      schema: { tags: ['organisations'], summary: 'One organisation', params: OrgParams, response: { 200: OrgSchema, ...problemResponses } },
    },
    async (request) => presentOrg(await getOrg(request.ctx, request.params.orgId)),
  );

  app.patch(
    '/orgs/:orgId',
    {
      config: { access: orgAccess(ROLE_GROUPS.orgAdmin, ADMINS_ONLY) },
      schema: {
        tags: ['organisations'],
        summary: 'Edit an organisation (kind, credit code and active flag: administrators only)',
        params: OrgParams,
        body: OrgPatchSchema,
        response: { 200: OrgSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request) => updateOrg(request.ctx, request.params.orgId, request.body),
  );

  app.get(
    '/orgs/:orgId/members',
    {
      config: { access: orgAccess(ROLE_GROUPS.orgAdmin, ADMINS_ONLY) },
      schema: { tags: ['organisations'], summary: 'Members of an organisation', params: OrgParams, response: { 200: MembersSchema, ...problemResponses } },
    },
    async (request) => listMembers(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/members',
    {
      config: { access: orgAccess(ROLE_GROUPS.orgAdmin, ADMINS_ONLY) },
      schema: {
        tags: ['organisations'],
        summary: 'Add a person to an organisation with a role (an existing person by id, or a new one)',
        params: OrgParams,
        body: NewMemberBodySchema,
        response: { 201: MemberSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addMember(request.ctx, request.params.orgId, request.body)),
  );

  app.delete(
    '/orgs/:orgId/members/:membershipId',
    {
      config: { access: orgAccess(ROLE_GROUPS.orgAdmin, ADMINS_ONLY) },
      schema: {
        tags: ['organisations'],
        summary: 'Remove a membership',
        params: MembershipParamsSchema,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeMember(request.ctx, request.params.orgId, request.params.membershipId);
      return reply.status(204).send(null);
    },
  );
};
