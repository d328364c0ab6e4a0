import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CursorQuery, problemResponses, UuidSchema } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { countUnread, listNotifications, markAllRead, markRead } from './notifications.service.js';

const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string().describe('In the caller’s language (Accept-Language)'),
  body: z.string().nullable(),
  link: z.string().nullable().describe('An app path or an https URL'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

// Every notification route is about the caller's own inbox: services filter by the caller's user id.
const own = { roles: 'any', record: 'self' } as const;

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      config: { access: own },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: z.strictObject({
          unreadOnly: z.stringbool({ error: bilingual('须为 true 或 false', 'must be true or false') }).optional(),
          ...CursorQuery,
        }),
        response: { 200: z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => listNotifications(request.ctx, request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: own },
      schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: z.object({ count: z.number().int() }), ...problemResponses } },
    },
    async (request) => countUnread(request.ctx),
  );

  app.post(
    '/notifications/:notificationId/read',
    {
      config: { access: own },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: z.strictObject({ notificationId: UuidSchema }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await markRead(request.ctx, request.params.notificationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: own },
      schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: z.object({ updated: z.number().int() }), ...problemResponses } },
    },
    async (request) => markAllRead(request.ctx),
  );
};
