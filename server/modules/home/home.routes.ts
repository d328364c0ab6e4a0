import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeQuerySchema, HomeSchema } from '../../../common/api/home.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { routeSpecs } from '../../lib/routes.js';
import { homeFor } from './home.service.js';

const route = routeSpecs(['home']);

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home',
    // The caller's own memberships only: another organisation is 403.
    route({ roles: 'any' }, { summary: 'Figures for the home page of one of the caller’s memberships (default: the first)', querystring: HomeQuerySchema, response: HomeSchema }),
    async (request) => {
      const { role, organisationId } = request.query;
      const membership = request.actor!.memberships.find((m) => (!role || m.role === role) && (!organisationId || m.organisationId === organisationId));
      // Another organisation named in the query is not revealed (404); a role not held is 403.
      if (!membership) throw organisationId && !request.actor!.memberships.some((m) => m.organisationId === organisationId) ? notFound('organisation') : forbidden();
      return homeFor(request.ctx, membership.role, membership.organisationId);
    },
  );
};
