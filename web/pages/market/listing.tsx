import { Alert, Button, Card, Col, DatePicker, Descriptions, Form, Input, List, Result, Row, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { TRL_LEVELS } from '../../../common/achievements';
import { api } from '../../api/client';
import { FormModal } from '../../components/form-modal';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { ExplanationView, field, ipLabel, MatchScore, modeLabel, price, regionLabel } from './parts';
import { MARKET_KEY, useFunnel, useListing, useListingDemands } from './service';

interface RenewValues {
  indicators: string;
  expiresOn: dayjs.Dayjs | null;
}

/** A listing's buyer-oriented page: the problem it solves, the benefit, maturity, IP, price, holder. */
export default function ListingPage() {
  const { id = '' } = useParams();
  const { t, locale, messages } = useI18n();
  const can = useCan();
  const firm = can('deals.ask');
  const listing = useListing(id);
  const l = listing.data;
  const funnel = useFunnel(id, !!l && (l.canEdit || can('market.staff')));
  const demands = useListingDemands(id, !!l && (l.canEdit || can('market.listingDemands')));
  const [renewOpen, setRenewOpen] = useState(false);
  const save = useApiMutation(
    (v: RenewValues) =>
      api.patch(`/market/achievements/${id}`, {
        indicators: v.indicators
          .split('\n')
          .map((line) => line.split(/[:：]/))
          .filter((p) => p.length >= 2 && p[0]!.trim() && p[1]!.trim())
          .map(([name, value]) => ({ name: name!.trim(), value: value!.trim() })),
        ...(v.expiresOn ? { expiresOn: v.expiresOn.format('YYYY-MM-DD') } : {}),
      }),
    { invalidate: [MARKET_KEY] },
  );

  if (listing.isError) return <Result status="404" title={t('market.listing.notFound')} extra={<Link to="/market">{t('market.actions.back')}</Link>} />;
  if (!l) return <Card loading />;
  const trl = TRL_LEVELS.find((x) => x.level === l.trl);
  return (
    <>
      <PageHeader
        page="market-listing"
        title={l.title}
        intro={l.titleEn ? `${t('market.listing.english')}: ${l.titleEn}` : undefined}
        extra={
          <Space>
            <Link to="/market">
              <Button>{t('market.actions.back')}</Button>
            </Link>
            {l.canEdit && <Button onClick={() => setRenewOpen(true)}>{t('market.listing.renew')}</Button>}
            {(firm || l.canEdit || can('market.operate')) && (
              <Link to={`/deals/achievement/${l.achievementId}`} data-testid="listing-deal">
                <Button type="primary">{firm ? t('deals.listing.ask') : t('deals.listing.rooms')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      {l.expired && <Alert type="warning" showIcon message={t('market.listing.expired')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card>
            <Typography.Title level={5}>{t('market.listing.problem')}</Typography.Title>
            <Typography.Paragraph data-testid="listing-problem">{l.problem || l.summary}</Typography.Paragraph>
            <Typography.Title level={5}>{t('market.listing.benefit')}</Typography.Title>
            <Typography.Paragraph>{l.benefit || '—'}</Typography.Paragraph>
            <Typography.Title level={5}>{t('market.listing.summary')}</Typography.Title>
            <Typography.Paragraph>{l.summary}</Typography.Paragraph>
            {l.summaryEn && <Typography.Paragraph type="secondary">{l.summaryEn}</Typography.Paragraph>}
            {l.indicators.length > 0 && (
              <>
                <Typography.Title level={5}>{t('market.listing.indicators')}</Typography.Title>
                <Descriptions size="small" column={1} bordered items={l.indicators.map((i) => ({ key: i.name, label: i.name, children: `${i.value}${i.unit ? ` ${i.unit}` : ''}` }))} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'price', label: t('market.listing.price'), children: <Typography.Text strong>{price(l.askingPrice, locale, t('market.listing.negotiable'))}</Typography.Text> },
                { key: 'trl', label: t('market.listing.trl'), children: l.trl ? `TRL ${l.trl} · ${locale === 'zh-CN' ? trl?.zh : trl?.en}` : '—' },
                { key: 'field', label: messages.market.facets.field, children: field(l.fieldCode, locale) },
                { key: 'ip', label: t('market.listing.ip'), children: `${ipLabel(l.ipType, locale)} ${l.ipNumbers.join('、')}` },
                { key: 'modes', label: t('market.listing.modes'), children: l.cooperationModes.map((m) => <Tag key={m}>{modeLabel(m, locale)}</Tag>) },
                { key: 'holder', label: t('market.listing.holder'), children: `${l.holder.name} · ${regionLabel(l.holder.district, locale)}` },
                { key: 'completers', label: t('market.listing.completers'), children: l.completerNames.join('、') },
                { key: 'keywords', label: t('market.listing.keywords'), children: l.keywords.map((k) => <Tag key={k}>{k}</Tag>) },
                { key: 'expires', label: t('market.listing.expiresOn'), children: l.expiresOn ?? '—' },
                { key: 'views', label: t('market.listing.views'), children: l.views },
              ]}
            />
          </Card>
          {funnel.data && (
            <Card title={t('market.listing.funnel')} size="small" style={{ marginTop: 16 }} data-testid="listing-funnel">
              <Space wrap size={24}>
                {(['views', 'inquiries', 'ndas', 'offers', 'deals'] as const).map((k) => (
                  <Statistic key={k} title={messages.market.listing.funnelStages[k]} value={funnel.data[k]} />
                ))}
              </Space>
            </Card>
          )}
        </Col>
      </Row>
      {demands.data && (
        <Card title={t('market.listing.matchingDemands')} style={{ marginTop: 16 }}>
          <List
            dataSource={demands.data.items}
            renderItem={(m) => (
              <List.Item key={m.demandId}>
                <List.Item.Meta
                  title={
                    <Space>
                      <Link to={`/market/demands/${m.demandId}`}>{m.title}</Link>
                      <MatchScore score={m.score} threshold={m.explanation.threshold} />
                    </Space>
                  }
                  description={<ExplanationView e={m.explanation} />}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <FormModal<RenewValues>
        open={renewOpen}
        title={t('market.listing.renew')}
        onClose={() => setRenewOpen(false)}
        onSubmit={(v) => save.mutateAsync(v)}
        initialValues={{ indicators: l.indicators.map((i) => `${i.name}：${i.value}${i.unit ? ` ${i.unit}` : ''}`).join('\n'), expiresOn: l.expiresOn ? dayjs(l.expiresOn) : null }}
      >
        <Form.Item name="indicators" label={t('market.listing.indicators')} extra={t('market.listing.indicatorsHelp')}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('market.listing.expiresOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
