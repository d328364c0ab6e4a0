import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { Contract } from '../../../common/api/contracts';
import type { TriggerEvent } from '../../../common/contracts';
import { MoneyInput, useMoneyRule } from '../../components/money-input';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { DATE_FORMAT, trialEnd } from './plan';
import { contractApi, RECORDABLE_EVENTS, useContractMutation, useStatement } from './service';

/** The first day not yet covered by a revenue report (royalty keys carry the periods), else the effective date. */
function nextPeriodStart(contract: Contract, royaltyKeys: string[]): string {
  const ends = royaltyKeys.map((k) => k.split(':')[2]).filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d));
  const last = ends.sort().at(-1);
  return last ? dayjs(last).add(1, 'day').format(DATE_FORMAT) : (contract.plan?.effectiveOn ?? businessToday());
}

/**
 * The licensee's portal: revenue per period (royalties follow), trigger events (milestones and
 * deferred payments fall due), and leaving the licence, with the duty to stop use spelled out.
 */
export function LicenseePortal({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const inForce = contract.status === 'in_force';
  const st = useStatement(contract.id, inForce);
  const [revenueForm] = Form.useForm<{ periodStart: Dayjs; periodEnd: Dayjs; amount: string; note?: string }>();
  const [eventForm] = Form.useForm<{ event: TriggerEvent; occurredOn: Dayjs; evidence?: string }>();
  const [exitOpen, setExitOpen] = useState(false);
  const report = useContractMutation((b: Parameters<typeof contractApi.reportRevenue>[1]) => contractApi.reportRevenue(contract.id, b), {
    form: revenueForm,
    success: t('contracts.portal.revenueReported'),
    onSuccess: () => revenueForm.setFieldsValue({ amount: '', note: '' }),
  });
  const record = useContractMutation((b: Parameters<typeof contractApi.recordEvent>[1]) => contractApi.recordEvent(contract.id, b), {
    form: eventForm,
    success: t('contracts.portal.eventRecorded'),
    onSuccess: () => eventForm.resetFields(),
  });
  const moneyRule = useMoneyRule({ required: true, message: t('contracts.plan.moneyInvalid') });
  const royaltyKeys = (st.data?.lines ?? []).filter((l) => l.kind === 'royalty').map((l) => l.key);
  const start = nextPeriodStart(contract, royaltyKeys);

  useEffect(() => {
    const today = businessToday();
    // The period ends today, or on its first day when that is still ahead.
    const end = [start, today].sort()[1] ?? today;
    revenueForm.setFieldsValue({ periodStart: dayjs(start), periodEnd: dayjs(end) });
  }, [revenueForm, start]);

  if (!inForce) return <Alert type="info" showIcon title={t('contracts.portal.notInForce')} />;

  const base = t(`contracts.plan.base.${contract.plan?.royalty?.base ?? 'net_sales'}`);
  const trial = trialEnd(contract.plan);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('contracts.portal.revenue')} data-testid="portal-revenue">
        <Typography.Paragraph type="secondary">{t('contracts.portal.revenueHint', { base })}</Typography.Paragraph>
        <Form
          form={revenueForm}
          layout="vertical"
          autoComplete="off"
          onFinish={(v) =>
            report.mutate({ periodStart: v.periodStart.format(DATE_FORMAT), periodEnd: v.periodEnd.format(DATE_FORMAT), amount: v.amount, ...(v.note?.trim() ? { note: v.note.trim() } : {}) })
          }
        >
          <Row gutter={12}>
            <Col xs={24} sm={6}>
              <Form.Item name="periodStart" label={t('contracts.portal.periodStart')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="revenue-period-start" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item name="periodEnd" label={t('contracts.portal.periodEnd')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} data-testid="revenue-period-end" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item name="amount" label={t('contracts.portal.revenueAmount')} rules={[moneyRule]}>
                <MoneyInput data-testid="revenue-amount" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item name="note" label={t('contracts.portal.note')}>
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="revenue-submit">
            {t('contracts.portal.submitRevenue')}
          </Button>
        </Form>
      </Card>

      <Card title={t('contracts.portal.event')} data-testid="portal-event">
        <Typography.Paragraph type="secondary">{t('contracts.portal.eventHint')}</Typography.Paragraph>
        <Form
          form={eventForm}
          layout="vertical"
          autoComplete="off"
          initialValues={{ occurredOn: dayjs(businessToday()) }}
          onFinish={(v) => record.mutate({ event: v.event, occurredOn: v.occurredOn.format(DATE_FORMAT), ...(v.evidence?.trim() ? { evidence: v.evidence.trim() } : {}) })}
        >
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="event" label={t('contracts.portal.eventKind')} rules={[{ required: true, message: t('contracts.plan.required') }]}>
                <Select options={RECORDABLE_EVENTS.map((e) => ({ value: e, label: t(`contracts.events.${e}`) }))} data-testid="event-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={6}>
              <Form.Item name="occurredOn" label={t('contracts.portal.occurredOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format(DATE_FORMAT) > businessToday()} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item name="evidence" label={t('contracts.portal.evidence')}>
                <Input maxLength={1000} />
              </Form.Item>
            </Col>
          </Row>
          <Button htmlType="submit" loading={record.isPending} data-testid="event-submit">
            {t('contracts.portal.submitEvent')}
          </Button>
        </Form>
      </Card>

      <Card title={t('contracts.portal.exit')} data-testid="portal-exit">
        <Typography.Paragraph type="secondary">
          {trial ? t('contracts.portal.exitHint', { date: dayjs(trial).subtract(1, 'day').format(DATE_FORMAT) }) : t('contracts.portal.noTrial')}
        </Typography.Paragraph>
        <Button danger onClick={() => setExitOpen(true)} data-testid="exit-open">
          {t('contracts.portal.exitButton')}
        </Button>
      </Card>
      <EndContractModal open={exitOpen} contract={contract} by="licensee" onClose={() => setExitOpen(false)} />
    </Space>
  );
}

/** Leaving (licensee) or terminating (office): a confirmation that says what ending means. */
export function EndContractModal({ open, contract, by, onClose }: { open: boolean; contract: Contract; by: 'licensee' | 'licensor'; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const end = useContractMutation((b: { reason: string }) => (by === 'licensee' ? contractApi.exit(contract.id, b) : contractApi.terminate(contract.id, b)), {
    form,
    success: by === 'licensee' ? t('contracts.portal.exited') : t('contracts.portal.terminated'),
    onSuccess: onClose,
  });
  const trial = trialEnd(contract.plan);
  const inTrial = !!trial && businessToday() < trial;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={by === 'licensee' ? t('contracts.portal.exitTitle') : t('contracts.portal.terminateTitle')}
      okText={by === 'licensee' ? t('contracts.portal.confirmExit') : t('contracts.portal.terminate')}
      okButtonProps={{ danger: true, 'data-testid': 'end-submit' }}
      cancelText={t('common.actions.cancel')}
      confirmLoading={end.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      data-testid="end-modal"
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={by === 'licensee' ? t('contracts.portal.exitDuty') : t('contracts.portal.terminateHint')} />
      {by === 'licensee' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={inTrial ? t('contracts.portal.exitInTrial') : t('contracts.portal.exitAfterTrial')} />}
      <Form form={form} layout="vertical" onFinish={(v) => end.mutate({ reason: v.reason.trim() })}>
        <Form.Item name="reason" label={t('contracts.portal.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('contracts.portal.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="end-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
