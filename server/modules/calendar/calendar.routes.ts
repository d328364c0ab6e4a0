import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isBusinessDate } from '../../../common/calendar.js';
import { problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { deleteOverride, describeDay, listOverrides, putOverride } from './calendar.service.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** A real calendar date ('2026-02-30' is refused) within the years the platform deals in. */
const DaySchema = z
  .string()
  .refine((s) => isBusinessDate(s) && Number(s.slice(0, 4)) >= MIN_YEAR && Number(s.slice(0, 4)) <= MAX_YEAR, {
    message: bilingual(`须为有效日期 YYYY-MM-DD（${MIN_YEAR}–${MAX_YEAR} 年）`, `must be a real date YYYY-MM-DD (years ${MIN_YEAR}–${MAX_YEAR})`),
  })
  .describe('Business date YYYY-MM-DD (Asia/Shanghai)');
const DayParams = z.strictObject({ day: DaySchema });

const OverrideSchema = z.object({ day: z.string(), isWorkday: z.boolean(), name: z.string() });
const OverrideBody = z.strictObject({
  isWorkday: z.boolean(),
  name: z
    .string()
    .trim()
    .min(1, { message: bilingual('请填写名称（如“春节”或“春节调休上班”）', 'give a name (e.g. "Spring Festival")') })
    .max(50),
});

const DaySchemaOut = z.object({
  day: z.string(),
  isWorkday: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted-workday']),
  name: z.string().describe('Holiday name in Chinese; empty for an ordinary day'),
  nameEn: z.string(),
  source: z.enum(['override', 'official', 'weekend-rule']).describe("'weekend-rule': no holiday data for that year"),
  nextWorkday: z.string().describe('The day itself when it is a working day, else the next one: where a due date on this day rolls to'),
});

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendar/overrides',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['calendar'],
        summary: 'Working-day overrides entered by administrators, and the years the calendar knows',
        querystring: z.strictObject({ year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional() }),
        response: { 200: z.object({ items: z.array(OverrideSchema), knownYears: z.array(z.number().int()) }), ...problemResponses },
      },
    },
    async (request) => listOverrides(request.ctx, request.query),
  );

  app.put(
    '/calendar/overrides/:day',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['calendar'],
        summary: 'Set a day as a holiday or a working day (调休), overriding the official data',
        params: DayParams,
        body: OverrideBody,
        response: { 200: OverrideSchema, ...problemResponses },
      },
    },
    async (request) => putOverride(request.ctx, request.params.day, request.body),
  );

  app.delete(
    '/calendar/overrides/:day',
    {
      config: { access: { roles: ['admin'] } },
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
      schema: { tags: ['calendar'], summary: 'Is this day a working day in China, and which working day does it roll to', params: DayParams, response: { 200: DaySchemaOut, ...problemResponses } },
    },
    async (request) => describeDay(request.ctx, request.params.day),
  );
};
