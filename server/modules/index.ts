import type { FastifyPluginAsync } from 'fastify';
import { achievementsEquityRoutes } from './achievements/achievements.equity.routes.js';
import { achievementsExchangeRoutes } from './achievements/achievements.exchange.routes.js';
import { achievementsRoutes } from './achievements/achievements.routes.js';
import { auctionsRoutes } from './auctions/auctions.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { contractsRoutes } from './contracts/contracts.routes.js';
import { distributionRoutes } from './distribution/distribution.routes.js';
import { subscribeDistributionToReceipts } from './distribution/index.js';
import { evaluationRoutes } from './evaluation/evaluation.routes.js';
import { dealsRoutes } from './deals/deals.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { ledgerRoutes } from './ledger/ledger.routes.js';
import { marketRoutes } from './market/market.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { orgsRoutes } from './orgs/orgs.routes.js';
import { projectsRoutes } from './projects/projects.routes.js';
import { referenceRoutes } from './reference/reference.routes.js';
import { reportsRoutes } from './reports/reports.routes.js';
import { proceedsRoutes } from './rights/proceeds.routes.js';
import { rectificationRoutes } from './rights/rectification.routes.js';
import { rightsRoutes } from './rights/rights.routes.js';
import { usersRoutes } from './users/users.routes.js';

/** Every module's routes, mounted under /api/v1. */
export const apiModules = [
  authRoutes,
  orgsRoutes,
  usersRoutes,
  referenceRoutes,
  homeRoutes,
  ledgerRoutes,
  auditRoutes,
  notificationsRoutes,
  calendarRoutes,
  achievementsRoutes,
  achievementsExchangeRoutes,
  achievementsEquityRoutes,
  contractsRoutes,
  distributionRoutes,
  projectsRoutes,
  evaluationRoutes,
  dealsRoutes,
  auctionsRoutes,
  rightsRoutes,
  proceedsRoutes,
  rectificationRoutes,
  marketRoutes,
  reportsRoutes,
] as FastifyPluginAsync[];

/**
 * Modules that react to another module's ledger events in the same transaction (server/lib/ledger.ts
 * onLedgerEvent): distribution takes in each contract receipt as it is recorded. Idempotent: an
 * app built many times in one process (tests) subscribes each handler once.
 */
export function subscribeModules(): void {
  subscribeDistributionToReceipts();
}
