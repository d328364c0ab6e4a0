import { z } from 'zod';
import { RoleSchema, UuidSchema } from '../schemas.js';

/** The home API (server/modules/home/home.routes.ts): figures for the home page of a membership. */

export const HomeQuerySchema = z.strictObject({ role: RoleSchema.optional(), organisationId: UuidSchema.optional() });
export type HomeQuery = z.infer<typeof HomeQuerySchema>;

export const FigureSchema = z.object({ key: z.string(), value: z.number() });
export type Figure = z.infer<typeof FigureSchema>;
export const SeriesSchema = z.object({ key: z.string(), points: z.array(z.object({ label: z.string(), value: z.number() })) });
export type Series = z.infer<typeof SeriesSchema>;

export const HomeSchema = z.object({
  role: RoleSchema,
  organisationId: z.uuid(),
  figures: z.array(FigureSchema),
  series: z.array(SeriesSchema),
});
export type HomeData = z.infer<typeof HomeSchema>;
