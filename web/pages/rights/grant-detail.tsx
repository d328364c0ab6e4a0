import { Alert, Button, Card, Col, Descriptions, Form, Input, List, Modal, Popconfirm, Result, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { OFFICE_ROLES } from '../../../common/roles';
import { PageHeader } from '../../components/page-header';
import { feedback } from '../../lib/feedback';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { ApplyModal } from './apply';
import { GrantStatusTag, percentOfRatio, pick, yuan } from './labels';
import { attempt, type Grant, type GrantAction, grantPdfUrl, rightsApi, useGrant, usePolicies, useRightsMutation } from './service';

const REASON_REQUIRED: readonly GrantAction[] = ['dept_return', 'office_return', 'reject'];
const PATH: Grant['status'][] = ['submitted', 'dept_checked', 'in_publicity', 'approved', 'agreement_signed', 'recorded'];

function StepButton({ grant, action }: { grant: Grant; action: GrantAction }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const run = useRightsMutation((body: Record<string, unknown>) => rightsApi.step(grant.id, action, body));
  const label = t(`rights.actions.${action}`);
  const done = () => feedback.message?.success(t('rights.actions.done', { action: label }));
  if (REASON_REQUIRED.includes(action)) {
    return (
      <>
        <Button danger={action === 'reject'} onClick={() => setOpen(true)} data-testid={`grant-action-${action}`}>
          {label}
        </Button>
        <Modal
          open={open}
          title={label}
          okText={t('common.actions.confirm')}
          cancelText={t('common.actions.cancel')}
          confirmLoading={run.isPending}
          onCancel={() => setOpen(false)}
          onOk={() => form.validateFields().then((v) => attempt(run.mutateAsync({ reason: v.reason }), () => {
              setOpen(false);
              done();
            }))}
          okButtonProps={{ 'data-testid': `grant-action-${action}-confirm` }}
          destroyOnHidden
        >
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('rights.fields.reason')} rules={[{ required: true, whitespace: true, min: 2 }]}>
              <Input.TextArea rows={3} data-testid="grant-action-reason" />
            </Form.Item>
          </Form>
        </Modal>
      </>
    );
  }
  return (
    <Popconfirm
      title={t('rights.actions.confirm', { action: label })}
      description={action === 'record_change' ? <div style={{ maxWidth: 320 }}>{t('rights.actions.confirmRecord')}</div> : undefined}
      okText={t('common.actions.confirm')}
      cancelText={t('common.actions.cancel')}
      okButtonProps={{ 'data-testid': `grant-action-${action}-confirm` }}
      onConfirm={() => attempt(run.mutateAsync({}), done)}
    >
      <Button type={['office_review', 'approve', 'record_change', 'dept_check', 'sign_agreement'].includes(action) ? 'primary' : 'default'} loading={run.isPending} data-testid={`grant-action-${action}`}>
        {label}
      </Button>
    </Popconfirm>
  );
}

