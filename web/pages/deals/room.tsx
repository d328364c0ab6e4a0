import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Input, Modal, Popconfirm, Result, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { OFFER_KINDS, type OfferKind } from '../../../common/deals';
import { Money, MoneyInput } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusTag } from '../../components/status-tag';
import { businessToday, formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { PackFileTable } from './parts';
import { DEALS_KEY, dealApi, type Message, type Offer, type OfferBody, type PackAccess, type Room, useRoom } from './service';

/** Every change in the room refreshes the deals queries. */
const REFRESH = { invalidate: [DEALS_KEY] } as const;

const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function NdaCard({ room }: { room: Room }) {
  const { t, locale } = useI18n();
  const [agreed, setAgreed] = useState(false);
  const accept = useApiMutation(() => dealApi.acceptNda(room.id, room.nda.version ?? ''), REFRESH);
  const text = locale === 'en-US' ? room.nda.textEn : room.nda.textZh;
  return (
    <Card title={t('deals.nda.title')} size="small" style={{ marginBottom: 16 }} data-testid="nda-card" extra={<Tag>{t('deals.nda.version', { version: room.nda.version ?? '' })}</Tag>}>
      {room.nda.accepted ? (
        <Space direction="vertical">
          <Alert
            type="success"
            showIcon
            data-testid="nda-accepted"
            title={t('deals.nda.accepted', { name: room.nda.acceptedBy ?? '', at: formatInstant(room.nda.acceptedAt, locale), version: room.nda.version ?? '', ip: room.nda.acceptedIp ?? '—' })}
          />
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {t('deals.nda.hash', { hash: room.nda.textSha256 ?? '' })}
          </Typography.Text>
        </Space>
      ) : (
        <>
          <div style={{ maxHeight: 220, overflow: 'auto', whiteSpace: 'pre-wrap', border: '1px solid #eee', padding: 12, marginBottom: 12 }} data-testid="nda-text">
            {text}
          </div>
          {room.mySide === 'firm' ? (
            <Flex gap={12} align="center" wrap>
              <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-testid="nda-agree">
                {t('deals.nda.agree')}
              </Checkbox>
              <Button type="primary" disabled={!agreed} loading={accept.isPending} onClick={() => accept.mutate(undefined)} data-testid="nda-accept">
                {t('deals.nda.accept')}
              </Button>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('deals.nda.needed')}</Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}

function PackCard({ room }: { room: Room }) {
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState<{ name: string; text: string } | null>(null);
  const read = useApiMutation(async (f: { id: string; filename: string; contentType: string }) => {
    const blob = await dealApi.readFile(room.id, f.id);
    if (f.contentType.startsWith('text/') || /\.(csv|txt|md)$/i.test(f.filename)) {
      // Shown as text, never as HTML.
      setPreview({ name: f.filename, text: await blob.text() });
    } else {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = f.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }
  }, REFRESH);
  const open = room.mySide === 'holder' || room.nda.accepted;
  return (
    <Card title={t('deals.pack.title')} size="small" style={{ marginBottom: 16 }} data-testid="pack-card">
      {!open ? (
        <Typography.Text type="secondary">{t('deals.nda.needed')}</Typography.Text>
      ) : (
        <PackFileTable
          files={room.packFiles}
          extra={[
            {
              title: '',
              width: 90,
              render: (_: unknown, f) => (
                <Button size="small" onClick={() => read.mutate(f)} loading={read.isPending && read.variables?.id === f.id} data-testid={`pack-view-${f.filename}`}>
                  {t('deals.pack.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {room.mySide === 'holder' && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('deals.pack.accessLog')}
          </Typography.Title>
          <PagedTable<PackAccess>
            rowKey="id"
            size="small"
            queryKey={[...DEALS_KEY, 'pack-access', room.id]}
            fetch={(q, signal) => dealApi.packAccess(room.id, q, signal)}
            refetchInterval={15_000}
            data-testid="access-log"
            emptyText={t('deals.pack.accessLogEmpty')}
            columns={[
              { title: t('deals.pack.file'), dataIndex: 'filename' },
              { title: t('deals.pack.who'), dataIndex: 'user', width: 120 },
              { title: t('deals.pack.when'), dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v, locale) },
              { title: 'IP', dataIndex: 'ip', width: 130 },
            ]}
          />
        </>
      )}
      <Modal open={!!preview} title={preview?.name} footer={null} onCancel={() => setPreview(null)} width={720} data-testid="pack-preview">
        <pre style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto' }} data-testid="pack-preview-text">
          {preview?.text}
        </pre>
      </Modal>
    </Card>
  );
}

/** The whole conversation, newest first, a page at a time (the room shows the latest messages). */
function EarlierMessages({ room }: { room: Room }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="messages-earlier">
        {t('deals.messages.earlier', { shown: room.messages.length, total: room.messagesTotal })}
      </Button>
      <Modal open={open} title={t('deals.messages.title')} footer={null} onCancel={() => setOpen(false)} width={720}>
        <PagedTable<Message>
          rowKey="id"
          size="small"
          pageSize={50}
          queryKey={[...DEALS_KEY, 'messages', room.id]}
          fetch={(q, signal) => dealApi.messages(room.id, q, signal)}
          enabled={open}
          columns={[
            { title: t('deals.pack.when'), dataIndex: 'at', width: 160, render: (v: string) => formatInstant(v, locale) },
            { title: t('deals.pack.who'), width: 160, render: (_: unknown, m) => `${t(`deals.side.${m.side}`)} · ${m.author}` },
            { title: t('deals.messages.title'), dataIndex: 'body', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
          ]}
        />
      </Modal>
    </>
  );
}

function Messages({ room }: { room: Room }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const send = useApiMutation((body: string) => dealApi.message(room.id, body), REFRESH);
  return (
    <Card title={t('deals.messages.title')} size="small" style={{ marginBottom: 16 }} data-testid="messages">
      {room.messagesTotal > room.messages.length && <EarlierMessages room={room} />}
      {room.messages.length === 0 ? (
        <Empty description={t('deals.messages.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space direction="vertical" style={{ width: '100%', maxHeight: 360, overflow: 'auto' }}>
          {room.messages.map((m) => (
            <div key={m.id} data-testid="message" style={{ textAlign: m.side === room.mySide ? 'right' : 'left' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`deals.side.${m.side}`)} · {m.author} · {formatInstant(m.at, locale)}
              </Typography.Text>
              {/* Plain text: React escapes it; HTML typed by a party is shown as typed. */}
              <div
                style={{
                  whiteSpace: 'pre-wrap',
                  background: m.side === room.mySide ? '#e6f4ff' : '#f5f5f5',
                  padding: '6px 10px',
                  borderRadius: 6,
                  display: 'inline-block',
                  maxWidth: '90%',
                  textAlign: 'left',
                }}
                data-testid="message-body"
              >
                {m.body}
              </div>
            </div>
          ))}
        </Space>
      )}
      {room.status !== 'closed' && (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={5000} placeholder={t('deals.messages.placeholder')} data-testid="message-input" />
          <Button type="primary" disabled={!text.trim()} loading={send.isPending} onClick={() => send.mutate(text.trim(), { onSuccess: () => setText('') })} data-testid="message-send">
            {t('deals.messages.send')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function OfferForm({ onSubmit, pending, submitLabel }: { onSubmit: (body: OfferBody) => void; pending: boolean; submitLabel: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<OfferKind>('license');
  const [negotiable, setNegotiable] = useState(false);
  const [amount, setAmount] = useState('');
  const [terms, setTerms] = useState('');
  const [validUntil, setValidUntil] = useState(plusDays(businessToday(), 30));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="offer-form">
      <Flex gap={8} wrap>
        <Select<OfferKind> value={kind} onChange={setKind} style={{ width: 180 }} options={OFFER_KINDS.map((k) => ({ value: k, label: t(`deals.kinds.${k}`) }))} data-testid="offer-kind" />
        <MoneyInput value={amount} onChange={setAmount} disabled={negotiable} placeholder={t('deals.offers.amountPlaceholder')} style={{ width: 220 }} data-testid="offer-amount" />
        <Checkbox checked={negotiable} onChange={(e) => setNegotiable(e.target.checked)} data-testid="offer-negotiable">
          {t('deals.offers.negotiable')}
        </Checkbox>
        <Input
          value={validUntil}
          onChange={(e) => setValidUntil(e.target.value)}
          placeholder="YYYY-MM-DD"
          style={{ width: 200 }}
          addonBefore={t('deals.offers.validUntil')}
          data-testid="offer-valid"
        />
      </Flex>
      <Input.TextArea value={terms} onChange={(e) => setTerms(e.target.value)} rows={2} maxLength={2000} placeholder={t('deals.offers.termsPlaceholder')} data-testid="offer-terms" />
      <Button
        type="primary"
        loading={pending}
        onClick={() => onSubmit({ kind, amount: negotiable ? null : amount.trim(), validUntil: validUntil.trim(), ...(terms.trim() ? { terms: terms.trim() } : {}) })}
        data-testid="offer-submit"
      >
        {submitLabel}
      </Button>
    </Space>
  );
}

function Offers({ room }: { room: Room }) {
  const { t, locale } = useI18n();
  const [countering, setCountering] = useState<Offer | null>(null);
  const make = useApiMutation((body: OfferBody) => dealApi.offer(room.id, body), { ...REFRESH, success: t('deals.offers.submitted') });
  const counter = useApiMutation((v: { offerId: string; body: OfferBody }) => dealApi.counter(room.id, v.offerId, v.body), { ...REFRESH, onSuccess: () => setCountering(null) });
  const accept = useApiMutation((offerId: string) => dealApi.accept(room.id, offerId), REFRESH);
  const decline = useApiMutation((offerId: string) => dealApi.decline(room.id, offerId), REFRESH);
  const open = room.offers.find((o) => o.status === 'open');
  const canMake = room.status === 'open' && (!open || (open.side !== room.mySide && room.openOfferExpired));
  return (
    <Card title={t('deals.offers.title')} size="small" style={{ marginBottom: 16 }} data-testid="offers">
      {room.contractId && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="deal-contract"
          title={<Link to={`/contracts/${room.contractId}`}>{t('deals.offers.contract')}</Link>}
          description={locale === 'en-US' ? room.pricing.en : room.pricing.zh}
        />
      )}
      <Table<Offer>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={room.offers}
        locale={{ emptyText: t('deals.offers.empty') }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('deals.offers.seq'), dataIndex: 'seq', width: 60 },
          { title: t('deals.offers.from'), dataIndex: 'side', width: 90, render: (s: Offer['side']) => t(`deals.side.${s}`) },
          { title: t('deals.offers.kind'), dataIndex: 'kind', width: 140, render: (k: OfferKind) => t(`deals.kinds.${k}`) },
          { title: t('deals.offers.amount'), dataIndex: 'amount', width: 140, render: (a: string | null) => <Money value={a} empty={t('deals.offers.negotiable')} /> },
          { title: t('deals.offers.terms'), dataIndex: 'terms', render: (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span> },
          { title: t('deals.offers.validUntil'), dataIndex: 'validUntil', width: 110 },
          { title: t('deals.offers.status'), dataIndex: 'status', width: 90, render: (s: Offer['status']) => <StatusTag kind="offer" value={s} /> },
          {
            title: '',
            width: 200,
            render: (_: unknown, o) =>
              o.status === 'open' && o.side !== room.mySide && room.status === 'open' ? (
                <Space size={4}>
                  <Popconfirm title={t('deals.offers.acceptConfirm')} onConfirm={() => accept.mutate(o.id)}>
                    <Button size="small" type="primary" loading={accept.isPending} data-testid="offer-accept">
                      {t('deals.offers.accept')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" onClick={() => setCountering(o)} data-testid="offer-counter">
                    {t('deals.offers.counter')}
                  </Button>
                  <Button size="small" danger loading={decline.isPending} onClick={() => decline.mutate(o.id)} data-testid="offer-decline">
                    {t('deals.offers.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {room.openOfferExpired && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('deals.offers.expired')} />}
      {canMake && (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('deals.offers.make')}</Typography.Title>
          <OfferForm pending={make.isPending} submitLabel={t('deals.offers.submit')} onSubmit={(body) => make.mutate(body)} />
        </div>
      )}
      {!canMake && open && open.side === room.mySide && <Typography.Text type="secondary">{t('deals.offers.openExists')}</Typography.Text>}
      <Modal open={!!countering} title={t('deals.offers.counter')} footer={null} onCancel={() => setCountering(null)} width={760} destroyOnHidden>
        {countering && <OfferForm pending={counter.isPending} submitLabel={t('deals.offers.counter')} onSubmit={(body) => counter.mutate({ offerId: countering.id, body })} />}
      </Modal>
    </Card>
  );
}

export default function DealRoomPage({ roomId }: { roomId: string }) {
  const { t, locale } = useI18n();
  const room = useRoom(roomId);
  if (room.isLoading) return <Skeleton active />;
  if (!room.data) return <Result status="404" title={t('deals.notFound')} extra={<Link to="/deals">{t('deals.title')}</Link>} />;
  const r = room.data;
  return (
    <>
      <PageHeader page="deal-room" title={r.achievement.title} extra={<StatusTag kind="room" value={r.status} />} />
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'a', label: t('deals.fields.achievement'), children: <Link to={`/deals/achievement/${r.achievement.id}`}>{r.achievement.number}</Link> },
          { key: 'h', label: t('deals.fields.holder'), children: r.holder.name },
          { key: 'f', label: t('deals.fields.firm'), children: r.firm.name },
          { key: 'u', label: t('deals.fields.updatedAt'), children: formatInstant(r.updatedAt, locale) },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <NdaCard room={r} />
          <PackCard room={r} />
        </Col>
        <Col xs={24} lg={12}>
          <Messages room={r} />
        </Col>
      </Row>
      <Offers room={r} />
    </>
  );
}
