import { Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Radio, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ATTRIBUTE_LABELS, FUNDING_TYPE_LABELS, IP_TYPE_LABELS, PRICING_METHOD_LABELS, TRANSFORMATION_MODE_LABELS, TRANSFORMATION_STATUS_LABELS } from '../../../common/achievements';
import { ApiError } from '../../api/client';
import { PageHeader } from '../../components/page-header';
import { errorText, feedback } from '../../lib/feedback';
import { useI18n } from '../../lib/i18n';
import { ActionModal, DESTRUCTIVE_ACTIONS } from './action-modal';
import { AttachmentsCard } from './disclosure';
import { labelOf, shanghaiDate } from './helpers';
import { fieldLabel, VisibilityTag } from './labels';
import { type LedgerAction, useAchievement, usePublicity, useRaiseObjection, useResolveObjection } from './service';
import type { Achievement, Objection } from '../../../common/api/achievements';
import { AchievementTimeline } from './timeline';
import { StatusTag } from '../../components/status-tag';
import { formatMoney } from '../../lib/format';

const ACTION_ORDER: readonly LedgerAction[] = [
  'submit',
  'accept',
  'assess',
  'protect',
  'price',
  'start_publicity',
  'decide',
  'complete',
  'publish',
  'unpublish',
  'cancel_publicity',
  'reopen',
  'return',
  'withdraw',
  'dispose',
];

