import { Button, Card, Descriptions, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Contract } from '../../../common/api/contracts';
import { CONTRACT_STATUSES, type ContractStatus } from '../../../common/contracts';
import { holdsRole } from '../../../common/roles';
import { PageHeader } from '../../components/page-header';
import { formatInstant, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ApplyLicenceModal } from './apply-licence';
import { kindLabel, StatusTag, statusLabel } from './labels';
import { useContracts, useOrgPosition } from './service';
import { Money } from '../../components/money-input';

/** My organisation's contracts, as licensor or licensee; a firm applies for a use-first-pay-later licence here. */
export default function ContractListPage() {
  const { t, locale } = useI18n();
  const { me, active } = useSession();
  // A firm's people apply for licences, in the organisation they act for.
  const canApply = !!active && holdsRole(me.memberships, ['enterprise'], active.organisationId);
  const position = useOrgPosition(active?.organisationId);
  const [status, setStatus] = useState<ContractStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useContracts({ status, ...paging });
  const [applyOpen, setApplyOpen] = useState(false);

  const columns: TableColumnsType<Contract> = [
    {
      title: t('contracts.fields.number'),
      dataIndex: 'number',
      width: 160,
      render: (n: string, c) => (
        <Link to={`/contracts/${c.id}`} data-testid={`contract-link-${c.id}`}>
          <Typography.Text style={{ fontFamily: 'monospace' }}>{n}</Typography.Text>
        </Link>
      ),
    },
    { title: t('contracts.fields.title'), dataIndex: 'title', width: 320, render: (v: string, c) => <Link to={`/contracts/${c.id}`}>{v}</Link> },
    { title: t('contracts.fields.kind'), dataIndex: 'kind', width: 150, render: (k: Contract['kind']) => kindLabel(k, locale) },
    {
      title: t('contracts.fields.myRole'),
      key: 'party',
      width: 240,
      render: (_, c) => (
        <Space size={4} wrap>
          {c.myRoles.map((r) => (
            <Tag key={r}>{t(`contracts.myRole.${r}`)}</Tag>
          ))}
          <Typography.Text type="secondary">{c.myRoles.includes('licensor') ? c.licensee.name : c.licensor.name}</Typography.Text>
        </Space>
      ),
    },
    { title: t('contracts.fields.totalAmount'), dataIndex: 'totalAmount', width: 150, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('contracts.fields.status'), dataIndex: 'status', width: 120, render: (s: ContractStatus) => <StatusTag status={s} locale={locale} /> },
    { title: t('contracts.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader
        page="contracts"
        title={t('menu.contracts')}
        intro={t('contracts.intro')}
        extra={
          canApply && (
            <Button type="primary" onClick={() => setApplyOpen(true)} data-testid="contract-apply">
              {t('contracts.apply.button')}
            </Button>
          )
        }
      />
      <Card>
        {position.data && position.data.items.length > 0 && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 3 }}
            style={{ marginBottom: 12 }}
            data-testid="contract-position"
            items={[
              { key: 'n', label: t('contracts.position.contracts'), children: position.data.items.length },
              { key: 'out', label: t('contracts.position.outstanding'), children: <span title={position.data.outstanding}>{formatMoney(position.data.outstanding, locale, { unit: 'auto' })}</span> },
              {
                key: 'over',
                label: t('contracts.position.overdue'),
                children: <Typography.Text type={Number(position.data.overdue) > 0 ? 'danger' : undefined}>{formatMoney(position.data.overdue, locale, { unit: 'auto' })}</Typography.Text>,
              },
            ]}
          />
        )}
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('contracts.allStatuses')}
            style={{ width: 180 }}
            value={status}
            onChange={(s) => {
              setStatus(s);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={CONTRACT_STATUSES.map((s) => ({ value: s, label: statusLabel(s, locale) }))}
            data-testid="contract-status-filter"
          />
        </Space>
        <Table<Contract>
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
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          scroll={{ x: 1350 }}
          locale={{ emptyText: t('contracts.empty') }}
          data-testid="contract-table"
        />
      </Card>
      <ApplyLicenceModal open={applyOpen} onClose={() => setApplyOpen(false)} />
    </>
  );
}
