import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NewUserBodySchema, UserListQuerySchema, UserPageSchema, UserParamsSchema, UserPatchSchema, UserSchema } from '../../../common/api/users.js';
import type { Role } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { createUser, listUsers, updateUser } from './users.service.js';

/** People are administered by platform administrators only. */
const admins = { roles: ['admin'] as readonly Role[] };
const route = routeSpecs(['users']);

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', route(admins, { summary: 'People and their memberships', querystring: UserListQuerySchema, response: UserPageSchema }), async (request) => listUsers(request.ctx, request.query));

  app.post(
    '/users',
    route(admins, { summary: 'Create a person (memberships are added on the organisation)', body: NewUserBodySchema, response: UserSchema, status: 201, problems: [409] }),
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );

  app.patch(
    '/users/:userId',
    route(admins, { summary: 'Edit or deactivate a person (deactivation ends their sessions)', params: UserParamsSchema, body: UserPatchSchema, response: UserSchema, problems: [409] }),
    async (request) => updateUser(request.ctx, request.params.userId, request.body),
  );
};
