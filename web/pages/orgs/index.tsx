import { Button, Card, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ORG_KINDS, type OrgKind } from '../../../common/roles';
import { pageFetcher } from '../../api/client';
import { districtName, useDistricts } from '../../api/reference';
import type { Org } from '../../api/types';
import { ActiveTag } from '../../components/active-tag';
import { PageHeader } from '../../components/page-header';
import { actionsColumn } from '../../components/row-actions';
import { PagedTable } from '../../components/paged-table';
import { SearchInput } from '../../components/search-input';
import { useCan } from '../../lib/can';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { OrgFormModal } from './org-form';
import { ORGS_KEY } from './service';

/** Organisations: a server-paginated, searchable list; administrators create and edit. */
export default function OrgListPage() {
  const { t, locale } = useI18n();
  const isAdmin = useCan()('orgs.manageAll');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrgKind | undefined>();
  const districts = useDistricts();
  const [editing, setEditing] = useState<Org | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const openForm = (org: Org | null) => {
    setEditing(org);
    setFormOpen(true);
  };

  const columns: TableColumnsType<Org> = [
    {
      title: t('orgs.fields.name'),
      dataIndex: 'name',
      render: (_, o) => (
        <Link to={`/orgs/${o.id}`}>
          {o.name}
          {o.nameEn && locale === 'en-US' ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {o.nameEn}
            </Typography.Text>
          ) : null}
        </Link>
      ),
    },
    { title: t('orgs.fields.kind'), dataIndex: 'kind', width: 140, render: (k: OrgKind) => t(`roles.orgKind.${k}`) },
    {
      title: t('orgs.fields.creditCode'),
      dataIndex: 'creditCode',
      width: 200,
      render: (c: string) => <Typography.Text style={{ fontFamily: 'monospace' }}>{c}</Typography.Text>,
    },
    { title: t('orgs.fields.district'), dataIndex: 'district', width: 120, render: (d: string) => districtName(d, districts.data, locale) },
    { title: t('orgs.fields.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right', render: (n: number) => formatNumber(n, locale) },
    { title: t('orgs.fields.isActive'), dataIndex: 'isActive', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
    actionsColumn<Org>(
      (o) => (
        <>
          <Link to={`/orgs/${o.id}`}>{t('common.actions.view')}</Link>
          {isAdmin && (
            <Button type="link" size="small" onClick={() => openForm(o)}>
              {t('common.actions.edit')}
            </Button>
          )}
        </>
      ),
      { width: 120 },
    ),
  ];

  return (
    <>
      <PageHeader
        page="organisations"
        title={t('orgs.title')}
        intro={isAdmin ? undefined : t('orgs.readOnlyHint')}
        action={isAdmin && { label: t('orgs.create'), onClick: () => openForm(null), testId: 'org-create' }}
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <SearchInput placeholder={t('orgs.searchPlaceholder')} width={280} onSearch={setQ} testId="org-search" />
          <Select allowClear placeholder={t('orgs.allKinds')} style={{ width: 180 }} value={kind} onChange={setKind} options={ORG_KINDS.map((k) => ({ value: k, label: t(`roles.orgKind.${k}`) }))} />
        </Space>
        <PagedTable<Org, { q: string; kind?: OrgKind }>
          rowKey="id"
          queryKey={[...ORGS_KEY, 'list']}
          filters={{ q, kind }}
          fetch={pageFetcher<Org>('/orgs')}
          columns={columns}
          scroll={{ x: 900 }}
          emptyText={t('common.states.empty')}
          data-testid="org-table"
        />
      </Card>
      <OrgFormModal open={formOpen} org={editing} isAdmin={isAdmin} onClose={() => setFormOpen(false)} />
    </>
  );
}
