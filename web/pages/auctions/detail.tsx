import { Alert, Button, Card, Col, Descriptions, Flex, Input, Popconfirm, Result, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Money, MoneyInput } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { formatInstant, formatMoney } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { type Auction, DEALS_KEY, dealApi, useAuction, useAuctionBids } from '../deals/service';

/** Time left until `target`, by the server's clock (the offset is measured at each refresh). */
function useCountdown(target: string, serverNow: string): number {
  const offset = useRef(0);
  useEffect(() => {
    offset.current = Date.parse(serverNow) - Date.now();
  }, [serverNow]);
  const [left, setLeft] = useState(() => Date.parse(target) - Date.parse(serverNow));
  useEffect(() => {
    const tick = () => setLeft(Math.max(0, Date.parse(target) - (Date.now() + offset.current)));
    tick();
    const h = setInterval(tick, 1000);
    return () => clearInterval(h);
  }, [target]);
  return left;
}

const hms = (ms: number, en: boolean) => {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d > 0 ? (en ? `${d}d ` : `${d}天 `) : ''}${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
};

function BidBox({ a }: { a: Auction }) {
  const { t, locale } = useI18n();
  const [amount, setAmount] = useState(a.minimumNextBid);
  // One key per attempt: a retry after a network failure is recorded once; a new amount is a new attempt.
  const [key, setKey] = useState(dealApi.newKey);
  const bid = useApiMutation((v: { amount: string; key: string }) => dealApi.bid(a.id, v.amount, v.key), {
    invalidate: [DEALS_KEY],
    success: (r) => (r.extended ? t('deals.auctions.extended', { at: formatInstant(r.endsAt, locale) }) : t('deals.auctions.bidPlaced')),
    onSuccess: () => setKey(dealApi.newKey()),
  });
  useEffect(() => {
    setAmount((cur) => (Number(cur) < Number(a.minimumNextBid) ? a.minimumNextBid : cur));
  }, [a.minimumNextBid]);
  if (!a.myDeposit) return <Alert type="info" showIcon title={t('deals.auctions.needDeposit')} />;
  return (
    <Flex gap={8} wrap align="center" data-testid="bid-box">
      <MoneyInput
        value={amount}
        onChange={(v) => {
          setAmount(v);
          setKey(dealApi.newKey());
        }}
        style={{ width: 220 }}
        disabled={!a.canBid}
        data-testid="bid-amount"
      />
      <Button type="primary" disabled={!a.canBid} loading={bid.isPending} data-testid="bid-submit" onClick={() => bid.mutate({ amount: amount.trim(), key })}>
        {t('deals.auctions.bid')}
      </Button>
      <Typography.Text type="secondary" data-testid="bid-minimum">
        {t('deals.auctions.minimumNext')}：<Money value={a.minimumNextBid} />
      </Typography.Text>
    </Flex>
  );
}

