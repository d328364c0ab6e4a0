import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { contractApi, useAchievement } from './service';

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
  const qc = useQueryClient();
  const apply = useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) => contractApi.apply(id, note ? { note } : {}),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: ['contracts'] });
      feedback.message?.success(t('contracts.apply.submitted'));
      onClose();
      navigate(`/contracts/${c.id}`);
    },
  });

  useEffect(() => {
    if (open) {
      form.resetFields();
      setLookupId(null);
      setInvalid(false);
    }
  }, [open, form]);

  const lookup = () => {
    const id = achievementIdIn(form.getFieldValue('ref') ?? '');
    setInvalid(!id);
    setLookupId(id);
  };

  const found = achievement.data && achievement.data.visibility === 'public' ? achievement.data : null;
  const notFound = !!lookupId && !achievement.isFetching && (achievement.isError || (achievement.data && !found));

  return (
    <Modal
      open={open}
      title={t('contracts.apply.title')}
      okText={t('contracts.apply.submit')}
      cancelText={t('common.actions.cancel')}
      okButtonProps={{ disabled: !found, 'data-testid': 'apply-submit' }}
      confirmLoading={apply.isPending}
      onOk={() => found && apply.mutate({ id: found.id, note: (form.getFieldValue('note') as string | undefined)?.trim() || undefined })}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={640}
      data-testid="apply-modal"
    >
      <Alert type="info" showIcon title={t('contracts.apply.intro')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item label={t('contracts.apply.achievement')} required validateStatus={invalid ? 'error' : undefined} help={invalid ? t('contracts.apply.invalidId') : undefined}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="ref" noStyle>
              <Input placeholder={t('contracts.apply.achievementPlaceholder')} onPressEnter={lookup} data-testid="apply-achievement" />
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
      </Form>
    </Modal>
  );
}
