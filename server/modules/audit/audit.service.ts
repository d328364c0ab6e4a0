import type { AuditEntry, AuditListQuery, AuditPage } from '../../../common/api/audit.js';
import type { Ctx } from '../../lib/context.js';
import { mapPage, queryPage } from '../../lib/pagination.js';

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
}

const present = (r: AuditRow): AuditEntry => ({
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

/** The audit trail, newest first by default, filtered by entity, entity id and actor. */
export async function listAudit(ctx: Ctx, query: AuditListQuery): Promise<AuditPage> {
  const page = await queryPage<AuditRow>(
    ctx.db,
    {
      select: `a.id, a.at, a.actor_user_id, u.name as actor_name, a.actor_token_id, a.action, a.entity, a.entity_id,
            a.organisation_id, a.before, a.after, a.request_id`,
      from: `from audit_log a left join users u on u.id = a.actor_user_id
      where ($1::text is null or a.entity = $1) and ($2::text is null or a.entity_id = $2)
        and ($3::uuid is null or a.actor_user_id = $3)`,
      values: [query.entity ?? null, query.entityId ?? null, query.actorUserId ?? null],
      orderBy: `a.at ${query.order}, a.id ${query.order}`,
    },
    query,
  );
  return mapPage(page, present);
}
