import { randomUUID } from 'node:crypto';
import { type Action, PUBLISHABLE_STATUSES, STATUS_LABELS } from '../../../common/achievements.js';
import type { Achievement, Timeline } from '../../../common/api/achievements.js';
import { businessDateOf } from '../../../common/calendar.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf } from '../../lib/context.js';
import { fieldError, forbidden, ruleViolation } from '../../lib/errors.js';
import { appendEvent, readStream } from '../../lib/ledger.js';
import { performerOf } from './achievements.access.rules.js';
import { LIFECYCLE, refuseFrom, stepRecord, type TransitionInput } from './achievements.lifecycle.rules.js';
import { presentEvent } from './achievements.present.js';
import { currentPublicity, openObjections } from './achievements.publicity.js';
import { getAchievement, loadVisible, stream } from './achievements.service.js';

/**
 * The lifecycle of an achievement: disclosure, office review, assessment, protection, pricing
 * with publicity, transformation and disposal. transition() runs one row of the table in
 * achievements.lifecycle.rules.ts; publishing and the timeline are here too.
 */

/**
 * Performs one lifecycle action: checks the performer, the state machine and the action's own
 * rules, then records the step — its filing or publicity, the row, the ledger event and the
 * audit entry — in one transaction.
 */
export async function transition(ctx: Ctx, id: string, action: Action, input: TransitionInput = {}): Promise<Achievement> {
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    const step = LIFECYCLE[action];
    if (!performerOf(tx.actor, row, completers).has(step.by)) throw forbidden();
    const refused = refuseFrom(row, action);
    if (refused) throw refused;
    if (step.needsReason && !input.reason?.trim()) throw fieldError('body.reason', '请填写理由', 'a reason is required');

    const publicity = step.readsPublicity ? await currentPublicity(tx.db, id) : null;
    const rec = stepRecord(action, {
      row,
      input,
      now: tx.now,
      today: businessDateOf(tx.now),
      newId: randomUUID(),
      publicity,
      openObjections: publicity ? await openObjections(tx.db, publicity.id) : 0,
    });

    if (rec.filing) {
      const f = rec.filing;
      await tx.db.query(
        `insert into achievement_filings (id, achievement_id, ip_type, application_no, filed_on, granted_on, status, next_annuity_due, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [f.id, id, f.ipType, f.applicationNo, f.filedOn, f.grantedOn, f.grantedOn ? 'granted' : 'filed', f.nextAnnuityDue, tx.now],
      );
    }
    if (rec.openPublicity) {
      const p = rec.openPublicity;
      await tx.db.query('insert into achievement_publicity (id, achievement_id, price, starts_on, ends_on, objection_contact, created_at) values ($1, $2, $3, $4, $5, $6, $7)', [
        p.id,
        id,
        p.price,
        p.startsOn,
        p.endsOn,
        p.objectionContact,
        tx.now,
      ]);
    }
    if (rec.closePublicity) await tx.db.query('update achievement_publicity set status = $2 where id = $1', [rec.closePublicity.id, rec.closePublicity.status]);

    const cols = Object.keys(rec.sets);
    await tx.db.query(`update achievements set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = $${cols.length + 2}, version = version + 1 where id = $1`, [
      id,
      ...cols.map((c) => rec.sets[c]),
      tx.now,
    ]);
    await appendEvent(tx, { stream: stream(id), type: `achievement.${action}`, payload: rec.payload, reason: input.reason ?? null });
    await audit(tx, {
      action: `achievement.${action}`,
      entity: 'achievement',
      entityId: id,
      organisationId: row.organisation_id,
      before: { status: row.status },
      after: { ...rec.sets, reason: input.reason ?? null },
    });
  });
  return getAchievement(ctx, id);
}

/** Publication to the market (visibility public) or back to internal: an office decision, on the ledger. */
export async function setPublished(ctx: Ctx, id: string, published: boolean): Promise<Achievement> {
  await inTransaction(ctx, async (tx) => {
    const { row } = await loadVisible(tx, id, true);
    if (!isOfficeOf(tx.actor, row.organisation_id)) throw forbidden();
    if (published && !PUBLISHABLE_STATUSES.includes(row.status)) {
      throw ruleViolation(
        `成果状态为“${STATUS_LABELS[row.status].zh}”，评估后方可发布到市场`,
        `An achievement that is ${STATUS_LABELS[row.status].en.toLowerCase()} cannot be published; assess it first`,
      );
    }
    const visibility = published ? 'public' : 'internal';
    if (row.visibility === visibility) return;
    const listed = published && row.transformation_status === 'not_transformed';
    await tx.db.query(
      `update achievements set visibility = $2, published_at = $3, updated_at = $4, version = version + 1,
         transformation_status = case when $5::boolean then 'listed' when transformation_status = 'listed' then 'not_transformed' else transformation_status end
       where id = $1`,
      [id, visibility, published ? tx.now : null, tx.now, listed],
    );
    await appendEvent(tx, { stream: stream(id), type: published ? 'achievement.published' : 'achievement.unpublished', payload: { visibility } });
    await audit(tx, {
      action: published ? 'achievement.publish' : 'achievement.unpublish',
      entity: 'achievement',
      entityId: id,
      organisationId: row.organisation_id,
      before: { visibility: row.visibility },
      after: { visibility },
    });
  });
  return getAchievement(ctx, id);
}

/** Every ledger event of the achievement, oldest first, with the names of who caused them. */
export async function timeline(ctx: Ctx, id: string): Promise<Timeline> {
  await loadVisible(ctx, id);
  const events = await readStream(ctx.db, stream(id));
  const userIds = [...new Set(events.map((e) => e.actorUserId).filter((u): u is string => !!u))];
  const names = new Map<string, string>();
  if (userIds.length) {
    const { rows } = await ctx.db.query<{ id: string; name: string }>('select id, name from users where id = any($1)', [userIds]);
    for (const r of rows) names.set(r.id, r.name);
  }
  return { items: events.map((e) => presentEvent(e, names)) };
}
