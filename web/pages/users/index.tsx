import { Button, Card, Form, Input, Space, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, pageFetcher } from '../../api/client';
import type { User } from '../../api/types';
import { ActiveTag } from '../../components/active-tag';
import { RowConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { actionsColumn } from '../../components/row-actions';
import { PagedTable } from '../../components/paged-table';
import { SearchInput } from '../../components/search-input';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';

type UserChange = { id: string; name?: string; isActive?: boolean };

/** People on the platform (administrators): search, rename, deactivate and reactivate. */
export default function UsersPage() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [renaming, setRenaming] = useState<User | null>(null);
  const update = useApiMutation(({ id, ...body }: UserChange) => api.patch<User>(`/users/${id}`, body), {
    invalidate: [['users']],
    success: (_, v) => (v.isActive === undefined ? t('users.updated') : v.isActive ? t('users.activated') : t('users.deactivated')),
  });

  const columns: TableColumnsType<User> = [
    { title: t('users.fields.name'), dataIndex: 'name', width: 140 },
    { title: t('users.fields.email'), dataIndex: 'email', width: 220, render: (v: string | null) => v ?? '' },
    { title: t('users.fields.mobile'), dataIndex: 'mobile', width: 130, render: (v: string | null) => v ?? '' },
    {
      title: t('users.fields.memberships'),
      dataIndex: 'memberships',
      render: (ms: User['memberships']) => (
        <Space size={[4, 4]} wrap>
          {ms.map((m) => (
            <Tag key={`${m.organisationId}|${m.role}`}>{t('auth.userMenu.membership', { org: m.organisationName, role: t(`roles.role.${m.role}`) })}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.fields.isActive'), dataIndex: 'isActive', width: 90, render: (a: boolean) => <ActiveTag active={a} /> },
    actionsColumn<User>(
      (u) => (
        <>
          <Button type="link" size="small" onClick={() => setRenaming(u)}>
            {t('users.editName')}
          </Button>
          <RowConfirmButton
            title={u.isActive ? t('users.deactivateConfirm', { name: u.name }) : t('users.activateConfirm', { name: u.name })}
            danger={u.isActive}
            onConfirm={() => update.mutateAsync({ id: u.id, isActive: !u.isActive })}
            testId={`user-toggle-${u.id}`}
          >
            {u.isActive ? t('users.deactivate') : t('users.activate')}
          </RowConfirmButton>
        </>
      ),
      { width: 170 },
    ),
  ];

  return (
    <>
      <PageHeader page="users" title={t('users.title')} />
      <Card>
        <div style={{ marginBottom: 16 }}>
          <SearchInput placeholder={t('users.searchPlaceholder')} onSearch={setQ} />
        </div>
        <PagedTable<User, { q: string }>
          rowKey="id"
          queryKey={['users', 'list']}
          filters={{ q }}
          fetch={pageFetcher<User>('/users')}
          columns={columns}
          scroll={{ x: 1000 }}
          emptyText={t('common.states.empty')}
        />
      </Card>
      <FormModal<{ name: string }>
        open={!!renaming}
        title={t('users.editName')}
        initialValues={{ name: renaming?.name }}
        onClose={() => setRenaming(null)}
        onSubmit={(v) => renaming && update.mutateAsync({ id: renaming.id, name: v.name.trim() })}
      >
        <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
