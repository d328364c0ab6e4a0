import { Alert, Button, Card, Col, DatePicker, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect, useMemo, useState } from 'react';
import type { Contract, PlanIssue } from '../../../common/api/contracts';
import { ApiError } from '../../api/client';
import { feedback, showError } from '../../lib/feedback';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { bilingualText } from './labels';
import { type FieldPath, formFieldOf, formToPlan, isPercentInput, type PlanFormValues, planToForm } from './plan';
import { contractApi, RECORDABLE_EVENTS, useContractMutation } from './service';
import { MoneyInput, useMoneyRule } from '../../components/money-input';

type FieldData = Parameters<ReturnType<typeof Form.useForm<PlanFormValues>>[0]['setFields']>[0][number];

interface Unplaced {
  field: string;
  message: string;
}

/**
 * The office's terms editor: entry fee (zero allowed), trial, milestones due on a date and/or an
 * event, deferred payment due at the earlier of a date or an event, royalty on net sales or
 * profit with tiers, annual minimum and cap. Server field errors land on their fields; the
 * open-licence guidance warnings come back with the saved contract and are shown, not enforced.
 * Read-only for the licensee and once the terms are locked.
 */
export function PlanEditor({ contract, editable }: { contract: Contract; editable: boolean }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<PlanFormValues>();
  const [unplaced, setUnplaced] = useState<Unplaced[]>([]);
  const save = useContractMutation((plan: ReturnType<typeof formToPlan>) => contractApi.setPlan(contract.id, plan), { silent: true });
  const hasDeferred = Form.useWatch('hasDeferred', form);
  const hasRoyalty = Form.useWatch('hasRoyalty', form);
  const initial = useMemo(() => planToForm(contract.plan, businessToday()), [contract.plan]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initial);
  }, [form, initial]);

  // Guidance warnings of the stored plan, shown on their fields as warnings (saving is not blocked).
  useEffect(() => {
    const placed = contract.planWarnings
      .map((w) => ({ name: formFieldOf(w.field), warnings: [bilingualText(w, locale)] }))
      .filter((f): f is { name: FieldPath; warnings: string[] } => f.name !== null);
    if (placed.length) form.setFields(placed.map((f) => ({ name: f.name, warnings: f.warnings })) as unknown as FieldData[]);
  }, [contract.planWarnings, form, locale]);

  const money = useMoneyRule({ message: t('contracts.plan.moneyInvalid') });
  const requiredMoney: Rule[] = [{ required: true, whitespace: true, message: t('contracts.plan.required') }, money];
  const rate: Rule[] = [
    { required: true, whitespace: true, message: t('contracts.plan.required') },
    { validator: (_, v?: string) => (!v || isPercentInput(v) ? Promise.resolve() : Promise.reject(new Error(t('contracts.plan.rateInvalid')))) },
  ];

  const submit = (values: PlanFormValues) => {
    setUnplaced([]);
    save.mutate(formToPlan(values), {
      onSuccess: (c) => feedback.message?.[c.planWarnings.length ? 'warning' : 'success'](t('contracts.plan.saved')),
      onError: (error) => {
        if (!(error instanceof ApiError) || !error.problem.errors?.length) return showError(error);
        const rest: Unplaced[] = [];
        const fields: Array<{ name: FieldPath; errors: string[] }> = [];
        for (const e of error.problem.errors) {
          const name = formFieldOf(e.field);
          if (name) fields.push({ name, errors: [e.message] });
          else rest.push({ field: e.field.replace(/^body\./, ''), message: e.message });
        }
        form.setFields(fields as unknown as FieldData[]);
        setUnplaced(rest);
        feedback.message?.error(t('contracts.plan.errors'));
      },
    });
  };

  const eventOptions = RECORDABLE_EVENTS.map((e) => ({ value: e, label: t(`contracts.events.${e}`) }));
  const due = (prefix: FieldPath, testid: string) => (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'due', 'date']} label={t('contracts.plan.dueDate')}>
          <DatePicker style={{ width: '100%' }} data-testid={`${testid}-date`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={10}>
        <Form.Item name={[...prefix, 'due', 'event']} label={t('contracts.plan.dueEvent')}>
          <Select allowClear options={eventOptions} data-testid={`${testid}-event`} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={6}>
        <Form.Item name={[...prefix, 'due', 'daysAfterEvent']} label={t('contracts.plan.daysAfterEvent')}>
          <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} placeholder="30" data-testid={`${testid}-days`} />
        </Form.Item>
      </Col>
    </Row>
  );

  return (
    <Card title={t('contracts.plan.title')} data-testid="plan-editor">
      {!editable && <Alert type="info" showIcon title={contract.plan ? t('contracts.plan.readOnly') : t('contracts.plan.none')} style={{ marginBottom: 16 }} />}
      {editable && (contract.licensorSignedAt || contract.licenseeSignedAt) && <Alert type="warning" showIcon title={t('contracts.signing.resetHint')} style={{ marginBottom: 16 }} />}
      {contract.planWarnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('contracts.plan.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {contract.planWarnings.map((w: PlanIssue) => (
                <li key={`${w.field}-${w.zh}`}>{bilingualText(w, locale)}</li>
              ))}
            </ul>
          }
          data-testid="plan-warnings"
        />
      )}
      {unplaced.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('contracts.plan.errors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {unplaced.map((e) => (
                <li key={`${e.field}-${e.message}`}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          }
          data-testid="plan-errors"
        />
      )}
      {(editable || contract.plan) && (
        <Form form={form} layout="vertical" disabled={!editable} onFinish={submit} initialValues={initial} autoComplete="off" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="effectiveOn" label={t('contracts.plan.effectiveOn')} rules={[{ required: true, message: t('contracts.plan.required') }]}>
                <DatePicker style={{ width: '100%' }} data-testid="plan-effective-on" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="endsOn" label={t('contracts.plan.endsOn')} rules={[{ required: true, message: t('contracts.plan.required') }]}>
                <DatePicker style={{ width: '100%' }} data-testid="plan-ends-on" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="trialMonths" label={t('contracts.plan.trialMonths')} tooltip={t('contracts.plan.trialHint')}>
                <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} data-testid="plan-trial-months" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="entryFee" label={t('contracts.plan.entryFee')} extra={t('contracts.plan.entryFeeHint')} rules={[money]}>
                <MoneyInput placeholder="0" data-testid="plan-entry-fee" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="entryFeeDueDays" label={t('contracts.plan.entryFeeDueDays')}>
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} placeholder="30" />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('contracts.plan.milestones')}</Divider>
          <Typography.Paragraph type="secondary">{t('contracts.plan.dueHint')}</Typography.Paragraph>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 12 }} data-testid={`plan-milestone-${f.name}`}>
                    <Form.Item name={[f.name, 'key']} hidden>
                      <Input />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} sm={12}>
                        <Form.Item name={[f.name, 'label']} label={t('contracts.plan.milestoneLabel')} rules={[{ required: true, whitespace: true, message: t('contracts.plan.required') }]}>
                          <Input maxLength={100} data-testid={`plan-milestone-${f.name}-label`} />
                        </Form.Item>
                      </Col>
                      <Col xs={18} sm={8}>
                        <Form.Item name={[f.name, 'amount']} label={t('contracts.plan.amount')} rules={requiredMoney}>
                          <MoneyInput data-testid={`plan-milestone-${f.name}-amount`} />
                        </Form.Item>
                      </Col>
                      <Col xs={6} sm={4} style={{ display: 'flex', alignItems: 'center' }}>
                        {editable && (
                          <Button type="link" danger onClick={() => remove(f.name)}>
                            {t('contracts.plan.remove')}
                          </Button>
                        )}
                      </Col>
                    </Row>
                    {due([f.name], `plan-milestone-${f.name}`)}
                  </Card>
                ))}
                {editable && (
                  <Button type="dashed" block onClick={() => add({ due: { daysAfterEvent: 30 } })} data-testid="plan-add-milestone" style={{ marginBottom: 16 }}>
                    {t('contracts.plan.addMilestone')}
                  </Button>
                )}
              </>
            )}
          </Form.List>

          <Divider titlePlacement="start">
            <Space>
              {t('contracts.plan.deferred')}
              <Form.Item name="hasDeferred" valuePropName="checked" noStyle>
                <Switch size="small" data-testid="plan-has-deferred" />
              </Form.Item>
            </Space>
          </Divider>
          {hasDeferred && (
            <>
              <Typography.Paragraph type="secondary">{t('contracts.plan.deferredHint')}</Typography.Paragraph>
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item name={['deferred', 'amount']} label={t('contracts.plan.amount')} rules={requiredMoney}>
                    <MoneyInput data-testid="plan-deferred-amount" />
                  </Form.Item>
                </Col>
              </Row>
              {due(['deferred'], 'plan-deferred')}
            </>
          )}

          <Divider titlePlacement="start">
            <Space>
              {t('contracts.plan.royalty')}
              <Form.Item name="hasRoyalty" valuePropName="checked" noStyle>
                <Switch size="small" data-testid="plan-has-royalty" />
              </Form.Item>
            </Space>
          </Divider>
          {hasRoyalty && (
            <>
              <Form.Item name={['royalty', 'base']} label={t('contracts.plan.royaltyBase')}>
                <Radio.Group optionType="button" options={(['net_sales', 'profit'] as const).map((b) => ({ value: b, label: t(`contracts.plan.base.${b}`) }))} data-testid="plan-royalty-base" />
              </Form.Item>
              <Typography.Text strong>{t('contracts.plan.tiers')}</Typography.Text>
              <Form.List name={['royalty', 'tiers']}>
                {(fields, { add, remove }) => (
                  <div style={{ marginTop: 8 }}>
                    {fields.map((f, i) => {
                      const last = i === fields.length - 1;
                      return (
                        <Row gutter={12} key={f.key} data-testid={`plan-tier-${f.name}`}>
                          <Col xs={12} sm={8}>
                            <Form.Item name={[f.name, 'upTo']} label={t('contracts.plan.upTo')} rules={last ? [money] : requiredMoney}>
                              <MoneyInput disabled={last || !editable} placeholder={last ? t('contracts.plan.upToLast') : undefined} data-testid={`plan-tier-${f.name}-upto`} />
                            </Form.Item>
                          </Col>
                          <Col xs={8} sm={6}>
                            <Form.Item name={[f.name, 'rate']} label={t('contracts.plan.rate')} rules={rate}>
                              <Input inputMode="decimal" suffix="%" data-testid={`plan-tier-${f.name}-rate`} />
                            </Form.Item>
                          </Col>
                          <Col xs={4} sm={4} style={{ display: 'flex', alignItems: 'center' }}>
                            {editable && fields.length > 1 && (
                              <Button type="link" danger onClick={() => remove(f.name)}>
                                {t('contracts.plan.remove')}
                              </Button>
                            )}
                          </Col>
                        </Row>
                      );
                    })}
                    {editable && (
                      <Button
                        type="dashed"
                        onClick={() => {
                          // The new tier goes before the unbounded last one.
                          add({ upTo: '', rate: '' }, Math.max(0, fields.length - 1));
                        }}
                        style={{ marginBottom: 16 }}
                        data-testid="plan-add-tier"
                      >
                        {t('contracts.plan.addTier')}
                      </Button>
                    )}
                  </div>
                )}
              </Form.List>
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item name={['royalty', 'minimumAnnual']} label={t('contracts.plan.minimumAnnual')} rules={[money]}>
                    <MoneyInput placeholder={t('contracts.plan.optional')} data-testid="plan-royalty-minimum" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['royalty', 'cap']} label={t('contracts.plan.cap')} rules={[money]}>
                    <MoneyInput placeholder={t('contracts.plan.optional')} data-testid="plan-royalty-cap" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['royalty', 'dueDaysAfterPeriod']} label={t('contracts.plan.dueDaysAfterPeriod')}>
                    <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} placeholder="30" />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}

          {editable && (
            <Form.Item style={{ marginTop: 16, marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="plan-save">
                {t('contracts.plan.save')}
              </Button>
            </Form.Item>
          )}
        </Form>
      )}
    </Card>
  );
}
