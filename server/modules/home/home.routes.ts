import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeQuerySchema, HomeSchema } from '../../../common/api/home.js';
import { forbidden } from '../../lib/errors.js';
import { problemResponses } from '../../lib/schemas.js';
import { homeFor } from './home.service.js';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home',
    {
      // The caller's own memberships only: another organisation is 403.
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['home'],
        summary: 'Figures for the home page of one of the caller’s memberships (default: the first)',
        querystring: HomeQuerySchema,
        response: { 200: HomeSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { role, organisationId } = request.query;
      const membership = request.actor!.memberships.find(
        (m) => (!role || m.role === role) && (!organisationId || m.organisationId === organisationId),
      );
      if (!membership) throw forbidden();
      return homeFor(request.ctx, membership.role, membership.organisationId);
    },
  );
};
