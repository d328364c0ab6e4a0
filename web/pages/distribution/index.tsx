import { Alert, Card, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { Figure } from './labels';
import MyRewardsPage from './mine';
import { OfficeNav } from './nav';
import PolicyPage from './policy';
import { type Distribution, type DistributionPage as DistributionList, type DistributionStatus, DISTRIBUTIONS_KEY } from './service';
import { formatMoney } from '../../lib/format';
import { Money } from '../../components/money-input';
import { StatusFilter } from '../../components/status-filter';
import { StatusTag } from '../../components/status-tag';
import { pick } from '../../lib/bilingual';

/** 收益分配: the institution's distributions, one per receipt (each created when the payment is recorded), paged on the server. */
function OfficeListPage({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<DistributionStatus | undefined>();

  const columns: TableColumnsType<Distribution> = [
    { title: t('distribution.fields.receivedOn'), key: 'receivedOn', dataIndex: 'receivedOn', width: 110, sorter: true },
    {
      title: t('distribution.fields.title'),
      dataIndex: 'title',
      width: 300,
      render: (v: string, d) => (
        <Link to={`/distribution/${d.id}`} data-testid={`distribution-link-${d.id}`}>
          {v}
          {d.contract && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontFamily: 'monospace' }}>
              {d.contract.number}
            </Typography.Text>
          )}
        </Link>
      ),
    },
    { title: t('distribution.fields.gross'), key: 'gross', dataIndex: 'gross', width: 140, align: 'right', sorter: true, render: (v: string) => <Money value={v} /> },
    {
      title: t('distribution.fields.net'),
      key: 'net',
      width: 140,
      align: 'right',
      render: (_, d) => (d.result ? <Figure figure={d.result.net} /> : '—'),
    },
    {
      title: t('distribution.fields.team'),
      key: 'team',
      width: 140,
      align: 'right',
      render: (_, d) => (d.result ? <Figure figure={d.result.team} strong testId={`distribution-team-${d.id}`} /> : '—'),
    },
    {
      title: t('distribution.fields.recipients'),
      key: 'people',
      width: 220,
      render: (_, d) =>
        d.excludedReason ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(d.excludedReason, locale)}
          </Typography.Text>
        ) : (
          d.rewards.map((r) => `${r.name} ${formatMoney(r.amount, locale, { unit: 'auto' })}`).join('；')
        ),
    },
    { title: t('distribution.fields.status'), dataIndex: 'status', width: 110, render: (s: DistributionStatus) => <StatusTag kind="distribution" value={s} /> },
  ];

  return (
    <>
      <PageHeader page="distribution" title={t('distribution.title')} intro={t('distribution.intro')} extra={<OfficeNav current="list" />} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <StatusFilter kind="distribution" value={status} onChange={setStatus} placeholder={t('distribution.allStatuses')} testId="distribution-status-filter" />
          <Typography.Text type="secondary">{t('distribution.listHint')}</Typography.Text>
        </Space>
        <PagedTable<Distribution, { status?: DistributionStatus | undefined }>
          rowKey="id"
          queryKey={[...DISTRIBUTIONS_KEY, orgId]}
          filters={{ status }}
          fetch={(q, signal) => api.get<DistributionList>(`/orgs/${orgId}/distributions`, { ...q }, signal)}
          defaultSort={{ sort: 'receivedOn', order: 'desc' }}
          columns={columns}
          scroll={{ x: 1200 }}
          emptyText={t('distribution.empty')}
          data-testid="distribution-table"
        />
      </Card>
    </>
  );
}

/** /distribution: the office's list, the bureau's policy comparison, everyone else's own rewards. */
export default function DistributionPage() {
  const { t } = useI18n();
  const { active } = useSession();
  const can = useCan();
  // The bureau and administrators compare the institutions' policies.
  if (can('distribution.oversee')) return <PolicyPage page="distribution" />;
  if (can('distribution.office')) {
    if (!active) return <Alert type="warning" showIcon title={t('distribution.noOrg')} />;
    return <OfficeListPage orgId={active.organisationId} />;
  }
  return <MyRewardsPage page="distribution" />;
}
