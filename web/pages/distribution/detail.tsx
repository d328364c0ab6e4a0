import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Radio, Result, Row, Select, Skeleton, Space, Steps, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { sum } from '../../../common/money';
import { businessToday, formatInstant, formatMoney } from '../../lib/format';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { ConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { LedgerTimeline, shortType } from '../../components/ledger-timeline';
import { PageHeader } from '../../components/page-header';
import { DATE_FORMAT } from '../contracts/plan';
import { shareTotal, sharesComplete } from './helpers';
import { Explanation, Figure } from './labels';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { StatusTag } from '../../components/status-tag';
import { pick } from '../../lib/bilingual';
import {
  type Completer,
  DEDUCTION_KINDS,
  type Deduction,
  type Distribution,
  distributionApi,
  type Explained,
  type Objection,
  RESULT_KEYS,
  type Reward,
  useDistribution,
  useDistributionMutation,
  useTimeline,
} from './service';

const STEPS = ['computed', 'approved', 'publicity', 'confirmed', 'paid'] as const;

interface FigureRow {
  key: string;
  label: string;
  figure: Explained;
}

/** Every figure of the split with its explanation in an expandable row. */
function FiguresCard({ d }: { d: Distribution }) {
  const { t, locale } = useI18n();
  if (!d.result) return null;
  const rows: FigureRow[] = [
    ...RESULT_KEYS.map((k) => ({ key: k, label: t(`distribution.figures.${k}`), figure: d.result![k] })),
    ...d.result.people.map((p) => ({ key: `person-${p.personId}`, label: t('distribution.figures.person', { name: p.name }), figure: p })),
  ];
  return (
    <Card title={t('distribution.figures.title')} size="small" data-testid="distribution-figures">
      <Table<FigureRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('distribution.figures.item'), dataIndex: 'label', width: 200 },
          {
            title: t('distribution.figures.amount'),
            key: 'value',
            width: 150,
            align: 'right',
            render: (_, r) => (
              <Typography.Text strong={r.key === 'team'} data-testid={`figure-${r.key}`} data-value={r.figure.value}>
                {formatMoney(r.figure.value, locale, { unit: 'auto' })}
              </Typography.Text>
            ),
          },
          { title: t('distribution.explain.rule'), key: 'rule', render: (_, r) => <Typography.Text type="secondary">{pick(r.figure.rule, locale)}</Typography.Text> },
        ]}
        expandable={{ expandedRowRender: (r) => <Explanation figure={r.figure} testId={`figure-explanation-${r.key}`} /> }}
      />
    </Card>
  );
}

interface EditorValues {
  deductions: Array<Partial<Deduction>>;
  completers: Array<Partial<Completer>>;
}

