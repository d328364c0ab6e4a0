import { z } from 'zod';
import { isBusinessDate } from '../calendar.js';
import { bilingual } from '../schemas.js';

/** The calendar API (server/modules/calendar/calendar.routes.ts): working days and the administrators' overrides. */

export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2199;

/** A real calendar date ('2026-02-30' is refused) within the years the platform deals in. */
export const DaySchema = z
  .string()
  .refine((s) => isBusinessDate(s) && Number(s.slice(0, 4)) >= CALENDAR_MIN_YEAR && Number(s.slice(0, 4)) <= CALENDAR_MAX_YEAR, {
    message: bilingual(`须为有效日期 YYYY-MM-DD（${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR} 年）`, `must be a real date YYYY-MM-DD (years ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR})`),
  })
  .describe('Business date YYYY-MM-DD (Asia/Shanghai)');
export const DayParamsSchema = z.strictObject({ day: DaySchema });

export const CalendarOverrideSchema = z.object({ day: z.string(), isWorkday: z.boolean(), name: z.string() });
export type CalendarOverride = z.infer<typeof CalendarOverrideSchema>;

export const OverrideBodySchema = z.strictObject({
  isWorkday: z.boolean(),
  name: z
    .string()
    .trim()
    .min(1, { message: bilingual('请填写名称（如“春节”或“春节调休上班”）', 'give a name (e.g. "Spring Festival")') })
    .max(50),
});
export type OverrideBody = z.infer<typeof OverrideBodySchema>;

export const OverridesQuerySchema = z.strictObject({ year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR).optional() });
export const OverridesSchema = z.object({ items: z.array(CalendarOverrideSchema), knownYears: z.array(z.number().int()) });
export type Overrides = z.infer<typeof OverridesSchema>;

export const DayInfoSchema = z.object({
  day: z.string(),
  isWorkday: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted-workday']),
  name: z.string().describe('Holiday name in Chinese; empty for an ordinary day'),
  nameEn: z.string(),
  source: z.enum(['override', 'official', 'weekend-rule']).describe("'weekend-rule': no holiday data for that year"),
  nextWorkday: z.string().describe('The day itself when it is a working day, else the next one: where a due date on this day rolls to'),
});
export type DayInfoView = z.infer<typeof DayInfoSchema>;
