import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyLedger } from '../../lib/ledger.js';
import { problemResponses } from '../../lib/schemas.js';

const VerifySchema = z.object({
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

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ledger/verify',
    {
      config: { access: { roles: ['admin', 'bureau'] } },
      schema: {
        tags: ['ledger'],
        summary: 'Recompute every hash chain of the ledger and name the first broken link',
        response: { 200: VerifySchema, ...problemResponses },
      },
    },
    async (request) => verifyLedger(request.ctx.db),
  );
};
