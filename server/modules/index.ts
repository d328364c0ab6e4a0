import type { FastifyPluginAsync } from 'fastify';
import { achievementsEquityRoutes } from './achievements/achievements.equity.routes.js';
import { achievementsExchangeRoutes } from './achievements/achievements.exchange.routes.js';
import { achievementsReportsRoutes } from './achievements/achievements.reports.routes.js';
import { achievementsRoutes } from './achievements/achievements.routes.js';
import { auctionsRoutes } from './auctions/auctions.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { contractsRoutes } from './contracts/contracts.routes.js';
import { dealsRoutes } from './deals/deals.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { ledgerRoutes } from './ledger/ledger.routes.js';
import { marketRoutes } from './market/market.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { orgsRoutes } from './orgs/orgs.routes.js';
import { referenceRoutes } from './reference/reference.routes.js';
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
  achievementsReportsRoutes,
  contractsRoutes,
  marketRoutes,
  dealsRoutes,
  auctionsRoutes,
] as FastifyPluginAsync[];
