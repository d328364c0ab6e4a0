import { Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusFilter } from '../../components/status-filter';
import { StatusTag } from '../../components/status-tag';
import { useBilingual } from '../../lib/bilingual';
import { useCan } from '../../lib/can';
import { creditCodeOf, useCreditCodeRules } from '../../lib/credit-code-rule';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { type NewProjectBody, PROJECTS_KEY, type ProjectPage, percentToRatio, type ProjectStatus, type ProjectSummary, projectApi, ratioToPercent, useProjectMutation } from './service';

/** 横向科研项目: the office's projects, a researcher's own, every institution's for the bureau. */
export default function ProjectListPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const [status, setStatus] = useState<ProjectStatus | undefined>();
  const [createOpen, setCreateOpen] = useState(false);
  const office = can('projects.office');

  const columns: TableColumnsType<ProjectSummary> = [
    {
      title: t('projects.fields.title'),
      key: 'title',
      dataIndex: 'title',
      width: 300,
      sorter: true,
      render: (v: string, p) => (
        <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
          {v}
        </Link>
      ),
    },
    { title: t('projects.fields.client'), key: 'client', width: 220, render: (_, p) => p.client.name },
    { title: t('projects.fields.contractNo'), dataIndex: 'contractNo', width: 140, render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    ...(can('projects.allOrgs') ? [{ title: t('projects.fields.organisation'), key: 'org', width: 180, render: (_: unknown, p: ProjectSummary) => p.organisation.name }] : []),
    { title: t('projects.fields.allocationRatio'), dataIndex: 'allocationRatio', width: 130, align: 'right', render: (v: string) => `${ratioToPercent(v)}%` },
    { title: t('projects.fields.surplus'), dataIndex: 'surplus', width: 140, align: 'right', render: (v: string | null) => <Money value={v} /> },
    { title: t('projects.fields.status'), dataIndex: 'status', width: 120, render: (s: ProjectStatus) => <StatusTag kind="project" value={s} /> },
    { title: t('projects.fields.updatedAt'), key: 'updatedAt', dataIndex: 'updatedAt', width: 150, sorter: true, render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <>
      <PageHeader
        page="projects"
        title={t('menu.projects')}
        intro={t('projects.intro')}
        extra={
          office && (
            <Button type="primary" onClick={() => setCreateOpen(true)} data-testid="project-create">
              {t('projects.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <StatusFilter kind="project" value={status} onChange={setStatus} placeholder={t('projects.allStatuses')} testId="project-status-filter" />
        </Space>
        <PagedTable<ProjectSummary, { status?: ProjectStatus | undefined }>
          rowKey="id"
          queryKey={PROJECTS_KEY}
          filters={{ status }}
          fetch={(q, signal) => api.get<ProjectPage>('/projects', { ...q }, signal)}
          defaultSort={{ sort: 'updatedAt', order: 'desc' }}
          columns={columns}
          scroll={{ x: 1200 }}
          emptyText={t('projects.empty')}
          data-testid="project-table"
        />
      </Card>
      {office && <CreateProjectModal open={createOpen} onClose={() => setCreateOpen(false)} />}
    </>
  );
}

interface CompleterValues {
  name: string;
  share: string;
  isHead?: boolean;
}

interface CreateValues {
  title: string;
  clientName: string;
  clientCreditCode: string;
  contractNo: string;
  contractId?: string;
  feeKind: 'rate' | 'amount';
  feeRate?: string;
  feeAmount?: string;
  allocationRatio: string;
  completers: CompleterValues[];
}

/** Sum of percentage strings in hundredths, exact. */
function sumShares(shares: readonly (string | undefined)[]): number {
  return shares.reduce((t, s) => {
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec((s ?? '').trim());
    return m ? t + Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : t;
  }, 0);
}
const showHundredths = (h: number) =>
  `${Math.floor(h / 100)}${
    h % 100
      ? `.${String(h % 100)
          .padStart(2, '0')
          .replace(/0$/, '')}`
      : ''
  }`;

function CreateProjectModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const bi = useBilingual();
  const { active } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const feeKind = Form.useWatch('feeKind', form);
  const completers = Form.useWatch('completers', form) as CompleterValues[] | undefined;
  const total = sumShares((completers ?? []).map((c) => c?.share));
  const create = useProjectMutation((b: NewProjectBody) => projectApi.create(active?.organisationId ?? '', b), { form, success: t('projects.created') });
  const creditCodeRules = useCreditCodeRules(t('projects.required'));
  const moneyRule = useMoneyRule({ required: true, message: t('projects.moneyInvalid') });

  const submit = async (v: CreateValues) => {
    const body: NewProjectBody = {
      title: v.title.trim(),
      client: { name: v.clientName.trim(), creditCode: creditCodeOf(v.clientCreditCode) },
      ...(v.contractNo?.trim() ? { contractNo: v.contractNo.trim() } : {}),
      ...(v.contractId?.trim() ? { contractId: v.contractId.trim() } : {}),
      managementFee: v.feeKind === 'rate' ? { kind: 'rate', rate: percentToRatio(v.feeRate ?? '') ?? v.feeRate ?? '' } : { kind: 'amount', amount: v.feeAmount ?? '' },
      allocationRatio: percentToRatio(v.allocationRatio) ?? v.allocationRatio,
      completers: v.completers.map((c) => ({ name: c.name.trim(), share: c.share.trim(), isHead: !!c.isHead })),
    };
    const p = await create.mutateAsync(body);
    navigate(`/projects/${p.id}`);
  };

  const percentRule = { validator: (_: unknown, v?: string) => (v && percentToRatio(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('projects.percentInvalid')))) };

  return (
    <FormModal<CreateValues>
      open={open}
      width={760}
      title={t('projects.create')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      initialValues={{ feeKind: 'rate', feeRate: '5', allocationRatio: '70', completers: [{ name: '', share: '100' }] }}
      testId="project-create-modal"
    >
      <Form.Item name="title" label={t('projects.fields.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
        <Input maxLength={200} data-testid="project-title" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="clientName" label={t('projects.fields.clientName')} rules={[{ required: true, whitespace: true, min: 2, message: t('projects.required') }]}>
            <Input maxLength={200} data-testid="project-client-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="clientCreditCode" label={t('projects.fields.clientCreditCode')} validateFirst rules={creditCodeRules}>
            <Input maxLength={40} style={{ fontFamily: 'monospace' }} data-testid="project-client-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contractNo" label={t('projects.fields.contractNo')} rules={[{ required: true, whitespace: true, message: t('projects.required') }]}>
            <Input maxLength={60} data-testid="project-contract-no" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="contractId" label={t('projects.fields.contractId')}>
            <Input maxLength={36} placeholder="UUID" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="feeKind" label={t('projects.fields.feeKind')}>
            <Radio.Group optionType="button" options={(['rate', 'amount'] as const).map((k) => ({ value: k, label: t(`projects.feeKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {feeKind === 'amount' ? (
            <Form.Item name="feeAmount" label={t('projects.fields.feeAmount')} rules={[moneyRule]}>
              <MoneyInput />
            </Form.Item>
          ) : (
            <Form.Item name="feeRate" label={t('projects.fields.feeRate')} rules={[percentRule]}>
              <Input inputMode="decimal" suffix="%" data-testid="project-fee-rate" />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item
        name="allocationRatio"
        label={t('projects.fields.allocationRatio')}
        extra={t('projects.floorHint', { floor: '50', clause: bi({ zh: '《促进科技成果转化法》第四十五条', en: 'Law on Promoting the Transformation of S&T Achievements, Art. 45' }) })}
        rules={[percentRule]}
      >
        <Input inputMode="decimal" suffix="%" style={{ maxWidth: 200 }} data-testid="project-ratio" />
      </Form.Item>
      <Typography.Text strong>{t('projects.fields.completers')}</Typography.Text>
      <Form.List name="completers">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('projects.required') }]}>
                  <Input placeholder={t('projects.completer.name')} maxLength={50} style={{ width: 160 }} data-testid={`completer-name-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'share']} rules={[{ required: true, message: t('projects.required') }]}>
                  <Input placeholder={t('projects.completer.share')} suffix="%" inputMode="decimal" style={{ width: 120 }} data-testid={`completer-share-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'isHead']} valuePropName="checked">
                  <Checkbox>{t('projects.completer.isHead')}</Checkbox>
                </Form.Item>
                {fields.length > 1 && (
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t('common.actions.remove')}
                  </Button>
                )}
              </Space>
            ))}
            <Space>
              <Button onClick={() => add({ name: '', share: '' })} data-testid="completer-add">
                {t('projects.completer.add')}
              </Button>
              <Typography.Text type={total === 10_000 ? 'success' : 'danger'} data-testid="completer-sum">
                {total === 10_000 ? t('projects.completer.sum', { sum: '100' }) : t('projects.completer.sumBad', { sum: showHundredths(total) })}
              </Typography.Text>
            </Space>
          </div>
        )}
      </Form.List>
    </FormModal>
  );
}
