import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { Contract, Statement, StatementLine } from '../../../common/api/contracts';
import { SETTLEMENT_FORMS, type SettlementForm } from '../../../common/contracts';
import { isPositive } from '../../../common/money';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { businessToday, formatMoney, readMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { bilingualText, formLabel } from './labels';
import { DATE_FORMAT } from './plan';
import { contractApi, useContractMutation, useStatement } from './service';

const STATE_COLORS: Record<StatementLine['state'], string> = { scheduled: 'blue', awaiting_event: 'gold', waived: 'default' };

/** A fresh key per opening of the payment dialog: a double click or a retry records the payment once. */
function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `pay-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The statement: obligations with what was paid against each, explanations in an expandable row,
 * totals, receipts and refunds. The office records payments (any settlement form) and refunds.
 */
export function StatementTab({ contract }: { contract: Contract }) {
  const { t, locale } = useI18n();
  const st = useStatement(contract.id);
  const office = contract.myRoles.includes('licensor');
  const [payOpen, setPayOpen] = useState(false);
  const [refundOpen, setRefundOpen] = useState(false);
  const s = st.data;

  const columns: TableColumnsType<StatementLine> = [
    { title: t('contracts.statement.obligation'), dataIndex: 'label', width: 230, render: (v: string, l) => <span data-testid={`line-${l.key}`}>{v}</span> },
    { title: t('contracts.statement.kind'), dataIndex: 'kind', width: 110, render: (k: StatementLine['kind']) => t(`contracts.statement.kinds.${k}`) },
    { title: t('contracts.statement.amount'), dataIndex: 'amount', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('contracts.statement.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('contracts.statement.state'),
      dataIndex: 'state',
      width: 130,
      render: (v: StatementLine['state'], l) => (
        <Space size={4} wrap>
          <Tag color={STATE_COLORS[v]} data-testid={`line-state-${l.key}`}>
            {t(`contracts.statement.states.${v}`)}
          </Tag>
          {l.overdue && (
            <Tag color="red" data-testid={`line-overdue-${l.key}`}>
              {t('contracts.statement.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('contracts.statement.paid'), dataIndex: 'paid', width: 130, align: 'right', render: (v: string) => <Money value={v} /> },
    {
      title: t('contracts.statement.outstanding'),
      dataIndex: 'outstanding',
      width: 130,
      align: 'right',
      render: (v: string, l) => (
        <Typography.Text type={l.overdue ? 'danger' : undefined} data-testid={`line-outstanding-${l.key}`}>
          {formatMoney(v, locale, { unit: 'auto' })}
        </Typography.Text>
      ),
    },
    {
      title: t('contracts.statement.debtor'),
      dataIndex: 'debtor',
      width: 120,
      render: (d: string) => (d.startsWith('guarantor') ? t('contracts.statement.debtorGuarantor') : t('contracts.statement.debtorLicensee')),
    },
  ];

  const totals = s?.totals;
  const canPay = office && ['in_force', 'terminated', 'completed'].includes(contract.status);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {t('contracts.tabs.statement')}
            {s && <Typography.Text type="secondary">{t('contracts.statement.asOf', { date: s.asOf })}</Typography.Text>}
            {s?.lines.some((l) => l.state === 'scheduled') && (
              <Tag color={s.settled ? 'green' : 'orange'} data-testid="statement-settled" data-settled={String(s.settled)}>
                {s.settled ? t('contracts.statement.settled') : t('contracts.statement.unsettled')}
              </Tag>
            )}
          </Space>
        }
        extra={
          canPay && (
            <Space wrap>
              {s && isPositive(s.totals.credit) && (
                <Button onClick={() => setRefundOpen(true)} data-testid="refund-open">
                  {t('contracts.refund.button')}
                </Button>
              )}
              <Button type="primary" onClick={() => setPayOpen(true)} data-testid="payment-open">
                {t('contracts.payment.record')}
              </Button>
            </Space>
          )
        }
        data-testid="statement"
      >
        {totals && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            style={{ marginBottom: 16 }}
            items={(['owed', 'paid', 'outstanding', 'overdue', 'received', 'refunded', 'credit'] as const).map((k) => ({
              key: k,
              label: t(`contracts.statement.totals.${k}`),
              children: (
                <Typography.Text strong={k === 'outstanding'} type={k === 'overdue' && isPositive(totals[k]) ? 'danger' : undefined} data-testid={`total-${k}`} title={totals[k]}>
                  {formatMoney(totals[k], locale, { unit: 'auto' })}
                </Typography.Text>
              ),
            }))}
          />
        )}
        <Table<StatementLine>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={s?.lines ?? []}
          loading={st.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('contracts.statement.nothingYet') }}
          expandable={{
            expandedRowRender: (l) => (
              <div data-testid={`line-explanation-${l.key}`}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  <Typography.Text type="secondary">{t('contracts.statement.explanation')}：</Typography.Text>
                  {bilingualText(l.explanation, locale)}
                </Typography.Paragraph>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
                  {t('contracts.statement.explanationOther')}: {locale === 'zh-CN' ? l.explanation.en : l.explanation.zh}
                </Typography.Paragraph>
              </div>
            ),
          }}
          data-testid="statement-lines"
        />
      </Card>

      <Card title={t('contracts.statement.receipts')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={s?.receipts ?? []}
          locale={{ emptyText: t('common.states.empty') }}
          data-testid="statement-receipts"
          columns={[
            { title: t('contracts.statement.receivedOn'), dataIndex: 'receivedOn', width: 110 },
            { title: t('contracts.statement.form'), dataIndex: 'form', width: 120, render: (f: SettlementForm) => formLabel(f, locale) },
            { title: t('contracts.statement.value'), dataIndex: 'value', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
            {
              title: t('contracts.statement.payer'),
              dataIndex: 'payer',
              width: 120,
              render: (p: string) => (p === 'guarantor' ? t('contracts.statement.debtorGuarantor') : t('contracts.statement.debtorLicensee')),
            },
            { title: t('contracts.statement.valuationNote'), dataIndex: 'valuationNote' },
            { title: t('contracts.payment.evidence'), dataIndex: 'evidence' },
          ]}
        />
        {(s?.refunds.length ?? 0) > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('contracts.statement.refunds')}
            </Typography.Title>
            <Table
              rowKey={(r) => `${r.refundedOn}-${r.amount}-${r.note}`}
              size="small"
              pagination={false}
              dataSource={s?.refunds ?? []}
              columns={[
                { title: t('contracts.statement.refundedOn'), dataIndex: 'refundedOn', width: 110 },
                { title: t('contracts.statement.amount'), dataIndex: 'amount', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
                { title: t('contracts.statement.refundNote'), dataIndex: 'note' },
              ]}
            />
          </>
        )}
      </Card>
      {canPay && <PaymentModal open={payOpen} contract={contract} statement={s} onClose={() => setPayOpen(false)} />}
      {canPay && s && <RefundModal open={refundOpen} contract={contract} credit={s.totals.credit} onClose={() => setRefundOpen(false)} />}
    </Space>
  );
}

interface PaymentValues {
  form: SettlementForm;
  value: string;
  currency: string;
  receivedOn: Dayjs;
  valuationNote?: string;
  evidence?: string;
}

function PaymentModal({ open, contract, statement, onClose }: { open: boolean; contract: Contract; statement: Statement | undefined; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<PaymentValues>();
  // One key per opening of the dialog: every submission from this opening is the same payment.
  const key = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const pay = useContractMutation((body: Parameters<typeof contractApi.recordPayment>[1]) => contractApi.recordPayment(contract.id, body, key), {
    form,
    // A replay is this opening's own payment, recorded once.
    success: (r) =>
      r.replayed
        ? t('contracts.payment.replayed')
        : isPositive(r.credit)
          ? `${t('contracts.payment.recorded')}；${t('contracts.payment.credit', { amount: formatMoney(r.credit, locale, { unit: 'auto' }) })}`
          : t('contracts.payment.recorded'),
  });
  const formValue = Form.useWatch('form', form);
  const valueRule = useMoneyRule({ required: true, positive: true, message: t('contracts.payment.valueRequired') });
  const outstanding = statement?.totals.outstanding;

  const submit = async (v: PaymentValues) => {
    // A second click while the first is on its way sends nothing; a retry reuses the key anyway.
    if (pay.isPending) return;
    await pay.mutateAsync({
      form: v.form,
      value: readMoney(v.value) ?? v.value,
      currency: v.currency.trim().toUpperCase(),
      receivedOn: v.receivedOn.format(DATE_FORMAT),
      ...(v.valuationNote?.trim() ? { valuationNote: v.valuationNote.trim() } : {}),
      ...(v.evidence?.trim() ? { evidence: v.evidence.trim() } : {}),
    });
  };

  return (
    <FormModal<PaymentValues>
      open={open}
      title={t('contracts.payment.title')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      initialValues={{ form: 'cash', currency: contract.currency || 'CNY', receivedOn: dayjs(businessToday()), value: outstanding && isPositive(outstanding) ? outstanding : '' }}
      testId="payment"
    >
      <Form.Item name="form" label={t('contracts.payment.form')} rules={[{ required: true }]}>
        <Select options={SETTLEMENT_FORMS.map((f) => ({ value: f, label: formLabel(f, locale) }))} data-testid="payment-form" />
      </Form.Item>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="value" label={t('contracts.payment.value')} style={{ flex: 1 }} rules={[valueRule]}>
          <Input inputMode="decimal" data-testid="payment-value" />
        </Form.Item>
        <Form.Item name="currency" label={t('contracts.payment.currency')} style={{ width: 110 }} rules={[{ required: true }]}>
          <Input maxLength={3} data-testid="payment-currency" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="receivedOn" label={t('contracts.payment.receivedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} data-testid="payment-received-on" />
      </Form.Item>
      <Form.Item
        name="valuationNote"
        label={t('contracts.payment.valuationNote')}
        extra={formValue && formValue !== 'cash' ? t('contracts.payment.valuationHint') : undefined}
        rules={[{ required: !!formValue && formValue !== 'cash', whitespace: true, message: t('contracts.payment.valuationHint') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="evidence" label={t('contracts.payment.evidence')}>
        <Input maxLength={1000} placeholder={t('contracts.payment.evidencePlaceholder')} data-testid="payment-evidence" />
      </Form.Item>
    </FormModal>
  );
}

function RefundModal({ open, contract, credit, onClose }: { open: boolean; contract: Contract; credit: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ amount: string; refundedOn: Dayjs; note?: string }>();
  const refund = useContractMutation((body: { amount: string; refundedOn: string; note?: string }) => contractApi.refund(contract.id, body), {
    form,
    success: t('contracts.refund.done'),
  });
  const moneyRule = useMoneyRule({ required: true, message: t('contracts.plan.moneyInvalid') });

  return (
    <FormModal<{ amount: string; refundedOn: Dayjs; note?: string }>
      open={open}
      title={t('contracts.refund.title')}
      form={form}
      initialValues={{ amount: credit, refundedOn: dayjs(businessToday()), note: '' }}
      onSubmit={(v) => refund.mutateAsync({ amount: v.amount, refundedOn: v.refundedOn.format(DATE_FORMAT), ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
      onClose={onClose}
      testId="refund-modal"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('contracts.refund.creditHint', { amount: formatMoney(credit, locale, { unit: 'auto' }) })} />
      <Form.Item name="amount" label={t('contracts.refund.amount')} rules={[moneyRule]}>
        <MoneyInput />
      </Form.Item>
      <Form.Item name="refundedOn" label={t('contracts.refund.refundedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('contracts.refund.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
