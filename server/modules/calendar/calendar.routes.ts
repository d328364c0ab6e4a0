import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarOverrideSchema, DayInfoSchema, DayParamsSchema as DayParams, OverrideBodySchema, OverridesQuerySchema, OverridesSchema } from '../../../common/api/calendar.js';
import type { Role } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { deleteOverride, describeDay, listOverrides, putOverride } from './calendar.service.js';

const ADMINS_ONLY: readonly Role[] = ['admin'];

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/overrides',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['calendar'],
        summary: 'Working-day overrides entered by administrators, and the years the calendar knows',
        querystring: OverridesQuerySchema,
        response: { 200: OverridesSchema, ...problemResponses },
      },
    },
    async (request) => listOverrides(request.ctx, request.query),
  );

  app.put(
    '/calendar/overrides/:day',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: {
        tags: ['calendar'],
        summary: 'Set a day as a holiday or a working day (调休), overriding the official data',
        params: DayParams,
        body: OverrideBodySchema,
        response: { 200: CalendarOverrideSchema, ...problemResponses },
      },
    },
    async (request) => putOverride(request.ctx, request.params.day, request.body),
  );

  app.delete(
    '/calendar/overrides/:day',
    {
      config: { access: { roles: ADMINS_ONLY } },
      schema: { tags: ['calendar'], summary: 'Remove an override', params: DayParams, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await deleteOverride(request.ctx, request.params.day);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/calendar/days/:day',
    {
      config: { access: { public: true } },
      schema: { tags: ['calendar'], summary: 'Is this day a working day in China, and which working day does it roll to', params: DayParams, response: { 200: DayInfoSchema, ...problemResponses } },
    },
    async (request) => describeDay(request.ctx, request.params.day),
  );
};
