import { Card, type TableColumnsType, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { pageFetcher } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { useCan } from '../../lib/can';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ApplyModal } from './apply';
import { percentOfRatio } from './labels';
import { PolicyTab } from './policy';
import { ProceedsTab } from './proceeds';
import { RectificationTab } from './rectification';
import { type Grant, rightsLists, usePolicies } from './service';

const TABS = ['grants', 'proceeds', 'rectification', 'policy'] as const;
type TabKey = (typeof TABS)[number];

/** Measure 2: grant applications (the office's queue, a researcher's own), agreed proceeds, rectification, the rule. */
export default function RightsPage() {
  const { t, locale } = useI18n();
  const { active } = useSession();
  const can = useCan();
  const orgId = active?.organisationId;
  const policies = usePolicies(orgId);
  const [applying, setApplying] = useState(false);
  const [params, setParams] = useSearchParams();
  const office = can('rights.office');
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
    {
      title: t('rights.fields.teamShare'),
      key: 'share',
      width: 130,
      render: (_, g) => (g.kind === 'ownership' ? percentOfRatio(g.teamShare) : `${g.useRightYears} ${locale === 'zh-CN' ? '年' : 'years'}`),
    },
    { title: t('rights.fields.status'), dataIndex: 'status', width: 170, render: (_, g) => <StatusTag kind="grant" value={g.status} /> },
    { title: t('rights.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader
        page="rights"
        title={t('menu.rights')}
        intro={t('rights.intro')}
        action={can('rights.apply') && { label: t('rights.apply.button'), onClick: () => setApplying(true), testId: 'grant-apply' }}
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
                <PagedTable<Grant>
                  rowKey="id"
                  queryKey={['rights', 'grants', orgId, 'page']}
                  fetch={pageFetcher<Grant>(rightsLists.grants(orgId))}
                  enabled={!!orgId}
                  columns={columns}
                  scroll={{ x: 1100 }}
                  emptyText={t('rights.empty')}
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
