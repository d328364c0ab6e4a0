import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFER_KINDS } from '../../../common/deals.js';
import { PLATFORM_ROLES, ROLE_GROUPS, type Role } from '../../../common/roles.js';
import { BusinessDateSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { registerFunnelSource } from '../market/index.js';
import { auctionFunnelCounts, cancelAuction, closeAuction, createAuction, getAuction, listAuctions, placeBid, recordDeposit } from './auctions.service.js';

const TAGS = ['auctions'];
/** Who runs an auction: the holder's office and the platform. */
const RUNNER_ROLES: readonly Role[] = [...ROLE_GROUPS.office, ...PLATFORM_ROLES];
/** Bids are a firm member's own act. */
const BIDDER_ROLES: readonly Role[] = ['enterprise'];
const Params = z.strictObject({ auctionId: z.uuid() });
const Instant = z.iso.datetime({ offset: true, message: bilingual('须为带时区的时间，如 2026-12-20T10:00:00+08:00', 'must be an ISO instant with an offset, e.g. 2026-12-20T10:00:00+08:00') });
const Positive = MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') });

const Explanation = z.object({ zh: z.string(), en: z.string() });
const AuctionOut = z.object({
  id: z.uuid(),
  achievement: z.object({ id: z.uuid(), title: z.string(), number: z.string() }),
  holder: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.enum(OFFER_KINDS),
  title: z.string(),
  currency: z.string(),
  status: z.enum(['scheduled', 'closed_won', 'closed_unsold', 'cancelled']),
  phase: z.enum(['publicity', 'upcoming', 'open', 'ended', 'closed_won', 'closed_unsold', 'cancelled']),
  startingPrice: z.string(),
  reservePrice: z.string().nullable().describe('Shown to the holder’s office and the operator only'),
  hasReserve: z.boolean(),
  reserveMet: z.boolean(),
  increment: z.string(),
  depositAmount: z.string(),
  publicity: z.object({ listedOn: z.string(), days: z.number().int(), dayKind: z.enum(['working', 'calendar']), lastDay: z.string(), biddingFrom: z.string(), explanation: Explanation }),
  startsAt: z.string(),
  endsAt: z.string(),
  originalEndsAt: z.string(),
  extensionMinutes: z.number().int(),
  highestAmount: z.string().nullable(),
  bidCount: z.number().int(),
  minimumNextBid: z.string(),
  serverNow: z.string(),
  canRun: z.boolean(),
  myDeposit: z.boolean(),
  canBid: z.boolean(),
  bids: z.array(z.object({ seq: z.number().int(), amount: z.string(), at: z.string(), bidder: z.string(), mine: z.boolean(), extended: z.boolean() })),
  deposits: z.array(z.object({ orgId: z.uuid(), name: z.string(), amount: z.string(), recordedAt: z.string() })),
  winner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  contractId: z.uuid().nullable(),
  rules: z.object({ version: z.string(), zh: z.string(), en: z.string() }),
});

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
        summary: 'Listings and auctions (live first)',
        querystring: z.strictObject({ achievementId: z.uuid().optional() }),
        response: reply(
          z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                achievementId: z.uuid(),
                title: z.string(),
                holder: z.object({ id: z.uuid(), name: z.string() }),
                kind: z.enum(OFFER_KINDS),
                status: z.string(),
                phase: z.string(),
                startingPrice: z.string(),
                highestAmount: z.string().nullable(),
                bidCount: z.number().int(),
                startsAt: z.string(),
                endsAt: z.string(),
              }),
            ),
          }),
        ),
      },
    },
    async (request) => listAuctions(request.ctx, request.query),
  );

  app.post(
    '/achievements/:achievementId/auctions',
    {
      config: { access: { roles: RUNNER_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'List a public achievement (挂牌) with a publicity period, then an English auction',
        params: z.strictObject({ achievementId: z.uuid() }),
        body: z.strictObject({
          kind: z.enum(OFFER_KINDS),
          title: z.string().trim().max(200).optional(),
          startingPrice: Positive,
          reservePrice: Positive.nullable(),
          increment: Positive,
          depositAmount: MoneySchema,
          listedOn: BusinessDateSchema.optional(),
          publicityDays: z.number().int().min(1).max(60),
          publicityDayKind: z.enum(['working', 'calendar']),
          startsAt: Instant,
          endsAt: Instant,
          extensionMinutes: z.number().int().min(0).max(60),
        }),
        response: { 201: AuctionOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createAuction(request.ctx, request.params.achievementId, request.body)),
  );

  app.get('/auctions/:auctionId', { config: { access: { roles: 'any' } }, schema: { tags: TAGS, summary: 'One auction: highest bid, minimum next bid, close, bids', params: Params, response: reply(AuctionOut) } }, async (request) =>
    getAuction(request.ctx, request.params.auctionId),
  );

  app.post(
    '/auctions/:auctionId/deposits',
    {
      config: { access: { roles: RUNNER_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Holder’s office or operator: record a firm’s deposit as paid',
        params: Params,
        body: z.strictObject({ orgId: z.uuid(), amount: MoneySchema, reference: z.string().trim().max(200).optional() }),
        response: reply(AuctionOut),
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
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: z.strictObject({ amount: Positive, bidderOrgId: z.uuid().optional() }),
        response: {
          201: z.object({ bidId: z.uuid(), seq: z.number().int(), amount: z.string(), endsAt: z.string(), extended: z.boolean(), minimumNextBid: z.string(), explanation: Explanation, replayed: z.boolean() }),
          ...problemResponses,
        },
      },
    },
    async (request, r) => r.status(201).send(await placeBid(request.ctx, request.params.auctionId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/auctions/:auctionId/close',
    {
      config: { access: { roles: RUNNER_ROLES, record: 'party' } },
      schema: { tags: TAGS, summary: 'After the close: the winner proceeds to a draft contract, or no sale (reserve not met)', params: Params, body: z.strictObject({}).nullish(), response: reply(AuctionOut) },
    },
    async (request) => closeAuction(request.ctx, request.params.auctionId),
  );

  app.post(
    '/auctions/:auctionId/cancel',
    {
      config: { access: { roles: RUNNER_ROLES, record: 'party' } },
      schema: { tags: TAGS, summary: 'Withdraw a listing before any bid', params: Params, body: z.strictObject({ reason: z.string().trim().min(2).max(1000) }), response: reply(AuctionOut) },
    },
    async (request) => cancelAuction(request.ctx, request.params.auctionId, request.body),
  );
};
