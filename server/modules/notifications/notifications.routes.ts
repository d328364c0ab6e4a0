import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationListQuerySchema, NotificationPageSchema, NotificationParamsSchema, ReadAllSchema, UnreadCountSchema } from '../../../common/api/notifications.js';
import { problemResponses } from '../../lib/schemas.js';
import { countUnread, listNotifications, markAllRead, markRead } from './notifications.service.js';

// Every notification route is about the caller's own inbox: services filter by the caller's user id
// (someone else's notification is 404).
const own = { roles: 'any' } as const;

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      config: { access: own },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema, ...problemResponses },
      },
    },
    async (request) => listNotifications(request.ctx, request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      config: { access: own },
      schema: { tags: ['notifications'], summary: 'How many of my notifications are unread', response: { 200: UnreadCountSchema, ...problemResponses } },
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
        params: NotificationParamsSchema,
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
      schema: { tags: ['notifications'], summary: 'Mark all my notifications read', response: { 200: ReadAllSchema, ...problemResponses } },
    },
    async (request) => markAllRead(request.ctx),
  );
};
