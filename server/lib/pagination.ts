import { PAGE_TOTAL_CAP, type Page, type PageParams, toPage } from '../../common/page.js';
import type { Queryable } from '../db/client.js';

/**
 * One page of a SQL list in the common page shape (common/page.ts): a count that stops at
 * PAGE_TOTAL_CAP and the rows of the page, ordered by `orderBy` (which must end in a unique
 * column so that pages never overlap). `from` is everything after `select … ` up to the order:
 * `from t where …`; `values` are its parameters.
 */
export async function queryPage<Row>(db: Queryable, q: { select: string; from: string; values: unknown[]; orderBy: string }, params: PageParams): Promise<Page<Row>> {
  const { rows: counted } = await db.query<{ n: number }>(`select count(*)::int as n from (select 1 ${q.from} limit ${PAGE_TOTAL_CAP + 1}) c`, q.values);
  const n = q.values.length;
  const { rows } = await db.query<Row>(`select ${q.select} ${q.from} order by ${q.orderBy} limit $${n + 1} offset $${n + 2}`, [...q.values, params.pageSize, (params.page - 1) * params.pageSize]);
  return toPage(rows, counted[0]!.n, params);
}

/** Maps a page's items, keeping its counts. */
export function mapPage<A, B>(p: Page<A>, fn: (item: A) => B): Page<B> {
  return { ...p, items: p.items.map(fn) };
}
