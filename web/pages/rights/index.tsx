import { Button, Card, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { formatInstant } from '../../lib/format';
import { holdsRole, OFFICE_ROLES, ROLE_GROUPS } from '../../../common/roles';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';
import { useSession } from '../../lib/session';
import { ApplyModal } from './apply';
import { GrantStatusTag, percentOfRatio, pick } from './labels';
import { PolicyTab } from './policy';
import { ProceedsTab } from './proceeds';
import { RectificationTab } from './rectification';
import { type Grant, useGrants, usePolicies } from './service';

const TABS = ['grants', 'proceeds', 'rectification', 'policy'] as const;
type TabKey = (typeof TABS)[number];

/** Measure 2: grant applications (the office's queue, a researcher's own), agreed proceeds, rectification, the rule. */
export default function RightsPage() {
  const { t, locale } = useI18n();
  const { role, active } = useSession();
  const orgId = active?.organisationId;
  const pager = usePager();
  const grants = useGrants(orgId, pager.params);
  const policies = usePolicies(orgId);
  const [applying, setApplying] = useState(false);
  const [params, setParams] = useSearchParams();
  const office = !!role && OFFICE_ROLES.includes(role);
  const tabs: TabKey[] = office ? [...TABS] : ['grants', 'policy'];
  const tab: TabKey = tabs.includes(params.get('tab') as TabKey) ? (params.get('tab') as TabKey) : 'grants';

  const columns: TableColumnsType<Grant> = [
    {
      title: t('rights.fields.number'),
      dataIndex: 'number',
      width: 150,
      render: (n: string, g) => (
        <Link to={`/rights/grants/${g.id}`} data-testid={`grant-link-${g.id}`}>
          <Typography.Text style={{ fontFamily: 'monospace' }}>{n}</Typography.Text>
        </Link>
      ),
    },
    { title: t('rights.fields.achievement'), key: 'a', render: (_, g) => <Link to={`/rights/grants/${g.id}`}>{`${g.achievement.number} ${g.achievement.title}`}</Link> },
    { title: t('rights.fields.applicant'), key: 'rep', width: 100, render: (_, g) => g.applicant.name },
    { title: t('rights.fields.kind'), dataIndex: 'kind', width: 120, render: (k: Grant['kind']) => t(`rights.kind.${k}`) },
    { title: t('rights.fields.teamShare'), key: 'share', width: 130, render: (_, g) => (g.kind === 'ownership' ? percentOfRatio(g.teamShare) : `${g.useRightYears} ${locale === 'zh-CN' ? '年' : 'years'}`) },
    { title: t('rights.fields.status'), dataIndex: 'status', width: 170, render: (_, g) => <GrantStatusTag status={g.status} label={pick(g.statusLabel, locale)} /> },
    { title: t('rights.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader
        page="rights"
        title={t('menu.rights')}
        intro={t('rights.intro')}
        extra={
          !!active &&
          holdsRole([active], ROLE_GROUPS.institutionMember) && (
            <Button type="primary" onClick={() => setApplying(true)} data-testid="grant-apply">
              {t('rights.apply.button')}
            </Button>
          )
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={tabs.map((k) => ({
            key: k,
            label: t(`rights.tabs.${k}`),
            children:
              k === 'grants' ? (
                <Table<Grant>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={grants.data?.items ?? []}
                  loading={grants.isFetching}
                  pagination={pager.pagination(grants.data)}
                  scroll={{ x: 1100 }}
                  locale={{ emptyText: t('rights.empty') }}
                  data-testid="grant-table"
                />
              ) : !orgId ? null : k === 'proceeds' ? (
                <ProceedsTab orgId={orgId} canEdit={office} />
              ) : k === 'rectification' ? (
                <RectificationTab orgId={orgId} canEdit={office} />
              ) : (
                <PolicyTab orgId={orgId} canEdit={office} />
              ),
          }))}
        />
      </Card>
      {orgId && <ApplyModal open={applying} onClose={() => setApplying(false)} orgId={orgId} policy={policies.data?.inForce} />}
    </>
  );
}
