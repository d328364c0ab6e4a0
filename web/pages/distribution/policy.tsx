import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Popconfirm, Row, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef } from 'react';
import { percentToRatio, ratioToPercent } from '../../../common/money';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { DATE_FORMAT } from '../contracts/plan';
import { aboveFloor, comparisonCsv, floorText, policyValue } from './helpers';
import { OfficeNav } from './nav';
import { distributionApi, type Floor, type Policy, POLICY_KEYS, POLICY_RATIO_KEYS, type PolicyComparison, type PolicyKey, useDistributionMutation, usePolicies, usePolicyComparison } from './service';
import { pick } from '../../lib/bilingual';

type PolicyFormValues = Partial<Record<PolicyKey, string | number>> & { effectiveFrom?: Dayjs; publicityWorkingDays?: number; note?: string };

/** A percentage as typed → the API's ratio; what cannot be read goes as typed, for the server to name. */
function ratioOf(percent: string | number | undefined): string {
  const s = String(percent ?? '').trim();
  try {
    return percentToRatio(s);
  } catch {
    return s;
  }
}

function PolicySettings({ policy, floors }: { policy: Policy; floors: Floor[] }) {
  const { t, locale } = useI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      items={POLICY_KEYS.map((k) => {
        const floor = floors.find((f) => f.key === k);
        return {
          key: k,
          label: t(`distribution.policy.keys.${k}`),
          children: (
            <Space wrap size={4}>
              <Typography.Text strong data-testid={`policy-in-force-${k}`}>
                {policyValue(policy[k], locale)}
              </Typography.Text>
              {floor && (
                <Typography.Text type="secondary">
                  （{t('distribution.policy.floor')} {floorText(floor, locale)}）
                </Typography.Text>
              )}
            </Space>
          ),
        };
      })}
    />
  );
}

