import { keepPreviousData, type QueryKey, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type ReactNode, useMemo, useState } from 'react';
import { type Page, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../../common/page';
import { formatNumber } from '../lib/format';
import { useI18n } from '../lib/i18n';

/** The page parameters of common/page.ts, as sent in the query string. */
export interface PageRequest {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/** A list's server-side filters: query-string values; empty ones ('', null, undefined) are not sent. */
export type PageFilters = Record<string, string | number | boolean | null | undefined>;

export interface PagedQueryOptions<T, F extends PageFilters> {
  /** The list's query key prefix; the request (filters and page) is appended. Invalidate the prefix after changes. */
  queryKey: QueryKey;
  /** Fetches one page: `(q, signal) => api.get<Page<X>>('/things', q, signal)`. */
  fetch: (request: PageRequest & F, signal: AbortSignal) => Promise<Page<T>>;
  /** Server-side filters; a change goes back to page 1. */
  filters?: F;
  /** The sort key and order before the person picks a column (the server's own default when absent). */
  defaultSort?: { sort: string; order: 'asc' | 'desc' };
  pageSize?: number;
  enabled?: boolean;
  /** Refetch the page every so many milliseconds (lists that others change while it is open). */
  refetchInterval?: number;
}

export interface PagedQuery<T, F extends PageFilters> {
  query: UseQueryResult<Page<T>>;
  request: PageRequest & F;
  setPage(page: number, pageSize?: number): void;
  setSort(sort: string | undefined, order?: 'asc' | 'desc'): void;
}

/** The page state (page, size, sort) of a server-paged list and its query; PagedTable uses it, pages that lay out their own list may too. */
export function usePagedQuery<T, F extends PageFilters = PageFilters>(options: PagedQueryOptions<T, F>): PagedQuery<T, F> {
  const filters = (options.filters ?? {}) as F;
  const filtersKey = JSON.stringify(filters);
  const [state, setState] = useState({ page: 1, pageSize: options.pageSize ?? PAGE_SIZE_DEFAULT, filtersKey });
  const [sort, setSortState] = useState<{ sort?: string; order?: 'asc' | 'desc' }>(options.defaultSort ?? {});
  // New filters start at page 1 in the same render (no request for the old page number).
  const page = state.filtersKey === filtersKey ? state.page : 1;
  // A new object each render is fine: react-query compares query keys by value.
  const request = pageRequest(filters, { page, pageSize: state.pageSize, ...sort });
  const query = useQuery({
    queryKey: [...options.queryKey, request],
    queryFn: ({ signal }) => options.fetch(request, signal),
    placeholderData: keepPreviousData,
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
  return {
    query,
    request,
    setPage: (p, size) => setState({ page: size && size !== state.pageSize ? 1 : p, pageSize: size ?? state.pageSize, filtersKey }),
    setSort: (s, order) => {
      setSortState(s ? { sort: s, order: order ?? 'desc' } : (options.defaultSort ?? {}));
      setState((prev) => ({ ...prev, page: 1, filtersKey }));
    },
  };
}

/** The query of one page: the filters without empty values, then page, pageSize, sort and order. */
export function pageRequest<F extends PageFilters>(filters: F, state: PageRequest): PageRequest & F {
  const out: PageFilters = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return { ...(out as F), page: state.page, pageSize: Math.min(state.pageSize, PAGE_SIZE_MAX), ...(state.sort ? { sort: state.sort, order: state.order ?? 'desc' } : {}) };
}

/** antd's sorter → the server's sort key and order (the column's `key`, else its dataIndex); undefined when the sort was cleared. */
export function sortOf<T>(sorter: SorterResult<T> | SorterResult<T>[]): { sort: string; order: 'asc' | 'desc' } | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order) return undefined;
  const key = s.columnKey ?? (Array.isArray(s.field) ? s.field.join('.') : s.field);
  return key === undefined ? undefined : { sort: String(key), order: s.order === 'ascend' ? 'asc' : 'desc' };
}

export interface PagedTableProps<T extends object, F extends PageFilters> extends PagedQueryOptions<T, F>, Omit<TableProps<T>, 'dataSource' | 'pagination' | 'onChange' | 'loading' | 'columns'> {
  /** Columns; those with `sorter: true` sort on the server by their `key` (else dataIndex). */
  columns: TableColumnsType<T>;
  emptyText?: ReactNode;
  /** Offered page sizes; default 10, 20, 50, 100. */
  pageSizeOptions?: number[];
}

/**
 * A table of a list endpoint that speaks common/page.ts: `?page&pageSize&sort&order` plus the
 * filters in, `{ items, total, totalCapped, page, pageSize }` out. Sorting and paging happen on
 * the server; when the count was capped the total reads "10,000+ — narrow the filters".
 *
 *   <PagedTable<Contract, { status?: string }>
 *     rowKey="id" queryKey={['contracts', 'list']} filters={{ status }}
 *     fetch={(q, signal) => api.get<Page<Contract>>('/contracts', q, signal)}
 *     defaultSort={{ sort: 'updatedAt', order: 'desc' }}
 *     columns={[{ title: '…', key: 'signedOn', dataIndex: 'signedOn', sorter: true }, …]}
 *   />
 */
export function PagedTable<T extends object, F extends PageFilters = PageFilters>(props: PagedTableProps<T, F>) {
  const { queryKey, fetch, filters, defaultSort, pageSize, enabled, refetchInterval, columns, emptyText, pageSizeOptions, ...tableProps } = props;
  const { t, locale } = useI18n();
  const { query, request, setPage, setSort } = usePagedQuery<T, F>({ queryKey, fetch, filters, defaultSort, pageSize, enabled, refetchInterval });
  const data = query.data;
  const sortedColumns = useMemo(
    () =>
      columns.map((c) => {
        if (!c.sorter) return c;
        const key = c.key ?? ('dataIndex' in c ? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : c.dataIndex) : undefined);
        return { ...c, sortOrder: key !== undefined && String(key) === request.sort ? (request.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null };
      }),
    [columns, request.sort, request.order],
  );
  return (
    <Table<T>
      size="middle"
      {...tableProps}
      columns={sortedColumns}
      dataSource={data?.items ?? []}
      loading={query.isFetching}
      locale={emptyText ? { emptyText } : tableProps.locale}
      pagination={{
        current: request.page,
        pageSize: request.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: pageSizeOptions ?? [10, 20, 50, 100],
        showTotal: (total) => (
          <Typography.Text type={data?.totalCapped ? 'warning' : 'secondary'} data-testid="paged-table-total" data-capped={String(!!data?.totalCapped)}>
            {data?.totalCapped ? t('components.table.capped', { total: formatNumber(total, locale) }) : t('components.table.total', { total: formatNumber(total, locale) })}
          </Typography.Text>
        ),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = sortOf(sorter);
          setSort(s?.sort, s?.order);
        } else if (extra.action === 'paginate') {
          setPage(pagination.current ?? 1, pagination.pageSize);
        }
      }}
    />
  );
}
