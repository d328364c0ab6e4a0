import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LedgerVerifySchema } from '../../../common/api/ledger.js';
import { OVERSIGHT_ROLES } from '../../../common/roles.js';
import { verifyLedger } from '../../lib/ledger.js';
import { problemResponses } from '../../lib/schemas.js';

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ledger/verify',
    {
      config: { access: { roles: OVERSIGHT_ROLES } },
      schema: {
        tags: ['ledger'],
        summary: 'Recompute every hash chain of the ledger and name the first broken link',
        response: { 200: LedgerVerifySchema, ...problemResponses },
      },
    },
    async (request) => verifyLedger(request.ctx.db),
  );
};