/** The office's review before approval: itemised deductions and the completers with the live 100% check. */
function ReviewEditor({ d }: { d: Distribution }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<EditorValues>();
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const save = useDistributionMutation((body: Parameters<typeof distributionApi.update>[1]) => distributionApi.update(d.id, body), {
    form,
    success: t('distribution.review.saved'),
    onError: (error) => {
      const problems = (error as { problem?: { errors?: Array<{ field: string; message: string }> } }).problem?.errors ?? [];
      if (problems.length) setServerErrors(problems.map((p) => `${p.field.replace(/^body\./, '')}: ${p.message}`));
    },
  });
  const moneyRule = useMoneyRule({ required: true, message: t('distribution.review.amountInvalid') });
  const completers = Form.useWatch('completers', form) ?? d.completers;
  const total = shareTotal(completers.map((c) => ({ share: c?.share ?? '' })));
  const complete = sharesComplete(completers.map((c) => ({ share: c?.share ?? '' })));

  useEffect(() => {
    form.setFieldsValue({ deductions: d.deductions, completers: d.completers });
  }, [form, d.deductions, d.completers]);

  const submit = (v: EditorValues) => {
    setServerErrors([]);
    save.mutate({
      version: d.version,
      deductions: (v.deductions ?? []).map((x) => ({ kind: x.kind!, label: (x.label ?? '').trim(), amount: x.amount ?? '' })),
      completers: (v.completers ?? []).map((c) => ({
        name: (c.name ?? '').trim(),
        userId: c.userId ?? null,
        share: (c.share ?? '').trim(),
        isMainContributor: !!c.isMainContributor,
        isHead: !!c.isHead,
      })),
    });
  };

  return (
    <Card title={t('distribution.review.title')} size="small" data-testid="distribution-review">
      <Typography.Paragraph type="secondary">{t('distribution.review.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Typography.Title level={5}>{t('distribution.review.deductions')}</Typography.Title>
        <Form.List name="deductions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }} data-testid={`deduction-${f.name}`}>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('distribution.review.kindRequired') }]}>
                    <Select style={{ width: 150 }} options={DEDUCTION_KINDS.map((k) => ({ value: k, label: t(`distribution.deductionKinds.${k}`) }))} data-testid={`deduction-${f.name}-kind`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: t('distribution.review.labelRequired') }]}>
                    <Input style={{ width: 220 }} maxLength={100} placeholder={t('distribution.review.labelPlaceholder')} data-testid={`deduction-${f.name}-label`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} rules={[moneyRule]}>
                    <MoneyInput style={{ width: 200 }} placeholder={t('distribution.review.amount')} data-testid={`deduction-${f.name}-amount`} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>{t('common.actions.remove')}</Button>
                </Space>
              ))}
              <Form.Item>
                <Button type="dashed" onClick={() => add({ kind: 'tax', label: '', amount: '' })} data-testid="deduction-add">
                  {t('distribution.review.addDeduction')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('distribution.review.completers')}</Typography.Title>
        <Form.List name="completers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex' }} data-testid={`completer-${f.name}`}>
                  <Form.Item name={[f.name, 'userId']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('distribution.review.nameRequired') }]}>
                    <Input style={{ width: 140 }} maxLength={50} placeholder={t('distribution.review.name')} data-testid={`completer-${f.name}-name`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'share']}
                    rules={[
                      { pattern: /^\d{1,3}(\.\d{1,2})?$/, message: t('distribution.review.shareInvalid') },
                      { required: true, message: t('distribution.review.shareInvalid') },
                    ]}
                  >
                    <Input style={{ width: 110 }} suffix="%" inputMode="decimal" data-testid={`completer-${f.name}-share`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'isMainContributor']} valuePropName="checked">
                    <Checkbox data-testid={`completer-${f.name}-main`}>{t('distribution.review.main')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'isHead']} valuePropName="checked">
                    <Checkbox data-testid={`completer-${f.name}-head`}>{t('distribution.review.head')}</Checkbox>
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                    {t('common.actions.remove')}
                  </Button>
                </Space>
              ))}
              <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
                <Button type="dashed" onClick={() => add({ name: '', userId: null, share: '', isMainContributor: false, isHead: false })} data-testid="completer-add">
                  {t('distribution.review.addCompleter')}
                </Button>
                <Tag color={complete ? 'green' : 'red'} data-testid="share-total" data-complete={String(complete)}>
                  {t('distribution.review.total', { total: total ?? '?' })}
                </Tag>
                {!complete && <Typography.Text type="danger">{t('distribution.review.totalMust')}</Typography.Text>}
              </Space>
            </>
          )}
        </Form.List>
        {serverErrors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={serverErrors.join('\n')} data-testid="review-errors" />}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!complete} data-testid="review-save">
            {t('distribution.review.save')}
          </Button>
          <Typography.Text type="secondary">{t('distribution.review.gross', { gross: formatMoney(d.gross, locale, { unit: 'auto' }) })}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}

