import { randomUUID } from 'node:crypto';
import type { PublicityList, PublicityStatus, Resolution } from '../../../common/api/achievements.js';
import { businessDateOf, compareDates } from '../../../common/calendar.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, hasRoleIn, inTransaction, isOfficeOf, requireActor } from '../../lib/context.js';
import { AppError, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { type ObjectionColumns, presentObjection } from '../../lib/objections.js';
import type { RunningPublicity } from './achievements.lifecycle.rules.js';
import { loadRow, loadVisible, stream } from './achievements.service.js';

/**
 * The internal publicity of an agreed price (公示, at least 15 days) and the objections raised in
 * it. Starting, cancelling and closing a window are lifecycle steps (achievements.lifecycle.ts);
 * objections and their resolution are here.
 */

interface PublicityRow extends RunningPublicity {
  status: PublicityStatus;
}

export async function currentPublicity(db: Queryable, achievementId: string): Promise<PublicityRow | null> {
  const { rows } = await db.query<PublicityRow>("select * from achievement_publicity where achievement_id = $1 and status = 'running' order by created_at desc limit 1", [achievementId]);
  return rows[0] ?? null;
}

export async function openObjections(db: Queryable, publicityId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from achievement_objections where publicity_id = $1 and resolved_at is null', [publicityId]);
  return rows[0]!.n;
}

export async function getPublicity(ctx: Ctx, id: string): Promise<PublicityList> {
  await loadVisible(ctx, id);
  const { rows } = await ctx.db.query<PublicityRow & { objection_contact: string; created_at: Date }>('select * from achievement_publicity where achievement_id = $1 order by created_at desc', [id]);
  const ids = rows.map((r) => r.id);
  const objections = ids.length
    ? (await ctx.db.query<ObjectionColumns<Resolution> & { publicity_id: string; content: string }>('select * from achievement_objections where publicity_id = any($1) order by raised_at', [ids])).rows
    : [];
  return {
    items: rows.map((p) => ({
      id: p.id,
      price: p.price,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      status: p.status,
      objectionContact: p.objection_contact,
      objections: objections.filter((o) => o.publicity_id === p.id).map((o) => ({ ...presentObjection(o), content: o.content })),
    })),
  };
}

/** Anyone of the institution may object during an internal publicity window. */
export async function raiseObjection(ctx: Ctx, id: string, content: string): Promise<PublicityList> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const row = await loadRow(tx.db, id, true);
    if (!row || !hasRoleIn(actor, row.organisation_id, ...ROLE_GROUPS.institutionMember)) throw notFound('achievement', id);
    const p = row.status === 'in_publicity' ? await currentPublicity(tx.db, id) : null;
    const today = businessDateOf(tx.now);
    if (!p || compareDates(today, p.starts_on) < 0 || compareDates(today, p.ends_on) > 0) {
      throw ruleViolation('该成果当前不在公示期内，不能提出异议', 'The achievement is not in a publicity window; objections are closed');
    }
    const objectionId = randomUUID();
    await tx.db.query('insert into achievement_objections (id, publicity_id, raised_by, raised_by_name, content, raised_at) values ($1, $2, $3, $4, $5, $6)', [
      objectionId,
      p.id,
      actor.userId,
      actor.name,
      content,
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: 'achievement.objection_raised', payload: { publicityId: p.id, objectionId, content } });
    await audit(tx, { action: 'achievement.objection', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: { objectionId, content } });
  });
  return getPublicity(ctx, id);
}

/** Upheld: the publicity is cancelled and the price must be set again. Dismissed: the window goes on. */
export async function resolveObjection(ctx: Ctx, id: string, objectionId: string, resolution: Resolution, note: string): Promise<PublicityList> {
  await inTransaction(ctx, async (tx) => {
    const { row } = await loadVisible(tx, id, true);
    if (!isOfficeOf(tx.actor, row.organisation_id)) throw forbidden();
    const { rows } = await tx.db.query<{ id: string; publicity_id: string; resolved_at: Date | null }>(
      'select o.id, o.publicity_id, o.resolved_at from achievement_objections o join achievement_publicity p on p.id = o.publicity_id where o.id = $1 and p.achievement_id = $2 for update of o',
      [objectionId, id],
    );
    const o = rows[0];
    if (!o) throw notFound('objection', objectionId);
    if (o.resolved_at) throw new AppError('CONFLICT', { params: { detail: '该异议已处理', detailEn: 'the objection is already resolved' } });
    await tx.db.query('update achievement_objections set resolution = $2, resolution_note = $3, resolved_at = $4 where id = $1', [objectionId, resolution, note, tx.now]);
    const payload: Record<string, unknown> = { objectionId, resolution, note };
    if (resolution === 'upheld' && row.status === 'in_publicity') {
      await tx.db.query("update achievement_publicity set status = 'cancelled' where id = $1", [o.publicity_id]);
      await tx.db.query("update achievements set status = 'priced', updated_at = $2, version = version + 1 where id = $1", [id, tx.now]);
      Object.assign(payload, { from: 'in_publicity', to: 'priced' });
    }
    await appendEvent(tx, { stream: stream(id), type: 'achievement.objection_resolved', payload, reason: note });
    await audit(tx, { action: 'achievement.objection_resolve', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: payload });
  });
  return getPublicity(ctx, id);
}
