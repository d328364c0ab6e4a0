import { z } from 'zod';

/**
 * The one page shape of every list endpoint: `?page=&pageSize=&sort=&order=` in, and
 * `{ items, total, totalCapped, page, pageSize }` out. Counting stops at PAGE_TOTAL_CAP: an exact
 * count of a 100,000-row table reads every row, and nobody pages that far (narrow the filters).
 * The web app's PagedTable (web/components/paged-table.tsx) speaks exactly this.
 */
export const PAGE_TOTAL_CAP = 10_000;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 200;

/** Query fields of a list; spread into the route's querystring schema beside its filters. */
export const pageQueryFields = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  order: z.enum(['asc', 'desc']).default('desc'),
};

/** The query fields with the list's own sort keys (the first is the default). */
export function pageQuery<const K extends readonly [string, ...string[]]>(sortKeys: K) {
  return { ...pageQueryFields, sort: z.enum(sortKeys).default(sortKeys[0] as K[0]) };
}

export interface PageParams {
  page: number;
  pageSize: number;
}

/** The response object of a list of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe(`Matching rows, counted up to ${PAGE_TOTAL_CAP}`),
    totalCapped: z.boolean().describe('true: more than `total` match; counting stopped there (narrow the filters)'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

/** Builds the page object from a capped count (at most PAGE_TOTAL_CAP + 1) and the page's items. */
export function toPage<T>(items: T[], cappedCount: number, params: PageParams): Page<T> {
  return {
    items,
    total: Math.min(cappedCount, PAGE_TOTAL_CAP),
    totalCapped: cappedCount > PAGE_TOTAL_CAP,
    page: params.page,
    pageSize: params.pageSize,
  };
}

/** A page of an in-memory list (already filtered and sorted). */
export function pageOfArray<T>(all: readonly T[], params: PageParams): Page<T> {
  const start = (params.page - 1) * params.pageSize;
  return toPage(all.slice(start, start + params.pageSize), Math.min(all.length, PAGE_TOTAL_CAP + 1), params);
}