function Deposits({ a }: { a: Auction }) {
  const { t, locale } = useI18n();
  const [orgId, setOrgId] = useState('');
  const [amount, setAmount] = useState(a.depositAmount);
  const [reference, setReference] = useState('');
  const record = useApiMutation(() => dealApi.deposit(a.id, { orgId: orgId.trim(), amount: amount.trim(), ...(reference.trim() ? { reference: reference.trim() } : {}) }), {
    invalidate: [DEALS_KEY],
    onSuccess: () => setOrgId(''),
  });
  return (
    <Card title={t('deals.auctions.deposits')} size="small" style={{ marginBottom: 16 }}>
      <Table
        rowKey="orgId"
        size="small"
        pagination={false}
        dataSource={a.deposits}
        columns={[
          { title: t('deals.fields.firm'), dataIndex: 'name' },
          { title: t('deals.auctions.depositAmount'), dataIndex: 'amount', width: 140, render: (v: string) => <Money value={v} /> },
          { title: t('deals.auctions.time'), dataIndex: 'recordedAt', width: 150, render: (v: string) => formatInstant(v, locale) },
        ]}
      />
      {a.status === 'scheduled' && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Input value={orgId} onChange={(e) => setOrgId(e.target.value)} placeholder={t('deals.auctions.depositOrg')} style={{ width: 320 }} />
          <MoneyInput value={amount} onChange={setAmount} style={{ width: 220 }} />
          <Input value={reference} onChange={(e) => setReference(e.target.value)} placeholder={t('deals.auctions.depositReference')} style={{ width: 180 }} />
          <Button onClick={() => record.mutate()} loading={record.isPending} disabled={!orgId.trim()}>
            {t('deals.auctions.recordDeposit')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

/** Every bid, paged on the server: the first page is the latest bids of the (polled) auction itself. */
function BidHistory({ a }: { a: Auction }) {
  const { t, locale } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const older = useAuctionBids(a.id, paging, paging.page > 1);
  const rows = paging.page === 1 ? a.bids.slice(0, paging.pageSize) : (older.data?.items ?? []);
  return (
    <Card title={t('deals.auctions.history')} size="small" style={{ marginBottom: 16 }}>
      <Table
        rowKey="seq"
        size="small"
        loading={paging.page > 1 && older.isLoading}
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: a.bidCount, hideOnSinglePage: true, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        dataSource={rows}
        locale={{ emptyText: t('deals.auctions.noBids') }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 60 },
          { title: t('deals.auctions.bidder'), dataIndex: 'bidder', render: (b: string, r) => (r.mine ? <Tag color="blue">{t('deals.auctions.mine')}</Tag> : b) },
          { title: t('deals.offers.amount'), dataIndex: 'amount', width: 160, render: (v: string) => <Money value={v} /> },
          { title: t('deals.auctions.time'), dataIndex: 'at', width: 170, render: (v: string, r) => `${formatInstant(v, locale)}${r.extended ? ' ⏱' : ''}` },
        ]}
      />
    </Card>
  );
}

export default function AuctionPage({ auctionId }: { auctionId: string }) {
  const { t, locale } = useI18n();
  const q = useAuction(auctionId);
  const close = useApiMutation(() => dealApi.close(auctionId), { invalidate: [DEALS_KEY] });
  const a = q.data;
  const toClose = useCountdown(a?.endsAt ?? new Date(0).toISOString(), a?.serverNow ?? new Date(0).toISOString());
  const toStart = useCountdown(a?.startsAt ?? new Date(0).toISOString(), a?.serverNow ?? new Date(0).toISOString());
  if (q.isLoading) return <Skeleton active />;
  if (!a) return <Result status="404" title={t('deals.auctions.notFound')} extra={<Link to="/auctions">{t('deals.auctions.title')}</Link>} />;
  const live = a.phase === 'open' || a.phase === 'upcoming' || a.phase === 'publicity';
  return (
    <>
      <PageHeader page="auction" title={a.title} extra={<StatusTag kind="auction" value={a.phase} data-phase={a.phase} />} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={8}>
                <Statistic title={t('deals.auctions.highest')} value={formatMoney(a.highestAmount, locale, { unit: 'auto', empty: t('deals.auctions.noBids') })} data-testid="auction-highest" />
              </Col>
              <Col span={8}>
                <Statistic title={t('deals.auctions.minimumNext')} value={formatMoney(a.minimumNextBid, locale, { unit: 'auto' })} />
              </Col>
              <Col span={8}>
                {live && (
                  <Statistic
                    title={a.phase === 'open' ? t('deals.auctions.countdown') : t('deals.auctions.startsIn')}
                    value={hms(a.phase === 'open' ? toClose : toStart, locale === 'en-US')}
                    data-testid="auction-countdown"
                  />
                )}
              </Col>
            </Row>
            <div style={{ marginTop: 16 }}>
              {a.phase === 'open' || a.phase === 'upcoming' || a.phase === 'publicity' ? (
                <BidBox a={a} />
              ) : a.winner ? (
                <Alert
                  type="success"
                  showIcon
                  title={`${t('deals.auctions.winner')}：${a.winner.name}`}
                  description={a.contractId ? <Link to={`/contracts/${a.contractId}`}>{t('deals.auctions.contract')}</Link> : undefined}
                />
              ) : null}
              {a.canRun && a.phase === 'ended' && (
                <Popconfirm title={t('deals.auctions.closeConfirm')} onConfirm={() => close.mutate(undefined)}>
                  <Button type="primary" loading={close.isPending} data-testid="auction-close">
                    {t('deals.auctions.close')}
                  </Button>
                </Popconfirm>
              )}
            </div>
          </Card>
          <BidHistory a={a} />
          {a.canRun && <Deposits a={a} />}
        </Col>
        <Col xs={24} lg={10}>
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginBottom: 16 }}
            items={[
              {
                key: 'a',
                label: t('deals.fields.achievement'),
                children: (
                  <Link to={`/deals/achievement/${a.achievement.id}`}>
                    {a.achievement.number} {a.achievement.title}
                  </Link>
                ),
              },
              { key: 'h', label: t('deals.fields.holder'), children: a.holder.name },
              { key: 'k', label: t('deals.auctions.kind'), children: t(`deals.kinds.${a.kind}`) },
              { key: 's', label: t('deals.auctions.startingPrice'), children: <Money value={a.startingPrice} /> },
              {
                key: 'r',
                label: t('deals.auctions.reservePrice'),
                children: a.reservePrice ? (
                  <Money value={a.reservePrice} />
                ) : a.hasReserve ? (
                  `${t('deals.auctions.reserveHidden')}（${a.reserveMet ? t('deals.auctions.reserveMet') : t('deals.auctions.reserveNotMet')}）`
                ) : (
                  t('deals.auctions.noReserve')
                ),
              },
              { key: 'i', label: t('deals.auctions.increment'), children: <Money value={a.increment} /> },
              { key: 'd', label: t('deals.auctions.deposit'), children: <Money value={a.depositAmount} /> },
              { key: 'p', label: t('deals.auctions.publicity'), children: locale === 'en-US' ? a.publicity.explanation.en : a.publicity.explanation.zh },
              { key: 'st', label: t('deals.auctions.startsAt'), children: formatInstant(a.startsAt, locale) },
              { key: 'en', label: t('deals.auctions.endsAt'), children: formatInstant(a.endsAt, locale) },
              { key: 'x', label: t('deals.auctions.extension'), children: t('deals.auctions.extensionText', { n: a.extensionMinutes }) },
              { key: 'c', label: t('deals.auctions.bidCount'), children: a.bidCount },
            ]}
          />
          <Alert type="info" title={t('deals.auctions.rules')} description={locale === 'en-US' ? a.rules.en : a.rules.zh} />
        </Col>
      </Row>
    </>
  );
}
