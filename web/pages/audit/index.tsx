import { useQuery } from '@tanstack/react-query';
import { Card, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { diffRows, type DiffRow } from '../../lib/diff';
import { usePager } from '../../lib/pager';

function Value({ value, absent }: { value: unknown; absent: string }) {
  if (value === undefined) return <Typography.Text type="secondary">{absent}</Typography.Text>;
  return <pre className="keqiao-json">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
}

function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const rows = diffRows(entry.before, entry.after);
  if (rows.every((r) => !r.changed)) return <Typography.Text type="secondary">{t('audit.diff.noChanges')}</Typography.Text>;
  const absent = t('audit.diff.absent');
  return (
    <Table<DiffRow>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.changed ? 'keqiao-diff-changed' : '')}
      scroll={{ x: 600 }}
      columns={[
        { title: t('audit.diff.field'), dataIndex: 'field', width: 180, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
        { title: t('audit.diff.before'), dataIndex: 'before', render: (v: unknown) => <Value value={v} absent={absent} /> },
        { title: t('audit.diff.after'), dataIndex: 'after', render: (v: unknown) => <Value value={v} absent={absent} /> },
      ]}
    />
  );
}

/** The audit log: who changed what, when, with an expandable before/after comparison. */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const [entity, setEntity] = useState('');
  const pager = usePager(50);
  const list = useQuery({
    queryKey: ['audit', entity, pager.params],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit', { entity: entity || undefined, ...pager.params }, signal),
    placeholderData: (previous) => previous,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.fields.at'), dataIndex: 'at', width: 170, render: (v: string) => formatInstant(v, locale) },
    { title: t('audit.fields.actor'), dataIndex: 'actorName', width: 140, render: (v: string | null) => v ?? t('audit.system') },
    { title: t('audit.fields.action'), dataIndex: 'action', width: 200, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('audit.fields.entity'), dataIndex: 'entity', width: 140 },
    {
      title: t('audit.fields.entityId'),
      dataIndex: 'entityId',
      render: (v: string | null) => (v ? <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{v}</Typography.Text> : ''),
    },
  ];

  return (
    <>
      <PageHeader page="audit" title={t('audit.title')} intro={t('audit.intro')} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('audit.entityPlaceholder')}
          aria-label={t('audit.entityFilter')}
          style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
          onSearch={(value) => {
            setEntity(value.trim());
            pager.reset();
          }}
        />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={pager.pagination(list.data)}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
          locale={{ emptyText: t('common.states.empty') }}
        />
      </Card>
    </>
  );
}
