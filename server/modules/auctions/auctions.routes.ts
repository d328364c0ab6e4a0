import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AchievementParams,
  AuctionListQuery,
  AuctionPage,
  AuctionParams,
  AuctionSchema,
  BidBody,
  BidListQuery,
  BidPage,
  BidResultSchema,
  CancelAuctionBody,
  CloseAuctionBody,
  DepositBody,
  IdempotencyHeaders,
  NewAuctionBody,
} from '../../../common/api/auctions.js';
import { PLATFORM_ROLES, ROLE_GROUPS, type Role } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { registerFunnelSource } from '../market/index.js';
import { auctionFunnelCounts, cancelAuction, closeAuction, createAuction, getAuction, listAuctions, listBids, placeBid, recordDeposit } from './auctions.service.js';

const route = routeSpecs(['auctions']);
/** Who runs an auction: the holder's office and the platform. */
const RUNNER_ROLES: readonly Role[] = [...ROLE_GROUPS.office, ...PLATFORM_ROLES];
/** Bids are a firm member's own act. */
const BIDDER_ROLES: readonly Role[] = ['enterprise'];
const Params = AuctionParams;

export const auctionsRoutes: FastifyPluginAsyncZod = async (app) => {
  // An auction won is a deal of the listing's funnel.
  registerFunnelSource({ name: 'auctions', count: auctionFunnelCounts });

  app.get(
    '/auctions',
    route({ roles: 'any' }, { summary: 'Listings and auctions: a page, scheduled ones first, then by close', querystring: AuctionListQuery, response: AuctionPage }),
    async (request) => listAuctions(request.ctx, request.query),
  );

  app.post(
    '/achievements/:achievementId/auctions',
    route(
      { roles: RUNNER_ROLES },
      { summary: 'List a public achievement (挂牌) with a publicity period, then an English auction', params: AchievementParams, body: NewAuctionBody, response: AuctionSchema, status: 201 },
    ),
    async (request, r) => r.status(201).send(await createAuction(request.ctx, request.params.achievementId, request.body)),
  );

  app.get(
    '/auctions/:auctionId',
    route({ roles: 'any' }, { summary: 'One auction: highest bid, minimum next bid, close, the latest bids', params: Params, response: AuctionSchema }),
    async (request) => getAuction(request.ctx, request.params.auctionId),
  );

  app.get(
    '/auctions/:auctionId/bids',
    route(
      { roles: 'any' },
      { summary: 'Every bid of an auction (bidders by number unless the caller runs it): a page, newest first by default', params: Params, querystring: BidListQuery, response: BidPage },
    ),
    async (request) => listBids(request.ctx, request.params.auctionId, request.query),
  );

  app.post(
    '/auctions/:auctionId/deposits',
    route({ roles: RUNNER_ROLES }, { summary: 'Holder’s office or operator: record a firm’s deposit as paid', params: Params, body: DepositBody, response: AuctionSchema }),
    async (request) => recordDeposit(request.ctx, request.params.auctionId, request.body),
  );

  app.post(
    '/auctions/:auctionId/bids',
    route(
      { roles: BIDDER_ROLES },
      { summary: 'A firm bids; send Idempotency-Key so that a retried bid counts once', params: Params, headers: IdempotencyHeaders, body: BidBody, response: BidResultSchema, status: 201 },
    ),
    async (request, r) => r.status(201).send(await placeBid(request.ctx, request.params.auctionId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/auctions/:auctionId/close',
    route(
      { roles: RUNNER_ROLES },
      { summary: 'After the close: the winner proceeds to a draft contract, or no sale (reserve not met)', params: Params, body: CloseAuctionBody, response: AuctionSchema },
    ),
    async (request) => closeAuction(request.ctx, request.params.auctionId),
  );

  app.post(
    '/auctions/:auctionId/cancel',
    route({ roles: RUNNER_ROLES }, { summary: 'Withdraw a listing before any bid', params: Params, body: CancelAuctionBody, response: AuctionSchema }),
    async (request) => cancelAuction(request.ctx, request.params.auctionId, request.body),
  );
};
