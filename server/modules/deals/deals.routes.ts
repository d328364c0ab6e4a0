import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptBody,
  AchievementParams,
  DeclineBody,
  IdempotencyHeaders,
  InquiryBody,
  MessageBody,
  MessageListQuery,
  MessagePage,
  NdaBody,
  OfferBody,
  OfferParams,
  PackAccessPage,
  PackAccessQuery,
  PackFileParams,
  PackFileSchema,
  PackOverviewSchema,
  PackUploadBody,
  RoomListQuery,
  RoomPage,
  RoomParams,
  RoomReplaySchema,
  RoomSchema,
} from '../../../common/api/deals.js';
import { OFFICE_ROLES, PARTY_ROLES, type Role } from '../../../common/roles.js';
import { routeSpecs, sendFile } from '../../lib/routes.js';
import { registerFunnelSource } from '../market/index.js';
import {
  acceptNda,
  acceptOffer,
  counterOffer,
  dealFunnelCounts,
  declineOffer,
  getRoom,
  listMessages,
  listPackAccess,
  listRooms,
  makeOffer,
  openInquiry,
  packOverview,
  postMessage,
  readPackFile,
  uploadPackFile,
} from './deals.service.js';

const route = routeSpecs(['deals']);
/** Inquiries and the NDA are a firm member's own acts. */
const FIRM_ROLES: readonly Role[] = ['enterprise'];

export const dealsRoutes: FastifyPluginAsyncZod = async (app) => {
  // The market listing's funnel counts this module's inquiries, NDAs, offers and deals.
  registerFunnelSource({ name: 'deal_rooms', count: (db, achievementId) => dealFunnelCounts({ db }, achievementId) });
  const party = { roles: PARTY_ROLES };

  app.post(
    '/achievements/:achievementId/inquiries',
    route(
      { roles: FIRM_ROLES },
      {
        summary: 'A firm asks a question about a public achievement or requests its confidential pack (opens the deal room once per firm)',
        params: AchievementParams,
        body: InquiryBody,
        response: RoomSchema,
        status: 201,
      },
    ),
    async (request, reply) => reply.status(201).send(await openInquiry(request.ctx, request.params.achievementId, request.body)),
  );

  app.get(
    '/deal-rooms',
    route({ roles: PARTY_ROLES }, { summary: 'Deal rooms where my organisation is the firm or the holder: a page, latest activity first', querystring: RoomListQuery, response: RoomPage }),
    async (request) => listRooms(request.ctx, request.query),
  );

  app.get('/deal-rooms/:roomId', route(party, { summary: 'One deal room (the firm and the holder’s office only)', params: RoomParams, response: RoomSchema }), async (request) =>
    getRoom(request.ctx, request.params.roomId),
  );

  app.get(
    '/deal-rooms/:roomId/messages',
    route(party, { summary: 'The messages of a deal room: a page, newest first by default', params: RoomParams, querystring: MessageListQuery, response: MessagePage }),
    async (request) => listMessages(request.ctx, request.params.roomId, request.query),
  );

  app.get(
    '/deal-rooms/:roomId/pack-access',
    route(party, {
      summary: 'Who opened which file of the confidential pack in this room (the holder’s office; the firm gets an empty page): a page, newest first by default',
      params: RoomParams,
      querystring: PackAccessQuery,
      response: PackAccessPage,
    }),
    async (request) => listPackAccess(request.ctx, request.params.roomId, request.query),
  );

  app.post(
    '/deal-rooms/:roomId/nda',
    route(
      { roles: FIRM_ROLES },
      { summary: 'The firm accepts the click-through NDA (the version it read); who, when, IP and the text hash are recorded', params: RoomParams, body: NdaBody, response: RoomSchema },
    ),
    async (request) => acceptNda(request.ctx, request.params.roomId, request.body),
  );

  app.get(
    '/deal-rooms/:roomId/pack/:fileId',
    route(party, { summary: 'Open one file of the confidential pack (after the NDA); every access is logged', params: PackFileParams }),
    async (request, reply) => {
      const f = await readPackFile(request.ctx, request.params.roomId, request.params.fileId);
      return sendFile(reply.header('cache-control', 'no-store'), { type: f.content_type, filename: f.filename, body: Buffer.from(f.data) });
    },
  );

  app.post('/deal-rooms/:roomId/messages', route(party, { summary: 'A message to the other side (plain text)', params: RoomParams, body: MessageBody, response: RoomSchema }), async (request) =>
    postMessage(request.ctx, request.params.roomId, request.body),
  );

  app.post(
    '/deal-rooms/:roomId/offers',
    route(party, {
      summary: 'Make an offer (amount in CNY or 面议 terms, kind, validity); send Idempotency-Key',
      params: RoomParams,
      headers: IdempotencyHeaders,
      body: OfferBody,
      response: RoomReplaySchema,
      status: 201,
    }),
    async (request, reply) => reply.status(201).send(await makeOffer(request.ctx, request.params.roomId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/counter',
    route(party, { summary: 'Counter the other side’s open offer with a new one', params: OfferParams, headers: IdempotencyHeaders, body: OfferBody, response: RoomReplaySchema, status: 201 }),
    async (request, reply) => reply.status(201).send(await counterOffer(request.ctx, request.params.roomId, request.params.offerId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/accept',
    route(party, {
      summary: 'Accept the other side’s open offer: a draft contract is created in the contracts module and linked',
      params: OfferParams,
      headers: IdempotencyHeaders,
      body: AcceptBody,
      response: RoomReplaySchema,
    }),
    async (request) => acceptOffer(request.ctx, request.params.roomId, request.params.offerId, request.headers['idempotency-key']),
  );

  app.post(
    '/deal-rooms/:roomId/offers/:offerId/decline',
    route(party, { summary: 'Decline the other side’s open offer', params: OfferParams, body: DeclineBody, response: RoomSchema }),
    async (request) => declineOffer(request.ctx, request.params.roomId, request.params.offerId, request.body ?? {}),
  );

  app.get(
    '/achievements/:achievementId/deal-pack',
    route(
      { roles: OFFICE_ROLES },
      { summary: 'Holder’s office: the confidential pack of an achievement, with access counts and the listing funnel', params: AchievementParams, response: PackOverviewSchema },
    ),
    async (request) => packOverview(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/deal-pack',
    route(
      { roles: OFFICE_ROLES },
      {
        summary: 'Holder’s office: add a file to the confidential pack (base64, at most 10 MB)',
        params: AchievementParams,
        body: PackUploadBody,
        response: PackFileSchema,
        status: 201,
        bodyLimit: 15 * 1024 * 1024,
      },
    ),
    async (request, reply) => reply.status(201).send(await uploadPackFile(request.ctx, request.params.achievementId, request.body)),
  );
};
