import { Form, Input } from 'antd';
import { api } from '../api/client';
import { useI18n } from '../lib/i18n';
import { useApiMutation } from '../lib/mutation';
import { FormModal } from './form-modal';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password: current, new, and the new one again. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const change = useApiMutation((v: Values) => api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }), {
    success: t('auth.password.done'),
    form,
  });

  return (
    <FormModal<Values> open={open} title={t('auth.password.title')} form={form} onClose={onClose} onSubmit={(v) => change.mutateAsync(v)} testId="change-password-modal">
      <Form.Item name="currentPassword" label={t('auth.password.current')} rules={[{ required: true, message: t('auth.password.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.password.next')}
        rules={[
          { required: true, message: t('auth.password.required') },
          { min: 8, message: t('auth.password.minLength') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('auth.password.sameAsCurrent'))) : Promise.resolve()),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.password.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.password.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
