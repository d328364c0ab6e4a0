import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { OrgKind, Role, TokenScope } from '../../../common/roles';
import { holdsRole, ROLE_GROUPS, TOKEN_SCOPES } from '../../../common/roles';
import { grantableRoles, ORG_ACCESS } from '../../access';
import { api, type Page } from '../../api/client';
import type { ApiToken, NewToken, Org } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { applyFieldErrors, feedback, showError } from '../../lib/feedback';
import { businessToday, formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { usePager } from '../../lib/pager';
import { useSession } from '../../lib/session';

interface Values {
  name: string;
  organisationId: string;
  role: Role;
  scopes: TokenScope[];
  expiresAt?: Dayjs | null;
}

const TOKENS_KEY = ['tokens'] as const;

function tokenStatus(tk: ApiToken, now: number): 'active' | 'revoked' | 'expired' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && Date.parse(tk.expiresAt) <= now) return 'expired';
  return 'active';
}

/** API tokens for system integrations: list, issue (secret shown once), revoke. */
export default function TokensPage() {
  const { t, locale } = useI18n();
  const { me, role } = useSession();
  const isAdmin = role ? ORG_ACCESS[role] === 'manage' : false;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [createOpen, setCreateOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [orgSearch, setOrgSearch] = useState('');

  const pager = usePager();
  const tokens = useQuery({
    queryKey: [...TOKENS_KEY, pager.params],
    queryFn: ({ signal }) => api.get<Page<ApiToken>>('/tokens', { ...pager.params }, signal),
    placeholderData: (previous) => previous,
  });

  // Organisations the person can issue tokens for: any (administrators) or those they administer.
  const ownOrgs = useMemo(
    () =>
      me.memberships
        .filter((m) => holdsRole([m], ROLE_GROUPS.orgAdmin))
        .map((m) => ({ id: m.organisationId, name: m.organisationName, kind: m.organisationKind })),
    [me.memberships],
  );
  const orgSearchResults = useQuery({
    queryKey: ['orgs', 'list', { q: orgSearch, limit: 20 }],
    queryFn: ({ signal }) => api.get<Page<Org>>('/orgs', { q: orgSearch || undefined, pageSize: 20 }, signal),
    enabled: createOpen && isAdmin,
  });
  const orgChoices = useMemo(() => {
    const map = new Map<string, { id: string; name: string; kind: OrgKind }>();
    for (const o of ownOrgs) map.set(o.id, o);
    for (const o of orgSearchResults.data?.items ?? []) map.set(o.id, { id: o.id, name: o.name, kind: o.kind });
    return [...map.values()];
  }, [ownOrgs, orgSearchResults.data]);

  // Names of the organisations the listed tokens act for.
  const tokenOrgIds = useMemo(() => [...new Set((tokens.data?.items ?? []).map((tk) => tk.organisationId))], [tokens.data]);
  const tokenOrgs = useQueries({
    queries: tokenOrgIds.map((id) => ({
      queryKey: ['orgs', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Org>(`/orgs/${id}`, undefined, signal),
      meta: { silent: true },
      staleTime: 5 * 60_000,
    })),
  });
  const orgName = (id: string) =>
    tokenOrgs.find((q) => q.data?.id === id)?.data?.name ?? orgChoices.find((o) => o.id === id)?.name ?? id;

  const selectedOrgId = Form.useWatch('organisationId', form);
  const selectedOrg = orgChoices.find((o) => o.id === selectedOrgId);
  const roleChoices = selectedOrg ? grantableRoles(selectedOrg.kind, isAdmin) : [];

  const create = useMutation({
    mutationFn: (v: Values) =>
      api.post<NewToken>('/tokens', {
        name: v.name.trim(),
        organisationId: v.organisationId,
        role: v.role,
        scopes: v.scopes,
        // The chosen day is inclusive, to its last second in Qingdao.
        ...(v.expiresAt ? { expiresAt: `${v.expiresAt.format('YYYY-MM-DD')}T23:59:59+08:00` } : {}),
      }),
    meta: { silent: true },
    onSuccess: (result) => {
      setCreateOpen(false);
      form.resetFields();
      setSecret(result.token);
      return queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error)) showError(error);
    },
  });

  const revoke = useMutation({
    mutationFn: (id: string) => api.post<ApiToken>(`/tokens/${id}/revoke`),
    onSuccess: () => {
      feedback.message?.success(t('tokens.revoked'));
      return queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });

  const copySecret = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      feedback.message?.success(t('common.feedback.copied'));
    } catch {
      feedback.message?.warning(t('common.feedback.copyFailed'));
    }
  };

  const now = Date.now();
  const columns: TableColumnsType<ApiToken> = [
    { title: t('tokens.fields.name'), dataIndex: 'name', width: 180 },
    {
      title: t('tokens.fields.prefix'),
      dataIndex: 'prefix',
      width: 140,
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    { title: t('tokens.fields.organisation'), dataIndex: 'organisationId', width: 220, render: (id: string) => orgName(id) },
    { title: t('tokens.fields.role'), dataIndex: 'role', width: 130, render: (r: Role) => t(`roles.role.${r}`) },
    {
      title: t('tokens.fields.scopes'),
      dataIndex: 'scopes',
      width: 130,
      render: (scopes: TokenScope[]) => scopes.map((s) => <Tag key={s}>{t(`tokens.scope.${s}`)}</Tag>),
    },
    { title: t('tokens.fields.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatInstant(v, locale) },
    {
      title: t('tokens.fields.expiresAt'),
      dataIndex: 'expiresAt',
      width: 160,
      render: (v: string | null) => (v ? formatInstant(v, locale) : t('tokens.noExpiry')),
    },
    {
      title: t('tokens.fields.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 160,
      render: (v: string | null) => (v ? formatInstant(v, locale) : t('tokens.never')),
    },
    {
      title: t('tokens.fields.status'),
      key: 'status',
      width: 90,
      render: (_, tk) => {
        const status = tokenStatus(tk, now);
        return <Tag color={status === 'active' ? 'green' : status === 'revoked' ? 'red' : 'default'}>{t(`tokens.status.${status}`)}</Tag>;
      },
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, tk) =>
        tokenStatus(tk, now) === 'active' && (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: tk.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.actions.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(tk.id)}
          >
            <Button type="link" size="small" danger data-testid={`token-revoke-${tk.id}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader page="tokens"
        title={t('tokens.title')}
        intro={t('tokens.intro')}
        extra={
          <Button type="primary" onClick={() => setCreateOpen(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Card>
        <Table<ApiToken>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={tokens.data?.items ?? []}
          loading={tokens.isFetching}
          pagination={pager.pagination(tokens.data)}
          scroll={{ x: 1300 }}
          locale={{ emptyText: t('common.states.empty') }}
        />
      </Card>

      <Modal
        open={createOpen}
        title={t('tokens.create')}
        okText={t('common.actions.create')}
        cancelText={t('common.actions.cancel')}
        confirmLoading={create.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreateOpen(false)}
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => create.mutate(v)}
          initialValues={{ scopes: ['read'], organisationId: ownOrgs.length === 1 ? ownOrgs[0]?.id : undefined }}
        >
          <Form.Item name="name" label={t('tokens.fields.name')} rules={[{ required: true, whitespace: true, message: t('tokens.validation.nameRequired') }]}>
            <Input placeholder={t('tokens.placeholders.name')} maxLength={100} />
          </Form.Item>
          <Form.Item
            name="organisationId"
            label={t('tokens.fields.organisation')}
            rules={[{ required: true, message: t('tokens.validation.organisationRequired') }]}
          >
            <Select
              placeholder={t('tokens.placeholders.organisation')}
              loading={orgSearchResults.isFetching}
              showSearch={isAdmin ? { filterOption: false, onSearch: setOrgSearch } : { optionFilterProp: 'label' }}
              options={orgChoices.map((o) => ({ value: o.id, label: o.name }))}
              onChange={() => form.setFieldValue('role', undefined)}
            />
          </Form.Item>
          <Form.Item name="role" label={t('tokens.fields.role')} rules={[{ required: true, message: t('tokens.validation.roleRequired') }]}>
            <Select
              placeholder={t('tokens.placeholders.role')}
              disabled={!selectedOrg}
              options={roleChoices.map((r) => ({ value: r, label: t(`roles.role.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="scopes" label={t('tokens.fields.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('tokens.validation.scopesRequired') }]}>
            <Checkbox.Group options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
          </Form.Item>
          <Form.Item name="expiresAt" label={t('tokens.fields.expiresAt')}>
            <DatePicker
              style={{ width: '100%' }}
              placeholder={t('tokens.placeholders.expiresAt')}
              disabledDate={(d) => d.format('YYYY-MM-DD') < businessToday()}
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!secret}
        title={t('tokens.secretTitle')}
        closable={false}
        mask={{ closable: false }}
        onOk={() => setSecret(null)}
        okText={t('tokens.secretDone')}
        cancelButtonProps={{ style: { display: 'none' } }}
        data-testid="token-secret-modal"
      >
        <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={secret ?? ''} style={{ fontFamily: 'monospace' }} data-testid="token-secret" onFocus={(e) => e.target.select()} />
          <Button type="primary" onClick={() => void copySecret()}>
            {t('common.actions.copy')}
          </Button>
        </Space.Compact>
      </Modal>
    </>
  );
}
