import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CheckField } from '../../components/check-field';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { useI18n } from '../../lib/i18n';
import { percentOfRatio } from './labels';
import { type RightsPolicy, rightsApi, usePolicies, useRightsMutation } from './service';

function PolicyItems({ p }: { p: RightsPolicy }) {
  const { t } = useI18n();
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
        { key: 'min', label: t('rights.policy.minAppraisedValue'), children: <Money value={p.minAppraisedValue} empty={t('rights.policy.none')} /> },
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
  const { t } = useI18n();
  const q = usePolicies(orgId);
  const [open, setOpen] = useState(false);
  const moneyRule = useMoneyRule();
  const add = useRightsMutation(
    (v: PolicyForm) => rightsApi.addPolicy(orgId, { ...v, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), minAppraisedValue: v.minAppraisedValue?.trim() ? v.minAppraisedValue.trim() : null }),
    { success: t('rights.policy.added') },
  );
  const p = q.data?.inForce;
  return (
    <>
      <Card
        size="small"
        title={p ? (p.version === 0 ? t('rights.policy.default') : t('rights.policy.inForce', { version: p.version, from: p.effectiveFrom })) : ''}
        extra={
          canEdit && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="policy-add">
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
          { title: t('rights.policy.minAppraisedValue'), dataIndex: 'minAppraisedValue', width: 140, render: (v: string | null) => <Money value={v} empty={t('rights.policy.none')} /> },
          { title: t('rights.policy.publicityDays'), dataIndex: 'publicityDays', width: 100 },
          { title: t('rights.policy.triggerReward'), dataIndex: 'agreedProceedsTriggerReward', width: 120, render: (v: boolean) => (v ? t('rights.policy.yes') : t('rights.policy.no')) },
          { title: t('rights.policy.note'), dataIndex: 'note' },
        ]}
      />
      <FormModal<PolicyForm>
        open={open}
        width={640}
        title={t('rights.policy.add')}
        okText={t('common.actions.confirm')}
        onClose={() => setOpen(false)}
        initialValues={{ ...(p ?? {}), effectiveFrom: dayjs(), minAppraisedValue: p?.minAppraisedValue ?? undefined }}
        onSubmit={(v) => add.mutateAsync(v)}
      >
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
          <Form.Item name="minAppraisedValue" label={t('rights.policy.minAppraisedValue')} rules={[moneyRule]}>
            <MoneyInput style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <CheckField name="requireClearTitle">{t('rights.policy.requireClearTitle')}</CheckField>
        <CheckField name="requireCounterparty">{t('rights.policy.requireCounterparty')}</CheckField>
        <CheckField name="agreedProceedsTriggerReward">{t('rights.policy.triggerReward')}</CheckField>
        <Form.Item name="note" label={t('rights.policy.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
    </>
  );
}
