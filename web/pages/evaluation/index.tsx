import { Card, Result, Select, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { EvaluationStatus } from '../../../common/evaluation';
import { Money } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusTag, useStatusOptions } from '../../components/status-tag';
import { useCan } from '../../lib/can';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { EVALUATION_KEY, type EvaluationListItem, evaluationApi } from './service';

/** Evaluations the caller may read: operators and the bureau see all, offices and brokers their organisation's. */
export default function EvaluationListPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const [status, setStatus] = useState<EvaluationStatus | undefined>();
  const statusOptions = useStatusOptions('evaluation');
  if (!can('evaluation.open')) return <Result status="403" title={t('evaluation.forbidden')} />;

  const columns: TableColumnsType<EvaluationListItem> = [
    {
      title: t('evaluation.fields.number'),
      dataIndex: 'number',
      width: 170,
      render: (n: string, r) => (
        <Link to={`/evaluation/achievements/${r.achievementId}`} data-testid={`evaluation-link-${r.id}`}>
          <Typography.Text style={{ fontFamily: 'monospace' }}>
            {n} v{r.versionNo}
          </Typography.Text>
        </Link>
      ),
    },
    { title: t('evaluation.fields.achievement'), key: 'a', render: (_, r) => <Link to={`/evaluation/achievements/${r.achievementId}`}>{r.achievementTitle}</Link> },
    { title: t('evaluation.fields.holder'), dataIndex: 'holderName', width: 180 },
    { title: t('evaluation.fields.requester'), dataIndex: 'requesterName', width: 180 },
    { title: 'TRL', dataIndex: 'trl', width: 60 },
    { title: t('evaluation.fields.conclusionValue'), dataIndex: 'conclusionValue', width: 150, align: 'right', render: (v: string | null) => <Money value={v} /> },
    { title: t('evaluation.fields.status'), dataIndex: 'status', width: 110, render: (s: EvaluationStatus) => <StatusTag kind="evaluation" value={s} /> },
    { title: t('evaluation.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader page="evaluation" title={t('evaluation.title')} intro={t('evaluation.intro')} />
      <Card>
        <Select allowClear placeholder={t('evaluation.fields.status')} style={{ width: 200, marginBottom: 12 }} value={status} onChange={setStatus} options={statusOptions} />
        <PagedTable<EvaluationListItem, { status?: EvaluationStatus | undefined }>
          rowKey="id"
          size="small"
          queryKey={[...EVALUATION_KEY, 'list']}
          filters={{ status }}
          fetch={(q, signal) => evaluationApi.list(q, signal)}
          columns={columns}
          emptyText={t('evaluation.listEmpty')}
          scroll={{ x: 1100 }}
        />
      </Card>
    </>
  );
}
