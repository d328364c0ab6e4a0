import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarOverrideSchema, DayInfoSchema, DayParamsSchema as DayParams, OverrideBodySchema, OverridesQuerySchema, OverridesSchema } from '../../../common/api/calendar.js';
import type { Role } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { deleteOverride, describeDay, listOverrides, putOverride } from './calendar.service.js';

const admins = { roles: ['admin'] as readonly Role[] };
const route = routeSpecs(['calendar']);

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/overrides',
    route({ roles: 'any' }, { summary: 'Working-day overrides entered by administrators, and the years the calendar knows', querystring: OverridesQuerySchema, response: OverridesSchema }),
    async (request) => listOverrides(request.ctx, request.query),
  );

  app.put(
    '/calendar/overrides/:day',
    route(admins, { summary: 'Set a day as a holiday or a working day (调休), overriding the official data', params: DayParams, body: OverrideBodySchema, response: CalendarOverrideSchema }),
    async (request) => putOverride(request.ctx, request.params.day, request.body),
  );

  app.delete('/calendar/overrides/:day', route(admins, { summary: 'Remove an override', params: DayParams, response: z.null(), status: 204 }), async (request, reply) => {
    await deleteOverride(request.ctx, request.params.day);
    return reply.status(204).send(null);
  });

  app.get(
    '/calendar/days/:day',
    route({ public: true }, { summary: 'Is this day a working day in China, and which working day does it roll to', params: DayParams, response: DayInfoSchema }),
    async (request) => describeDay(request.ctx, request.params.day),
  );
};
