import { z } from 'zod';

/**
 * A record's ledger stream as its timeline shows it: every event, oldest first. The same shape for
 * every record kept on the ledger (server: `streamTimeline` in server/lib/timeline.ts).
 */
export const TimelineEventSchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export const TimelineSchema = z.object({ items: z.array(TimelineEventSchema) });
export type Timeline = z.infer<typeof TimelineSchema>;
