import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../lib/errors.js';
import { problemResponses, RoleSchema, UuidSchema } from '../../lib/schemas.js';
import { homeFor } from './home.service.js';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home',
    {
      config: { access: { roles: 'any', record: 'self' } },
      schema: {
        tags: ['home'],
        summary: 'Figures for the home page of one of the caller’s memberships (default: the first)',
        querystring: z.strictObject({ role: RoleSchema.optional(), organisationId: UuidSchema.optional() }),
        response: {
          200: z.object({
            role: RoleSchema,
            organisationId: z.uuid(),
            figures: z.array(z.object({ key: z.string(), value: z.number() })),
            series: z.array(z.object({ key: z.string(), points: z.array(z.object({ label: z.string(), value: z.number() })) })),
          }),
          ...problemResponses,
        },
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
