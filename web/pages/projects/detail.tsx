import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, Modal, Radio, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../../components/confirm-button';
import { FormModal } from '../../components/form-modal';
import { LedgerTimeline } from '../../components/ledger-timeline';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { useBilingual } from '../../lib/bilingual';
import { creditCodeOf, useCreditCodeRules } from '../../lib/credit-code-rule';
import { applyFieldErrors, showError } from '../../lib/feedback';
import { businessToday, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { DATE_FORMAT } from '../contracts/plan';
import {
  type AllocationBody,
  COST_CATEGORIES,
  type CostCategory,
  type AllocationLine,
  type AllocationView,
  type Entry,
  type Explained,
  newKey,
  type Project,
  projectApi,
  ratioToPercent,
  useProject,
  useProjectMutation,
  useTimeline,
} from './service';

const EVENTS = ['created', 'receipt', 'cost', 'surplus_recognised', 'allocated'] as const;

/** One figure with its rule and clause, so that nobody has to trust a bare number. */
function Figure({ label, x, testId }: { label: string; x: Explained; testId: string }) {
  const { t } = useI18n();
  const bi = useBilingual();
  return (
    <div style={{ marginBottom: 12 }} data-testid={testId} data-value={x.value}>
      <Space wrap>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text style={{ fontSize: 16 }}>
          <Money value={x.value} />
        </Typography.Text>
      </Space>
      <div>
        <Typography.Text type="secondary">
          {t('projects.figures.rule')}：{bi(x.rule)}
        </Typography.Text>
      </div>
      {x.clause && (
        <div>
          <Typography.Text type="secondary">
            {t('projects.figures.clause')}：{bi(x.clause)}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

function EntriesCard({ project, kind }: { project: Project; kind: 'receipts' | 'costs' }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const rows = kind === 'receipts' ? project.receipts : project.costs;
  const editable = project.canManage && project.status === 'active';
  return (
    <Card
      title={t(`projects.${kind}.title`)}
      extra={
        editable && (
          <Button onClick={() => setOpen(true)} data-testid={`project-add-${kind}`}>
            {t(`projects.${kind}.add`)}
          </Button>
        )
      }
      size="small"
    >
      <Table<Entry>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 700 }}
        locale={{ emptyText: t(`projects.${kind}.empty`) }}
        data-testid={`project-${kind}`}
        columns={[
          { title: t(`projects.${kind}.on`), dataIndex: 'on', width: 110 },
          ...(kind === 'costs'
            ? [
                {
                  title: t('projects.costs.category'),
                  dataIndex: 'category',
                  width: 150,
                  render: (c: string) => ((COST_CATEGORIES as readonly string[]).includes(c) ? t(`projects.categories.${c as (typeof COST_CATEGORIES)[number]}`) : c),
                },
              ]
            : []),
          { title: t(`projects.${kind}.label`), dataIndex: 'label' },
          { title: t(`projects.${kind}.amount`), dataIndex: 'amount', width: 140, align: 'right' as const, render: (v: string) => <Money value={v} /> },
          { title: t(`projects.${kind}.evidence`), dataIndex: 'evidence', width: 200 },
        ]}
      />
      {editable && <EntryModal open={open} project={project} kind={kind} onClose={() => setOpen(false)} />}
    </Card>
  );
}

interface EntryValues {
  category?: CostCategory;
  label: string;
  amount: string;
  on: Dayjs;
  evidence: string;
}

function EntryModal({ open, project, kind, onClose }: { open: boolean; project: Project; kind: 'receipts' | 'costs'; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EntryValues>();
  const [key, setKey] = useState(newKey);
  const moneyRule = useMoneyRule({ required: true, positive: true, message: t('projects.moneyInvalid') });
  const save = useProjectMutation(
    (v: EntryValues) =>
      kind === 'receipts'
        ? projectApi.addReceipt(project.id, { label: v.label.trim(), amount: v.amount, receivedOn: v.on.format(DATE_FORMAT), evidence: v.evidence.trim() }, key)
        : projectApi.addCost(project.id, { category: v.category ?? 'other', label: v.label.trim(), amount: v.amount, incurredOn: v.on.format(DATE_FORMAT), evidence: v.evidence.trim() }, key),
    { form, success: t(`projects.${kind}.added`) },
  );
  useEffect(() => {
    if (open) setKey(newKey());
  }, [open]);
  return (
    <FormModal<EntryValues>
      open={open}
      title={t(`projects.${kind}.add`)}
      form={form}
      onSubmit={(v) => save.mutateAsync(v)}
      onClose={onClose}
      initialValues={{ on: dayjs(businessToday()), category: 'materials' }}
      testId={`project-${kind}-modal`}
    >
      {kind === 'costs' && (
        <Form.Item name="category" label={t('projects.costs.category')}>
          <Select options={COST_CATEGORIES.map((c) => ({ value: c, label: t(`projects.categories.${c}`) }))} />
        </Form.Item>
      )}
      <Form.Item name="label" label={t(`projects.${kind}.label`)} rules={[{ required: true, whitespace: true, message: t('projects.required') }]}>
        <Input maxLength={200} data-testid="entry-label" />
      </Form.Item>
      <Form.Item name="amount" label={t(`projects.${kind}.amount`)} rules={[moneyRule]}>
        <MoneyInput data-testid="entry-amount" />
      </Form.Item>
      <Form.Item name="on" label={t(`projects.${kind}.on`)} rules={[{ required: true, message: t('projects.required') }]}>
        <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isAfter(dayjs(businessToday()), 'day')} />
      </Form.Item>
      <Form.Item name="evidence" label={t(`projects.${kind}.evidence`)} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
        <Input maxLength={1000} data-testid="entry-evidence" />
      </Form.Item>
    </FormModal>
  );
}

function FiguresCard({ project }: { project: Project }) {
  const { t } = useI18n();
  const f = project.figures;
  return (
    <Card title={t('projects.figures.title')} size="small" data-testid="project-figures">
      <Alert
        type={project.recognised ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={project.recognised ? t('projects.figures.recognised', { on: project.acceptedOn ?? '' }) : t('projects.figures.provisional')}
      />
      <Figure label={t('projects.figures.receipts')} x={f.receipts} testId="figure-receipts" />
      <Figure label={t('projects.figures.directCosts')} x={f.directCosts} testId="figure-costs" />
      <Figure label={t('projects.figures.managementFee')} x={f.managementFee} testId="figure-fee" />
      <Figure label={t('projects.figures.surplus')} x={f.surplus} testId="figure-surplus" />
    </Card>
  );
}

interface AcceptValues {
  acceptedOn: Dayjs;
  acceptanceDocument: string;
  finalAccountsDocument: string;
}

function AcceptanceModal({ open, project, onClose }: { open: boolean; project: Project; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<AcceptValues>();
  const accept = useProjectMutation(
    (v: AcceptValues) =>
      projectApi.accept(project.id, { acceptedOn: v.acceptedOn.format(DATE_FORMAT), acceptanceDocument: v.acceptanceDocument.trim(), finalAccountsDocument: v.finalAccountsDocument.trim() }),
    {
      form,
      success: t('projects.acceptance.done'),
      onSuccess: onClose,
      onError: () => setConfirming(null),
    },
  );
  const [confirming, setConfirming] = useState<AcceptValues | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setConfirming(null);
    }
  }, [open, form]);
  const run = (v: AcceptValues) => accept.mutate(v);
  return (
    <Modal
      open={open}
      title={t('projects.acceptance.title')}
      okText={confirming ? t('common.actions.confirm') : t('projects.acceptance.button')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={accept.isPending}
      onOk={() => (confirming ? run(confirming) : form.submit())}
      okButtonProps={{ 'data-testid': 'acceptance-ok' }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      data-testid="acceptance-modal"
    >
      <Form form={form} name="project-acceptance" layout="vertical" onFinish={(v) => setConfirming(v)} autoComplete="off" initialValues={{ acceptedOn: dayjs(businessToday()) }}>
        <Form.Item name="acceptedOn" label={t('projects.fields.acceptedOn')} rules={[{ required: true, message: t('projects.required') }]}>
          <DatePicker format={DATE_FORMAT} disabledDate={(d) => d.isAfter(dayjs(businessToday()), 'day')} />
        </Form.Item>
        <Form.Item name="acceptanceDocument" label={t('projects.fields.acceptanceDocument')} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
          <Input maxLength={200} data-testid="acceptance-document" />
        </Form.Item>
        <Form.Item name="finalAccountsDocument" label={t('projects.fields.finalAccountsDocument')} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
          <Input maxLength={200} data-testid="final-accounts-document" />
        </Form.Item>
      </Form>
      {confirming && (
        <Alert type="warning" showIcon title={t('projects.acceptance.confirm', { surplus: formatMoney(project.figures.surplus.value, locale, { unit: 'auto' }) })} data-testid="acceptance-confirm" />
      )}
    </Modal>
  );
}

function AllocationTable({ allocation }: { allocation: AllocationView }) {
  const { t, locale } = useI18n();
  const money = (v: string) => formatMoney(v, locale, { unit: 'auto' });
  const bi = useBilingual();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Figure label={t('projects.allocation.pool')} x={allocation.pool} testId="allocation-pool" />
      {allocation.company && <Typography.Text>{t('projects.allocation.companyLine', { name: allocation.company.name, code: allocation.company.creditCode })}</Typography.Text>}
      {allocation.techStake && (
        <div data-testid="allocation-tech-stake">
          <Typography.Text strong>
            {t('projects.allocation.techStakeTeam')}：{allocation.techStake.teamPct}%
          </Typography.Text>
          {Number(allocation.techStake.heldBackPct) > 0 && (
            <Typography.Text type="secondary">
              {' '}
              （{allocation.techStake.heldBackPct}% {t('projects.allocation.heldBack')}）
            </Typography.Text>
          )}
          <div>
            <Typography.Text type="secondary">
              {t('projects.figures.rule')}：{bi(allocation.techStake.rule)}
            </Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">
              {t('projects.figures.clause')}：{bi(allocation.techStake.clause)}
            </Typography.Text>
          </div>
        </div>
      )}
      <Table<AllocationLine>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={allocation.lines}
        scroll={{ x: 900 }}
        data-testid="allocation-lines"
        rowClassName={(l) => (l.isMe ? 'ant-table-row-selected' : '')}
        columns={[
          {
            title: t('projects.completer.name'),
            dataIndex: 'name',
            width: 150,
            render: (n: string, l) => (
              <Space size={4}>
                {n}
                {l.isHead && <Tag color="orange">{t('projects.completer.isHead')}</Tag>}
                {l.isMe && <Tag color="blue">{t('projects.completer.me')}</Tag>}
              </Space>
            ),
          },
          { title: t('projects.completer.share'), dataIndex: 'share', width: 90, align: 'right', render: (s: string) => `${s}%` },
          {
            title: t('projects.allocation.takes'),
            dataIndex: 'takes',
            width: 160,
            render: (k: 'cash' | 'shares') => (k === 'cash' ? t('projects.allocation.takesCash') : t('projects.allocation.takesShares')),
          },
          { title: t('projects.allocation.cashPart'), dataIndex: 'cashPart', width: 140, align: 'right', render: (v: string) => <Money value={v} testId="allocation-cash-part" /> },
          { title: t('projects.allocation.techPart'), dataIndex: 'techPartPct', width: 120, align: 'right', render: (v: string) => `${v}%` },
          { title: t('projects.allocation.explanation'), key: 'why', render: (_, l) => <Typography.Text type="secondary">{bi(l.explanation.rule)}</Typography.Text> },
        ]}
      />
      <Typography.Text data-testid="allocation-totals">
        {t('projects.allocation.totals', { paid: money(allocation.totals.cashPaid), contributed: money(allocation.totals.cashContributed), tech: allocation.totals.techPct })}
      </Typography.Text>
    </Space>
  );
}

interface AllocationValues {
  form: 'cash' | 'cash_and_technology';
  companyName?: string;
  companyCreditCode?: string;
  techStake?: string;
  cashTakers?: string[];
}

function AllocationCard({ project }: { project: Project }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AllocationValues>();
  const kind = Form.useWatch('form', form) ?? 'cash';
  const [preview, setPreview] = useState<AllocationView | null>(null);
  const [key, setKey] = useState(newKey);
  const heads = useMemo(() => project.completers.filter((c) => c.isHead).map((c) => c.id), [project.completers]);
  const previewing = useProjectMutation((b: AllocationBody) => projectApi.preview(project.id, b), { silent: true });
  const allocate = useProjectMutation((b: AllocationBody) => projectApi.allocate(project.id, b, key), { form, success: t('projects.allocation.done'), onSuccess: () => setKey(newKey()) });
  const creditCodeRules = useCreditCodeRules(t('projects.required'));

  if (project.allocation) {
    return (
      <Card
        title={t('projects.allocation.title')}
        size="small"
        extra={project.allocation.allocatedOn && t('projects.allocation.allocatedOn', { on: project.allocation.allocatedOn })}
        data-testid="project-allocation"
      >
        <Tag>{t(`projects.allocation.forms.${project.allocation.form}`)}</Tag>
        <AllocationTable allocation={project.allocation} />
      </Card>
    );
  }
  if (!project.canManage) return null;
  if (project.status === 'active') {
    return (
      <Card title={t('projects.allocation.title')} size="small">
        <Alert type="info" showIcon title={t('projects.allocation.notYet')} />
      </Card>
    );
  }

  const bodyOf = (v: AllocationValues): AllocationBody => {
    if (v.form === 'cash') return { form: 'cash' };
    return {
      form: 'cash_and_technology',
      company: { name: (v.companyName ?? '').trim(), creditCode: creditCodeOf(v.companyCreditCode) },
      techStakeFormedPct: (v.techStake ?? '').trim(),
      cashTakers: v.cashTakers ?? [],
    };
  };
  const onError = (error: unknown) => {
    if (!applyFieldErrors(form, error)) showError(error);
  };
  const compute = (v: AllocationValues) =>
    previewing.mutate(bodyOf(v), {
      onSuccess: (a) => setPreview(a),
      onError: (e) => {
        setPreview(null);
        onError(e);
      },
    });
  const submit = () => allocate.mutate(bodyOf(form.getFieldsValue(true) as AllocationValues));

  return (
    <Card title={t('projects.allocation.title')} size="small" data-testid="project-allocation-form">
      <Form form={form} name="project-allocation" layout="vertical" onFinish={compute} onValuesChange={() => setPreview(null)} autoComplete="off" initialValues={{ form: 'cash', cashTakers: heads }}>
        <Form.Item name="form" label={t('projects.allocation.form')}>
          <Radio.Group optionType="button" options={(['cash', 'cash_and_technology'] as const).map((k) => ({ value: k, label: t(`projects.allocation.forms.${k}`) }))} data-testid="allocation-form" />
        </Form.Item>
        {kind === 'cash_and_technology' && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="companyName" label={t('projects.allocation.company')} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="companyCreditCode" label={t('projects.allocation.companyCreditCode')} validateFirst rules={creditCodeRules}>
                <Input maxLength={40} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="techStake" label={t('projects.allocation.techStake')} rules={[{ required: true, pattern: /^\d{1,3}(\.\d{1,6})?$/, message: t('projects.percentInvalid') }]}>
                <Input inputMode="decimal" suffix="%" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="cashTakers" label={t('projects.allocation.cashTakers')} extra={t('projects.completer.headHint')}>
                <Checkbox.Group options={project.completers.map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Button htmlType="submit" loading={previewing.isPending} data-testid="allocation-preview">
          {t('projects.allocation.preview')}
        </Button>
      </Form>
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="allocation-preview-result">
          <AllocationTable allocation={preview} />
          <ConfirmButton
            label={t('projects.allocation.submit')}
            description={t('projects.allocation.confirm')}
            onConfirm={submit}
            loading={allocate.isPending}
            style={{ marginTop: 12 }}
            testId="allocation-submit"
            confirmTestId="allocation-confirm"
          />
        </div>
      )}
    </Card>
  );
}

function ProjectTimeline({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const q = useTimeline(id);
  const money = (v: string) => ` ${formatMoney(v, locale, { unit: 'auto' })}`;
  return (
    <Card title={t('projects.timeline')} size="small">
      <LedgerTimeline
        events={q.data?.items.map((e) => ({ ...e, occurredAt: e.at, actorName: '' }))}
        loading={q.isPending}
        showHash={false}
        testId="project-timeline"
        typeLabel={(type, e) => {
          const kind = type.replace(/^project\./, '');
          const label = (EVENTS as readonly string[]).includes(kind) ? t(`projects.events.${kind as (typeof EVENTS)[number]}`) : type;
          const amount = typeof e.payload.amount === 'string' ? money(e.payload.amount) : typeof e.payload.surplus === 'string' && kind === 'surplus_recognised' ? money(e.payload.surplus) : '';
          return `${label}${amount}`;
        }}
      />
    </Card>
  );
}

/** One project: client, completers, receipts and costs, the surplus explained, acceptance and allocation. */
export default function ProjectDetailPage({ projectId }: { projectId: string }) {
  const { t, locale } = useI18n();
  const bi = useBilingual();
  const q = useProject(projectId);
  const [acceptOpen, setAcceptOpen] = useState(false);
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <Result status="404" title={t('common.pages.notFoundTitle')} subTitle={t('projects.notFound')} extra={<Link to="/projects">{t('common.actions.back')}</Link>} />;
  const p = q.data;
  const fee =
    p.managementFee.kind === 'rate'
      ? `${t('projects.feeKinds.rate')} ${ratioToPercent(p.managementFee.rate ?? '0')}%`
      : `${t('projects.feeKinds.amount')} ${formatMoney(p.managementFee.amount ?? '0', locale, { unit: 'auto' })}`;
  return (
    <div data-testid="project-detail" data-project-id={p.id}>
      <PageHeader
        page="project-detail"
        title={p.title}
        intro={
          <Space wrap>
            <span style={{ fontFamily: 'monospace' }}>{p.contractNo}</span>
            <span>{p.client.name}</span>
            <StatusTag kind="project" value={p.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <Link to="/projects">{t('common.actions.back')}</Link>
            {p.canManage && p.status === 'active' && (
              <Button type="primary" onClick={() => setAcceptOpen(true)} disabled={!p.receipts.length} data-testid="project-accept">
                {t('projects.acceptance.button')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'org', label: t('projects.fields.organisation'), children: p.organisation.name },
                { key: 'client', label: t('projects.fields.client'), children: `${p.client.name}（${p.client.creditCode}）` },
                { key: 'no', label: t('projects.fields.contractNo'), children: p.contractId ? <Link to={`/contracts/${p.contractId}`}>{p.contractNo}</Link> : p.contractNo },
                { key: 'fee', label: t('projects.fields.managementFee'), children: fee },
                {
                  key: 'ratio',
                  label: t('projects.fields.allocationRatio'),
                  children: (
                    <span title={t('projects.floorHint', { floor: ratioToPercent(p.allocationFloor.ratio), clause: bi(p.allocationFloor.clause) })}>
                      {ratioToPercent(p.allocationRatio)}%（{t('projects.floorHint', { floor: ratioToPercent(p.allocationFloor.ratio), clause: bi(p.allocationFloor.clause) })}）
                    </span>
                  ),
                },
                ...(p.acceptedOn
                  ? [
                      { key: 'acc', label: t('projects.fields.acceptedOn'), children: p.acceptedOn },
                      { key: 'accdoc', label: t('projects.fields.acceptanceDocument'), children: p.acceptanceDocument },
                      { key: 'fin', label: t('projects.fields.finalAccountsDocument'), children: p.finalAccountsDocument },
                    ]
                  : []),
                {
                  key: 'completers',
                  label: t('projects.fields.completers'),
                  children: (
                    <Space wrap data-testid="project-completers">
                      {p.completers.map((c) => (
                        <Tag key={c.id} color={c.isMe ? 'blue' : c.isHead ? 'orange' : undefined}>
                          {c.name} {c.share}%{c.isHead ? ` · ${t('projects.completer.isHead')}` : ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <FiguresCard project={p} />
        </Col>
        <Col xs={24}>
          <AllocationCard project={p} />
        </Col>
        <Col xs={24} xl={12}>
          <EntriesCard project={p} kind="receipts" />
        </Col>
        <Col xs={24} xl={12}>
          <EntriesCard project={p} kind="costs" />
        </Col>
        <Col xs={24}>
          <ProjectTimeline id={p.id} />
        </Col>
      </Row>
      {p.canManage && <AcceptanceModal open={acceptOpen} project={p} onClose={() => setAcceptOpen(false)} />}
    </div>
  );
}
