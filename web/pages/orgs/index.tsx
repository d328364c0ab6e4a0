import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ORG_KINDS, type OrgKind } from '../../../common/roles';
import { ORG_ACCESS } from '../../access';
import { districtName, useDistricts } from '../../api/reference';
import type { Org } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';
import { useSession } from '../../lib/session';
import { OrgFormModal } from './org-form';
import { useOrgList } from './service';

/** Organisations: a server-paginated, searchable list; administrators create and edit. */
export default function OrgListPage() {
  const { t, locale } = useI18n();
  const { role } = useSession();
  const isAdmin = role ? ORG_ACCESS[role] === 'manage' : false;
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrgKind | undefined>();
  const pager = usePager();
  const list = useOrgList({ q: q || undefined, kind, ...pager.params });
  const districts = useDistricts();
  const [editing, setEditing] = useState<Org | null>(null);
  const [formOpen, setFormOpen] = useState(false);

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
    {
      title: t('orgs.fields.isActive'),
      dataIndex: 'isActive',
      width: 90,
      render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('common.states.active') : t('common.states.inactive')}</Tag>,
    },
    {
      title: '',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, o) => (
        <Space size={4}>
          <Link to={`/orgs/${o.id}`}>{t('common.actions.view')}</Link>
          {isAdmin && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditing(o);
                setFormOpen(true);
              }}
            >
              {t('common.actions.edit')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader page="organisations"
        title={t('orgs.title')}
        intro={isAdmin ? undefined : t('orgs.readOnlyHint')}
        extra={
          isAdmin && (
            <Button
              type="primary"
              data-testid="org-create"
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
            >
              {t('orgs.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('orgs.searchPlaceholder')}
            style={{ width: 280, maxWidth: '100%' }}
            onSearch={(value) => {
              setQ(value.trim());
              pager.reset();
            }}
            data-testid="org-search"
          />
          <Select
            allowClear
            placeholder={t('orgs.allKinds')}
            style={{ width: 180 }}
            value={kind}
            onChange={(value) => {
              setKind(value);
              pager.reset();
            }}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`roles.orgKind.${k}`) }))}
          />
        </Space>
        <Table<Org>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={pager.pagination(list.data)}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('common.states.empty') }}
          data-testid="org-table"
        />
      </Card>
      <OrgFormModal open={formOpen} org={editing} isAdmin={isAdmin} onClose={() => setFormOpen(false)} />
    </>
  );
}
