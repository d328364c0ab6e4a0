import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LedgerVerifySchema } from '../../../common/api/ledger.js';
import { OVERSIGHT_ROLES } from '../../../common/roles.js';
import { verifyLedger } from '../../lib/ledger.js';
import { routeSpecs } from '../../lib/routes.js';

const route = routeSpecs(['ledger']);

export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/ledger/verify', route({ roles: OVERSIGHT_ROLES }, { summary: 'Recompute every hash chain of the ledger and name the first broken link', response: LedgerVerifySchema }), async (request) =>
    verifyLedger(request.ctx.db),
  );
};
