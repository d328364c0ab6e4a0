import { Alert, Card, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { money } from '../contracts/plan';
import { Figure, pick, StatusTag } from './labels';
import MyRewardsPage from './mine';
import { OFFICE_ROLES, OfficeNav } from './nav';
import PolicyPage from './policy';
import { DISTRIBUTION_STATUSES, type Distribution, type DistributionStatus, useDistributions } from './service';

/** 收益分配: the institution's distributions, one per receipt (each created when the payment is recorded), paged on the server. */
function OfficeListPage({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<DistributionStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useDistributions(orgId, { status, ...paging });

  const columns: TableColumnsType<Distribution> = [
    { title: t('distribution.fields.receivedOn'), dataIndex: 'receivedOn', width: 110 },
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
    { title: t('distribution.fields.gross'), dataIndex: 'gross', width: 140, align: 'right', render: (v: string) => <span title={v}>{money(v, locale)}</span> },
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
          d.rewards.map((r) => `${r.name} ${money(r.amount, locale)}`).join('；')
        ),
    },
    { title: t('distribution.fields.status'), dataIndex: 'status', width: 110, render: (s: DistributionStatus) => <StatusTag status={s} /> },
  ];

  return (
    <>
      <PageHeader page="distribution" title={t('distribution.title')} intro={t('distribution.intro')} extra={<OfficeNav current="list" />} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('distribution.allStatuses')}
            style={{ width: 180 }}
            value={status}
            onChange={(s) => {
              setStatus(s);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={DISTRIBUTION_STATUSES.map((s) => ({ value: s, label: t(`distribution.statuses.${s}`) }))}
            data-testid="distribution-status-filter"
          />
          <Typography.Text type="secondary">{t('distribution.listHint')}</Typography.Text>
        </Space>
        <Table<Distribution>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t('distribution.empty') }}
          data-testid="distribution-table"
        />
      </Card>
    </>
  );
}

/** /distribution: the office's list, the bureau's policy comparison, everyone else's own rewards. */
export default function DistributionPage() {
  const { t } = useI18n();
  const { role, active } = useSession();
  if (role === 'bureau') return <PolicyPage page="distribution" />;
  if (role && OFFICE_ROLES.has(role)) {
    if (!active) return <Alert type="warning" showIcon title={t('distribution.noOrg')} />;
    return role === 'admin' ? <PolicyPage page="distribution" /> : <OfficeListPage orgId={active.organisationId} />;
  }
  return <MyRewardsPage page="distribution" />;
}
