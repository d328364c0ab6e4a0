import { z } from 'zod';

/** The ledger API (server/modules/ledger/ledger.routes.ts): verification of every hash chain. */

export const LedgerVerifySchema = z.object({
  ok: z.boolean(),
  streams: z.number().int().describe('Streams checked'),
  events: z.number().int().describe('Events checked (up to the first broken link)'),
  firstBroken: z
    .object({
      stream: z.string(),
      seq: z.number().int(),
      eventId: z.string().nullable().describe('null when the broken link is a missing event'),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'seq_gap', 'head_mismatch']),
    })
    .optional(),
});
export type LedgerVerifyResult = z.infer<typeof LedgerVerifySchema>;
