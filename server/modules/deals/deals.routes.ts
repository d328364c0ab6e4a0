import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OFFER_KINDS, OFFER_STATUSES, ROOM_STATUSES } from '../../../common/deals.js';
import { OFFICE_ROLES, PARTY_ROLES, type Role } from '../../../common/roles.js';
import { BusinessDateSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { registerFunnelSource } from '../market/index.js';
import {
  acceptNda,
  acceptOffer,
  counterOffer,
  dealFunnelCounts,
  declineOffer,
  getRoom,
  listRooms,
  makeOffer,
  openInquiry,
  packOverview,
  postMessage,
  readPackFile,
  uploadPackFile,
} from './deals.service.js';

const TAGS = ['deals'];
/** Inquiries, the NDA and bids are a firm member's own acts (an organisation admin acts in the room, not for the firm's inquiry). */
const FIRM_ROLES: readonly Role[] = ['enterprise'];

/** Plain text: any characters but NUL (HTML is stored and shown as text, never rendered). */
const PlainText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { message: bilingual(`至少 ${min} 个字`, `at least ${min} characters`) })
    .max(max, { message: bilingual(`不能超过 ${max} 个字`, `at most ${max} characters`) })
    .refine((s) => !s.includes('\u0000'), { message: bilingual('含有不允许的控制字符', 'contains a NUL character') });

const RoomParams = z.strictObject({ roomId: z.uuid() });
const OfferParams = RoomParams.extend({ offerId: z.uuid() });
const AchievementParams = z.strictObject({ achievementId: z.uuid() });
const IdemHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

const OfferBody = z.strictObject({
  kind: z.enum(OFFER_KINDS),
  amount: MoneySchema.nullable().describe('CNY yuan; null: 面议 (negotiable), then terms are required'),
  terms: PlainText(0, 2000).optional(),
  validUntil: BusinessDateSchema,
});

