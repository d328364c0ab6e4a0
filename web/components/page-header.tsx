import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title, optional one-paragraph introduction and actions; `page` names it for tests (`page-<page>`). */
export function PageHeader({ page, title, intro, extra }: { page: string; title: ReactNode; intro?: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ marginBottom: 16 }} data-testid={`page-${page}`}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {intro && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, maxWidth: 900 }}>
          {intro}
        </Typography.Paragraph>
      )}
    </div>
  );
}
