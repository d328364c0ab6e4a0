import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeQuerySchema, HomeSchema } from '../../../common/api/home.js';
import { forbidden } from '../../lib/errors.js';
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
      if (!membership) throw forbidden();
      return homeFor(request.ctx, membership.role, membership.organisationId);
    },
  );
};