function Objections({ grant }: { grant: Grant }) {
  const { t, locale } = useI18n();
  const { role } = useSession();
  const [content, setContent] = useState('');
  const raise = useRightsMutation((text: string) => rightsApi.object(grant.id, text));
  const resolve = useRightsMutation((v: { id: string; resolution: 'upheld' | 'dismissed'; note: string }) => rightsApi.resolve(grant.id, v.id, v.resolution, v.note));
  const [note, setNote] = useState('');
  const office = !!role && OFFICE_ROLES.includes(role);
  return (
    <Card size="small" title={t('rights.objections.title')} data-testid="grant-objections">
      {grant.publicity && (
        <Typography.Paragraph>
          {t('rights.objections.window', { start: grant.publicity.startsOn, end: grant.publicity.endsOn, days: grant.policy.publicityDays })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        locale={{ emptyText: t('rights.objections.none') }}
        dataSource={grant.objections}
        renderItem={(o) => (
          <List.Item
            actions={
              office && !o.resolution
                ? [
                    <Button key="d" size="small" onClick={() => attempt(resolve.mutateAsync({ id: o.id, resolution: 'dismissed', note: note || t('rights.objections.dismissed') }), () => feedback.message?.success(t('rights.objections.resolved')))}>
                      {t('rights.objections.dismiss')}
                    </Button>,
                    <Button key="u" size="small" danger onClick={() => attempt(resolve.mutateAsync({ id: o.id, resolution: 'upheld', note: note || t('rights.objections.upheld') }), () => feedback.message?.success(t('rights.objections.resolved')))}>
                      {t('rights.objections.uphold')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={0}>
              <Typography.Text>{o.content}</Typography.Text>
              <Typography.Text type="secondary">
                {o.raisedByName} · {formatInstant(o.raisedAt, locale)} ·{' '}
                <Tag color={o.resolution === 'upheld' ? 'red' : o.resolution ? 'green' : 'gold'}>{t(`rights.objections.${o.resolution ?? 'open'}`)}</Tag>
                {o.resolutionNote}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {office && grant.objections.some((o) => !o.resolution) && <Input style={{ marginTop: 8 }} placeholder={t('rights.objections.note')} value={note} onChange={(e) => setNote(e.target.value)} />}
      {grant.status === 'in_publicity' && (
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input placeholder={t('rights.objections.content')} value={content} onChange={(e) => setContent(e.target.value)} data-testid="grant-objection-input" />
          <Button disabled={content.trim().length < 2} loading={raise.isPending} onClick={() => attempt(raise.mutateAsync(content), () => {
                setContent('');
                feedback.message?.success(t('rights.objections.raised'));
              })}>
            {t('rights.objections.raise')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

/** One grant application: the team's request and consents, the rule applied, each step, publicity and objections, the agreement. */
export default function GrantDetailPage({ grantId }: { grantId: string }) {
  const { t, locale } = useI18n();
  const q = useGrant(grantId);
  const policies = usePolicies(q.data?.organisationId);
  const [resubmit, setResubmit] = useState(false);
  if (q.isPending) return <Skeleton active />;
  if (!q.data) return <Result status="404" title={t('rights.notFound')} extra={<Link to="/rights">{t('menu.rights')}</Link>} />;
  const g = q.data;
  const current = PATH.indexOf(g.status);
  const actions = g.actions.filter((a) => a !== 'resubmit');
  return (
    <>
      <PageHeader
        page="rights-grant"
        title={
          <Space wrap>
            <span>{g.achievement.title}</span>
            <GrantStatusTag status={g.status} label={pick(g.statusLabel, locale)} />
          </Space>
        }
        intro={`${g.number} · ${t(`rights.kind.${g.kind}`)}`}
        extra={
          <Space wrap>
            {g.actions.includes('resubmit') && (
              <Button type="primary" onClick={() => setResubmit(true)} data-testid="grant-action-resubmit">
                {t('rights.actions.resubmit')}
              </Button>
            )}
            {actions.map((a) => (
              <StepButton key={a} grant={g} action={a} />
            ))}
            {['approved', 'agreement_signed', 'recorded'].includes(g.status) && (
              <Button href={grantPdfUrl(g.id)} target="_blank" data-testid="grant-pdf">
                {t('rights.actions.pdf')}
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={Math.max(current, 0)}
          status={['returned', 'rejected', 'withdrawn'].includes(g.status) ? 'error' : current === PATH.length - 1 ? 'finish' : 'process'}
          items={PATH.map((s) => ({ title: t(`rights.status.${s}`) }))}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('rights.fields.plan')}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'a', label: t('rights.fields.achievement'), children: <Link to={`/achievements/${g.achievement.id}`}>{`${g.achievement.number} ${g.achievement.title}`}</Link> },
                { key: 'rep', label: t('rights.fields.applicant'), children: g.applicant.name },
                { key: 'kind', label: t('rights.fields.kind'), children: t(`rights.kind.${g.kind}`) },
                g.kind === 'ownership'
                  ? { key: 'share', label: t('rights.fields.teamShare'), children: percentOfRatio(g.teamShare) }
                  : { key: 'years', label: t('rights.fields.useRightYears'), children: g.useRightYears },
                { key: 'plan', label: t('rights.fields.plan'), children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{g.plan.summary}</Typography.Paragraph> },
                { key: 'cp', label: t('rights.fields.counterparty'), children: g.plan.counterpartyName ? `${g.plan.counterpartyName}（${g.plan.counterpartyCreditCode ?? ''}）` : '—' },
                { key: 'val', label: t('rights.fields.appraisedValue'), children: g.plan.appraisedValue ? `${yuan(g.plan.appraisedValue, locale)}（${g.plan.appraisalRef ?? ''}）` : '—' },
                { key: 'title', label: t('rights.fields.clearTitle'), children: g.plan.clearTitle ? t('rights.policy.yes') : t('rights.policy.no') },
                { key: 'pv', label: t('rights.fields.policyVersion'), children: g.policyVersion },
                { key: 'now', label: t('rights.fields.ownershipNow'), children: `${g.achievement.ownershipUnitPct}% / ${g.achievement.ownershipTeamPct}%` },
                ...(g.agreementNo ? [{ key: 'ag', label: t('rights.fields.agreementNo'), children: `${g.agreementNo}（${g.agreementSignedOn}）` }] : []),
                ...(g.recordedOn ? [{ key: 'rec', label: t('rights.fields.recordedOn'), children: `${g.recordedOn} ${g.registrationRef ?? ''}` }] : []),
              ]}
            />
          </Card>
          <Card size="small" title={t('rights.fields.coOwnership')} style={{ marginTop: 16 }} data-testid="grant-co-ownership">
            <Typography.Paragraph>{pick(g.coOwnership.explanation, locale)}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('rights.apply.consents')} data-testid="grant-completers">
            <List
              size="small"
              dataSource={g.completers}
              renderItem={(c) => {
                const given = g.consents.find((x) => x.name === c.name);
                return (
                  <List.Item>
                    <Space>
                      <Tag color={c.consented ? 'green' : 'red'}>{c.consented ? t('rights.apply.consented') : '✗'}</Tag>
                      <Typography.Text>{c.name}</Typography.Text>
                      {given && <Typography.Text type="secondary">{`${given.signedOn} · ${given.evidence}`}</Typography.Text>}
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
          <div style={{ marginTop: 16 }}>
            <Objections grant={g} />
          </div>
          {g.status === 'returned' && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={t('rights.status.returned')} />}
        </Col>
      </Row>
      <ApplyModal open={resubmit} onClose={() => setResubmit(false)} orgId={g.organisationId} policy={policies.data?.inForce} resubmitFor={g} />
    </>
  );
}
