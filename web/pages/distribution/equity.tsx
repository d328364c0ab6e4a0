import { Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Skeleton, Space, type TableColumnsType, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { Money } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { applyFieldErrors, errorText, feedback, showError } from '../../lib/feedback';
import { businessToday } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { DATE_FORMAT } from '../contracts/plan';
import { OfficeNav } from './nav';
import { distributionApi, fetchHoldings, HOLDINGS_KEY, type Holding, useDistributionMutation, useEquityReward } from './service';
import { pick } from '../../lib/bilingual';

/** The team's equity reward of one holding, if recorded. */
function RewardOf({ orgId, holdingId }: { orgId: string; holdingId: string }) {
  const { t, locale } = useI18n();
  const q = useEquityReward(orgId, holdingId);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  const r = q.data?.reward;
  if (!r) return <Typography.Text type="secondary">{t('distribution.equity.none')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid={`equity-reward-${holdingId}`}
      items={[
        { key: 'team', label: t('distribution.equity.teamPct'), children: `${r.teamPct}%` },
        ...(r.heldBackForHeadsPct !== '0' ? [{ key: 'held', label: t('distribution.equity.heldBack'), children: `${r.heldBackForHeadsPct}%` }] : []),
        { key: 'people', label: t('distribution.equity.people'), children: r.people.map((p) => `${p.name} ${p.sharesPct}%`).join('；') },
        { key: 'rule', label: t('distribution.explain.rule'), children: pick(r.rule, locale) },
        { key: 'clause', label: t('distribution.explain.clause'), children: pick(r.clause, locale) },
        {
          key: 'version',
          label: t('distribution.explain.policyVersion'),
          children: r.policyVersion === 0 ? t('distribution.policy.statutory') : t('distribution.policy.versionN', { n: r.policyVersion }),
        },
      ]}
    />
  );
}

interface RewardValues {
  decisionDocNo: string;
  decisionDate: Dayjs;
  confirmHeadsExcluded?: boolean;
}

/** Records the team's equity reward; a head of the institution among the completers is refused until the office confirms their part stays with the institution. */
function RewardModal({ orgId, holding, onClose }: { orgId: string; holding: Holding | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RewardValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const save = useDistributionMutation((v: { decisionDocNo: string; decisionDate: string; confirmHeadsExcluded?: boolean }) => distributionApi.rewardEquity(orgId, holding!.id, v), { silent: true });
  useEffect(() => {
    if (!holding) return;
    setRefusal(null);
    form.setFieldsValue({ decisionDocNo: '', decisionDate: dayjs(businessToday()), confirmHeadsExcluded: false });
  }, [holding, form]);
  return (
    <Modal
      open={!!holding}
      title={t('distribution.equity.record')}
      okText={t('common.actions.save')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'equity-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {holding && (
        <Typography.Paragraph type="secondary">{t('distribution.equity.holdingLine', { company: holding.companyName, shares: holding.sharesPct, date: holding.acquiredOn })}</Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          save.mutate(
            { decisionDocNo: v.decisionDocNo.trim(), decisionDate: v.decisionDate.format(DATE_FORMAT), ...(v.confirmHeadsExcluded ? { confirmHeadsExcluded: true } : {}) },
            {
              onSuccess: () => {
                feedback.message?.success(t('distribution.equity.done'));
                onClose();
              },
              onError: (error) => {
                // The head-of-institution refusal (422): shown with its reason beside the confirmation it asks for.
                if (error instanceof ApiError && error.status === 422 && feedback.i18n) {
                  setRefusal(errorText(error, feedback.i18n));
                  return;
                }
                if (!applyFieldErrors(form, error)) showError(error);
              },
            },
          )
        }
      >
        <Form.Item name="decisionDocNo" label={t('distribution.equity.decisionDocNo')} rules={[{ required: true, whitespace: true, min: 2, message: t('distribution.equity.docRequired') }]}>
          <Input maxLength={100} placeholder="校发〔2026〕12号" data-testid="equity-doc" />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('distribution.equity.decisionDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('distribution.equity.refused')} description={refusal} data-testid="equity-refusal" />}
        {refusal && (
          <Form.Item name="confirmHeadsExcluded" valuePropName="checked">
            <Checkbox data-testid="equity-confirm-heads">{t('distribution.equity.confirmHeads')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 股权奖励: the institution's 作价入股 holdings and the team's equity reward of each. */
export default function EquityPage() {
  const { t } = useI18n();
  const { active } = useSession();
  const orgId = active?.organisationId;
  const [rewarding, setRewarding] = useState<Holding | null>(null);

  const columns: TableColumnsType<Holding> = [
    { title: t('distribution.equity.company'), dataIndex: 'companyName', width: 240 },
    { title: t('distribution.equity.shares'), dataIndex: 'sharesPct', width: 110, align: 'right', render: (v: string) => `${v}%` },
    { title: t('distribution.equity.remaining'), key: 'remaining', width: 110, align: 'right', render: (_, h) => `${h.remaining.sharesPct}%` },
    { title: t('distribution.equity.bookValue'), dataIndex: 'bookValue', width: 140, align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('distribution.equity.acquiredOn'), dataIndex: 'acquiredOn', width: 110 },
    {
      title: t('distribution.equity.action'),
      key: 'action',
      width: 160,
      render: (_, h) => (
        <Button size="small" onClick={() => setRewarding(h)} data-testid={`equity-record-${h.id}`}>
          {t('distribution.equity.record')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader page="distribution-equity" title={t('distribution.equity.title')} intro={t('distribution.equity.intro')} extra={<OfficeNav current="equity" />} />
      {!orgId ? (
        <Alert type="warning" showIcon title={t('distribution.noOrg')} />
      ) : (
        <Card>
          <PagedTable<Holding>
            rowKey="id"
            queryKey={[...HOLDINGS_KEY, orgId]}
            fetch={(q, signal) => fetchHoldings(orgId, q, signal)}
            columns={columns}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('distribution.equity.noHoldings') }}
            expandable={{ expandedRowRender: (h) => <RewardOf orgId={orgId} holdingId={h.id} /> }}
            data-testid="equity-holdings"
          />
          <Space style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('distribution.equity.hint')}</Typography.Text>
          </Space>
          <RewardModal orgId={orgId} holding={rewarding} onClose={() => setRewarding(null)} />
        </Card>
      )}
    </>
  );
}
