import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The page's main action beside its title: a primary button. */
export interface PageAction {
  label: ReactNode;
  onClick: () => void;
  testId?: string;
}

/**
 * A page's title, optional one-paragraph introduction and actions; `page` names it for tests (`page-<page>`).
 * `action` is the usual single primary button (`action={can ? { label, onClick, testId } : undefined}`); `extra` anything else.
 */
export function PageHeader({ page, title, intro, extra, action }: { page: string; title: ReactNode; intro?: ReactNode; extra?: ReactNode; action?: PageAction | false }) {
  return (
    <div style={{ marginBottom: 16 }} data-testid={`page-${page}`}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
        {action && (
          <Button type="primary" onClick={action.onClick} data-testid={action.testId}>
            {action.label}
          </Button>
        )}
      </Flex>
      {intro && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, maxWidth: 900 }}>
          {intro}
        </Typography.Paragraph>
      )}
    </div>
  );
}
