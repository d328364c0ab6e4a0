import { Button, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from './i18n';

/**
 * Cursor pagination for server-paginated tables: the cursors of the pages seen so far, so
 * that "previous" works; reset whenever the filters change.
 */
export function useCursorPager() {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined]);
  const cursor = stack[stack.length - 1];
  const next = useCallback((nextCursor: string | null | undefined) => {
    if (nextCursor) setStack((s) => [...s, nextCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([undefined]), []);
  return { cursor, page: stack.length, next, previous, reset, hasPrevious: stack.length > 1 };
}

export function CursorPager({
  pager,
  nextCursor,
  loading,
}: {
  pager: ReturnType<typeof useCursorPager>;
  nextCursor: string | null | undefined;
  loading?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }} wrap>
      <Typography.Text type="secondary">{t('common.pager.page', { page: pager.page })}</Typography.Text>
      <Button size="small" disabled={!pager.hasPrevious || loading} onClick={pager.reset}>
        {t('common.actions.firstPage')}
      </Button>
      <Button size="small" disabled={!pager.hasPrevious || loading} onClick={pager.previous} data-testid="pager-previous">
        {t('common.actions.previousPage')}
      </Button>
      <Button size="small" disabled={!nextCursor || loading} onClick={() => pager.next(nextCursor)} data-testid="pager-next">
        {t('common.actions.nextPage')}
      </Button>
    </Space>
  );
}
