import { z } from 'zod';

/**
 * An objection raised during a publicity window (an achievement's price, an ownership grant), as
 * every list of them shows it. Server: `presentObjection` in server/lib/objections.ts.
 */
export const OBJECTION_RESOLUTIONS = ['upheld', 'dismissed'] as const;
export type ObjectionResolution = (typeof OBJECTION_RESOLUTIONS)[number];
export const ObjectionSchema = z.object({
  id: z.uuid(),
  raisedByName: z.string(),
  content: z.string(),
  raisedAt: z.string(),
  resolution: z.enum(OBJECTION_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ObjectionSchema>;
