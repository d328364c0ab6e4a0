import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';
import { PAGE_SIZE_DEFAULT, type Page, type PageParams } from '../../common/page';

/**
 * Server-side paging of a table over the common page shape (common/page.ts): the page asked for
 * and antd's pagination bound to the page the server answered. Reset to the first page whenever
 * the filters change.
 */
export function usePager(pageSize = PAGE_SIZE_DEFAULT) {
  const [params, setParams] = useState<PageParams>({ page: 1, pageSize });
  const reset = useCallback(() => setParams((p) => (p.page === 1 ? p : { ...p, page: 1 })), []);
  const pagination = useCallback(
    (data: Page<unknown> | undefined): TablePaginationConfig => ({
      current: params.page,
      pageSize: params.pageSize,
      total: data?.total ?? 0,
      showSizeChanger: true,
      hideOnSinglePage: params.page === 1 && (data?.total ?? 0) <= params.pageSize,
      onChange: (page, size) => setParams({ page: size === params.pageSize ? page : 1, pageSize: size }),
    }),
    [params],
  );
  return { params, reset, pagination };
}
