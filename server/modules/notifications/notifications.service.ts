import type { Notification, NotificationListQuery, NotificationPage, ReadAll, UnreadCount } from '../../../common/api/notifications.js';
import type { Queryable } from '../../db/client.js';
import { type Ctx, requireActor } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import { mapPage, queryPage } from '../../lib/pagination.js';

export interface NotificationInput {
  /** What it is about, dotted, e.g. 'contract.payment-due'. */
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh?: string | null | undefined;
  bodyEn?: string | null | undefined;
  /** Where the web app goes on click: an app path ('/contracts/…') or an https URL. */
  link?: string | null | undefined;
  /** Per user, a second notification with the same key is a no-op (repeated reminders). */
  dedupeKey?: string | null | undefined;
}

// javascript: and protocol-relative links would be an injection route into the bell.
const SAFE_LINK = /^(\/(?!\/)|https:\/\/)\S*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Posts one notification to each of `userIds` (duplicates ignored). Pass the caller's transaction
 * context so that the notification exists exactly when the change it announces commits. With a
 * dedupeKey, users who already have that notification are skipped; deactivated users are always
 * skipped. Returns how many were posted.
 */
export async function notify(target: { db: Queryable; now?: Date }, userIds: readonly string[], n: NotificationInput): Promise<number> {
  if (!n.kind || !n.titleZh || !n.titleEn) throw new Error('notify: kind, titleZh and titleEn are required');
  if (n.link && !SAFE_LINK.test(n.link)) throw new Error(`notify: link must be an app path or an https URL, got ${JSON.stringify(n.link)}`);
  const ids = [...new Set(userIds.map((id) => id.toLowerCase()))];
  if (!ids.length) return 0;
  const bad = ids.find((id) => !UUID.test(id));
  if (bad) throw new Error(`notify: not a user id: ${JSON.stringify(bad)}`);
  const { rows } = await target.db.query(
    `insert into notifications (user_id, kind, title_zh, title_en, body_zh, body_en, link, dedupe_key, created_at)
     select u.id, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now())
       from unnest($1::uuid[]) as t(id) join users u on u.id = t.id and u.is_active
     on conflict (user_id, dedupe_key) do nothing
     returning id`,
    [ids, n.kind, n.titleZh, n.titleEn, n.bodyZh ?? null, n.bodyEn ?? null, n.link ?? null, n.dedupeKey ?? null, target.now ?? null],
  );
  return rows.length;
}

interface NotificationRow {
  id: string;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string | null;
  body_en: string | null;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** A notification in the caller's language (the other language when only that one was written). */
const present = (r: NotificationRow, locale: Ctx['locale']): Notification => ({
  id: r.id,
  kind: r.kind,
  title: locale === 'en-US' ? r.title_en : r.title_zh,
  body: locale === 'en-US' ? (r.body_en ?? r.body_zh) : (r.body_zh ?? r.body_en),
  link: r.link,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});
export type NotificationView = ReturnType<typeof present>;

/** A page of the caller's own notifications, newest first by default. */
export async function listNotifications(ctx: Ctx, query: NotificationListQuery): Promise<NotificationPage> {
  const actor = requireActor(ctx);
  const page = await queryPage<NotificationRow>(
    ctx.db,
    {
      select: 'n.*',
      from: 'from notifications n where n.user_id = $1 and (not $2 or n.read_at is null)',
      values: [actor.userId, query.unreadOnly ?? false],
      orderBy: `n.created_at ${query.order}, n.id ${query.order}`,
    },
    query,
  );
  return mapPage(page, (r) => present(r, ctx.locale));
}

/** How many of the caller's notifications are unread (the bell's badge). */
export async function countUnread(ctx: Ctx): Promise<UnreadCount> {
  const actor = requireActor(ctx);
  return { count: await unreadCount(ctx.db, actor.userId) };
}

/** How many of a person's notifications are unread. */
export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>('select count(*) as count from notifications where user_id = $1 and read_at is null', [userId]);
  return rows[0]?.count ?? 0;
}

/**
 * Marks one of the caller's notifications read (again: keeps the first read time). Someone else's
 * notification is 404, so that its existence is not revealed. Not audited: it changes only the
 * caller's own inbox, and the read time is on the row.
 */
export async function markRead(ctx: Ctx, notificationId: string): Promise<void> {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query('update notifications set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2 returning id', [notificationId, actor.userId, ctx.now]);
  if (!rows.length) throw notFound('notification', notificationId);
}

/** Marks all the caller's unread notifications read. */
export async function markAllRead(ctx: Ctx): Promise<ReadAll> {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query('update notifications set read_at = $2 where user_id = $1 and read_at is null returning id', [actor.userId, ctx.now]);
  return { updated: rows.length };
}
