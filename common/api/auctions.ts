import { z } from 'zod';
import { OFFER_KINDS } from '../deals.js';
import { pageOf, pageQuery } from '../page.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, MoneySchema, OrgRefSchema } from '../schemas.js';

/**
 * The auctions' API objects (measure 10): listing with publicity (挂牌), English auctions, deposits
 * and bids. The server's routes validate with these schemas; the web app imports the inferred types.
 */

/** The auction object carries its latest bids, newest first; every bid: GET /auctions/{auctionId}/bids. */
export const AUCTION_LATEST_BIDS = 200;

export const AUCTION_STATUSES = ['scheduled', 'closed_won', 'closed_unsold', 'cancelled'] as const;
export const AUCTION_PHASES = ['publicity', 'upcoming', 'open', 'ended', 'closed_won', 'closed_unsold', 'cancelled'] as const;
export type AuctionStatus = (typeof AUCTION_STATUSES)[number];
export type AuctionPhase = (typeof AUCTION_PHASES)[number];

const Instant = z.iso.datetime({ offset: true, message: bilingual('须为带时区的时间，如 2026-12-20T10:00:00+08:00', 'must be an ISO instant with an offset, e.g. 2026-12-20T10:00:00+08:00') });
const Positive = MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') });

export const AuctionParams = z.strictObject({ auctionId: z.uuid() });
export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export const NewAuctionBody = z.strictObject({
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
});
export type NewAuctionInput = z.infer<typeof NewAuctionBody>;
export const DepositBody = z.strictObject({ orgId: z.uuid(), amount: MoneySchema, reference: z.string().trim().max(200).optional() });
export type DepositInput = z.infer<typeof DepositBody>;
export const BidBody = z.strictObject({ amount: Positive, bidderOrgId: z.uuid().optional() });
export type BidInput = z.infer<typeof BidBody>;
export const CloseAuctionBody = z.strictObject({}).nullish();
export const CancelAuctionBody = z.strictObject({ reason: z.string().trim().min(2).max(1000) });

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/** A bid as the caller may see it: other bidders by number only (竞买人 1, 2 …) unless the caller runs the auction. */
export const BidSchema = z.object({ seq: z.number().int(), amount: z.string(), at: z.string(), bidder: z.string(), mine: z.boolean(), extended: z.boolean() });
export type Bid = z.infer<typeof BidSchema>;

export const AuctionSchema = z.object({
  id: z.uuid(),
  achievement: z.object({ id: z.uuid(), title: z.string(), number: z.string() }),
  holder: OrgRefSchema,
  kind: z.enum(OFFER_KINDS),
  title: z.string(),
  currency: z.string(),
  status: z.enum(AUCTION_STATUSES),
  phase: z.enum(AUCTION_PHASES),
  startingPrice: z.string(),
  reservePrice: z.string().nullable().describe('Shown to the holder’s office and the operator only'),
  hasReserve: z.boolean(),
  reserveMet: z.boolean(),
  increment: z.string(),
  depositAmount: z.string(),
  publicity: z.object({
    listedOn: z.string(),
    days: z.number().int(),
    dayKind: z.enum(['working', 'calendar']),
    lastDay: z.string(),
    biddingFrom: z.string(),
    explanation: BilingualTextSchema,
  }),
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
  bids: z.array(BidSchema).describe(`The latest ${AUCTION_LATEST_BIDS} bids, newest first (bidCount counts all)`),
  deposits: z.array(z.object({ orgId: z.uuid(), name: z.string(), amount: z.string(), recordedAt: z.string() })).describe('Shown to who runs the auction only'),
  winner: OrgRefSchema.nullable(),
  contractId: z.uuid().nullable(),
  rules: z.object({ version: z.string(), zh: z.string(), en: z.string() }),
});
export type Auction = z.infer<typeof AuctionSchema>;

export const AuctionSummarySchema = z.object({
  id: z.uuid(),
  achievementId: z.uuid(),
  title: z.string(),
  holder: OrgRefSchema,
  kind: z.enum(OFFER_KINDS),
  status: z.enum(AUCTION_STATUSES),
  phase: z.enum(AUCTION_PHASES),
  startingPrice: z.string(),
  highestAmount: z.string().nullable(),
  bidCount: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type AuctionSummary = z.infer<typeof AuctionSummarySchema>;

/** Listings and auctions: a page, live ones first, then by close (`order`). */
export const AuctionListQuery = z.strictObject({ achievementId: z.uuid().optional(), ...pageQuery(['endsAt']) });
export const AuctionPage = pageOf(AuctionSummarySchema);
export type AuctionPage = z.infer<typeof AuctionPage>;

/** Every bid of an auction: a page, newest first by default. */
export const BidListQuery = z.strictObject(pageQuery(['seq']));
export const BidPage = pageOf(BidSchema);
export type BidPage = z.infer<typeof BidPage>;

export const BidResultSchema = z.object({
  bidId: z.uuid(),
  seq: z.number().int(),
  amount: z.string(),
  endsAt: z.string(),
  extended: z.boolean(),
  minimumNextBid: z.string(),
  explanation: BilingualTextSchema,
  replayed: z.boolean(),
});
export type BidResult = z.infer<typeof BidResultSchema>;
