import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { api } from '../../api/client';
import { useDistricts } from '../../api/reference';
import type { District, HomeData } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { type I18n, useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';

// ECharts is big: load it only when there is a chart to draw.
const BarChart = lazy(() => import('../../components/bar-chart'));

/** Series labels are codes (organisation kinds, roles, district codes): show them as words. */
function pointLabel(label: string, i18n: I18n, districts: Map<string, District>): string {
  const district = districts.get(label);
  if (district) return i18n.locale === 'zh-CN' ? district.zh : district.en;
  return i18n.tOr(`roles.orgKind.${label}`, i18n.tOr(`roles.role.${label}`, label));
}

/** The home page of the active membership: figures as statistic cards, series as bar charts. */
export default function HomePage() {
  const i18n = useI18n();
  const { t, tOr } = i18n;
  const { me, active } = useSession();
  const home = useQuery({
    queryKey: ['home', active?.role, active?.organisationId],
    queryFn: ({ signal }) => api.get<HomeData>('/home', { role: active?.role, organisationId: active?.organisationId }, signal),
    enabled: !!active,
  });
  const districts = useDistricts();
  const districtMap = useMemo(() => new Map((districts.data ?? []).map((d) => [d.code, d])), [districts.data]);

  return (
    <>
      <PageHeader page="home" title={t('home.welcome', { name: me.name })} intro={active ? t('home.context', { org: active.organisationName, role: t(`roles.role.${active.role}`) }) : undefined} />
      {home.isPending ? (
        <Skeleton active />
      ) : !home.data ? null : (
        <>
          {home.data.figures.length === 0 ? (
            <Empty description={t('home.noFigures')} />
          ) : (
            <Row gutter={[16, 16]} data-testid="home-figures">
              {home.data.figures.map((f) => (
                <Col key={f.key} xs={12} sm={12} md={8} lg={6}>
                  <Card size="small">
                    <Statistic title={tOr(`home.figures.${f.key}`, f.key)} value={f.value} />
                  </Card>
                </Col>
              ))}
            </Row>
          )}
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            {home.data.series.map((s) => (
              <Col key={s.key} xs={24} lg={12}>
                <SeriesCard series={s} districts={districtMap} />
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}

function SeriesCard({ series, districts }: { series: HomeData['series'][number]; districts: Map<string, District> }) {
  const i18n = useI18n();
  const title = i18n.tOr(`home.series.${series.key}`, series.key);
  const labels = useMemo(() => series.points.map((p) => pointLabel(p.label, i18n, districts)), [series, i18n, districts]);
  const values = useMemo(() => series.points.map((p) => p.value), [series]);
  return (
    <Card size="small" title={title} data-testid={`home-series-${series.key}`}>
      {series.points.length === 0 ? (
        <Empty description={i18n.t('home.seriesEmpty')} />
      ) : (
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }} />}>
          <BarChart ariaLabel={title} labels={labels} values={values} />
        </Suspense>
      )}
    </Card>
  );
}
