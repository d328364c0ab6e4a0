import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NewUserBodySchema, UserListQuerySchema, UserPageSchema, UserParamsSchema, UserPatchSchema, UserSchema } from '../../../common/api/users.js';
import type { Role } from '../../../common/roles.js';
import { problemResponses, ProblemSchema } from '../../lib/schemas.js';
import { createUser, listUsers, updateUser } from './users.service.js';

/** People are administered by platform administrators only. */
const ADMINS_ONLY: readonly Role[] = ['admin'];

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/users',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: {
        tags: ['users'],
        summary: 'People and their memberships',
        querystring: UserListQuerySchema,
        response: { 200: UserPageSchema, ...problemResponses },
      },
    },
    async (request) => listUsers(request.ctx, request.query),
  );

  app.post(
    '/users',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: {
        tags: ['users'],
        summary: 'Create a person (memberships are added on the organisation)',
        body: NewUserBodySchema,
        response: { 201: UserSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );

  app.patch(
    '/users/:userId',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: {
        tags: ['users'],
        summary: 'Edit or deactivate a person (deactivation ends their sessions)',
        params: UserParamsSchema,
        body: UserPatchSchema,
        response: { 200: UserSchema, 409: ProblemSchema, ...problemResponses },
      },
    },
    async (request) => updateUser(request.ctx, request.params.userId, request.body),
  );
};
