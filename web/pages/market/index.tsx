import { Button, Card, Col, Empty, Input, List, Pagination, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { field, ipLabel, modeLabel, price, regionLabel, SearchHit } from './parts';
import { type DemandHit, type Facet, type ListingHit, useDemandSearch, useListingSearch } from './service';

const LISTING_FACETS = ['field', 'trl', 'priceBand', 'region', 'ipType', 'mode'] as const;
const DEMAND_FACETS = ['field', 'region', 'budgetBand'] as const;
/** Facet → query parameter. */
const PARAM: Record<string, string> = { field: 'fieldCode', trl: 'trlMin', priceBand: 'priceBand', region: 'region', ipType: 'ipType', mode: 'mode', budgetBand: 'budgetBand' };

interface Hit {
  hit: ListingHit | DemandHit;
  testId: string;
  to: string;
  by: string;
}

/** The market: search listings (anyone signed in) and demands, with facets, highlighting and server-side paging. */
export default function MarketPage() {
  const { t, locale, messages } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'demands' ? 'demands' : 'listings';
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    for (const [k, v] of params) if (k !== 'tab') q[k] = v;
    return q;
  }, [params]);
  const listings = useListingSearch(query);
  const demands = useDemandSearch(query, tab === 'demands');
  const data = tab === 'listings' ? listings.data : demands.data;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v == null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const facetLabel = (facet: string, key: string) => {
    if (facet === 'field') return field(key, locale);
    if (facet === 'trl') return `TRL ≥ ${key}`;
    if (facet === 'priceBand' || facet === 'budgetBand') return messages.market.priceBands[key as keyof typeof messages.market.priceBands] ?? key;
    if (facet === 'region') return regionLabel(key, locale);
    if (facet === 'ipType') return ipLabel(key, locale);
    if (facet === 'mode') return modeLabel(key, locale);
    return key;
  };

  /** The one shape of a hit of either search: where it leads, its tags, and what follows the poster's name. */
  const listingHit = (i: ListingHit): Hit => ({ hit: i, testId: 'market-hit', to: `/market/listings/${i.achievementId}`, by: regionLabel(i.district, locale) });
  const demandHit = (i: DemandHit): Hit => ({ hit: i, testId: 'market-demand-hit', to: `/market/demands/${i.demandId}`, by: i.number });
  const tagsOf = (i: ListingHit | DemandHit) =>
    'achievementId' in i ? (
      <>
        <Tag>{field(i.fieldCode, locale)}</Tag>
        {i.trl != null && <Tag color="blue">TRL {i.trl}</Tag>}
        <Tag>{ipLabel(i.ipType, locale)}</Tag>
        <Tag color="gold">{price(i.askingPrice, locale, t('market.listing.negotiable'))}</Tag>
      </>
    ) : (
      <>
        {i.fieldCode && <Tag>{field(i.fieldCode, locale)}</Tag>}
        {i.budget && <Tag color="gold">{price(i.budget, locale, '')}</Tag>}
        {i.region.map((r) => (
          <Tag key={r}>{regionLabel(r, locale)}</Tag>
        ))}
      </>
    );
  const hits = tab === 'listings' ? (listings.data?.items ?? []).map(listingHit) : (demands.data?.items ?? []).map(demandHit);

  const facets = data ? (tab === 'listings' ? LISTING_FACETS : DEMAND_FACETS).map((f) => [f, (data.facets as Record<string, Facet[]>)[f] ?? []] as const) : [];

  return (
    <>
      <PageHeader
        page="market"
        title={t('market.title')}
        intro={t('market.intro')}
        extra={
          <Space wrap>
            {can('market.demand') && (
              <Link to="/market/demands/new">
                <Button type="primary" data-testid="market-post-demand">
                  {t('market.actions.postDemand')}
                </Button>
              </Link>
            )}
            <Link to="/market/my-demands">
              <Button>{t('market.actions.myDemands')}</Button>
            </Link>
            {can('market.synonyms') && (
              <Link to="/market/synonyms">
                <Button>{t('market.actions.synonyms')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <Segmented
            value={tab}
            onChange={(v) => set({ tab: v === 'demands' ? 'demands' : null })}
            options={[
              { value: 'listings', label: t('market.tabs.listings') },
              { value: 'demands', label: t('market.tabs.demands') },
            ]}
          />
          <Input.Search
            key={params.get('q') ?? ''}
            defaultValue={params.get('q') ?? ''}
            placeholder={t('market.search.placeholder')}
            enterButton={t('market.search.button')}
            allowClear
            maxLength={200}
            onSearch={(v) => set({ q: v.trim() || null })}
            data-testid="market-search"
          />
          {data?.query.corrections.map((c) => (
            <Typography.Text key={c.from} type="warning">
              {t('market.search.corrected', { from: c.from, to: c.to.join('、') })}
            </Typography.Text>
          ))}
          {data && data.query.synonyms.length > 0 && (
            <Typography.Text type="secondary">{data.query.synonyms.map((s) => t('market.search.synonyms', { from: s.from, to: s.to.join('、') })).join('；')}</Typography.Text>
          )}
          {data?.query.fuzzy && <Typography.Text type="warning">{t('market.search.fuzzy')}</Typography.Text>}
        </Space>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} md={7}>
          <Card size="small" data-testid="market-facets">
            {facets.map(([f, items]) => (
              <div key={f} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{messages.market.facets[f]}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  {items.map((i) => {
                    const active = params.get(PARAM[f]!) === i.key;
                    return (
                      <Tag.CheckableTag key={i.key} checked={active} onChange={() => set({ [PARAM[f]!]: active ? null : i.key })} style={{ marginBottom: 4 }}>
                        {facetLabel(f, i.key)} ({i.count})
                      </Tag.CheckableTag>
                    );
                  })}
                </div>
              </div>
            ))}
            <Button size="small" onClick={() => setParams(tab === 'demands' ? { tab: 'demands' } : {})}>
              {t('market.search.clear')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} md={17}>
          <Card size="small">
            {data && <Typography.Text type="secondary">{data.totalCapped ? t('market.search.totalCapped', { n: data.total }) : t('market.search.total', { n: data.total })}</Typography.Text>}
            <List
              loading={tab === 'listings' ? listings.isLoading : demands.isLoading}
              dataSource={hits}
              locale={{ emptyText: <Empty description={t('market.search.empty')} /> }}
              renderItem={(h) => (
                <SearchHit key={h.to} testId={h.testId} to={h.to} title={h.hit.titleHighlight} snippet={h.hit.snippet} tags={tagsOf(h.hit)} by={`${h.hit.organisationName} · ${h.by}`} />
              )}
            />
            {data && data.total > data.pageSize && (
              <Pagination
                current={data.page}
                pageSize={data.pageSize}
                total={Math.min(data.total, 50 * data.pageSize)}
                showSizeChanger={false}
                onChange={(p) => set({ page: String(p) })}
                style={{ marginTop: 12, textAlign: 'right' }}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
