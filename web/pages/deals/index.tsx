import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type RoomSummary, useRooms } from './service';

/** Deal rooms where the caller's organisation is the firm or the holder, paged on the server. */
export default function DealsPage() {
  const { t, locale } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const rooms = useRooms(paging);
  return (
    <>
      <PageHeader page="deals" title={t('deals.title')} intro={t('deals.intro')} extra={<Link to="/auctions">{t('deals.auctions.title')}</Link>} />
      <Card size="small">
        <Table<RoomSummary>
          rowKey="id"
          size="small"
          loading={rooms.isLoading}
          dataSource={rooms.data?.items ?? []}
          locale={{ emptyText: t('deals.empty') }}
          pagination={{ current: paging.page, pageSize: paging.pageSize, total: rooms.data?.total ?? 0, hideOnSinglePage: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
          scroll={{ x: 820 }}
          columns={[
            { title: t('deals.fields.achievement'), render: (_: unknown, r) => <Link to={`/deals/${r.id}`}>{r.achievement.title}</Link> },
            { title: t('deals.fields.holder'), width: 180, render: (_: unknown, r) => r.holder.name },
            { title: t('deals.fields.firm'), width: 180, render: (_: unknown, r) => r.firm.name },
            { title: t('deals.fields.status'), dataIndex: 'status', width: 140, render: (s: RoomSummary['status']) => <Tag>{t(`deals.status.${s}`)}</Tag> },
            { title: t('deals.fields.offers'), dataIndex: 'offers', width: 70 },
            { title: t('deals.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
          ]}
        />
      </Card>
    </>
  );
}