/** One achievement: every field, the actions the API allows the caller, publicity with objections, the timeline. */
export default function AchievementDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const q = useAchievement(id);
  const [action, setAction] = useState<LedgerAction | null>(null);

  if (q.isPending) return <Spin />;
  if (q.error || !q.data) {
    const status = q.error instanceof ApiError ? q.error.status : 0;
    return <Result status={status === 403 ? '403' : status === 404 ? '404' : 'error'} title={q.error?.message} extra={<Link to="/achievements">{t('achievements.backToList')}</Link>} />;
  }
  const a = q.data;
  const allowed = ACTION_ORDER.filter((x) => a.allowedActions.includes(x));
  const dash = '—';
  const l = (pair: { zh: string; en: string } | undefined) => labelOf(pair, locale, dash);

  return (
    <div data-testid="achievement-detail" data-status={a.status}>
      <PageHeader
        page="achievement-detail"
        title={a.title}
        intro={
          <Space wrap>
            <Typography.Text copyable style={{ fontFamily: 'monospace' }} data-testid="achievement-number">
              {a.number}
            </Typography.Text>
            <StatusTag kind="achievement" value={a.status} />
            <VisibilityTag visibility={a.visibility} locale={locale} />
          </Space>
        }
        extra={
          <Space wrap>
            {a.canEdit && ['draft', 'returned'].includes(a.status) && (
              <Button onClick={() => navigate(`/achievements/${a.id}/edit`)} data-testid="achievement-edit">
                {t('achievements.detail.edit')}
              </Button>
            )}
            {a.allowedActions.length > 0 && !['draft', 'disclosed', 'returned', 'withdrawn'].includes(a.status) && (
              <Button onClick={() => navigate(`/evaluation/achievements/${a.id}`)} data-testid="achievement-evaluation">
                {t('evaluation.open')}
              </Button>
            )}
            {a.visibility === 'public' && (
              <Link to={`/deals/achievement/${a.id}`} data-testid="achievement-deals">
                {t('deals.listing.rooms')}
              </Link>
            )}
            <Button onClick={() => navigate('/achievements')}>{t('achievements.backToList')}</Button>
          </Space>
        }
      />

      <Card title={t('achievements.detail.actions')} style={{ marginBottom: 16 }} size="small">
        {allowed.length === 0 ? (
          <Typography.Text type="secondary">{t('achievements.detail.noActions')}</Typography.Text>
        ) : (
          <Flex gap={8} wrap data-testid="achievement-actions">
            {allowed.map((x) => (
              <Button key={x} type={x === allowed[0] ? 'primary' : 'default'} danger={DESTRUCTIVE_ACTIONS.includes(x)} onClick={() => setAction(x)} data-testid={`action-${x}`}>
                {t(`achievements.actions.${x}`)}
              </Button>
            ))}
          </Flex>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('achievements.detail.basics')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'org', label: t('achievements.fields.organisation'), children: a.organisationName },
                { key: 'field', label: t('achievements.fields.field'), children: fieldLabel(a.fieldCode, a.subfieldCode, locale) },
                { key: 'trl', label: t('achievements.fields.trl'), children: a.trl ? t('achievements.actionForm.trlLevel', { level: a.trl }) : dash },
                { key: 'stage', label: t('achievements.fields.stage'), children: a.stage ? t(`achievements.stage.${a.stage}`) : dash },
                { key: 'attribute', label: t('achievements.fields.attribute'), children: l(ATTRIBUTE_LABELS[a.attribute]) },
                { key: 'funding', label: t('achievements.fields.fundingType'), children: l(FUNDING_TYPE_LABELS[a.fundingType]) },
                { key: 'project', label: t('achievements.fields.sourceProject'), children: [a.sourceProject, a.sourceProjectNo].filter(Boolean).join(' · ') || dash },
                { key: 'created', label: t('achievements.fields.createdAt'), children: shanghaiDate(a.createdAt) },
                { key: 'disclosed', label: t('achievements.fields.disclosedAt'), children: shanghaiDate(a.disclosedAt) || dash },
                { key: 'updated', label: t('achievements.fields.updatedAt'), children: shanghaiDate(a.updatedAt, true) },
              ]}
            />
          </Card>
          <Card title={t('achievements.detail.content')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'summary', label: t('achievements.fields.summary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.summary || dash}</span> },
                { key: 'problem', label: t('achievements.fields.problem'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.problem || dash}</span> },
                { key: 'benefit', label: t('achievements.fields.benefit'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.benefit || dash}</span> },
                {
                  key: 'keywords',
                  label: t('achievements.fields.keywords'),
                  children: a.keywords.length ? a.keywords.map((k) => <Tag key={k}>{k}</Tag>) : dash,
                },
              ]}
            />
          </Card>
          <Card title={t('achievements.detail.ip')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'ipType', label: t('achievements.fields.ipType'), children: l(IP_TYPE_LABELS[a.ipType]) },
                { key: 'authorised', label: t('achievements.fields.authorised'), children: a.authorised ? t('common.states.yes') : t('common.states.no') },
                { key: 'ipNumbers', label: t('achievements.fields.ipNumbers'), children: a.ipNumbers.join(locale === 'zh-CN' ? '、' : ', ') || dash },
                { key: 'ipStatus', label: t('achievements.fields.ipStatus'), children: a.ipStatus || dash },
                {
                  key: 'ownership',
                  label: t('achievements.fields.ownership'),
                  children: `${a.ownershipUnitPct}% / ${a.ownershipTeamPct}%`,
                },
              ]}
            />
          </Card>
          <Card title={t('achievements.detail.market')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              size="small"
              items={[
                { key: 'ts', label: t('achievements.fields.transformationStatus'), children: l(TRANSFORMATION_STATUS_LABELS[a.transformationStatus]) },
                { key: 'tm', label: t('achievements.fields.transformationMode'), children: a.transformationMode ? l(TRANSFORMATION_MODE_LABELS[a.transformationMode]) : dash },
                {
                  key: 'coop',
                  label: t('achievements.fields.cooperationModes'),
                  children: a.cooperationModes.map((m) => l(TRANSFORMATION_MODE_LABELS[m])).join(locale === 'zh-CN' ? '、' : ', ') || dash,
                },
                { key: 'pm', label: t('achievements.fields.pricingMethod'), children: a.pricingMethod ? l(PRICING_METHOD_LABELS[a.pricingMethod]) : dash },
                {
                  key: 'ask',
                  label: t('achievements.fields.askingPriceShort'),
                  children: a.askingPrice === null ? t('achievements.fields.negotiable') : formatMoney(a.askingPrice, locale, { unit: 'full' }),
                },
                { key: 'agreed', label: t('achievements.fields.agreedPrice'), children: <span data-testid="agreed-price">{formatMoney(a.agreedPrice, locale, { unit: 'full' })}</span> },
                { key: 'contract', label: t('achievements.fields.contractAmount'), children: formatMoney(a.contractAmount, locale, { unit: 'full' }) },
                { key: 'received', label: t('achievements.fields.receivedAmount'), children: formatMoney(a.receivedAmount, locale, { unit: 'full' }) },
                { key: 'reg', label: t('achievements.fields.techContractRegNo'), children: a.techContractRegNo || dash },
                { key: 'published', label: t('achievements.fields.publishedAt'), children: shanghaiDate(a.publishedAt) || dash },
                { key: 'transformed', label: t('achievements.fields.transformedAt'), children: shanghaiDate(a.transformedAt) || dash },
              ]}
            />
          </Card>
          <Card title={t('achievements.detail.completers')} style={{ marginBottom: 16 }}>
            <Table
              rowKey={(c) => `${c.name}-${c.share}`}
              size="small"
              pagination={false}
              dataSource={a.completers}
              columns={[
                { title: t('achievements.fields.completerName'), dataIndex: 'name' },
                { title: t('achievements.fields.share'), dataIndex: 'share', width: 120, align: 'right', render: (s: string) => `${s}%` },
                { title: t('achievements.fields.isHead'), dataIndex: 'isHead', width: 100, render: (h: boolean) => (h ? t('common.states.yes') : '') },
              ]}
            />
          </Card>
          <PublicityCard achievement={a} />
          <AttachmentsCard achievementId={a.id} canUpload={a.canEdit} />
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('achievements.detail.timeline')} style={{ marginBottom: 16 }}>
            <AchievementTimeline id={a.id} />
          </Card>
        </Col>
      </Row>
      <ActionModal achievement={a} action={action} onClose={() => setAction(null)} />
    </div>
  );
}

