import { z } from 'zod';
import { pageOf, pageQueryFields } from '../page.js';
import { bilingual, UuidSchema } from '../schemas.js';

/** The notifications API (server/modules/notifications/notifications.routes.ts): the caller's own inbox. */

export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string().describe('In the caller’s language (Accept-Language)'),
  body: z.string().nullable(),
  link: z.string().nullable().describe('An app path or an https URL'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** My notifications, newest first. */
export const NotificationListQuerySchema = z.strictObject({
  unreadOnly: z.stringbool({ error: bilingual('须为 true 或 false', 'must be true or false') }).optional(),
  ...pageQueryFields,
  sort: z.enum(['createdAt']).default('createdAt'),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;
export const NotificationPageSchema = pageOf(NotificationSchema);
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;
export const ReadAllSchema = z.object({ updated: z.number().int() });
export type ReadAll = z.infer<typeof ReadAllSchema>;
export const NotificationParamsSchema = z.strictObject({ notificationId: UuidSchema });