const Party = z.object({ id: z.uuid(), name: z.string() });
const PackFile = z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() });
const Offer = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  side: z.enum(['firm', 'holder']),
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
const RoomOut = z.object({
  id: z.uuid(),
  achievement: z.object({ id: z.uuid(), title: z.string(), number: z.string() }),
  holder: Party,
  firm: Party,
  mySide: z.enum(['firm', 'holder']),
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
  packFiles: z.array(PackFile),
  accessLog: z.array(z.object({ id: z.uuid(), filename: z.string(), user: z.string(), at: z.string(), ip: z.string().nullable() })),
  messages: z.array(z.object({ id: z.uuid(), side: z.enum(['firm', 'holder']), author: z.string(), body: z.string(), at: z.string() })),
  offers: z.array(Offer),
  openOfferExpired: z.boolean(),
  contractId: z.uuid().nullable(),
  pricing: z.object({ method: z.literal('agreement'), publicityMinDays: z.number().int(), zh: z.string(), en: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const RoomReplayOut = RoomOut.extend({ replayed: z.boolean() });

export const dealsRoutes: FastifyPluginAsyncZod = async (app) => {
  // The market listing's funnel counts this module's inquiries, NDAs, offers and deals.
  registerFunnelSource({ name: 'deal_rooms', count: (db, achievementId) => dealFunnelCounts({ db }, achievementId) });
  const party = { access: { roles: PARTY_ROLES, record: 'party' as const } };

  app.post(
    '/achievements/:achievementId/inquiries',
    {
      config: { access: { roles: FIRM_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'A firm asks a question about a public achievement or requests its confidential pack (opens the deal room once per firm)',
        params: AchievementParams,
        body: z.strictObject({ question: PlainText(0, 5000).optional(), requestPack: z.boolean().optional(), firmOrgId: z.uuid().optional() }),
        response: { 201: RoomOut, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await openInquiry(request.ctx, request.params.achievementId, request.body)),
  );

  app.get(
    '/deal-rooms',
    {
      config: { access: { roles: PARTY_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Deal rooms where my organisation is the firm or the holder',
        querystring: z.strictObject({ achievementId: z.uuid().optional() }),
        response: {
          200: z.object({
            items: z.array(
              RoomOut.pick({ id: true, achievement: true, holder: true, firm: true, mySide: true, status: true, packRequested: true, contractId: true, updatedAt: true }).extend({
                ndaAccepted: z.boolean(),
                messages: z.number().int(),
                offers: z.number().int(),
                openOffers: z.number().int(),
                packAccesses: z.number().int(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => listRooms(request.ctx, request.query),
  );

  app.get('/deal-rooms/:roomId', { config: party, schema: { tags: TAGS, summary: 'One deal room (the firm and the holder’s office only)', params: RoomParams, response: { 200: RoomOut, ...problemResponses } } }, async (request) =>
    getRoom(request.ctx, request.params.roomId),
  );

  app.post(
    '/deal-rooms/:roomId/nda',
    {
      config: { access: { roles: FIRM_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'The firm accepts the click-through NDA (the version it read); who, when, IP and the text hash are recorded',
        params: RoomParams,
        body: z.strictObject({ version: z.string().min(1).max(40), accept: z.literal(true) }),
        response: { 200: RoomOut, ...problemResponses },
      },
    },
    async (request) => acceptNda(request.ctx, request.params.roomId, request.body),
  );

  app.get(
    '/deal-rooms/:roomId/pack/:fileId',
    { config: party, schema: { tags: TAGS, summary: 'Open one file of the confidential pack (after the NDA); every access is logged', params: RoomParams.extend({ fileId: z.uuid() }) } },
    async (request, reply) => {
      const f = await readPackFile(request.ctx, request.params.roomId, request.params.fileId);
      return reply
        .header('content-type', f.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(f.data));
    },
  );

  app.post(
    '/deal-rooms/:roomId/messages',
    { config: party, schema: { tags: TAGS, summary: 'A message to the other side (plain text)', params: RoomParams, body: z.strictObject({ body: PlainText(1, 5000) }), response: { 200: RoomOut, ...problemResponses } } },
    async (request) => postMessage(request.ctx, request.params.roomId, request.body),
  );

  app.post(
    '/deal-rooms/:roomId/offers',
    {
      config: party,
      schema: { tags: TAGS, summary: 'Make an offer (amount in CNY or 面议 terms, kind, validity); send Idempotency-Key', params: RoomParams, headers: IdemHeaders, body: OfferBody, response: { 201: RoomReplayOut, ...problemResponses } },
    },
    async (request, reply) => reply.status(201).send(await makeOffer(request.ctx, request.params.roomId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/counter',
    {
      config: party,
      schema: { tags: TAGS, summary: 'Counter the other side’s open offer with a new one', params: OfferParams, headers: IdemHeaders, body: OfferBody, response: { 201: RoomReplayOut, ...problemResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(await counterOffer(request.ctx, request.params.roomId, request.params.offerId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/accept',
    {
      config: party,
      schema: {
        tags: TAGS,
        summary: 'Accept the other side’s open offer: a draft contract is created in the contracts module and linked',
        params: OfferParams,
        headers: IdemHeaders,
        body: z.strictObject({}).nullish(),
        response: { 200: RoomReplayOut, ...problemResponses },
      },
    },
    async (request) => acceptOffer(request.ctx, request.params.roomId, request.params.offerId, request.headers['idempotency-key']),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/decline',
    {
      config: party,
      schema: { tags: TAGS, summary: 'Decline the other side’s open offer', params: OfferParams, body: z.strictObject({ reason: PlainText(0, 1000).optional() }).nullish(), response: { 200: RoomOut, ...problemResponses } },
    },
    async (request) => declineOffer(request.ctx, request.params.roomId, request.params.offerId, request.body ?? {}),
  );

  app.get(
    '/achievements/:achievementId/deal-pack',
    {
      config: { access: { roles: OFFICE_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Holder’s office: the confidential pack of an achievement, with access counts and the listing funnel',
        params: AchievementParams,
        response: {
          200: z.object({
            items: z.array(PackFile.extend({ accesses: z.number().int() })),
            funnel: z.object({ inquiries: z.number().int(), ndas: z.number().int(), offers: z.number().int(), deals: z.number().int() }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => packOverview(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/deal-pack',
    {
      bodyLimit: 15 * 1024 * 1024,
      config: { access: { roles: OFFICE_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Holder’s office: add a file to the confidential pack (base64, at most 10 MB)',
        params: AchievementParams,
        body: z.strictObject({ filename: PlainText(1, 200), contentType: z.string().trim().min(3).max(100), dataBase64: z.string().max(14_000_000) }),
        response: { 201: PackFile, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadPackFile(request.ctx, request.params.achievementId, request.body)),
  );
};
