import { Button, Card, Descriptions, Result, Skeleton, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { canManageOrg } from '../../access';
import { ApiError } from '../../api/client';
import { districtName, useDistricts } from '../../api/reference';
import type { Member } from '../../api/types';
import { ActiveTag } from '../../components/active-tag';
import { RowConfirmButton } from '../../components/confirm-button';
import { PageHeader } from '../../components/page-header';
import { actionsColumn } from '../../components/row-actions';
import { useCan } from '../../lib/can';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { MemberFormModal } from './member-form';
import { OrgFormModal } from './org-form';
import { useMembers, useOrg, useRemoveMember } from './service';

/** One organisation: its details and, for those who manage it, its members. */
export default function OrgDetailPage({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const { role, active } = useSession();
  const isAdmin = useCan()('orgs.manageAll');
  const manages = canManageOrg(role, orgId, active?.organisationId);
  const org = useOrg(orgId, true);
  const parent = useOrg(org.data?.parentId, true);
  const members = useMembers(orgId, manages);
  const remove = useRemoveMember(orgId, { success: t('orgs.members.removed') });
  const districts = useDistricts();
  const [editOpen, setEditOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);

  if (org.isPending) return <Skeleton active />;
  if (org.isError || !org.data) {
    const status = org.error instanceof ApiError && org.error.status === 403 ? '403' : '404';
    return <Result status={status} title={status === '403' ? t('common.pages.forbiddenTitle') : t('common.pages.notFoundTitle')} />;
  }
  const o = org.data;

  const memberColumns: TableColumnsType<Member> = [
    { title: t('orgs.members.name'), dataIndex: 'name' },
    { title: t('orgs.members.role'), dataIndex: 'role', render: (r: Member['role']) => <Tag>{t(`roles.role.${r}`)}</Tag> },
    { title: t('orgs.members.email'), dataIndex: 'email', render: (v: string | null) => v ?? '' },
    { title: t('orgs.members.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? '' },
    actionsColumn<Member>(
      (m) => (
        <RowConfirmButton title={t('orgs.members.removeConfirm', { name: m.name, role: t(`roles.role.${m.role}`) })} onConfirm={() => remove.mutateAsync(m.id)} testId={`member-remove-${m.id}`}>
          {t('common.actions.remove')}
        </RowConfirmButton>
      ),
      { width: 90, fixed: false },
    ),
  ];

  return (
    <>
      <PageHeader
        page="org-detail"
        title={o.name}
        intro={o.nameEn ?? undefined}
        extra={
          manages && (
            <Button onClick={() => setEditOpen(true)} data-testid="org-edit">
              {t('common.actions.edit')}
            </Button>
          )
        }
      />
      <Card title={t('orgs.detail.basics')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'kind', label: t('orgs.fields.kind'), children: t(`roles.orgKind.${o.kind}`) },
            {
              key: 'creditCode',
              label: t('orgs.fields.creditCode'),
              children: (
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                  {o.creditCode}
                </Typography.Text>
              ),
            },
            { key: 'district', label: t('orgs.fields.district'), children: districtName(o.district, districts.data, locale) },
            { key: 'parent', label: t('orgs.fields.parent'), children: parent.data?.name ?? t('common.states.none') },
            {
              key: 'isActive',
              label: t('orgs.fields.isActive'),
              children: <ActiveTag active={o.isActive} />,
            },
            { key: 'memberCount', label: t('orgs.fields.memberCount'), children: o.memberCount },
            ...(o.createdAt ? [{ key: 'createdAt', label: t('orgs.fields.createdAt'), children: formatInstant(o.createdAt, locale) }] : []),
          ]}
        />
      </Card>
      {manages && (
        <Card
          title={t('orgs.members.title')}
          style={{ marginTop: 16 }}
          extra={
            <Space>
              <Button type="primary" onClick={() => setAddOpen(true)} data-testid="member-add">
                {t('orgs.members.add')}
              </Button>
            </Space>
          }
        >
          <Table<Member>
            rowKey="id"
            size="middle"
            columns={memberColumns}
            dataSource={members.data?.items ?? []}
            loading={members.isFetching}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            locale={{ emptyText: t('common.states.empty') }}
          />
        </Card>
      )}
      {manages && <OrgFormModal open={editOpen} org={o} isAdmin={isAdmin} onClose={() => setEditOpen(false)} />}
      {manages && <MemberFormModal open={addOpen} org={o} isAdmin={isAdmin} onClose={() => setAddOpen(false)} />}
    </>
  );
}
