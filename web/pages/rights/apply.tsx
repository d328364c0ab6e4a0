import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { feedback } from '../../lib/feedback';
import { CheckField } from '../../components/check-field';
import { formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { attempt, GRANTABLE_STATUSES, type Grant, type GrantRequest, rightsApi, type RightsPolicy, useOrgAchievements, useRightsMutation } from './service';

interface ConsentRow {
  name: string;
  consented: boolean;
  signedOn: Dayjs | null;
  evidence: string;
}

interface FormValues {
  achievementId: string;
  kind: 'ownership' | 'use_right';
  teamShare?: string;
  useRightYears?: number;
  summary: string;
  counterpartyName?: string;
  counterpartyCreditCode?: string;
  appraisedValue?: string;
  appraisalRef?: string;
  clearTitle: boolean;
}

/**
 * The researcher's application (or its amended resubmission): the achievement, the kind of grant,
 * the transformation plan and a consent checklist with one line per completer.
 */
export function ApplyModal({ open, onClose, orgId, policy, resubmitFor }: { open: boolean; onClose: () => void; orgId: string; policy: RightsPolicy | undefined; resubmitFor?: Grant }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const achievements = useOrgAchievements(orgId, open && !resubmitFor);
  const [consents, setConsents] = useState<ConsentRow[]>([]);
  const achievementId = Form.useWatch('achievementId', form);
  const kind = Form.useWatch('kind', form) ?? 'ownership';
  const options = useMemo(() => (achievements.data?.items ?? []).filter((a) => GRANTABLE_STATUSES.includes(a.status)), [achievements.data]);

  useEffect(() => {
    if (!open) return;
    if (resubmitFor) {
      form.setFieldsValue({
        achievementId: resubmitFor.achievement.id,
        kind: resubmitFor.kind,
        teamShare: resubmitFor.teamShare ?? undefined,
        useRightYears: resubmitFor.useRightYears ?? undefined,
        summary: resubmitFor.plan.summary,
        counterpartyName: resubmitFor.plan.counterpartyName ?? undefined,
        counterpartyCreditCode: resubmitFor.plan.counterpartyCreditCode ?? undefined,
        appraisedValue: resubmitFor.plan.appraisedValue ?? undefined,
        appraisalRef: resubmitFor.plan.appraisalRef ?? undefined,
        clearTitle: resubmitFor.plan.clearTitle,
      });
      setConsents(
        resubmitFor.completers.map((c) => {
          const given = resubmitFor.consents.find((x) => x.name === c.name);
          return { name: c.name, consented: !!given, signedOn: given ? dayjs(given.signedOn) : null, evidence: given?.evidence ?? '' };
        }),
      );
    } else {
      form.resetFields();
      setConsents([]);
    }
  }, [open, resubmitFor, form]);

  useEffect(() => {
    if (resubmitFor || !achievementId) return;
    const a = options.find((x) => x.id === achievementId);
    setConsents((a?.completerNames ?? []).map((name) => ({ name, consented: false, signedOn: null, evidence: '' })));
  }, [achievementId, options, resubmitFor]);

  const submit = useRightsMutation(async (v: FormValues) => {
    const body: GrantRequest = {
      kind: v.kind,
      teamShare: v.kind === 'ownership' ? (v.teamShare ?? null) : null,
      useRightYears: v.kind === 'use_right' ? (v.useRightYears ?? null) : null,
      plan: {
        summary: v.summary,
        counterpartyName: v.counterpartyName || null,
        counterpartyCreditCode: v.counterpartyCreditCode || null,
        appraisedValue: v.appraisedValue || null,
        appraisalRef: v.appraisalRef || null,
        clearTitle: !!v.clearTitle,
      },
      consents: consents.filter((c) => c.consented && c.signedOn).map((c) => ({ name: c.name, signedOn: c.signedOn!.format('YYYY-MM-DD'), evidence: c.evidence })),
    };
    return resubmitFor ? rightsApi.step(resubmitFor.id, 'resubmit', { application: body }) : rightsApi.apply(orgId, { ...body, achievementId: v.achievementId });
  });

  const update = (i: number, patch: Partial<ConsentRow>) => setConsents((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const missing = consents.filter((c) => !c.consented || !c.signedOn || !c.evidence.trim()).map((c) => c.name);

  return (
    <Modal
      open={open}
      width={820}
      title={resubmitFor ? `${t('rights.actions.resubmit')} · ${resubmitFor.number}` : t('rights.apply.title')}
      okText={t('rights.apply.submit')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'grant-apply-submit' }}
      onOk={() =>
        form.validateFields().then((v) =>
          attempt(submit.mutateAsync(v), (g) => {
            feedback.message?.success(t('rights.apply.done'));
            onClose();
            navigate(`/rights/grants/${g.id}`);
          }),
        )
      }
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'ownership', clearTitle: true }} data-testid="grant-apply-form">
        <Form.Item name="achievementId" label={t('rights.apply.achievement')} rules={[{ required: true, message: t('rights.apply.achievement') }]}>
          <Select
            disabled={!!resubmitFor}
            showSearch
            optionFilterProp="label"
            loading={achievements.isFetching}
            options={
              resubmitFor
                ? [{ value: resubmitFor.achievement.id, label: `${resubmitFor.achievement.number} ${resubmitFor.achievement.title}` }]
                : options.map((a) => ({ value: a.id, label: `${a.number} ${a.title}` }))
            }
            data-testid="grant-apply-achievement"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('rights.fields.kind')}>
          <Radio.Group options={(['ownership', 'use_right'] as const).map((k) => ({ value: k, label: t(`rights.kind.${k}`) }))} />
        </Form.Item>
        {kind === 'ownership' ? (
          <Form.Item
            name="teamShare"
            label={t('rights.fields.teamShare')}
            extra={policy ? t('rights.apply.shareHelp', { max: policy.maxTeamShare }) : undefined}
            rules={[{ required: true, pattern: /^(?:0(?:\.\d{1,4})?|1(?:\.0{1,4})?)$/, message: t('rights.apply.shareHelp', { max: policy?.maxTeamShare ?? '' }) }]}
          >
            <Input placeholder="0.8" style={{ width: 160 }} data-testid="grant-apply-share" />
          </Form.Item>
        ) : (
          <Form.Item
            name="useRightYears"
            label={t('rights.fields.useRightYears')}
            extra={policy ? t('rights.apply.yearsHelp', { min: policy.useRightCumulativeMinYears, first: policy.useRightFirstTermYears }) : undefined}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={50} precision={0} style={{ width: 160 }} data-testid="grant-apply-years" />
          </Form.Item>
        )}
        <Form.Item name="summary" label={t('rights.fields.plan')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="grant-apply-plan" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="counterpartyName" label={t('rights.fields.counterpartyName')}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="counterpartyCreditCode" label={t('rights.fields.counterpartyCreditCode')}>
            <Input style={{ width: 240 }} maxLength={18} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item
            name="appraisedValue"
            label={t('rights.fields.appraisedValue')}
            extra={policy?.minAppraisedValue ? t('rights.apply.thresholdHelp', { value: formatMoney(policy.minAppraisedValue, locale, { unit: 'auto' }) }) : undefined}
          >
            <Input style={{ width: 200 }} placeholder="2500000.00" />
          </Form.Item>
          <Form.Item name="appraisalRef" label={t('rights.fields.appraisalRef')}>
            <Input style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <CheckField name="clearTitle">{t('rights.fields.clearTitle')}</CheckField>
        <Typography.Title level={5}>{t('rights.apply.consents')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('rights.apply.consentsHelp')}</Typography.Paragraph>
        <Table<ConsentRow>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={consents}
          data-testid="grant-consents"
          columns={[
            {
              title: t('rights.apply.consented'),
              dataIndex: 'consented',
              width: 200,
              render: (v: boolean, r, i) => (
                <Checkbox checked={v} onChange={(e) => update(i, { consented: e.target.checked, signedOn: r.signedOn ?? (e.target.checked ? dayjs() : null) })} data-testid={`consent-${r.name}`}>
                  {r.name}
                </Checkbox>
              ),
            },
            { title: t('rights.apply.signedOn'), dataIndex: 'signedOn', width: 170, render: (v: Dayjs | null, _r, i) => <DatePicker value={v} onChange={(d) => update(i, { signedOn: d })} /> },
            {
              title: t('rights.apply.evidence'),
              dataIndex: 'evidence',
              render: (v: string, r, i) => <Input value={v} onChange={(e) => update(i, { evidence: e.target.value })} data-testid={`consent-evidence-${r.name}`} />,
            },
          ]}
        />
        {consents.length > 0 && missing.length > 0 && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`${t('rights.apply.consentsHelp')}（${missing.join('、')}）`} />}
      </Form>
    </Modal>
  );
}
