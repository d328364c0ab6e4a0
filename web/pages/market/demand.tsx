import { Alert, Button, Card, Descriptions, Form, Input, List, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { ExplanationView, FeedbackButtons, field, MatchScore, modeLabel, price, regionLabel } from './parts';
import { MARKET_KEY, useDemand, useDemandMatches } from './service';

/** One demand with its explained matches; its firm gives feedback on each and may edit or close it. */
export default function DemandPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const demand = useDemand(id);
  const matches = useDemandMatches(id);
  const [closing, setClosing] = useState(false);
  const [closeForm] = Form.useForm<{ reason: string }>();
  const reason = Form.useWatch('reason', closeForm);
  const close = useApiMutation((v: { reason: string }) => api.post(`/market/demands/${id}/close`, v), { invalidate: [MARKET_KEY] });
  if (demand.isError) return <Result status="404" title={t('market.demand.notFound')} extra={<Link to="/market">{t('market.actions.back')}</Link>} />;
  const d = demand.data;
  if (!d) return <Card loading />;
  const m = matches.data;
  return (
    <>
      <PageHeader
        page="market-demand"
        title={d.title}
        extra={
          <Space wrap>
            <Link to="/market/my-demands">
              <Button>{t('market.actions.myDemands')}</Button>
            </Link>
            {d.canEdit && d.status === 'open' && (
              <>
                <Button onClick={() => navigate(`/market/demands/${id}/edit`)}>{t('market.actions.edit')}</Button>
                <Button danger onClick={() => setClosing(true)}>
                  {t('market.actions.close')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="demand-description">
          {d.description}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'status', label: t('market.demand.status'), children: <StatusTag kind="demand" value={d.status} /> },
            { key: 'number', label: t('market.demand.number'), children: d.number },
            { key: 'org', label: t('market.demand.postedBy'), children: d.organisationName },
            { key: 'posted', label: t('market.demand.postedAt'), children: formatInstant(d.createdAt, locale) },
            ...(d.context ? [{ key: 'context', label: t('market.demand.context'), children: d.context }] : []),
            ...(d.targets ? [{ key: 'targets', label: t('market.demand.targets'), children: d.targets }] : []),
            { key: 'budget', label: t('market.demand.budget'), children: price(d.budget, locale, '—') },
            { key: 'field', label: t('market.demand.fieldCode'), children: field(d.fieldCode, locale) },
            { key: 'region', label: t('market.demand.region'), children: d.region.map((r) => regionLabel(r, locale)).join('、') || '—' },
            { key: 'deadline', label: t('market.demand.deadline'), children: d.deadline ?? '—' },
            { key: 'modes', label: t('market.demand.modes'), children: d.cooperationModes.map((x) => modeLabel(x, locale)).join('、') || '—' },
            ...(d.closedReason ? [{ key: 'reason', label: t('market.demand.closeReason'), children: d.closedReason }] : []),
          ]}
        />
      </Card>
      <Card title={t('market.match.title')} style={{ marginTop: 16 }} loading={matches.isLoading} data-testid="demand-matches">
        {m?.noGoodMatch && <Alert type="info" showIcon message={t('market.match.noGoodMatch')} style={{ marginBottom: 12 }} data-testid="no-good-match" />}
        {m?.noGoodMatch && m.items.length > 0 && <Typography.Text type="secondary">{t('market.match.weak')}</Typography.Text>}
        <List
          dataSource={m?.items ?? []}
          renderItem={(x) => (
            <List.Item key={x.achievementId} data-testid="demand-match">
              <Space direction="vertical" style={{ width: '100%' }} size={6}>
                <Space wrap>
                  <Link to={`/market/listings/${x.achievementId}`}>
                    <Typography.Text strong>{x.title}</Typography.Text>
                  </Link>
                  <MatchScore score={x.score} threshold={x.explanation.threshold} />
                  <Typography.Text type="secondary">
                    {x.organisationName} · {field(x.fieldCode, locale)}
                    {x.trl != null && ` · TRL ${x.trl}`} · {price(x.askingPrice, locale, t('market.listing.negotiable'))}
                  </Typography.Text>
                </Space>
                <ExplanationView e={x.explanation} />
                {d.canEdit && <FeedbackButtons demandId={d.id} achievementId={x.achievementId} />}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <FormModal<{ reason: string }>
        open={closing}
        title={t('market.actions.close')}
        form={closeForm}
        okText={t('market.actions.close')}
        okDisabled={!reason?.trim()}
        onClose={() => setClosing(false)}
        onSubmit={(v) => close.mutateAsync(v)}
      >
        <Form.Item name="reason" noStyle>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('market.demand.closeReason')} />
        </Form.Item>
      </FormModal>
    </>
  );
}
