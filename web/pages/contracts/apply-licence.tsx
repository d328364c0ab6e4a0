import { Alert, Button, Descriptions, Form, Input, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FormModal } from '../../components/form-modal';
import { useI18n } from '../../lib/i18n';
import { contractApi, useAchievement, useContractMutation } from './service';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The achievement ID in what was typed: an ID, or a link that contains one. */
export function achievementIdIn(input: string): string | null {
  return UUID.exec(input.trim())?.[0]?.toLowerCase() ?? null;
}

/**
 * A firm applies for a use-first-pay-later licence on a public achievement. There is no public
 * listing yet, so the firm gives the achievement's ID or link; the achievement is shown before
 * the application is sent (GET /achievements/{id} answers anyone for a public achievement).
 */
export function ApplyLicenceModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ ref: string; note?: string }>();
  const [lookupId, setLookupId] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const achievement = useAchievement(lookupId);
  const navigate = useNavigate();
  const apply = useContractMutation(({ id, note }: { id: string; note?: string }) => contractApi.apply(id, note ? { note } : {}), { success: t('contracts.apply.submitted') });

  useEffect(() => {
    if (open) {
      setLookupId(null);
      setInvalid(false);
    }
  }, [open]);

  const lookup = () => {
    const id = achievementIdIn(form.getFieldValue('ref') ?? '');
    setInvalid(!id);
    setLookupId(id);
  };

  const found = achievement.data && achievement.data.visibility === 'public' ? achievement.data : null;
  const notFound = !!lookupId && !achievement.isFetching && (achievement.isError || (achievement.data && !found));

  return (
    <FormModal<{ ref: string; note?: string }>
      open={open}
      title={t('contracts.apply.title')}
      okText={t('contracts.apply.submit')}
      okDisabled={!found}
      form={form}
      onSubmit={async (v) => {
        if (!found) return;
        const c = await apply.mutateAsync({ id: found.id, note: v.note?.trim() || undefined });
        navigate(`/contracts/${c.id}`);
      }}
      onClose={onClose}
      width={640}
      testId="apply"
    >
      <Alert type="info" showIcon title={t('contracts.apply.intro')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('contracts.apply.achievement')} required validateStatus={invalid ? 'error' : undefined} help={invalid ? t('contracts.apply.invalidId') : undefined}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="ref" noStyle>
            <Input
              placeholder={t('contracts.apply.achievementPlaceholder')}
              onPressEnter={(e) => {
                // Enter looks the achievement up; it does not send the application.
                e.preventDefault();
                lookup();
              }}
              data-testid="apply-achievement"
            />
          </Form.Item>
          <Button onClick={lookup} data-testid="apply-lookup">
            {t('contracts.apply.lookup')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {achievement.isFetching && <Spin />}
      {notFound && <Alert type="warning" showIcon title={t('contracts.apply.notPublic')} style={{ marginBottom: 16 }} />}
      {found && (
        <Descriptions
          bordered
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          data-testid="apply-found"
          items={[
            { key: 'number', label: t('contracts.fields.number'), children: found.number },
            { key: 'title', label: t('contracts.fields.title'), children: locale === 'en-US' && found.titleEn ? found.titleEn : found.title },
            { key: 'owner', label: t('contracts.apply.owner'), children: found.organisationName },
          ]}
        />
      )}
      <Form.Item name="note" label={t('contracts.apply.note')}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('contracts.apply.notePlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
