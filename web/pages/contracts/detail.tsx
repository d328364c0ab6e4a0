import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Steps, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Contract } from '../../../common/api/contracts';
import { canSee } from '../../access';
import { PageHeader } from '../../components/page-header';
import { ConfirmButton } from '../../components/confirm-button';
import { StatusTag } from '../../components/status-tag';
import { formatInstant, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import { GuaranteesTab, RegistrationTab } from './guarantees';
import { kindLabel, licenseTypeLabel } from './labels';
import { PlanEditor } from './plan-editor';
import { EndContractModal, LicenseePortal } from './portal';
import { contractApi, useAchievement, useContract, useContractMutation, useStatement } from './service';
import { StatementTab } from './statement';

const TABS = ['overview', 'terms', 'portal', 'statement', 'guarantees', 'registration'] as const;
type TabKey = (typeof TABS)[number];

/** draft → signed → registered → in force → completed / terminated. */
function stepIndex(c: Contract): number {
  switch (c.status) {
    case 'draft':
    case 'in_publicity':
      return 0;
    case 'signed':
      return 1;
    case 'registered':
      return 2;
    case 'in_force':
      return 3;
    default:
      return 4;
  }
}

function AchievementLine({ id }: { id: string }) {
  const { locale } = useI18n();
  const { role } = useSession();
  const a = useAchievement(id);
  if (!a.data)
    return (
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
        {id}
      </Typography.Text>
    );
  const title = locale === 'en-US' && a.data.titleEn ? a.data.titleEn : a.data.title;
  const text = (
    <>
      <Typography.Text style={{ fontFamily: 'monospace' }}>{a.data.number}</Typography.Text> {title}
    </>
  );
  return canSee(role, 'achievements') ? <Link to={`/achievements/${id}`}>{text}</Link> : <span>{text}</span>;
}

function Signatures({ contract }: { contract: Contract }) {
  const { t, locale } = useI18n();
  const sign = useContractMutation(() => contractApi.sign(contract.id), { success: t('contracts.signing.done') });
  const activate = useContractMutation(() => contractApi.activate(contract.id), { success: t('contracts.signing.activated') });
  const signable = contract.status === 'draft' || contract.status === 'in_publicity';
  const office = contract.myRoles.includes('licensor');
  const mineSigned = (!contract.myRoles.includes('licensor') || !!contract.licensorSignedAt) && (!contract.myRoles.includes('licensee') || !!contract.licenseeSignedAt);
  const party = (side: 'licensor' | 'licensee') => {
    const at = side === 'licensor' ? contract.licensorSignedAt : contract.licenseeSignedAt;
    return (
      <Space wrap>
        <Typography.Text strong>{t(`contracts.fields.${side}`)}</Typography.Text>
        <Typography.Text>{contract[side].name}</Typography.Text>
        <Tag color={at ? 'green' : 'default'} data-testid={`sign-status-${side}`} data-signed={String(!!at)}>
          {at ? t('contracts.signing.signed') : t('contracts.signing.notSigned')}
        </Tag>
        {at && <Typography.Text type="secondary">{t('contracts.signing.signedAt', { at: formatInstant(at, locale) })}</Typography.Text>}
      </Space>
    );
  };
  return (
    <Card title={t('contracts.signing.title')} size="small" data-testid="signatures">
      <Space direction="vertical" style={{ width: '100%' }}>
        {party('licensor')}
        {party('licensee')}
        {signable && !contract.plan && <Alert type="info" showIcon title={t('contracts.signing.needPlan')} />}
        <Space wrap>
          {signable && contract.plan && !mineSigned && (
            <Button type="primary" loading={sign.isPending} onClick={() => sign.mutate()} data-testid="contract-sign">
              {t('contracts.signing.sign')}
            </Button>
          )}
          {office && (contract.status === 'signed' || contract.status === 'registered') && (
            <ConfirmButton
              label={t('contracts.signing.activate')}
              description={t('contracts.signing.activateConfirm')}
              onConfirm={() => activate.mutate()}
              loading={activate.isPending}
              testId="contract-activate"
            />
          )}
        </Space>
      </Space>
    </Card>
  );
}

/** One contract: parties, status, signatures, terms, the licensee's portal, statement, guarantees and registration. */
export default function ContractDetailPage({ contractId }: { contractId: string }) {
  const { t, locale } = useI18n();
  const q = useContract(contractId);
  const [params, setParams] = useSearchParams();
  const [endOpen, setEndOpen] = useState(false);
  const qc = useQueryClient();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'overview';
  const canEnd = !!q.data?.myRoles.includes('licensor') && q.data.status === 'in_force';
  const st = useStatement(contractId, canEnd);
  const complete = useContractMutation(() => contractApi.complete(contractId), { success: t('contracts.signing.completed') });
  // Completion needs everything paid and nothing waiting for an event (the server checks again).
  const completable = canEnd && !!st.data?.settled && !st.data.lines.some((l) => l.state === 'awaiting_event');

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <Result status="404" title={t('common.pages.notFoundTitle')} subTitle={t('contracts.notFound')} extra={<Link to="/contracts">{t('common.actions.back')}</Link>} />;
  const c = q.data;
  const office = c.myRoles.includes('licensor');
  const licensee = c.myRoles.includes('licensee');
  const ended = c.status === 'completed' || c.status === 'terminated';

  const stepItems = [
    { title: t('contracts.steps.draft'), description: c.status === 'in_publicity' ? t('contracts.steps.inPublicity') : undefined },
    { title: t('contracts.steps.signed'), description: c.signedOn ?? undefined },
    // Registration is not a precondition of performance: a contract brought into force without it shows the step skipped.
    c.registrationNo
      ? { title: t('contracts.steps.registered'), description: c.registrationNo }
      : { title: t('contracts.steps.registered'), description: stepIndex(c) > 2 ? t('contracts.steps.notRegistered') : undefined, ...(stepIndex(c) > 2 ? { status: 'wait' as const } : {}) },
    { title: t('contracts.steps.in_force') },
    { title: ended ? <StatusTag kind="contract" value={c.status} /> : t('contracts.steps.ended'), description: c.terminatedOn ?? undefined },
  ];

  const overview = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small">
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'number',
                label: t('contracts.fields.number'),
                children: (
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                    {c.number}
                  </Typography.Text>
                ),
              },
              { key: 'kind', label: t('contracts.fields.kind'), children: kindLabel(c.kind, locale) },
              ...(c.licenseType ? [{ key: 'lt', label: t('contracts.fields.licenseType'), children: licenseTypeLabel(c.licenseType, locale) }] : []),
              { key: 'licensor', label: t('contracts.fields.licensor'), children: c.licensor.name },
              { key: 'licensee', label: t('contracts.fields.licensee'), children: c.licensee.name },
              {
                key: 'achievements',
                label: t('contracts.fields.achievements'),
                children: c.achievementIds.length ? (
                  <Space direction="vertical" size={2}>
                    {c.achievementIds.map((id) => (
                      <AchievementLine key={id} id={id} />
                    ))}
                  </Space>
                ) : (
                  t('common.states.none')
                ),
              },
              ...(c.fieldOfUse ? [{ key: 'fou', label: t('contracts.fields.fieldOfUse'), children: c.fieldOfUse }] : []),
              ...(c.territory ? [{ key: 'ter', label: t('contracts.fields.territory'), children: c.territory }] : []),
              { key: 'total', label: t('contracts.fields.totalAmount'), children: formatMoney(c.totalAmount, locale, { unit: 'auto' }) },
              ...(c.signedOn ? [{ key: 'signedOn', label: t('contracts.fields.signedOn'), children: c.signedOn }] : []),
              ...(c.registrationNo ? [{ key: 'reg', label: t('contracts.fields.registrationNo'), children: `${c.registrationNo}（${c.registeredOn ?? ''}）` }] : []),
              ...(c.terminatedOn ? [{ key: 'end', label: t('contracts.fields.terminatedOn'), children: c.terminatedOn }] : []),
              ...(c.terminationReason ? [{ key: 'why', label: t('contracts.fields.terminationReason'), children: c.terminationReason }] : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Signatures contract={c} />
      </Col>
    </Row>
  );

  const items = [
    { key: 'overview', label: <span data-testid="tab-overview">{t('contracts.tabs.overview')}</span>, children: overview },
    { key: 'terms', label: <span data-testid="tab-terms">{t('contracts.tabs.terms')}</span>, children: <PlanEditor contract={c} editable={office && c.status === 'draft'} /> },
    ...(licensee ? [{ key: 'portal', label: <span data-testid="tab-portal">{t('contracts.tabs.portal')}</span>, children: <LicenseePortal contract={c} /> }] : []),
    { key: 'statement', label: <span data-testid="tab-statement">{t('contracts.tabs.statement')}</span>, children: <StatementTab contract={c} /> },
    { key: 'guarantees', label: <span data-testid="tab-guarantees">{t('contracts.tabs.guarantees')}</span>, children: <GuaranteesTab contract={c} /> },
    { key: 'registration', label: <span data-testid="tab-registration">{t('contracts.tabs.registration')}</span>, children: <RegistrationTab contract={c} /> },
  ];

  return (
    <div data-testid="contract-detail" data-contract-id={c.id}>
      <PageHeader
        page="contract-detail"
        title={c.title}
        intro={
          <Space wrap>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{c.number}</Typography.Text>
            <span>{kindLabel(c.kind, locale)}</span>
            <StatusTag kind="contract" value={c.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <Link to="/contracts">{t('common.actions.back')}</Link>
            {/* The other party acts elsewhere: fetch the contract, statement and checks again. */}
            <Button onClick={() => void qc.invalidateQueries({ queryKey: ['contracts'] })} data-testid="contract-refresh">
              {t('common.actions.refresh')}
            </Button>
            <Button href={`/api/v1/contracts/${c.id}/draft.pdf`} data-testid="contract-draft-pdf">
              {t('contracts.draftPdf')}
            </Button>
            {completable && (
              <ConfirmButton
                label={t('contracts.signing.complete')}
                description={t('contracts.signing.completeConfirm')}
                onConfirm={() => complete.mutate()}
                loading={complete.isPending}
                testId="contract-complete"
              />
            )}
            {office && c.status === 'in_force' && (
              <Button danger onClick={() => setEndOpen(true)} data-testid="contract-terminate">
                {t('contracts.portal.terminate')}
              </Button>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={stepIndex(c)}
          status={c.status === 'terminated' ? 'error' : c.status === 'completed' ? 'finish' : 'process'}
          items={stepItems}
          size="small"
          responsive
          data-testid="contract-steps"
        />
      </Card>
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'overview'} onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })} items={items} destroyOnHidden />
      {office && <EndContractModal open={endOpen} contract={c} by="licensor" onClose={() => setEndOpen(false)} />}
    </div>
  );
}
