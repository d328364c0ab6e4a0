import type { Figure, HomeData, Series } from '../../../common/api/home.js';
import type { Role } from '../../../common/roles.js';
import { auditCountsByDay } from '../../lib/audit.js';
import { type Ctx, requireActor } from '../../lib/context.js';
import { jobCount } from '../../lib/jobs.js';
import { eventCount } from '../../lib/ledger.js';
import { activeSessionCount } from '../auth/index.js';
import { unreadCount } from '../notifications/index.js';

const count = async (ctx: Ctx, sql: string, params: unknown[] = []) => (await ctx.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;

const series = async (ctx: Ctx, key: string, sql: string, params: unknown[] = []): Promise<Series> => ({
  key,
  points: (await ctx.db.query<{ label: string; value: number }>(sql, params)).rows,
});

/**
 * The home page of a role: real figures from the database. Module issues add their own
 * figures here (achievements, contracts, receipts…); the foundation knows organisations and people.
 */
export async function homeFor(ctx: Ctx, role: Role, organisationId: string): Promise<HomeData> {
  const actor = requireActor(ctx);
  const figures: Figure[] = [{ key: 'unreadNotifications', value: await unreadCount(ctx.db, actor.userId) }];
  const out: Series[] = [];
  if (role === 'admin' || role === 'bureau' || role === 'operator') {
    figures.push(
      { key: 'organisations', value: await count(ctx, 'select count(*) as n from organisations where is_active') },
      {
        key: 'institutions',
        value: await count(
          ctx,
          "select count(*) as n from organisations where is_active and parent_id is null and kind in ('university','research_institute','hospital','new_rd_institution','state_owned_enterprise')",
        ),
      },
      { key: 'enterprises', value: await count(ctx, "select count(*) as n from organisations where is_active and kind = 'enterprise'") },
      { key: 'brokers', value: await count(ctx, "select count(distinct user_id) as n from memberships where role = 'broker'") },
    );
    out.push(
      await series(ctx, 'organisationsByKind', 'select kind as label, count(*)::int as value from organisations where is_active group by kind order by value desc, kind'),
      await series(ctx, 'organisationsByDistrict', 'select district as label, count(*)::int as value from organisations where is_active group by district order by value desc, district'),
    );
  }
  if (role === 'admin') {
    figures.push(
      { key: 'users', value: await count(ctx, 'select count(*) as n from users where is_active') },
      { key: 'activeSessions', value: await activeSessionCount(ctx.db, ctx.now) },
      { key: 'ledgerEvents', value: await eventCount(ctx.db) },
      { key: 'failedJobs', value: await jobCount(ctx.db, 'failed') },
    );
    out.push({ key: 'auditLast14Days', points: await auditCountsByDay(ctx.db, ctx.now, 14) });
  } else {
    figures.push({ key: 'organisationMembers', value: await count(ctx, 'select count(*) as n from memberships where organisation_id = $1', [organisationId]) });
    out.push(await series(ctx, 'membersByRole', 'select role as label, count(*)::int as value from memberships where organisation_id = $1 group by role order by value desc, role', [organisationId]));
  }
  return { role, organisationId, figures, series: out };
}
