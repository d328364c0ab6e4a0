import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CursorQuery, EmailSchema, MembershipSchema, MobileSchema, PasswordSchema, problemResponses, ProblemSchema, UuidSchema } from '../../lib/schemas.js';
import { createUser, listUsers, updateUser } from './users.service.js';

const UserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  locale: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
});

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: 'People and their memberships',
        querystring: z.strictObject({ q: z.string().max(100).optional(), ...CursorQuery }),
        response: {
          200: z.object({ items: z.array(UserSchema.extend({ memberships: z.array(MembershipSchema) })), nextCursor: z.string().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (request) => listUsers(request.ctx, request.query),
  );

  app.post(
    '/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: 'Create a person (memberships are added on the organisation)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          email: EmailSchema.optional(),
          mobile: MobileSchema.optional(),
          password: PasswordSchema,
          locale: z.enum(['zh-CN', 'en-US']).optional(),
        }),
        response: { 201: UserSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );

  app.patch(
    '/users/:userId',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: 'Edit or deactivate a person (deactivation ends their sessions)',
        params: z.strictObject({ userId: UuidSchema }),
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          email: EmailSchema.optional(),
          mobile: MobileSchema.optional(),
          isActive: z.boolean().optional(),
        }),
        response: { 200: UserSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request) => updateUser(request.ctx, request.params.userId, request.body),
  );
};