/** The office's policy: the version in force, every version, and a form for a new one with each floor beside its field. */
function OfficePolicy({ orgId }: { orgId: string }) {
  const { t, locale } = useI18n();
  const q = usePolicies(orgId);
  const [form] = Form.useForm<PolicyFormValues>();
  const create = useDistributionMutation((body: Parameters<typeof distributionApi.createPolicy>[1]) => distributionApi.createPolicy(orgId, body), {
    form,
    success: (p) => t('distribution.policy.created', { n: p.version }),
  });
  const inForce = q.data?.inForce;
  const floors = q.data?.floors ?? [];

  // Filled from the version in force when it loads or changes (a saved version), never over what is being typed.
  const loadedKey = inForce ? `${inForce.version}:${inForce.statutory}:${inForce.effectiveFrom}` : '';
  const filled = useRef('');
  useEffect(() => {
    if (!inForce || filled.current === loadedKey) return;
    filled.current = loadedKey;
    form.setFieldsValue({
      ...Object.fromEntries(POLICY_RATIO_KEYS.map((k) => [k, ratioToPercent(inForce[k])])),
      operatingProfitYears: inForce.operatingProfitYears,
      publicityWorkingDays: inForce.publicityWorkingDays,
      effectiveFrom: dayjs().add(1, 'day'),
      note: '',
    });
  }, [inForce, loadedKey, form]);
  const effectiveFrom = Form.useWatch('effectiveFrom', form);

  const submit = (v: PolicyFormValues) =>
    create.mutate(
      {
        effectiveFrom: v.effectiveFrom?.format(DATE_FORMAT) ?? '',
        ...(Object.fromEntries(POLICY_RATIO_KEYS.map((k) => [k, ratioOf(v[k])])) as Record<(typeof POLICY_RATIO_KEYS)[number], string>),
        operatingProfitYears: Number(v.operatingProfitYears),
        ...(v.publicityWorkingDays ? { publicityWorkingDays: Number(v.publicityWorkingDays) } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      },
      {
        // The next version starts from what was just saved.
        onSuccess: () => {
          filled.current = '';
        },
      },
    );

  const versionColumns: TableColumnsType<Policy> = [
    { title: t('distribution.policy.version'), dataIndex: 'version', width: 70 },
    { title: t('distribution.policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
    ...POLICY_KEYS.map((k) => ({ title: t(`distribution.policy.short.${k}`), key: k, width: 90, render: (_: unknown, p: Policy) => policyValue(p[k], locale) })),
    { title: t('distribution.policy.publicityWorkingDays'), dataIndex: 'publicityWorkingDays', width: 90 },
    { title: t('distribution.policy.note'), dataIndex: 'note' },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card
          size="small"
          title={
            <Space wrap>
              {t('distribution.policy.inForce')}
              {inForce && (
                <Tag color={inForce.statutory ? 'orange' : 'green'}>{inForce.statutory ? t('distribution.policy.statutory') : t('distribution.policy.versionN', { n: inForce.version })}</Tag>
              )}
            </Space>
          }
          data-testid="policy-in-force"
        >
          {inForce?.statutory && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('distribution.policy.statutoryHint')} />}
          {inForce && <PolicySettings policy={inForce} floors={floors} />}
          {inForce && !inForce.statutory && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('distribution.policy.effectiveSince', { date: inForce.effectiveFrom, days: inForce.publicityWorkingDays })}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('distribution.policy.newVersion')} data-testid="policy-form">
          <Form form={form} layout="horizontal" labelCol={{ span: 9 }} wrapperCol={{ span: 15 }} onFinish={submit} autoComplete="off">
            <Form.Item name="effectiveFrom" label={t('distribution.policy.effectiveFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: 180 }} data-testid="policy-effectiveFrom" />
            </Form.Item>
            {POLICY_KEYS.map((k) => {
              const floor = floors.find((f) => f.key === k);
              return (
                <Form.Item
                  key={k}
                  name={k}
                  label={t(`distribution.policy.keys.${k}`)}
                  rules={[{ required: true, message: t('distribution.policy.required') }]}
                  extra={
                    floor ? (
                      <span data-testid={`policy-floor-${k}`}>
                        {t('distribution.policy.floor')} {floorText(floor, locale)} · {pick(floor.clause, locale)}
                      </span>
                    ) : (
                      t('distribution.policy.noFloor')
                    )
                  }
                >
                  {k === 'operatingProfitYears' ? (
                    <InputNumber min={1} max={10} precision={0} style={{ width: 120 }} suffix={t('distribution.policy.years')} data-testid={`policy-${k}`} />
                  ) : (
                    <Input style={{ width: 140 }} suffix="%" inputMode="decimal" data-testid={`policy-${k}`} />
                  )}
                </Form.Item>
              );
            })}
            <Form.Item name="publicityWorkingDays" label={t('distribution.policy.publicityWorkingDays')} extra={t('distribution.policy.publicityHint')}>
              <InputNumber min={1} max={60} precision={0} style={{ width: 120 }} data-testid="policy-publicityWorkingDays" />
            </Form.Item>
            <Form.Item name="note" label={t('distribution.policy.note')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('distribution.policy.notePlaceholder')} />
            </Form.Item>
            <Form.Item wrapperCol={{ offset: 9 }}>
              {/* No submit button: a version cannot be withdrawn, so it is saved only after a confirmation (Enter does not submit). */}
              <Popconfirm
                title={t('distribution.policy.save')}
                description={<div style={{ maxWidth: 340 }}>{t('distribution.policy.saveConfirm', { date: effectiveFrom?.format(DATE_FORMAT) ?? '' })}</div>}
                okText={t('common.actions.confirm')}
                cancelText={t('common.actions.cancel')}
                okButtonProps={{ 'data-testid': 'policy-save-confirm' }}
                onConfirm={() => form.submit()}
              >
                <Button type="primary" loading={create.isPending} data-testid="policy-save">
                  {t('distribution.policy.save')}
                </Button>
              </Popconfirm>
            </Form.Item>
          </Form>
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('distribution.policy.versions')}>
          <Table<Policy>
            rowKey="version"
            size="small"
            pagination={false}
            dataSource={q.data?.versions ?? []}
            columns={versionColumns}
            scroll={{ x: 1100 }}
            locale={{ emptyText: t('distribution.policy.noVersions') }}
            data-testid="policy-versions"
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Saves text as a file in the browser. */
function download(filename: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

type ComparisonRow = PolicyComparison['items'][number];

/** The bureau's comparison: every institution's policy in force beside the floors; cells above a floor highlighted; CSV export. */
function Comparison() {
  const { t, locale } = useI18n();
  const q = usePolicyComparison();
  const floors = q.data?.floors ?? [];
  const exportCsv = () => {
    if (!q.data) return;
    const csv = comparisonCsv(
      q.data,
      {
        institution: t('distribution.compare.institution'),
        version: t('distribution.policy.version'),
        effectiveFrom: t('distribution.policy.effectiveFrom'),
        floor: t('distribution.compare.floorRow'),
        statutory: t('distribution.policy.statutory'),
        keys: Object.fromEntries(POLICY_KEYS.map((k) => [k, t(`distribution.policy.keys.${k}`)])) as Record<PolicyKey, string>,
      },
      POLICY_KEYS,
      locale,
    );
    download(`${t('distribution.compare.filename')}-${q.data.asOf}.csv`, csv, 'text/csv;charset=utf-8');
  };

  const columns: TableColumnsType<ComparisonRow> = [
    {
      title: t('distribution.compare.institution'),
      key: 'org',
      fixed: 'left',
      width: 220,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.organisation.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.policy.statutory ? t('distribution.policy.statutory') : `${t('distribution.policy.versionN', { n: r.policy.version })} · ${r.policy.effectiveFrom}`}
          </Typography.Text>
        </Space>
      ),
    },
    ...POLICY_KEYS.map((k) => {
      const floor = floors.find((f) => f.key === k);
      return {
        title: (
          <Tooltip title={floor ? pick(floor.clause, locale) : t('distribution.policy.noFloor')}>
            <span>
              {t(`distribution.policy.short.${k}`)}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, fontWeight: 'normal' }}>
                {t('distribution.policy.floor')} {floorText(floor, locale)}
              </Typography.Text>
            </span>
          </Tooltip>
        ),
        key: k,
        width: 120,
        align: 'right' as const,
        onCell: (r: ComparisonRow) => ({ style: r.aboveFloor.includes(k) || aboveFloor(floor, r.policy[k]) ? { background: '#f6ffed' } : {} }),
        render: (_: unknown, r: ComparisonRow) => {
          const above = r.aboveFloor.includes(k);
          return (
            <Typography.Text strong={above} type={above ? 'success' : undefined} data-testid={`compare-${r.organisation.id}-${k}`} data-above={String(above)}>
              {policyValue(r.policy[k], locale)}
            </Typography.Text>
          );
        },
      };
    }),
  ];

  return (
    <Card
      size="small"
      title={
        <Space wrap>
          {t('distribution.compare.title')}
          {q.data && <Typography.Text type="secondary">{t('distribution.compare.asOf', { date: q.data.asOf, n: q.data.items.length })}</Typography.Text>}
        </Space>
      }
      extra={
        <Button onClick={exportCsv} disabled={!q.data} data-testid="compare-export">
          {t('distribution.compare.export')}
        </Button>
      }
      data-testid="policy-comparison"
    >
      <Typography.Paragraph type="secondary">{t('distribution.compare.legend')}</Typography.Paragraph>
      <Table<ComparisonRow> rowKey={(r) => r.organisation.id} size="small" loading={q.isFetching} pagination={false} dataSource={q.data?.items ?? []} columns={columns} scroll={{ x: 1100 }} />
    </Card>
  );
}

/** /distribution/policy: the office's own policy versions; the bureau's (and administrators') comparison of every institution. */
export default function PolicyPage({ page = 'distribution-policy' }: { page?: string }) {
  const { t } = useI18n();
  const { active } = useSession();
  const can = useCan();
  const overseer = can('distribution.oversee');
  return (
    <>
      <PageHeader
        page={page}
        title={overseer ? t('distribution.compare.pageTitle') : t('distribution.policy.title')}
        intro={overseer ? t('distribution.compare.intro') : t('distribution.policy.intro')}
        extra={!overseer && <OfficeNav current="policy" />}
      />
      {overseer ? <Comparison /> : active ? <OfficePolicy orgId={active.organisationId} /> : <Alert type="warning" showIcon title={t('distribution.noOrg')} />}
    </>
  );
}
