import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Role } from '../../../common/roles';
import { grantableRoles } from '../../access';
import { api, type Page } from '../../api/client';
import type { NewMember, Org, User } from '../../api/types';
import { applyFieldErrors, feedback, showError } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { compactMobile, isEmail, isMobile } from '../../lib/validation';
import { useAddMember } from './service';

interface Values {
  mode: 'existing' | 'new';
  role: Role;
  userId?: string;
  name?: string;
  email?: string;
  mobile?: string;
  password?: string;
}

/**
 * Add a member: an existing user (administrators can search all users) or a new person with an
 * initial password.
 */
export function MemberFormModal({ open, org, isAdmin, onClose }: { open: boolean; org: Org; isAdmin: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const add = useAddMember(org.id);
  const mode = Form.useWatch('mode', form) ?? (isAdmin ? 'existing' : 'new');
  const [userSearch, setUserSearch] = useState('');
  const users = useQuery({
    queryKey: ['users', 'search', userSearch],
    queryFn: ({ signal }) => api.get<Page<User>>('/users', { q: userSearch || undefined, pageSize: 20 }, signal),
    enabled: open && isAdmin && mode === 'existing',
  });
  const roles = grantableRoles(org.kind, isAdmin);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (v: Values) => {
    const body: NewMember =
      v.mode === 'existing' && v.userId
        ? { role: v.role, userId: v.userId }
        : {
            role: v.role,
            name: (v.name ?? '').trim(),
            password: v.password ?? '',
            ...(v.email?.trim() ? { email: v.email.trim() } : {}),
            ...(v.mobile?.trim() ? { mobile: compactMobile(v.mobile) } : {}),
          };
    add.mutate(body, {
      onSuccess: () => {
        feedback.message?.success(t('orgs.members.added'));
        onClose();
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) showError(error);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('orgs.members.add')}
      okText={t('common.actions.save')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={add.isPending}
      okButtonProps={{ disabled: roles.length === 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      data-testid="member-form-modal"
    >
      {roles.length === 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('orgs.members.noRoles')} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ mode: isAdmin ? 'existing' : 'new' }} autoComplete="off">
        {isAdmin && (
          <Form.Item name="mode" label={t('orgs.members.mode')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'existing', label: t('orgs.members.modeExisting') },
                { value: 'new', label: t('orgs.members.modeNew') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('orgs.members.role')} rules={[{ required: true, message: t('orgs.members.roleRequired') }]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`roles.role.${r}`) }))} />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item name="userId" label={t('orgs.members.user')} rules={[{ required: true, message: t('orgs.members.userRequired') }]}>
            <Select
              placeholder={t('orgs.members.userPlaceholder')}
              loading={users.isFetching}
              showSearch={{ filterOption: false, onSearch: setUserSearch }}
              options={(users.data?.items ?? []).map((u) => ({
                value: u.id,
                label: [u.name, u.email, u.mobile].filter(Boolean).join(' / '),
              }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={t('orgs.members.name')} rules={[{ required: true, whitespace: true, message: t('orgs.members.nameRequired') }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('orgs.members.email')}
              dependencies={['mobile']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    if (value?.trim()) return isEmail(value) ? Promise.resolve() : Promise.reject(new Error(t('orgs.members.emailInvalid')));
                    return (getFieldValue('mobile') as string | undefined)?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('orgs.members.contactRequired')));
                  },
                }),
              ]}
            >
              <Input type="email" maxLength={254} />
            </Form.Item>
            <Form.Item
              name="mobile"
              label={t('orgs.members.mobile')}
              rules={[
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || isMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('orgs.members.mobileInvalid'))),
                },
              ]}
            >
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('orgs.members.password')}
              extra={t('orgs.members.passwordHint')}
              rules={[
                { required: true, message: t('orgs.members.passwordRequired') },
                { min: 8, message: t('orgs.members.passwordMin') },
              ]}
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
