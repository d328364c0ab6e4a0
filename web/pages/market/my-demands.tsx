import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMyDemands } from './service';

/** My organisations' demands, newest first, paged on the server; each opens on its explained matches. */
export default function MyDemandsPage() {
  const { t, locale } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useMyDemands(paging);
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
            (list.data?.total ?? 0) > paging.pageSize && {
              current: paging.page,
              pageSize: paging.pageSize,
              total: list.data?.total ?? 0,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }
          }
          locale={{ emptyText: <Empty description={t('market.demand.none')} /> }}
          renderItem={(d) => (
            <List.Item key={d.id} data-testid="my-demand">
              <List.Item.Meta
                title={<Link to={`/market/demands/${d.id}`}>{d.title}</Link>}
                description={
                  <Space wrap size={6}>
                    <Tag color={d.status === 'open' ? 'green' : 'default'}>{d.status === 'open' ? t('market.demand.open') : t('market.demand.closed')}</Tag>
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