/** Publicity windows of an agreed price with their objections; the office resolves open ones. */
function PublicityCard({ achievement }: { achievement: Achievement }) {
  const { t, locale } = useI18n();
  const shown = achievement.pricingMethod === 'agreement' || achievement.status === 'in_publicity';
  const q = usePublicity(achievement.id, shown);
  const [resolving, setResolving] = useState<Objection | null>(null);
  const [raising, setRaising] = useState(false);
  const isOffice = achievement.allowedActions.some((x) =>
    ['accept', 'assess', 'price', 'start_publicity', 'decide', 'publish', 'unpublish', 'dispose', 'cancel_publicity', 'complete', 'reopen', 'protect'].includes(x),
  );
  if (!shown) return null;
  const windows = q.data?.items ?? [];
  return (
    <Card title={t('achievements.detail.publicity')} style={{ marginBottom: 16 }} data-testid="publicity">
      {windows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        windows.map((w) => (
          <div key={w.id} style={{ marginBottom: 16 }}>
            <Space wrap>
              <Typography.Text strong>
                {t('achievements.publicity.window')} {w.startsOn} ~ {w.endsOn}
              </Typography.Text>
              <Tag color={w.status === 'running' ? 'orange' : w.status === 'passed' ? 'green' : 'default'} data-testid="publicity-status">
                {t(`achievements.publicity.status.${w.status}`)}
              </Tag>
              <Typography.Text>{formatMoney(w.price, locale, { unit: 'full' })}</Typography.Text>
              {w.status === 'running' && (
                <Button size="small" onClick={() => setRaising(true)} data-testid="objection-raise">
                  {t('achievements.publicity.raise')}
                </Button>
              )}
              {w.objectionContact && (
                <Typography.Text type="secondary">
                  {t('achievements.publicity.contact')}: {w.objectionContact}
                </Typography.Text>
              )}
            </Space>
            {w.objections.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('achievements.publicity.noObjections')}</Typography.Text>
              </div>
            ) : (
              <Table<Objection>
                rowKey="id"
                size="small"
                pagination={false}
                style={{ marginTop: 8 }}
                dataSource={w.objections}
                scroll={{ x: 560 }}
                columns={[
                  { title: t('achievements.publicity.raisedBy'), dataIndex: 'raisedByName', width: 100 },
                  { title: t('achievements.publicity.objections'), dataIndex: 'content' },
                  { title: t('achievements.fields.createdAt'), dataIndex: 'raisedAt', width: 140, render: (v: string) => shanghaiDate(v, true) },
                  {
                    title: t('achievements.publicity.resolve'),
                    key: 'resolution',
                    width: 160,
                    render: (_, o) =>
                      o.resolution ? (
                        <span>
                          {o.resolution === 'upheld' ? t('achievements.publicity.upheld') : t('achievements.publicity.dismissed')}
                          {o.resolutionNote ? `：${o.resolutionNote}` : ''}
                        </span>
                      ) : isOffice ? (
                        <Button size="small" onClick={() => setResolving(o)} data-testid="objection-resolve">
                          {t('achievements.publicity.resolve')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            )}
          </div>
        ))
      )}
      <ResolveModal achievementId={achievement.id} objection={resolving} onClose={() => setResolving(null)} />
      <RaiseModal achievementId={achievement.id} open={raising} onClose={() => setRaising(false)} />
    </Card>
  );
}

function ResolveModal({ achievementId, objection, onClose }: { achievementId: string; objection: Objection | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<{ resolution: 'upheld' | 'dismissed'; note: string }>();
  const resolve = useResolveObjection(achievementId);
  return (
    <Modal
      open={!!objection}
      title={t('achievements.publicity.resolve')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.actions.cancel')}</Button>
          <Button type="primary" loading={resolve.isPending} onClick={() => form.submit()} data-testid="objection-resolve-ok">
            {t('common.actions.confirm')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph>{objection?.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ resolution: 'dismissed' }}
        onFinish={(v) =>
          objection &&
          resolve.mutate(
            { objectionId: objection.id, resolution: v.resolution, note: v.note.trim() },
            {
              onSuccess: () => {
                feedback.message?.success(t('achievements.publicity.resolved'));
                onClose();
              },
              onError: (e) => feedback.message?.error(errorText(e, i18n)),
            },
          )
        }
      >
        <Form.Item name="resolution">
          <Radio.Group
            options={[
              { value: 'dismissed', label: t('achievements.publicity.dismissed') },
              { value: 'upheld', label: t('achievements.publicity.upheld') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('achievements.publicity.resolutionNote')} rules={[{ required: true, whitespace: true, min: 2, message: t('achievements.validation.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="objection-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A member of the institution objects to the agreed price during the publicity window. */
function RaiseModal({ achievementId, open, onClose }: { achievementId: string; open: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form] = Form.useForm<{ content: string }>();
  const raise = useRaiseObjection(achievementId);
  return (
    <Modal
      open={open}
      title={t('achievements.publicity.raise')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.actions.cancel')}</Button>
          <Button type="primary" loading={raise.isPending} onClick={() => form.submit()} data-testid="objection-raise-ok">
            {t('achievements.publicity.raise')}
          </Button>
        </Flex>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          raise.mutate(v.content.trim(), {
            onSuccess: () => {
              feedback.message?.success(t('achievements.publicity.raised'));
              onClose();
            },
            onError: (e) => feedback.message?.error(errorText(e, i18n)),
          })
        }
      >
        <Form.Item name="content" label={t('achievements.publicity.objections')} rules={[{ required: true, whitespace: true, min: 2, message: t('achievements.validation.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="objection-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
