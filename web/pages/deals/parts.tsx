import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { Page } from '../../../common/page';
import { Money } from '../../components/money-input';
import { PagedTable, type PageRequest } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type AuctionSummary, DEALS_KEY, dealApi, type PackFile, type RoomSummary } from './service';

/**
 * Deal rooms, paged on the server: all of the caller's (achievement, holder, firm), or one
 * achievement's for its holder (firm, NDA, pack reads).
 */
export function RoomTable({ achievementId }: { achievementId?: string }) {
  const { t, locale } = useI18n();
  const who: TableColumnsType<RoomSummary> = achievementId
    ? [{ title: t('deals.fields.firm'), render: (_: unknown, r) => <Link to={`/deals/${r.id}`}>{r.firm.name}</Link> }]
    : [
        { title: t('deals.fields.achievement'), render: (_: unknown, r) => <Link to={`/deals/${r.id}`}>{r.achievement.title}</Link> },
        { title: t('deals.fields.holder'), width: 180, render: (_: unknown, r) => r.holder.name },
        { title: t('deals.fields.firm'), width: 180, render: (_: unknown, r) => r.firm.name },
      ];
  const reads: TableColumnsType<RoomSummary> = achievementId
    ? [
        { title: t('deals.fields.nda'), dataIndex: 'ndaAccepted', width: 80, render: (v: boolean) => (v ? '✓' : '') },
        { title: t('deals.fields.accesses'), dataIndex: 'packAccesses', width: 90 },
      ]
    : [];
  return (
    <DealsTable<RoomSummary>
      list="rooms"
      achievementId={achievementId}
      fetch={dealApi.rooms}
      emptyText={t('deals.empty')}
      scroll={achievementId ? undefined : { x: 820 }}
      columns={[
        ...who,
        { title: t('deals.fields.status'), dataIndex: 'status', width: 140, render: (s: RoomSummary['status']) => <StatusTag kind="room" value={s} /> },
        ...reads,
        { title: t('deals.fields.offers'), dataIndex: 'offers', width: 70 },
        { title: t('deals.fields.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
      ]}
    />
  );
}

/** Listings and auctions (of one achievement, or all), paged on the server. */
export function AuctionTable({ achievementId }: { achievementId?: string }) {
  const { t, locale } = useI18n();
  return (
    <DealsTable<AuctionSummary>
      list="auctions"
      achievementId={achievementId}
      fetch={dealApi.auctions}
      emptyText={t('deals.auctions.empty')}
      columns={[
        { title: t('deals.fields.achievement'), render: (_: unknown, a) => <Link to={`/auctions/${a.id}`}>{a.title}</Link> },
        { title: t('deals.fields.holder'), render: (_: unknown, a) => a.holder.name, width: 180 },
        { title: t('deals.fields.status'), dataIndex: 'phase', width: 120, render: (p: AuctionSummary['phase']) => <StatusTag kind="auction" value={p} /> },
        { title: t('deals.auctions.highest'), width: 140, render: (_: unknown, a) => <Money value={a.highestAmount} /> },
        { title: t('deals.auctions.endsAt'), dataIndex: 'endsAt', width: 150, render: (v: string) => formatInstant(v, locale) },
      ]}
    />
  );
}

type ByAchievement = { achievementId?: string | undefined };

/** A deals list (rooms or auctions) of one achievement, or all the caller's, paged on the server. */
function DealsTable<T extends { id: string }>({
  list,
  achievementId,
  fetch,
  emptyText,
  scroll,
  columns,
}: {
  list: 'rooms' | 'auctions';
  achievementId: string | undefined;
  fetch: (q: PageRequest & ByAchievement, signal: AbortSignal) => Promise<Page<T>>;
  emptyText: string;
  scroll?: { x: number };
  columns: TableColumnsType<T>;
}) {
  return <PagedTable<T, ByAchievement> rowKey="id" size="small" queryKey={[...DEALS_KEY, list]} filters={{ achievementId }} fetch={fetch} emptyText={emptyText} scroll={scroll} columns={columns} />;
}

/** The files of a confidential pack (name, size), with the caller's further columns. */
export function PackFileTable<F extends Pick<PackFile, 'id' | 'filename' | 'sizeBytes'>>({ files, extra }: { files: F[]; extra: TableColumnsType<F> }) {
  const { t } = useI18n();
  return (
    <Table<F>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={files}
      locale={{ emptyText: t('deals.pack.empty') }}
      columns={[
        { title: t('deals.pack.file'), dataIndex: 'filename' },
        { title: t('deals.pack.size'), dataIndex: 'sizeBytes', width: 100, render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
        ...extra,
      ]}
    />
  );
}
