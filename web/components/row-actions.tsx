import { Space, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';

/**
 * The last column of a table: the row's actions (links, buttons, RowConfirmButton) side by side, kept
 * in view on the right while the table scrolls (unless `fixed: false`).
 *
 *   columns={[..., actionsColumn<User>((u) => <Button …/>, { width: 170 })]}
 */
export function actionsColumn<T>(render: (row: T) => ReactNode, { width = 120, fixed = true }: { width?: number; fixed?: boolean } = {}): TableColumnType<T> {
  return { title: '', key: 'actions', width, ...(fixed ? { fixed: 'right' as const } : {}), render: (_, row) => <Space size={4}>{render(row)}</Space> };
}
