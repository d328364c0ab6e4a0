import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import type { User } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';

/** People on the platform (administrators): search, rename, deactivate and reactivate. */
export default function UsersPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const pager = usePager();
  const list = useQuery({
    queryKey: ['users', 'list', q, pager.params],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { q: q || undefined, ...pager.params }, signal),
    placeholderData: (previous) => previous,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; isActive?: boolean }) => api.patch<User>(`/users/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const [renaming, setRenaming] = useState<User | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const setActive = (u: User, isActive: boolean) =>
    update.mutateAsync({ id: u.id, isActive }).then(() => {
      feedback.message?.success(isActive ? t('users.activated') : t('users.deactivated'));
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
            <Tag key={`${m.organisationId}|${m.role}`}>
              {t('auth.userMenu.membership', { org: m.organisationName, role: t(`roles.role.${m.role}`) })}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('users.fields.isActive'),
      dataIndex: 'isActive',
      width: 90,
      render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{a ? t('common.states.active') : t('common.states.inactive')}</Tag>,
    },
    {
      title: '',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, u) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setRenaming(u);
              form.setFieldsValue({ name: u.name });
            }}
          >
            {t('users.editName')}
          </Button>
          <Popconfirm
            title={u.isActive ? t('users.deactivateConfirm', { name: u.name }) : t('users.activateConfirm', { name: u.name })}
            okText={u.isActive ? t('users.deactivate') : t('users.activate')}
            cancelText={t('common.actions.cancel')}
            okButtonProps={{ danger: u.isActive }}
            onConfirm={() => setActive(u, !u.isActive)}
          >
            <Button type="link" size="small" danger={u.isActive} data-testid={`user-toggle-${u.id}`}>
              {u.isActive ? t('users.deactivate') : t('users.activate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader page="users" title={t('users.title')} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
          onSearch={(value) => {
            setQ(value.trim());
            pager.reset();
          }}
        />
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={pager.pagination(list.data)}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('common.states.empty') }}
        />
      </Card>
      <Modal
        open={!!renaming}
        title={t('users.editName')}
        okText={t('common.actions.save')}
        cancelText={t('common.actions.cancel')}
        confirmLoading={update.isPending}
        onOk={() => form.submit()}
        onCancel={() => setRenaming(null)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            renaming &&
            update.mutate(
              { id: renaming.id, name: v.name.trim() },
              {
                onSuccess: () => {
                  feedback.message?.success(t('users.updated'));
                  setRenaming(null);
                },
              },
            )
          }
        >
          <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
