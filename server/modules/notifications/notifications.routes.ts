import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationListQuerySchema, NotificationPageSchema, NotificationParamsSchema, ReadAllSchema, UnreadCountSchema } from '../../../common/api/notifications.js';
import { routeSpecs } from '../../lib/routes.js';
import { countUnread, listNotifications, markAllRead, markRead } from './notifications.service.js';

// Every notification route is about the caller's own inbox: services filter by the caller's user id
// (someone else's notification is 404).
const own = { roles: 'any' } as const;
const route = routeSpecs(['notifications']);

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/notifications', route(own, { summary: 'My notifications, newest first', querystring: NotificationListQuerySchema, response: NotificationPageSchema }), async (request) =>
    listNotifications(request.ctx, request.query),
  );

  app.get('/notifications/unread-count', route(own, { summary: 'How many of my notifications are unread', response: UnreadCountSchema }), async (request) => countUnread(request.ctx));

  app.post(
    '/notifications/:notificationId/read',
    route(own, { summary: 'Mark one of my notifications read', params: NotificationParamsSchema, response: z.null(), status: 204 }),
    async (request, reply) => {
      await markRead(request.ctx, request.params.notificationId);
      return reply.status(204).send(null);
    },
  );

  app.post('/notifications/read-all', route(own, { summary: 'Mark all my notifications read', response: ReadAllSchema }), async (request) => markAllRead(request.ctx));
};
