import { Button, Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { usePagedQuery } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type Demand, fetchMyDemands, MARKET_KEY } from './service';

/** My organisations' demands, newest first, paged on the server; each opens on its explained matches. */
export default function MyDemandsPage() {
  const { t, locale } = useI18n();
  const { query: list, request, setPage } = usePagedQuery<Demand>({ queryKey: [...MARKET_KEY, 'my-demands'], fetch: fetchMyDemands, pageSize: 20 });
  return (
    <>
      <PageHeader
        page="market-my-demands"
        title={t('market.demand.mine')}
        extra={
          <Space>
            <Link to="/market">
              <Button>{t('market.actions.back')}</Button>
            </Link>
            <Link to="/market/demands/new">
              <Button type="primary">{t('market.actions.postDemand')}</Button>
            </Link>
          </Space>
        }
      />
      <Card>
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={
            (list.data?.total ?? 0) > request.pageSize && {
              current: request.page,
              pageSize: request.pageSize,
              total: list.data?.total ?? 0,
              onChange: setPage,
            }
          }
          locale={{ emptyText: <Empty description={t('market.demand.none')} /> }}
          renderItem={(d) => (
            <List.Item key={d.id} data-testid="my-demand">
              <List.Item.Meta
                title={<Link to={`/market/demands/${d.id}`}>{d.title}</Link>}
                description={
                  <Space wrap size={6}>
                    <StatusTag kind="demand" value={d.status} />
                    <Typography.Text type="secondary">
                      {d.number} · {formatInstant(d.createdAt, locale)}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
