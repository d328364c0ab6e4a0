import { randomUUID } from 'node:crypto';
import type { Status } from '../../../common/achievements.js';
import type { ListPage, ListQueryInput, ListSortKey, SavedFilters } from '../../../common/api/achievements.js';
import { PAGE_SIZE_MAX, type PageParams } from '../../../common/page.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import { type Ctx, hasRole, hasRoleIn, isOfficeOf, requireActor } from '../../lib/context.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { queryPage } from '../../lib/pagination.js';
import { toTsQuery } from '../../lib/text.js';
import { presentListItem } from './achievements.present.js';
import { type AchievementRow, loadCompleters } from './achievements.service.js';

/**
 * Finding achievements: an institution's ledger as the caller may see it (the office all of it,
 * a researcher their own), with Chinese full text, filters and the common page shape; and each
 * person's saved filters of it. The export (achievements.exchange.service.ts) uses ledgerWhere too.
 */

const SORT_COLUMNS: Record<ListSortKey, string> = { updatedAt: 'a.updated_at', createdAt: 'a.created_at', number: 'a.number', title: 'a.title', trl: 'a.trl', status: 'a.status' };

export interface ListFilter {
  q?: string | undefined;
  fieldCode?: string | undefined;
  status?: Status | Status[] | undefined;
  ipType?: string | undefined;
  visibility?: string | undefined;
  trlMin?: number | undefined;
  trlMax?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  mine?: 'true' | 'false' | undefined;
}

/** The WHERE clause of an institution's ledger for a filter, as the caller may see it. */
export function ledgerWhere(ctx: Ctx, organisationId: string, f: ListFilter, values: unknown[]): string {
  const actor = requireActor(ctx);
  values.push(organisationId);
  const where = [`a.organisation_id = $${values.length}`];
  const own = () => {
    values.push(actor.userId);
    const p = `$${values.length}`;
    return `(a.created_by = ${p} or exists (select 1 from achievement_completers c where c.achievement_id = a.id and c.user_id = ${p}))`;
  };
  if (!isOfficeOf(actor, organisationId) || f.mine === 'true') where.push(own());
  if (f.q) {
    const tsq = toTsQuery(f.q);
    values.push(tsq ?? '');
    const qi = values.length;
    values.push(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    // Words through the index; the number or a literal substring of the title as a fallback.
    where.push(`(${tsq ? `a.search_vector @@ to_tsquery('simple', $${qi})` : 'false'} or a.number ilike $${values.length} or a.title ilike $${values.length})`);
  }
  if (f.fieldCode) {
    values.push(f.fieldCode);
    where.push(`(a.field_code = $${values.length} or a.subfield_code = $${values.length})`);
  }
  if (f.status) {
    values.push(Array.isArray(f.status) ? f.status : [f.status]);
    where.push(`a.status = any($${values.length})`);
  }
  for (const [col, v] of [
    ['a.ip_type', f.ipType],
    ['a.visibility', f.visibility],
  ] as const) {
    if (!v) continue;
    values.push(v);
    where.push(`${col} = $${values.length}`);
  }
  if (f.trlMin) {
    values.push(f.trlMin);
    where.push(`a.trl >= $${values.length}`);
  }
  if (f.trlMax) {
    values.push(f.trlMax);
    where.push(`a.trl <= $${values.length}`);
  }
  if (f.from) {
    values.push(f.from);
    where.push(`a.created_at >= ($${values.length}::date::timestamp at time zone 'Asia/Shanghai')`);
  }
  if (f.to) {
    values.push(f.to);
    where.push(`a.created_at < (($${values.length}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  }
  return where.join(' and ');
}

/** One page of an institution's ledger; counting stops at PAGE_TOTAL_CAP (common/page.ts). */
export async function listAchievements(ctx: Ctx, organisationId: string, query: ListQueryInput): Promise<ListPage> {
  const actor = requireActor(ctx);
  if (!hasRoleIn(actor, organisationId, ...ROLE_GROUPS.institutionMember) && !hasRole(actor, 'admin')) throw forbidden();
  const values: unknown[] = [];
  const where = ledgerWhere(ctx, organisationId, query, values);
  const page = await queryPage<AchievementRow>(
    ctx.db,
    { select: 'a.*', from: `from achievements a where ${where}`, values, orderBy: `${SORT_COLUMNS[query.sort]} ${query.order} nulls last, a.id ${query.order}` },
    query,
  );
  const completers = await loadCompleters(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { ...page, items: page.items.map((r) => presentListItem(r, completers.get(r.id) ?? [], query.q)) };
}

// Saved filters: a name and the query string of the list, per person and institution.

/** The page a saved filter's answer carries: every filter of the person, by name. */
const ALL_FILTERS: SavedFilterPage = { page: 1, pageSize: PAGE_SIZE_MAX, order: 'asc' };
type SavedFilterPage = PageParams & { order: 'asc' | 'desc' };

export async function listSavedFilters(ctx: Ctx, organisationId: string, query: SavedFilterPage = ALL_FILTERS): Promise<SavedFilters> {
  const actor = requireActor(ctx);
  const page = await queryPage<{ id: string; name: string; query: Record<string, unknown>; created_at: Date }>(
    ctx.db,
    {
      select: 'id, name, query, created_at',
      from: 'from achievement_saved_filters where user_id = $1 and organisation_id = $2',
      values: [actor.userId, organisationId],
      orderBy: `name ${query.order}, id`,
    },
    query,
  );
  return { ...page, items: page.items.map((r) => ({ id: r.id, name: r.name, query: r.query, createdAt: r.created_at.toISOString() })) };
}

/** Saves (or replaces, by name) a filter; answers with every filter of the person. */
export async function saveFilter(ctx: Ctx, organisationId: string, name: string, query: Record<string, unknown>): Promise<SavedFilters> {
  const actor = requireActor(ctx);
  await ctx.db.query(
    `insert into achievement_saved_filters (id, user_id, organisation_id, name, query, created_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (user_id, organisation_id, name) do update set query = excluded.query`,
    [randomUUID(), actor.userId, organisationId, name, JSON.stringify(query), ctx.now],
  );
  return listSavedFilters(ctx, organisationId);
}

export async function deleteSavedFilter(ctx: Ctx, organisationId: string, filterId: string) {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query('delete from achievement_saved_filters where id = $1 and user_id = $2 and organisation_id = $3 returning id', [filterId, actor.userId, organisationId]);
  if (!rows.length) throw notFound('savedFilter', filterId);
}
