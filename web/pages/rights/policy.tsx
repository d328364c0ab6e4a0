import { Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { percentOfRatio, yuan } from './labels';
import { attempt, type RightsPolicy, rightsApi, usePolicies, useRightsMutation } from './service';

function PolicyItems({ p }: { p: RightsPolicy }) {
  const { t, locale } = useI18n();
  const yn = (b: boolean) => (b ? t('rights.policy.yes') : t('rights.policy.no'));
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="rights-policy"
      items={[
        { key: 'max', label: t('rights.policy.maxTeamShare'), children: percentOfRatio(p.maxTeamShare) },
        { key: 'first', label: t('rights.policy.firstTerm'), children: p.useRightFirstTermYears },
        { key: 'cum', label: t('rights.policy.cumulativeMin'), children: p.useRightCumulativeMinYears },
        { key: 'min', label: t('rights.policy.minAppraisedValue'), children: p.minAppraisedValue ? yuan(p.minAppraisedValue, locale) : t('rights.policy.none') },
        { key: 'title', label: t('rights.policy.requireClearTitle'), children: yn(p.requireClearTitle) },
        { key: 'cp', label: t('rights.policy.requireCounterparty'), children: yn(p.requireCounterparty) },
        { key: 'pub', label: t('rights.policy.publicityDays'), children: p.publicityDays },
        { key: 'rw', label: t('rights.policy.triggerReward'), children: yn(p.agreedProceedsTriggerReward) },
      ]}
    />
  );
}

interface PolicyForm {
  effectiveFrom: Dayjs;
  maxTeamShare: string;
  useRightFirstTermYears: number;
  useRightCumulativeMinYears: number;
  minAppraisedValue?: string;
  requireClearTitle: boolean;
  requireCounterparty: boolean;
  publicityDays: number;
  agreedProceedsTriggerReward: boolean;
  note?: string;
}

/** The institution's grant rule: the version in force, its history, and a new version (office). */
export function PolicyTab({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const q = usePolicies(orgId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PolicyForm>();
  const add = useRightsMutation((v: PolicyForm) =>
    rightsApi.addPolicy(orgId, { ...v, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), minAppraisedValue: v.minAppraisedValue?.trim() ? v.minAppraisedValue.trim() : null }),
  );
  const p = q.data?.inForce;
  return (
    <>
      <Card
        size="small"
        title={p ? (p.version === 0 ? t('rights.policy.default') : t('rights.policy.inForce', { version: p.version, from: p.effectiveFrom })) : ''}
        extra={
          canEdit && (
            <Button
              type="primary"
              onClick={() => {
                form.setFieldsValue({ ...(p ?? {}), effectiveFrom: dayjs(), minAppraisedValue: p?.minAppraisedValue ?? undefined });
                setOpen(true);
              }}
              data-testid="policy-add"
            >
              {t('rights.policy.add')}
            </Button>
          )
        }
        loading={q.isPending}
      >
        {p && <PolicyItems p={p} />}
      </Card>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('rights.policy.versions')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data?.versions ?? []}
        locale={{ emptyText: t('rights.empty') }}
        columns={[
          { title: '#', dataIndex: 'version', width: 50 },
          { title: t('rights.policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
          { title: t('rights.policy.maxTeamShare'), dataIndex: 'maxTeamShare', width: 120, render: (v: string) => percentOfRatio(v) },
          { title: t('rights.policy.cumulativeMin'), dataIndex: 'useRightCumulativeMinYears', width: 120 },
          { title: t('rights.policy.minAppraisedValue'), dataIndex: 'minAppraisedValue', width: 140, render: (v: string | null) => (v ? yuan(v, locale) : t('rights.policy.none')) },
          { title: t('rights.policy.publicityDays'), dataIndex: 'publicityDays', width: 100 },
          { title: t('rights.policy.triggerReward'), dataIndex: 'agreedProceedsTriggerReward', width: 120, render: (v: boolean) => (v ? t('rights.policy.yes') : t('rights.policy.no')) },
          { title: t('rights.policy.note'), dataIndex: 'note' },
        ]}
      />
      <Modal
        open={open}
        width={640}
        title={t('rights.policy.add')}
        okText={t('common.actions.confirm')}
        cancelText={t('common.actions.cancel')}
        confirmLoading={add.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.validateFields().then((v) => attempt(add.mutateAsync(v), () => {
              setOpen(false);
              feedback.message?.success(t('rights.policy.added'));
            }))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="effectiveFrom" label={t('rights.policy.effectiveFrom')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="maxTeamShare" label={t('rights.policy.maxTeamShare')} rules={[{ required: true }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="publicityDays" label={t('rights.policy.publicityDays')} rules={[{ required: true }]}>
              <InputNumber min={1} max={60} precision={0} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="useRightFirstTermYears" label={t('rights.policy.firstTerm')} rules={[{ required: true }]}>
              <InputNumber min={1} max={50} precision={0} />
            </Form.Item>
            <Form.Item name="useRightCumulativeMinYears" label={t('rights.policy.cumulativeMin')} rules={[{ required: true }]}>
              <InputNumber min={1} max={50} precision={0} />
            </Form.Item>
            <Form.Item name="minAppraisedValue" label={t('rights.policy.minAppraisedValue')}>
              <Input style={{ width: 180 }} />
            </Form.Item>
          </Space>
          <Form.Item name="requireClearTitle" valuePropName="checked">
            <Checkbox>{t('rights.policy.requireClearTitle')}</Checkbox>
          </Form.Item>
          <Form.Item name="requireCounterparty" valuePropName="checked">
            <Checkbox>{t('rights.policy.requireCounterparty')}</Checkbox>
          </Form.Item>
          <Form.Item name="agreedProceedsTriggerReward" valuePropName="checked">
            <Checkbox>{t('rights.policy.triggerReward')}</Checkbox>
          </Form.Item>
          <Form.Item name="note" label={t('rights.policy.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