/** Recording payment: a date, everyone unpaid or the chosen people. */
function PaymentModal({ d, open, onClose }: { d: Distribution; open: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<PaymentValues>();
  const pay = useDistributionMutation((body: { paidOn: string; positions?: number[] }) => distributionApi.pay(d.id, body), { form, success: t('distribution.pay.done') });
  const unpaid = d.rewards.filter((r) => !r.paidOn);
  return (
    <FormModal<PaymentValues>
      open={open}
      title={t('distribution.pay.title')}
      okText={t('distribution.pay.submit')}
      form={form}
      initialValues={{ paidOn: dayjs(businessToday()), positions: unpaid.map((r) => r.position) }}
      onSubmit={(v) => pay.mutateAsync({ paidOn: v.paidOn.format(DATE_FORMAT), ...(v.positions.length === unpaid.length ? {} : { positions: v.positions }) })}
      onClose={onClose}
      testId="pay"
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('distribution.pay.warning')} />
      <Form.Item name="paidOn" label={t('distribution.pay.paidOn')} rules={[{ required: true }]} extra={t('distribution.pay.deadlineHint', { date: unpaid[0]?.taxReliefDeadline ?? '' })}>
        <DatePicker style={{ width: '100%' }} data-testid="pay-date" />
      </Form.Item>
      <Form.Item name="positions" label={t('distribution.pay.people')} rules={[{ required: true, type: 'array', min: 1, message: t('distribution.pay.peopleRequired') }]}>
        <Checkbox.Group options={unpaid.map((r) => ({ value: r.position, label: `${r.name} ${formatMoney(r.amount, locale, { unit: 'auto' })}` }))} />
      </Form.Item>
    </FormModal>
  );
}

interface PaymentValues {
  paidOn: Dayjs;
  positions: number[];
}

interface ResolveValues {
  resolution: 'upheld' | 'dismissed';
  note: string;
}

