import { Alert, Button, Card, DatePicker, Descriptions, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { businessToday, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { DATE_FORMAT } from '../contracts/plan';
import { monthOf } from './helpers';
import { OfficeNav } from './nav';
import { PAYROLL_FLAG_KEYS, type Payroll, type PayrollLine, payrollXlsxUrl, usePayroll } from './service';
import { Money } from '../../components/money-input';

type Person = Payroll['people'][number];

function FlagTag({ value }: { value: boolean }) {
  const { t } = useI18n();
  return <Tag color={value ? 'blue' : 'default'}>{value ? t('common.states.yes') : t('common.states.no')}</Tag>;
}

/** 发放表: per person the cash paid in the period, its taxable part and the payroll flags; confirmed rewards awaiting payment. */
export default function PayrollPage() {
  const { t, locale } = useI18n();
  const { active } = useSession();
  const [period, setPeriod] = useState(() => monthOf(businessToday()));
  const orgId = active?.organisationId;
  const q = usePayroll(orgId, period.from, period.to);
  const today = businessToday();

  const flagColumns = PAYROLL_FLAG_KEYS.map((k) => ({
    title: t(`distribution.payroll.flags.${k}`),
    key: k,
    width: 120,
    render: (_: unknown, p: Person) => <FlagTag value={p[k]} />,
  }));

  const people: TableColumnsType<Person> = [
    { title: t('distribution.fields.name'), dataIndex: 'name', width: 110 },
    { title: t('distribution.payroll.count'), dataIndex: 'count', width: 80, align: 'right' },
    { title: t('distribution.payroll.cash'), dataIndex: 'amount', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('distribution.fields.taxable'), dataIndex: 'taxable', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
    ...flagColumns,
  ];

  const lineColumns: TableColumnsType<PayrollLine> = [
    { title: t('distribution.fields.name'), dataIndex: 'name', width: 100 },
    { title: t('distribution.fields.title'), dataIndex: 'title', width: 240, render: (v: string, l) => <Link to={`/distribution/${l.distributionId}`}>{v}</Link> },
    { title: t('distribution.fields.receivedOn'), dataIndex: 'receivedOn', width: 110 },
    { title: t('distribution.fields.amount'), dataIndex: 'amount', width: 130, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('distribution.fields.paidOn'), dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('distribution.fields.taxable'), dataIndex: 'taxable', width: 130, align: 'right', render: (v: string | null) => <Money value={v} /> },
    {
      title: t('distribution.fields.deadline'),
      dataIndex: 'taxReliefDeadline',
      width: 190,
      render: (v: string, l) => (
        <Space size={4}>
          {v}
          {!l.halfTaxRelief && (
            <Tag color="red" data-testid="payroll-overdue">
              {t('distribution.fields.reliefLost')}
            </Tag>
          )}
          {l.halfTaxRelief && !l.paidOn && dayjs(v).diff(dayjs(today), 'day') <= 90 && <Tag color="orange">{t('distribution.payroll.soon')}</Tag>}
        </Space>
      ),
    },
  ];
  /** The payroll's lines (all, or those still unpaid), each linked to its distribution. */
  const linesTable = (rows: PayrollLine[] | undefined, emptyText: string, testId?: string) => (
    <Table<PayrollLine>
      rowKey={(l) => `${l.distributionId}-${l.name}`}
      size="small"
      pagination={false}
      dataSource={rows ?? []}
      columns={lineColumns}
      scroll={{ x: 1000 }}
      locale={{ emptyText }}
      data-testid={testId}
    />
  );

  return (
    <>
      <PageHeader page="distribution-payroll" title={t('distribution.payroll.title')} intro={t('distribution.payroll.intro')} extra={<OfficeNav current="payroll" />} />
      {!orgId ? (
        <Alert type="warning" showIcon title={t('distribution.noOrg')} />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Space wrap>
              <Typography.Text>{t('distribution.payroll.period')}</Typography.Text>
              <DatePicker.RangePicker
                allowClear={false}
                value={[dayjs(period.from), dayjs(period.to)]}
                onChange={(v) => v?.[0] && v[1] && setPeriod({ from: v[0].format(DATE_FORMAT), to: v[1].format(DATE_FORMAT) })}
                data-testid="payroll-period"
              />
              <Button type="primary" href={payrollXlsxUrl(orgId, period.from, period.to)} download data-testid="payroll-xlsx">
                {t('distribution.payroll.xlsx')}
              </Button>
            </Space>
            {q.data && (
              <Descriptions
                size="small"
                style={{ marginTop: 12 }}
                column={{ xs: 1, sm: 3 }}
                items={[
                  {
                    key: 'amount',
                    label: t('distribution.payroll.totalCash'),
                    children: (
                      <Typography.Text strong data-testid="payroll-total">
                        {formatMoney(q.data.totals.amount, locale, { unit: 'auto' })}
                      </Typography.Text>
                    ),
                  },
                  { key: 'taxable', label: t('distribution.payroll.totalTaxable'), children: formatMoney(q.data.totals.taxable, locale, { unit: 'auto' }) },
                  { key: 'unpaid', label: t('distribution.payroll.unpaidCount'), children: q.data.unpaid.length },
                ]}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('distribution.payroll.flagsHint')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('distribution.payroll.people')}>
            <Table<Person>
              rowKey={(p) => p.userId ?? `name:${p.name}`}
              size="small"
              pagination={false}
              loading={q.isFetching}
              dataSource={q.data?.people ?? []}
              columns={people}
              scroll={{ x: 1000 }}
              locale={{ emptyText: t('distribution.payroll.nobody') }}
              data-testid="payroll-people"
            />
          </Card>
          <Card size="small" title={t('distribution.payroll.lines')}>
            {linesTable(q.data?.lines, t('common.states.empty'))}
          </Card>
          <Card size="small" title={t('distribution.payroll.unpaid')}>
            <Typography.Paragraph type="secondary">{t('distribution.payroll.unpaidHint')}</Typography.Paragraph>
            {linesTable(q.data?.unpaid, t('distribution.payroll.noneUnpaid'), 'payroll-unpaid')}
          </Card>
        </Space>
      )}
    </>
  );
}
