import { Card, Result, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { EVALUATION_STATUS_LABELS, EVALUATION_STATUSES, type EvaluationStatus } from '../../../common/evaluation';
import { PageHeader } from '../../components/page-header';
import { formatInstant, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { StatusTag } from './achievement';
import { EVALUATION_ROLES, type EvaluationListItem, useEvaluations } from './service';

/** Evaluations the caller may read: operators and the bureau see all, offices and brokers their organisation's. */
export default function EvaluationListPage() {
  const { t, locale } = useI18n();
  const { role } = useSession();
  const [status, setStatus] = useState<EvaluationStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useEvaluations({ status, ...paging });
  if (!role || !EVALUATION_ROLES.includes(role)) return <Result status="403" title={t('evaluation.forbidden')} />;

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
    { title: t('evaluation.fields.conclusionValue'), dataIndex: 'conclusionValue', width: 150, align: 'right', render: (v: string | null) => (v ? formatMoney(v, locale) : '—') },
    { title: t('evaluation.fields.status'), dataIndex: 'status', width: 110, render: (s: EvaluationStatus) => <StatusTag status={s} locale={locale} /> },
    { title: t('evaluation.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader page="evaluation" title={t('evaluation.title')} intro={t('evaluation.intro')} />
      <Card>
        <Select
          allowClear
          placeholder={t('evaluation.fields.status')}
          style={{ width: 200, marginBottom: 12 }}
          value={status}
          onChange={(s) => {
            setStatus(s);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={EVALUATION_STATUSES.map((s) => ({ value: s, label: locale === 'zh-CN' ? EVALUATION_STATUS_LABELS[s].zh : EVALUATION_STATUS_LABELS[s].en }))}
        />
        <Table<EvaluationListItem>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('evaluation.listEmpty') }}
          scroll={{ x: 1100 }}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, hideOnSinglePage: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        />
      </Card>
    </>
  );
}
