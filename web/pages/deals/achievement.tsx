import { Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Result, Select, Skeleton, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { OFFER_KINDS, type OfferKind } from '../../../common/deals';
import { FormModal } from '../../components/form-modal';
import { Money, MoneyInput, useMoneyRule } from '../../components/money-input';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../lib/can';
import { useI18n } from '../../lib/i18n';
import { useApiMutation } from '../../lib/mutation';
import { fileToBase64 } from '../achievements/service';
import { AuctionTable, PackFileTable, RoomTable } from './parts';
import { DEALS_KEY, dealApi, type RoomSummary, useAuctions, usePack, usePublicAchievement, useRooms } from './service';

interface AuctionFormValues {
  kind: OfferKind;
  startingPrice: string;
  reservePrice?: string;
  increment: string;
  depositAmount: string;
  publicityDays: number;
  publicityDayKind: 'working' | 'calendar';
  extensionMinutes: number;
  startsAt: string;
  endsAt: string;
}

const FIRST_PAGE = { page: 1, pageSize: 20 };

/** A firm asks its question or requests the confidential pack; the deal room opens. */
function AskCard({ achievementId, room }: { achievementId: string; room: RoomSummary | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [question, setQuestion] = useState('');
  const [requestPack, setRequestPack] = useState(true);
  const ask = useApiMutation(() => dealApi.inquire(achievementId, { ...(question.trim() ? { question: question.trim() } : {}), requestPack }), {
    invalidate: [DEALS_KEY],
    success: t('deals.listing.sent'),
    onSuccess: (r) => navigate(`/deals/${r.id}`),
  });
  return (
    <Card title={t('deals.listing.ask')} size="small" style={{ marginBottom: 16 }} data-testid="ask-card" extra={room && <Link to={`/deals/${room.id}`}>{t('deals.listing.enterRoom')}</Link>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} maxLength={5000} placeholder={t('deals.listing.questionPlaceholder')} data-testid="ask-question" />
        <Checkbox checked={requestPack} onChange={(e) => setRequestPack(e.target.checked)} data-testid="ask-pack">
          {t('deals.listing.requestPack')}
        </Checkbox>
        <Button type="primary" disabled={!question.trim() && !requestPack} loading={ask.isPending} data-testid="ask-send" onClick={() => ask.mutate()}>
          {t('deals.listing.ask')}
        </Button>
      </Space>
    </Card>
  );
}

/** A new auction of the achievement, in a modal; on success the auction's page opens. */
function AuctionModal({ achievementId, open, onClose }: { achievementId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const required = useMoneyRule({ required: true });
  const optional = useMoneyRule();
  const create = useApiMutation(
    (v: AuctionFormValues) =>
      dealApi.createAuction(achievementId, {
        kind: v.kind,
        startingPrice: v.startingPrice,
        reservePrice: v.reservePrice ? v.reservePrice : null,
        increment: v.increment,
        depositAmount: v.depositAmount,
        publicityDays: v.publicityDays,
        publicityDayKind: v.publicityDayKind,
        extensionMinutes: v.extensionMinutes,
        startsAt: new Date(String(v.startsAt)).toISOString(),
        endsAt: new Date(String(v.endsAt)).toISOString(),
      }),
    { invalidate: [DEALS_KEY], success: t('deals.auctions.created'), onSuccess: (a) => navigate(`/auctions/${a.id}`) },
  );
  return (
    <FormModal<AuctionFormValues>
      open={open}
      title={t('deals.listing.newAuction')}
      okText={t('deals.auctions.create')}
      width={760}
      onClose={onClose}
      onSubmit={(v) => create.mutateAsync(v)}
      initialValues={{ kind: 'transfer', startingPrice: '100000.00', increment: '5000.00', depositAmount: '10000.00', publicityDays: 10, publicityDayKind: 'working', extensionMinutes: 5 }}
      testId="auction-form"
    >
      <Form.Item name="kind" label={t('deals.auctions.kind')}>
        <Select options={OFFER_KINDS.map((k) => ({ value: k, label: t(`deals.kinds.${k}`) }))} />
      </Form.Item>
      <Space wrap>
        {(['startingPrice', 'reservePrice', 'increment', 'depositAmount'] as const).map((name) => (
          <Form.Item key={name} name={name} label={t(`deals.auctions.${name === 'depositAmount' ? 'deposit' : name}`)} rules={[name === 'reservePrice' ? optional : required]}>
            <MoneyInput />
          </Form.Item>
        ))}
      </Space>
      <Space wrap>
        <Form.Item name="publicityDays" label={t('deals.auctions.publicityDays')}>
          <InputNumber min={1} max={60} />
        </Form.Item>
        <Form.Item name="publicityDayKind" label={t('deals.auctions.dayKind')}>
          <Select
            style={{ width: 120 }}
            options={[
              { value: 'working', label: t('deals.auctions.working') },
              { value: 'calendar', label: t('deals.auctions.calendar') },
            ]}
          />
        </Form.Item>
        <Form.Item name="extensionMinutes" label={t('deals.auctions.extensionMinutes')}>
          <InputNumber min={0} max={60} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="startsAt" label={t('deals.auctions.startsAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="endsAt" label={t('deals.auctions.endsAt')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
      </Space>
    </FormModal>
  );
}

/** The holder's office: inquiries, the confidential pack with its reads, the funnel, auctions. */
function OfficeView({ achievementId, holder }: { achievementId: string; holder: boolean }) {
  const { t } = useI18n();
  const pack = usePack(achievementId, holder);
  const [creating, setCreating] = useState(false);
  const upload = useApiMutation((f: { filename: string; contentType: string; dataBase64: string }) => dealApi.upload(achievementId, f), {
    invalidate: [DEALS_KEY],
    success: t('deals.listing.uploaded'),
  });
  const auctionsCard = (
    <Card title={t('deals.listing.auctions')} size="small" extra={<Button onClick={() => setCreating(true)}>{t('deals.listing.newAuction')}</Button>}>
      <AuctionTable achievementId={achievementId} />
      <AuctionModal achievementId={achievementId} open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
  // The market operator runs auctions; inquiries and the pack are the holder's.
  if (!holder) return auctionsCard;
  return (
    <>
      <Card
        title={t('deals.listing.rooms')}
        size="small"
        style={{ marginBottom: 16 }}
        data-testid="office-rooms"
        extra={pack.data && <Typography.Text type="secondary">{t('deals.listing.funnel', pack.data.funnel)}</Typography.Text>}
      >
        <RoomTable achievementId={achievementId} />
      </Card>
      <Card title={t('deals.listing.pack')} size="small" style={{ marginBottom: 16 }} data-testid="office-pack">
        <Typography.Paragraph type="secondary">{t('deals.listing.packHint')}</Typography.Paragraph>
        <PackFileTable files={pack.data?.items ?? []} extra={[{ title: t('deals.fields.accesses'), dataIndex: 'accesses', width: 90 }]} />
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void fileToBase64(file).then((dataBase64) => upload.mutate({ filename: file.name, contentType: file.type || 'application/octet-stream', dataBase64 }));
            return false;
          }}
        >
          <Button style={{ marginTop: 12 }} loading={upload.isPending} data-testid="pack-upload">
            {t('deals.listing.upload')}
          </Button>
        </Upload>
      </Card>
      {auctionsCard}
    </>
  );
}

export default function DealAchievementPage({ achievementId }: { achievementId: string }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const a = usePublicAchievement(achievementId);
  // A firm has one room per achievement; the first page holds it.
  const rooms = useRooms({ achievementId, ...FIRST_PAGE });
  const auctions = useAuctions({ achievementId, ...FIRST_PAGE });
  if (a.isLoading) return <Skeleton active />;
  if (!a.data) return <Result status="404" title={t('deals.listing.notPublic')} />;
  const x = a.data;
  const isFirm = can('deals.ask');
  const mine = rooms.data?.items.find((r) => r.mySide === 'firm');
  const isHolder = can('deals.hold', x.organisationId);
  const isOperator = can('market.operate');
  return (
    <>
      <PageHeader page="deal-achievement" title={locale === 'en-US' && x.titleEn ? x.titleEn : x.title} intro={t('deals.listing.title')} />
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        data-testid="deal-achievement"
        items={[
          { key: 'n', label: t('deals.listing.number'), children: x.number },
          { key: 'h', label: t('deals.listing.holder'), children: x.organisationName },
          { key: 's', label: t('deals.listing.summary'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{x.summary}</span> },
          ...(x.problem ? [{ key: 'p', label: t('deals.listing.problem'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{x.problem}</span> }] : []),
          ...(x.benefit ? [{ key: 'b', label: t('deals.listing.benefit'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{x.benefit}</span> }] : []),
          { key: 't', label: t('deals.listing.trl'), children: x.trl ?? '—' },
          { key: 'price', label: t('deals.listing.price'), children: <Money value={x.askingPrice} empty={t('deals.listing.negotiable')} /> },
        ]}
      />
      {isFirm && <AskCard achievementId={achievementId} room={mine} />}
      {isFirm && (auctions.data?.items.length ?? 0) > 0 && (
        <Card title={t('deals.listing.auctions')} size="small" data-testid="firm-auctions">
          <AuctionTable achievementId={achievementId} />
        </Card>
      )}
      {(isHolder || isOperator) && <OfficeView achievementId={achievementId} holder={isHolder} />}
    </>
  );
}
