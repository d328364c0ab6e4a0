import { Button, Card, Descriptions, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Contract } from '../../../common/api/contracts';
import type { ContractStatus } from '../../../common/contracts';
import { Money } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusFilter } from '../../components/status-filter';
import { StatusTag } from '../../components/status-tag';
import { useCan } from '../../lib/can';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ApplyLicenceModal } from './apply-licence';
import { kindLabel } from './labels';
import { CONTRACTS_KEY, fetchContracts, useOrgPosition } from './service';

/** My organisation's contracts, as licensor or licensee; a firm applies for a use-first-pay-later licence here. */
export default function ContractListPage() {
  const { t, locale } = useI18n();
  const { active } = useSession();
  const can = useCan();
  // A firm's people apply for licences, in the organisation they act for.
  const canApply = !!active && can('contracts.apply', active.organisationId);
  const position = useOrgPosition(active?.organisationId);
  const [status, setStatus] = useState<ContractStatus | undefined>();
  const [applyOpen, setApplyOpen] = useState(false);

  const columns: TableColumnsType<Contract> = [
    {
      title: t('contracts.fields.number'),
      key: 'number',
      dataIndex: 'number',
      width: 160,
      sorter: true,
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
    { title: t('contracts.fields.status'), dataIndex: 'status', width: 120, render: (s: ContractStatus) => <StatusTag kind="contract" value={s} /> },
    { title: t('contracts.fields.updatedAt'), key: 'updatedAt', dataIndex: 'updatedAt', width: 150, sorter: true, render: (v: string) => formatInstant(v, locale) },
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
              { key: 'out', label: t('contracts.position.outstanding'), children: <Money value={position.data.outstanding} /> },
              {
                key: 'over',
                label: t('contracts.position.overdue'),
                children: (
                  <Typography.Text type={Number(position.data.overdue) > 0 ? 'danger' : undefined}>
                    <Money value={position.data.overdue} />
                  </Typography.Text>
                ),
              },
            ]}
          />
        )}
        <Space wrap style={{ marginBottom: 16 }}>
          <StatusFilter kind="contract" value={status} onChange={setStatus} placeholder={t('contracts.allStatuses')} testId="contract-status-filter" />
        </Space>
        <PagedTable<Contract, { status?: ContractStatus | undefined }>
          rowKey="id"
          queryKey={CONTRACTS_KEY}
          filters={{ status }}
          fetch={fetchContracts}
          columns={columns}
          scroll={{ x: 1350 }}
          emptyText={t('contracts.empty')}
          data-testid="contract-table"
        />
      </Card>
      <ApplyLicenceModal open={applyOpen} onClose={() => setApplyOpen(false)} />
    </>
  );
}
