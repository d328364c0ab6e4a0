import { z } from 'zod';
import { OFFER_KINDS, OFFER_STATUSES, ROOM_STATUSES } from '../deals.js';
import { pageOf, pageQuery } from '../page.js';
import { BusinessDateSchema, bilingual, MoneySchema, OrgRefSchema } from '../schemas.js';

/**
 * The deal room's API objects (measure 10): inquiries, the NDA, the confidential pack and its
 * access log, messages, offers. The server's routes validate with these schemas; the web app
 * imports the inferred types.
 */

/** The room object carries its latest messages, oldest of them first; the whole conversation is a page of its own. */
export const ROOM_LATEST_MESSAGES = 100;

/** Plain text: any characters but NUL (HTML is stored and shown as text, never rendered). */
export const PlainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: bilingual(`至少 ${min} 个字`, `at least ${min} characters`) })
    .max(max, { message: bilingual(`不能超过 ${max} 个字`, `at most ${max} characters`) })
    .refine((s) => !s.includes('\u0000'), { message: bilingual('含有不允许的控制字符', 'contains a NUL character') });

export const SideSchema = z.enum(['firm', 'holder']);
export type Side = z.infer<typeof SideSchema>;

export const RoomParams = z.strictObject({ roomId: z.uuid() });
export const OfferParams = RoomParams.extend({ offerId: z.uuid() });
export const PackFileParams = RoomParams.extend({ fileId: z.uuid() });
export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export const InquiryBody = z.strictObject({ question: PlainText(0, 5000).optional(), requestPack: z.boolean().optional(), firmOrgId: z.uuid().optional() });
export type InquiryInput = z.infer<typeof InquiryBody>;
export const NdaBody = z.strictObject({ version: z.string().min(1).max(40), accept: z.literal(true) });
export const MessageBody = z.strictObject({ body: PlainText(1, 5000) });
export const OfferBody = z.strictObject({
  kind: z.enum(OFFER_KINDS),
  amount: MoneySchema.nullable().describe('CNY yuan; null: 面议 (negotiable), then terms are required'),
  terms: PlainText(0, 2000).optional(),
  validUntil: BusinessDateSchema,
});
export type OfferInput = z.infer<typeof OfferBody>;
/** Accepting an offer carries no fields. */
export const AcceptBody = z.strictObject({}).nullish();
export const DeclineBody = z.strictObject({ reason: PlainText(0, 1000).optional() }).nullish();
export const PackUploadBody = z.strictObject({ filename: PlainText(1, 200), contentType: z.string().trim().min(3).max(100), dataBase64: z.string().max(14_000_000) });
export type PackUploadInput = z.infer<typeof PackUploadBody>;

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const PackFileSchema = z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() });
export type PackFile = z.infer<typeof PackFileSchema>;

export const OfferSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  side: SideSchema,
  kind: z.enum(OFFER_KINDS),
  amount: z.string().nullable(),
  currency: z.string(),
  negotiable: z.boolean(),
  terms: z.string(),
  validUntil: z.string(),
  status: z.enum(OFFER_STATUSES),
  respondsTo: z.uuid().nullable(),
  contractId: z.uuid().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Offer = z.infer<typeof OfferSchema>;

export const MessageSchema = z.object({ id: z.uuid(), side: SideSchema, author: z.string(), body: z.string(), at: z.string() });
export type Message = z.infer<typeof MessageSchema>;

export const PackAccessSchema = z.object({ id: z.uuid(), filename: z.string(), user: z.string(), at: z.string(), ip: z.string().nullable() });
export type PackAccess = z.infer<typeof PackAccessSchema>;

export const RoomSchema = z.object({
  id: z.uuid(),
  achievement: z.object({ id: z.uuid(), title: z.string(), number: z.string() }),
  holder: OrgRefSchema,
  firm: OrgRefSchema,
  mySide: SideSchema,
  status: z.enum(ROOM_STATUSES),
  packRequested: z.boolean(),
  nda: z.object({
    accepted: z.boolean(),
    version: z.string().nullable(),
    textZh: z.string(),
    textEn: z.string(),
    textSha256: z.string().nullable(),
    acceptedBy: z.string().nullable(),
    acceptedAt: z.string().nullable(),
    acceptedIp: z.string().nullable(),
  }),
  packFiles: z.array(PackFileSchema),
  packAccesses: z.number().int().describe('Openings of pack files in this room (the holder sees them: GET /deal-rooms/{roomId}/pack-access); 0 for the firm'),
  messages: z.array(MessageSchema).describe(`The latest ${ROOM_LATEST_MESSAGES} messages, oldest first; all of them: GET /deal-rooms/{roomId}/messages`),
  messagesTotal: z.number().int(),
  offers: z.array(OfferSchema),
  openOfferExpired: z.boolean(),
  contractId: z.uuid().nullable(),
  pricing: z.object({ method: z.literal('agreement'), publicityMinDays: z.number().int(), zh: z.string(), en: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Room = z.infer<typeof RoomSchema>;
export const RoomReplaySchema = RoomSchema.extend({ replayed: z.boolean() });
export type RoomReplay = z.infer<typeof RoomReplaySchema>;

export const RoomSummarySchema = RoomSchema.pick({ id: true, achievement: true, holder: true, firm: true, mySide: true, status: true, packRequested: true, contractId: true, updatedAt: true }).extend({
  ndaAccepted: z.boolean(),
  messages: z.number().int(),
  offers: z.number().int(),
  openOffers: z.number().int(),
  packAccesses: z.number().int(),
});
export type RoomSummary = z.infer<typeof RoomSummarySchema>;

/** Rooms where my organisation is the firm or the holder: a page, latest activity first. */
export const RoomListQuery = z.strictObject({ achievementId: z.uuid().optional(), ...pageQuery(['updatedAt']) });
export const RoomPage = pageOf(RoomSummarySchema);
export type RoomPage = z.infer<typeof RoomPage>;

/** A room's messages: a page, newest first by default. */
export const MessageListQuery = z.strictObject(pageQuery(['at']));
export const MessagePage = pageOf(MessageSchema);
export type MessagePage = z.infer<typeof MessagePage>;

/** A room's pack access log (the holder's office): a page, newest first by default. */
export const PackAccessQuery = z.strictObject(pageQuery(['at']));
export const PackAccessPage = pageOf(PackAccessSchema);
export type PackAccessPage = z.infer<typeof PackAccessPage>;

export const FunnelCountsSchema = z.object({ inquiries: z.number().int(), ndas: z.number().int(), offers: z.number().int(), deals: z.number().int() });
export type FunnelCounts = z.infer<typeof FunnelCountsSchema>;
/** The holder's pack of an achievement: every file (a handful, at most 10 MB each) with its openings, and the funnel. */
export const PackOverviewSchema = z.object({ items: z.array(PackFileSchema.extend({ accesses: z.number().int() })), funnel: FunnelCountsSchema });
export type PackOverview = z.infer<typeof PackOverviewSchema>;
