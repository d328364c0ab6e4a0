import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORG_KINDS } from '../../../common/roles.js';
import {
  CreditCodeSchema,
  CursorQuery,
  EmailSchema,
  MobileSchema,
  PasswordSchema,
  problemResponses,
  ProblemSchema,
  RoleSchema,
  UuidSchema,
} from '../../lib/schemas.js';
import { addMember, createOrg, getOrg, listMembers, listOrgs, presentOrg, removeMember, updateOrg } from './orgs.service.js';

const OrgKindSchema = z.enum(ORG_KINDS);
const OrgSchema = z.object({
  id: z.uuid(),
  kind: OrgKindSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  creditCode: z.string(),
  district: z.string(),
  parentId: z.uuid().nullable(),
  isActive: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
const MemberSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: RoleSchema,
  createdAt: z.string(),
});
const OrgBody = z.strictObject({
  kind: OrgKindSchema,
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(300).nullable().optional(),
  creditCode: CreditCodeSchema,
  district: z.string().max(20),
  parentId: UuidSchema.nullable().optional(),
});
const OrgParams = z.strictObject({ orgId: UuidSchema });
const orgAccess = (roles: ('admin' | 'org_admin' | 'operator' | 'bureau' | 'researcher')[] | 'any', global: ('admin' | 'operator' | 'bureau')[]) => ({
  roles,
  org: { param: 'orgId', global },
});

export const orgsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['organisations'],
        summary: 'Organisations: all for administrators, operators and the bureau; one’s own for everyone else',
        querystring: z.strictObject({ q: z.string().max(100).optional(), kind: OrgKindSchema.optional(), ...CursorQuery }),
        response: { 200: z.object({ items: z.array(OrgSchema), nextCursor: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => listOrgs(request.ctx, request.query),
  );

  app.post(
    '/orgs',
    {
      config: { access: { roles: ['admin'] } },
      schema: { tags: ['organisations'], summary: 'Register an organisation', body: OrgBody, response: { 201: OrgSchema, 409: ProblemSchema, ...problemResponses } },
    },
    async (request, reply) => reply.status(201).send(await createOrg(request.ctx, request.body)),
  );

  app.get(
    '/orgs/:orgId',
    {
      config: { access: orgAccess('any', ['admin', 'operator', 'bureau']) },
      schema: { tags: ['organisations'], summary: 'One organisation', params: OrgParams, response: { 200: OrgSchema, ...problemResponses } },
    },
    async (request) => presentOrg(await getOrg(request.ctx, request.params.orgId)),
  );

  app.patch(
    '/orgs/:orgId',
    {
      config: { access: orgAccess(['admin', 'org_admin'], ['admin']) },
      schema: {
        tags: ['organisations'],
        summary: 'Edit an organisation (kind, credit code and active flag: administrators only)',
        params: OrgParams,
        body: OrgBody.partial().extend({ isActive: z.boolean().optional() }),
        response: { 200: OrgSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request) => updateOrg(request.ctx, request.params.orgId, request.body),
  );

  app.get(
    '/orgs/:orgId/members',
    {
      config: { access: orgAccess(['admin', 'org_admin'], ['admin']) },
      schema: { tags: ['organisations'], summary: 'Members of an organisation', params: OrgParams, response: { 200: z.object({ items: z.array(MemberSchema) }), ...problemResponses } },
    },
    async (request) => listMembers(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/members',
    {
      config: { access: orgAccess(['admin', 'org_admin'], ['admin']) },
      schema: {
        tags: ['organisations'],
        summary: 'Add a person to an organisation with a role (an existing person by id, or a new one)',
        params: OrgParams,
        body: z.union([
          z.strictObject({ role: RoleSchema, userId: UuidSchema }),
          z.strictObject({
            role: RoleSchema,
            name: z.string().trim().min(1).max(100),
            email: EmailSchema.optional(),
            mobile: MobileSchema.optional(),
            password: PasswordSchema,
          }),
        ]),
        response: { 201: MemberSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await addMember(request.ctx, request.params.orgId, request.body)),
  );

  app.delete(
    '/orgs/:orgId/members/:membershipId',
    {
      config: { access: orgAccess(['admin', 'org_admin'], ['admin']) },
      schema: {
        tags: ['organisations'],
        summary: 'Remove a membership',
        params: z.strictObject({ orgId: UuidSchema, membershipId: UuidSchema }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await removeMember(request.ctx, request.params.orgId, request.params.membershipId);
      return reply.status(204).send(null);
    },
  );
};