function ResolveModal({ d, objection, onClose }: { d: Distribution; objection: Objection | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ResolveValues>();
  const resolve = useDistributionMutation((v: ResolveValues & { id: string }) => distributionApi.resolve(d.id, v.id, { resolution: v.resolution, note: v.note }), {
    form,
    success: t('distribution.objections.resolved'),
  });
  return (
    <FormModal<ResolveValues>
      open={!!objection}
      title={t('distribution.objections.resolveTitle')}
      okText={t('common.actions.confirm')}
      form={form}
      initialValues={{ resolution: 'dismissed', note: '' }}
      onSubmit={(v) => objection && resolve.mutateAsync({ id: objection.id, resolution: v.resolution, note: v.note.trim() })}
      onClose={onClose}
      testId="resolve"
    >
      {objection && <Alert type="info" style={{ marginBottom: 16 }} title={`${objection.raisedByName}：${objection.text}`} />}
      <Form.Item name="resolution" label={t('distribution.objections.resolution')} extra={t('distribution.objections.upheldHint')}>
        <Radio.Group
          options={[
            { value: 'dismissed', label: t('distribution.objections.dismissed') },
            { value: 'upheld', label: t('distribution.objections.upheld') },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" label={t('distribution.objections.note')} rules={[{ required: true, whitespace: true, min: 2, message: t('distribution.objections.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="resolve-note" />
      </Form.Item>
    </FormModal>
  );
}

function ObjectionsCard({ d, office }: { d: Distribution; office: boolean }) {
  const { t, locale } = useI18n();
  const [resolving, setResolving] = useState<Objection | null>(null);
  return (
    <Card title={t('distribution.objections.title')} size="small" data-testid="distribution-objections">
      <Table<Objection>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.objections}
        scroll={{ x: 770 }}
        locale={{ emptyText: t('distribution.objections.none') }}
        columns={[
          { title: t('distribution.objections.raisedAt'), dataIndex: 'raisedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
          { title: t('distribution.objections.raisedBy'), dataIndex: 'raisedByName', width: 100 },
          { title: t('distribution.objections.text'), dataIndex: 'text', width: 260 },
          {
            title: t('distribution.objections.resolution'),
            key: 'resolution',
            width: 260,
            render: (_, o) =>
              o.resolution ? (
                <Space direction="vertical" size={0}>
                  <Tag color={o.resolution === 'upheld' ? 'orange' : 'default'}>{t(`distribution.objections.${o.resolution}`)}</Tag>
                  <Typography.Text type="secondary">{o.resolutionNote}</Typography.Text>
                </Space>
              ) : office ? (
                <Button size="small" onClick={() => setResolving(o)} data-testid={`objection-resolve-${o.id}`}>
                  {t('distribution.objections.resolve')}
                </Button>
              ) : (
                <Tag color="red">{t('distribution.objections.open')}</Tag>
              ),
          },
        ]}
      />
      {office && <ResolveModal d={d} objection={resolving} onClose={() => setResolving(null)} />}
    </Card>
  );
}

function TimelineCard({ id }: { id: string }) {
  const { t, tOr } = useI18n();
  const q = useTimeline(id);
  return (
    <Card title={t('distribution.timeline.title')} size="small" data-testid="distribution-timeline">
      <LedgerTimeline events={q.data?.items.map((e) => ({ ...e, actorName: '' }))} loading={q.isPending} typeLabel={(type) => tOr(`distribution.timeline.types.${shortType(type)}`, type)} />
    </Card>
  );
}

function Actions({ d }: { d: Distribution }) {
  const { t } = useI18n();
  const approve = useDistributionMutation(() => distributionApi.approve(d.id), { success: t('distribution.actions.approved') });
  const publicity = useDistributionMutation(() => distributionApi.publicity(d.id), { success: t('distribution.actions.published') });
  const confirm = useDistributionMutation(() => distributionApi.confirm(d.id), { success: t('distribution.actions.confirmed') });
  const [payOpen, setPayOpen] = useState(false);
  const openObjections = d.objections.some((o) => !o.resolution);
  const step = (key: string, label: string, description: string, run: () => void, pending: boolean) => (
    <ConfirmButton key={key} label={label} description={description} onConfirm={run} loading={pending} testId={`distribution-${key}`} descriptionWidth={340} />
  );
  return (
    <Space wrap>
      {d.status === 'computed' && d.result && step('approve', t('distribution.actions.approve'), t('distribution.actions.approveConfirm'), () => approve.mutate(), approve.isPending)}
      {d.status === 'approved' && step('publicity', t('distribution.actions.publicity'), t('distribution.actions.publicityConfirm'), () => publicity.mutate(), publicity.isPending)}
      {d.status === 'publicity' && (
        <>
          {openObjections && <Typography.Text type="warning">{t('distribution.actions.objectionsOpen')}</Typography.Text>}
          {step('confirm', t('distribution.actions.confirm'), t('distribution.actions.confirmConfirm', { until: d.publicityUntil ?? '' }), () => confirm.mutate(), confirm.isPending)}
        </>
      )}
      {d.status === 'confirmed' && (
        <Button type="primary" onClick={() => setPayOpen(true)} data-testid="distribution-pay">
          {t('distribution.actions.pay')}
        </Button>
      )}
      <PaymentModal d={d} open={payOpen} onClose={() => setPayOpen(false)} />
    </Space>
  );
}

/** One distribution: every figure explained, the office's review, approval, publicity, confirmation and payment. */
export default function DistributionDetailPage({ distributionId }: { distributionId: string }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const q = useDistribution(distributionId);
  const qc = useQueryClient();
  const office = can('distribution.office');

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data)
    return <Result status="404" title={t('common.pages.notFoundTitle')} subTitle={t('distribution.notFound')} extra={<Link to="/distribution">{t('common.actions.back')}</Link>} />;
  const d = q.data;
  const current = d.status === 'excluded' ? 0 : STEPS.indexOf(d.status);
  const deducted = sum(['0', ...d.deductions.map((x) => x.amount)]);

  const rewardColumns: TableColumnsType<Reward> = [
    { title: t('distribution.fields.name'), dataIndex: 'name', width: 110 },
    {
      title: t('distribution.fields.share'),
      key: 'share',
      width: 90,
      render: (_, r) => `${d.completers[r.position]?.share ?? ''}%`,
    },
    {
      title: t('distribution.fields.role'),
      key: 'flags',
      width: 170,
      render: (_, r) => (
        <Space size={4} wrap>
          {d.completers[r.position]?.isMainContributor && <Tag color="blue">{t('distribution.review.main')}</Tag>}
          {d.completers[r.position]?.isHead && <Tag color="orange">{t('distribution.review.head')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('distribution.fields.amount'),
      dataIndex: 'amount',
      width: 140,
      align: 'right',
      render: (v: string, r) => {
        const f = d.result?.people.find((p) => p.personId === String(r.position));
        return f ? <Figure figure={f} strong testId={`reward-${r.position}`} /> : formatMoney(v, locale, { unit: 'auto' });
      },
    },
    { title: t('distribution.fields.paidOn'), dataIndex: 'paidOn', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('distribution.fields.taxable'), dataIndex: 'taxable', width: 130, align: 'right', render: (v: string | null) => <Money value={v} /> },
    {
      title: t('distribution.fields.deadline'),
      dataIndex: 'taxReliefDeadline',
      width: 170,
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.taxReliefLost && <Tag color="red">{t('distribution.fields.reliefLost')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="distribution-detail" data-distribution-id={d.id}>
      <PageHeader
        page="distribution-detail"
        title={d.title}
        intro={
          <Space wrap>
            {d.contract && <Typography.Text style={{ fontFamily: 'monospace' }}>{d.contract.number}</Typography.Text>}
            <span>{t('distribution.fields.receivedOnValue', { date: d.receivedOn })}</span>
            <StatusTag kind="distribution" value={d.status} />
            <span>{d.policyVersion === 0 ? t('distribution.policy.statutory') : t('distribution.policy.versionN', { n: d.policyVersion })}</span>
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={office ? '/distribution' : '/distribution/mine'}>{t('common.actions.back')}</Link>
            <Button onClick={() => void qc.invalidateQueries({ queryKey: ['distribution'] })} data-testid="distribution-refresh">
              {t('common.actions.refresh')}
            </Button>
            {d.publicityFrom && (
              <Link to={`/distribution/${d.id}/notice`} data-testid="distribution-notice-link">
                <Button>{t('distribution.notice.open')}</Button>
              </Link>
            )}
            {office && <Actions d={d} />}
          </Space>
        }
      />
      {d.status !== 'excluded' && (
        <Card style={{ marginBottom: 16 }}>
          <Steps
            size="small"
            responsive
            current={current}
            status={d.status === 'paid' ? 'finish' : 'process'}
            items={STEPS.map((s) => ({
              title: t(`distribution.statuses.${s}`),
              description: s === 'publicity' && d.publicityFrom ? `${d.publicityFrom} ~ ${d.publicityUntil}` : undefined,
            }))}
          />
        </Card>
      )}
      {d.excludedReason && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('distribution.excluded')} description={pick(d.excludedReason, locale)} data-testid="distribution-excluded" />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('distribution.summary')}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'gross', label: t('distribution.fields.gross'), children: <span data-testid="distribution-gross">{formatMoney(d.gross, locale, { unit: 'auto' })}</span> },
                {
                  key: 'deductions',
                  label: t('distribution.fields.deductions'),
                  children: d.deductions.length ? (
                    <Space direction="vertical" size={0}>
                      {d.deductions.map((x) => (
                        <span key={`${x.kind}-${x.label}-${x.amount}`}>
                          {t(`distribution.deductionKinds.${x.kind}`)} · {x.label}：{formatMoney(x.amount, locale, { unit: 'auto' })}
                        </span>
                      ))}
                      <Typography.Text type="secondary">{t('distribution.fields.deductedTotal', { amount: formatMoney(deducted, locale, { unit: 'auto' }) })}</Typography.Text>
                    </Space>
                  ) : (
                    t('common.states.none')
                  ),
                },
                ...(d.result
                  ? [
                      { key: 'net', label: t('distribution.figures.net'), children: <Figure figure={d.result.net} testId="summary-net" /> },
                      { key: 'team', label: t('distribution.figures.team'), children: <Figure figure={d.result.team} strong testId="summary-team" /> },
                    ]
                  : []),
                ...(d.contract?.registrationNo ? [{ key: 'reg', label: t('distribution.fields.registrationNo'), children: d.contract.registrationNo }] : []),
                ...(d.approvedAt ? [{ key: 'approved', label: t('distribution.fields.approvedAt'), children: formatInstant(d.approvedAt, locale) }] : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <FiguresCard d={d} />
        </Col>
        {d.rewards.length > 0 && (
          <Col span={24}>
            <Card size="small" title={t('distribution.rewards')}>
              <Table<Reward> rowKey="position" size="small" pagination={false} dataSource={d.rewards} columns={rewardColumns} scroll={{ x: 900 }} data-testid="distribution-rewards" />
            </Card>
          </Col>
        )}
        {office && d.status === 'computed' && (
          <Col span={24}>
            <ReviewEditor d={d} />
          </Col>
        )}
        {d.publicityFrom && (
          <Col xs={24} xl={14}>
            <ObjectionsCard d={d} office={office} />
          </Col>
        )}
        <Col xs={24} xl={d.publicityFrom ? 10 : 24}>
          <TimelineCard id={d.id} />
        </Col>
      </Row>
    </div>
  );
}
