import type { Queryable } from '../db/client.js';
import type { TxCtx } from './context.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never reach the audit log, whatever a caller passes.
const REDACTED_KEYS = new Set(['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash', 'csrfToken']);

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, REDACTED_KEYS.has(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

/** Records one change (who, when, what, before, after) in the same transaction as the change. */
export async function audit(ctx: TxCtx, entry: AuditEntry): Promise<void> {
  await ctx.db.query(
    `insert into audit_log (at, actor_user_id, actor_token_id, action, entity, entity_id, organisation_id, before, after, request_id, ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      ctx.now,
      ctx.actor?.userId ?? null,
      ctx.actor?.tokenId ?? null,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      entry.organisationId ?? null,
      entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
      ctx.requestId,
      ctx.ip,
    ],
  );
}

/** Many changes of one request at once (imports): one statement, the same rows as audit() per entry. */
export async function auditMany(ctx: TxCtx, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((e) => ({
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    organisation_id: e.organisationId ?? null,
    before: e.before === undefined ? null : redact(e.before),
    after: e.after === undefined ? null : redact(e.after),
  }));
  await ctx.db.query(
    `insert into audit_log (at, actor_user_id, actor_token_id, action, entity, entity_id, organisation_id, before, after, request_id, ip)
     select $2, $3, $4, action, entity, entity_id, organisation_id, before, after, $5, $6
       from jsonb_to_recordset($1::jsonb) as x(action text, entity text, entity_id text, organisation_id uuid, before jsonb, after jsonb)`,
    [JSON.stringify(rows), ctx.now, ctx.actor?.userId ?? null, ctx.actor?.tokenId ?? null, ctx.requestId, ctx.ip],
  );
}

/** Audit rows per Shanghai day over the `days` days before `now` (label 'MM-DD'), oldest first. */
export async function auditCountsByDay(db: Queryable, now: Date, days: number): Promise<Array<{ label: string; value: number }>> {
  const { rows } = await db.query<{ label: string; value: number }>(
    `select to_char((at at time zone 'Asia/Shanghai')::date, 'MM-DD') as label, count(*)::int as value
       from audit_log where at > $1::timestamptz - $2::int * interval '1 day' group by 1 order by 1`,
    [now, days],
  );
  return rows;
}
