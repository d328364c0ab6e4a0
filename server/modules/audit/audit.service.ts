import type { Ctx } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { decodeCursor, page } from '../../lib/pagination.js';

interface AuditRow {
  id: number | string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_token_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  organisation_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  at_key: string;
}

const present = (r: AuditRow) => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actorUserId: r.actor_user_id,
  actorName: r.actor_name,
  actorTokenId: r.actor_token_id,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  organisationId: r.organisation_id,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
});
export type AuditView = ReturnType<typeof present>;

export interface ListAuditQuery {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorUserId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

// Keyset values come back from the client; check them before they reach a cast in SQL.
const JSON_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;

/** The audit trail, newest first, filtered by entity, entity id and actor (keyset on at, id). */
export async function listAudit(ctx: Ctx, query: ListAuditQuery) {
  const after = decodeCursor(query.cursor, 2);
  if (after && (!JSON_INSTANT.test(String(after[0])) || !Number.isSafeInteger(after[1]))) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'query.cursor', zh: '分页游标无效', en: 'invalid cursor' }] });
  }
  // The exact timestamptz (microseconds) goes into the cursor, so rows sharing a millisecond are neither skipped nor repeated.
  const { rows } = await ctx.db.query<AuditRow>(
    `select a.id, a.at, a.actor_user_id, u.name as actor_name, a.actor_token_id, a.action, a.entity, a.entity_id,
            a.organisation_id, a.before, a.after, a.request_id, to_json(a.at) #>> '{}' as at_key
       from audit_log a left join users u on u.id = a.actor_user_id
      where ($1::text is null or a.entity = $1) and ($2::text is null or a.entity_id = $2)
        and ($3::uuid is null or a.actor_user_id = $3)
        and ($4::text is null or (a.at, a.id) < ($4::timestamptz, $5::bigint))
      order by a.at desc, a.id desc limit $6`,
    [query.entity ?? null, query.entityId ?? null, query.actorUserId ?? null, after?.[0] ?? null, after?.[1] ?? null, query.limit + 1],
  );
  const result = page(rows, query.limit, (r) => [r.at_key, Number(r.id)]);
  return { items: result.items.map(present), nextCursor: result.nextCursor };
}
