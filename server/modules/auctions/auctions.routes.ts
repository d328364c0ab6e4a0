import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
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
import { problemResponses } from '../../lib/schemas.js';
import { registerFunnelSource } from '../market/index.js';
import { auctionFunnelCounts, cancelAuction, closeAuction, createAuction, getAuction, listAuctions, listBids, placeBid, recordDeposit } from './auctions.service.js';

const TAGS = ['auctions'];
/** Who runs an auction: the holder's office and the platform. */
const RUNNER_ROLES: readonly Role[] = [...ROLE_GROUPS.office, ...PLATFORM_ROLES];
/** Bids are a firm member's own act. */
const BIDDER_ROLES: readonly Role[] = ['enterprise'];
const Params = AuctionParams;

export const auctionsRoutes: FastifyPluginAsyncZod = async (app) => {
  // An auction won is a deal of the listing's funnel.
  registerFunnelSource({ name: 'auctions', count: auctionFunnelCounts });
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

  app.get(
    '/auctions',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Listings and auctions: a page, scheduled ones first, then by close',
        querystring: AuctionListQuery,
        response: reply(AuctionPage),
      },
    },
    async (request) => listAuctions(request.ctx, request.query),
  );

  app.post(
    '/achievements/:achievementId/auctions',
    {
      config: { access: { roles: RUNNER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'List a public achievement (挂牌) with a publicity period, then an English auction',
        params: AchievementParams,
        body: NewAuctionBody,
        response: { 201: AuctionSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createAuction(request.ctx, request.params.achievementId, request.body)),
  );

  app.get('/auctions/:auctionId', { config: { access: { roles: 'any' } }, schema: { tags: TAGS, summary: 'One auction: highest bid, minimum next bid, close, the latest bids', params: Params, response: reply(AuctionSchema) } }, async (request) =>
    getAuction(request.ctx, request.params.auctionId),
  );

  app.get(
    '/auctions/:auctionId/bids',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: TAGS, summary: 'Every bid of an auction (bidders by number unless the caller runs it): a page, newest first by default', params: Params, querystring: BidListQuery, response: reply(BidPage) },
    },
    async (request) => listBids(request.ctx, request.params.auctionId, request.query),
  );

  app.post(
    '/auctions/:auctionId/deposits',
    {
      config: { access: { roles: RUNNER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Holder’s office or operator: record a firm’s deposit as paid',
        params: Params,
        body: DepositBody,
        response: reply(AuctionSchema),
      },
    },
    async (request) => recordDeposit(request.ctx, request.params.auctionId, request.body),
  );

  app.post(
    '/auctions/:auctionId/bids',
    {
      config: { access: { roles: BIDDER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'A firm bids; send Idempotency-Key so that a retried bid counts once',
        params: Params,
        headers: IdempotencyHeaders,
        body: BidBody,
        response: { 201: BidResultSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await placeBid(request.ctx, request.params.auctionId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/auctions/:auctionId/close',
    {
      config: { access: { roles: RUNNER_ROLES } },
      schema: { tags: TAGS, summary: 'After the close: the winner proceeds to a draft contract, or no sale (reserve not met)', params: Params, body: CloseAuctionBody, response: reply(AuctionSchema) },
    },
    async (request) => closeAuction(request.ctx, request.params.auctionId),
  );

  app.post(
    '/auctions/:auctionId/cancel',
    {
      config: { access: { roles: RUNNER_ROLES } },
      schema: { tags: TAGS, summary: 'Withdraw a listing before any bid', params: Params, body: CancelAuctionBody, response: reply(AuctionSchema) },
    },
    async (request) => cancelAuction(request.ctx, request.params.auctionId, request.body),
  );
};
