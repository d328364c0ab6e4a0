import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { OrgKind, Role, TokenScope } from '../../../common/roles';
import { TOKEN_SCOPES } from '../../../common/roles';
import { can, grantableRoles } from '../../access';
import { api, pageFetcher } from '../../api/client';
import type { ApiToken, NewToken } from '../../api/types';
import { RowConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { actionsColumn } from '../../components/row-actions';
import { PagedTable } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { useCan } from '../../lib/can';
import { feedback } from '../../lib/feedback';
import { businessToday, formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { useSession } from '../../lib/session';
import { useOrg, useOrgList } from '../orgs/service';

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

/** The name of the organisation a token acts for (one look-up per organisation, shared by the rows). */
function OrgName({ id, fallback }: { id: string; fallback?: string }) {
  return <>{useOrg(id, true).data?.name ?? fallback ?? id}</>;
}

/** API tokens for system integrations: list, issue (secret shown once), revoke. */
export default function TokensPage() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const isAdmin = useCan()('orgs.manageAll');
  const [form] = Form.useForm<Values>();
  const [createOpen, setCreateOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [orgSearch, setOrgSearch] = useState('');

  // Organisations the person can issue tokens for: any (administrators) or those they administer.
  const ownOrgs = useMemo(() => me.memberships.filter((m) => can(m.role, 'tokens.issue')).map((m) => ({ id: m.organisationId, name: m.organisationName, kind: m.organisationKind })), [me.memberships]);
  const orgSearchResults = useOrgList({ q: orgSearch || undefined, pageSize: 20 }, createOpen && isAdmin);
  const orgChoices = useMemo(() => {
    const map = new Map<string, { id: string; name: string; kind: OrgKind }>();
    for (const o of ownOrgs) map.set(o.id, o);
    for (const o of orgSearchResults.data?.items ?? []) map.set(o.id, { id: o.id, name: o.name, kind: o.kind });
    return [...map.values()];
  }, [ownOrgs, orgSearchResults.data]);

  const selectedOrgId = Form.useWatch('organisationId', form);
  const selectedOrg = orgChoices.find((o) => o.id === selectedOrgId);
  const roleChoices = selectedOrg ? grantableRoles(selectedOrg.kind, isAdmin) : [];

  const create = useApiMutation(
    (v: Values) =>
      api.post<NewToken>('/tokens', {
        name: v.name.trim(),
        organisationId: v.organisationId,
        role: v.role,
        scopes: v.scopes,
        // The chosen day is inclusive, to its last second in Qingdao.
        ...(v.expiresAt ? { expiresAt: `${v.expiresAt.format('YYYY-MM-DD')}T23:59:59+08:00` } : {}),
      }),
    { form, invalidate: [TOKENS_KEY], onSuccess: (result) => setSecret(result.token) },
  );
  const revoke = useApiMutation((id: string) => api.post<ApiToken>(`/tokens/${id}/revoke`), { success: t('tokens.revoked'), invalidate: [TOKENS_KEY] });

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
    { title: t('tokens.fields.organisation'), dataIndex: 'organisationId', width: 220, render: (id: string) => <OrgName id={id} fallback={orgChoices.find((o) => o.id === id)?.name} /> },
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
      render: (_, tk) => <StatusTag kind="token" value={tokenStatus(tk, now)} />,
    },
    actionsColumn<ApiToken>(
      (tk) =>
        tokenStatus(tk, now) === 'active' && (
          <RowConfirmButton title={t('tokens.revokeConfirm', { name: tk.name })} onConfirm={() => revoke.mutateAsync(tk.id)} testId={`token-revoke-${tk.id}`}>
            {t('tokens.revoke')}
          </RowConfirmButton>
        ),
      { width: 90 },
    ),
  ];

  return (
    <>
      <PageHeader page="tokens" title={t('tokens.title')} intro={t('tokens.intro')} action={{ label: t('tokens.create'), onClick: () => setCreateOpen(true), testId: 'token-create' }} />
      <Card>
        <PagedTable<ApiToken> rowKey="id" queryKey={[...TOKENS_KEY, 'list']} fetch={pageFetcher<ApiToken>('/tokens')} columns={columns} scroll={{ x: 1300 }} emptyText={t('common.states.empty')} />
      </Card>

      <FormModal<Values>
        open={createOpen}
        title={t('tokens.create')}
        okText={t('common.actions.create')}
        form={form}
        initialValues={{ scopes: ['read'], organisationId: ownOrgs.length === 1 ? ownOrgs[0]?.id : undefined }}
        onSubmit={(v) => create.mutateAsync(v)}
        onClose={() => setCreateOpen(false)}
      >
        <Form.Item name="name" label={t('tokens.fields.name')} rules={[{ required: true, whitespace: true, message: t('tokens.validation.nameRequired') }]}>
          <Input placeholder={t('tokens.placeholders.name')} maxLength={100} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('tokens.fields.organisation')} rules={[{ required: true, message: t('tokens.validation.organisationRequired') }]}>
          <Select
            placeholder={t('tokens.placeholders.organisation')}
            loading={orgSearchResults.isFetching}
            showSearch={isAdmin ? { filterOption: false, onSearch: setOrgSearch } : { optionFilterProp: 'label' }}
            options={orgChoices.map((o) => ({ value: o.id, label: o.name }))}
            onChange={() => form.setFieldValue('role', undefined)}
          />
        </Form.Item>
        <Form.Item name="role" label={t('tokens.fields.role')} rules={[{ required: true, message: t('tokens.validation.roleRequired') }]}>
          <Select placeholder={t('tokens.placeholders.role')} disabled={!selectedOrg} options={roleChoices.map((r) => ({ value: r, label: t(`roles.role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="scopes" label={t('tokens.fields.scopes')} rules={[{ required: true, type: 'array', min: 1, message: t('tokens.validation.scopesRequired') }]}>
          <Checkbox.Group options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`tokens.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('tokens.fields.expiresAt')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('tokens.placeholders.expiresAt')} disabledDate={(d) => d.format('YYYY-MM-DD') < businessToday()} />
        </Form.Item>
      </FormModal>

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
