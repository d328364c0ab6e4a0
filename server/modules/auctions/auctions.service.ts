import { randomUUID } from 'node:crypto';
import { AUCTION_LATEST_BIDS, type Auction, type AuctionPage, type Bid, type BidPage, type BidResult, type DepositInput, type NewAuctionInput } from '../../../common/api/auctions.js';
import { businessDateOf, startOfBusinessDate } from '../../../common/calendar.js';
import { OFFER_KIND_LABELS, type OfferKind } from '../../../common/deals.js';
import { cmp, type Money } from '../../../common/money.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import type { PageParams } from '../../../common/page.js';
import { PLATFORM_ROLES, ROLE_GROUPS } from '../../../common/roles.js';
import { type Actor, type Ctx, hasRole, inTransaction, isOfficeOf, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldErrors, forbidden, notFound, ruleViolation } from '../../lib/errors.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { appendEvent } from '../../lib/ledger.js';
import { loadRow } from '../achievements/index.js';
import { loadCalendar } from '../calendar/index.js';
import { insertContract } from '../contracts/index.js';
import { notify } from '../notifications/index.js';
import { type AuctionTerms, checkBid, type DayKind, decideOutcome, minimumNextBid, phaseAt, publicityWindow, RULES_VERSION, termsErrors } from './auction-rules.js';
import { peopleHolding } from '../orgs/index.js';

/**
 * Listing with publicity (挂牌) and English auctions (竞价) of public achievements (measure 10).
 * Bids are serialised by a row lock on the auction (select … for update), so concurrent bids are
 * each either accepted in order or refused with a reason; every bid is a ledger event in
 * `auction:<id>`; Idempotency-Key makes a retried bid count once. The winner proceeds to a draft
 * contract in the contracts module.
 */

type Status = 'scheduled' | 'closed_won' | 'closed_unsold' | 'cancelled';

interface AuctionRow {
  id: string;
  achievement_id: string;
  holder_org_id: string;
  holder_name: string;
  kind: OfferKind;
  title: string;
  currency: string;
  starting_price: string;
  reserve_price: string | null;
  increment: string;
  deposit_amount: string;
  listed_on: string;
  publicity_days: number;
  publicity_day_kind: DayKind;
  publicity_last_day: string;
  starts_at: Date;
  ends_at: Date;
  original_ends_at: Date;
  extension_minutes: number;
  status: Status;
  highest_amount: string | null;
  highest_bid_id: string | null;
  bid_count: number;
  winner_org_id: string | null;
  winner_name: string | null;
  contract_id: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const stream = (id: string) => `auction:${id}`;

/** Who runs an auction: the holder's office, the market operator, or a platform admin. */
const runs = (actor: Actor | null, holderOrgId: string) => isOfficeOf(actor, holderOrgId) || hasRole(actor, ...PLATFORM_ROLES);
const termsOf = (a: AuctionRow): AuctionTerms => ({
  startingPrice: a.starting_price,
  reservePrice: a.reserve_price,
  increment: a.increment,
  startsAt: a.starts_at,
  endsAt: a.ends_at,
  extensionMinutes: a.extension_minutes,
});

async function loadAuction(db: Queryable, id: string, forUpdate = false): Promise<AuctionRow> {
  const { rows } = await db.query<AuctionRow>(
    `select a.*, h.name as holder_name, w.name as winner_name from auctions a join organisations h on h.id = a.holder_org_id
       left join organisations w on w.id = a.winner_org_id where a.id = $1 ${forUpdate ? 'for update of a' : ''}`,
    [id],
  );
  if (!rows[0]) throw notFound('auction', id);
  return rows[0];
}

type Phase = 'publicity' | 'upcoming' | 'open' | 'ended' | Exclude<Status, 'scheduled'>;
function phaseOf(a: AuctionRow, now: Date): Phase {
  if (a.status !== 'scheduled') return a.status;
  if (now.getTime() < startOfBusinessDate(a.publicity_last_day).getTime() + 86_400_000) return 'publicity';
  const p = phaseAt(termsOf(a), now);
  return p === 'before_start' ? 'upcoming' : p;
}

interface BidRow {
  id: string;
  seq: number;
  bidder_org_id: string;
  bidder_name: string;
  amount: string;
  placed_at: Date;
  extended: boolean;
}
const BID_COLUMNS = 'b.id, b.seq, b.bidder_org_id, o.name as bidder_name, b.amount, b.placed_at, b.extended';
const BID_FROM = 'from auction_bids b join organisations o on o.id = b.bidder_org_id where b.auction_id = $1';

/** The active people of these firms (each once), to tell them about the auction. */
async function firmPeople(db: Queryable, orgIds: readonly string[]): Promise<string[]> {
  return (await peopleHolding(db, ROLE_GROUPS.firm, orgIds)).map((p) => p.userId);
}

/** The firms the caller bids for. */
const bidderOrgs = (actor: Actor | null) => new Set(actor?.memberships.filter((m) => m.role === 'enterprise').map((m) => m.organisationId) ?? []);

/**
 * How bids appear to the caller: who runs the auction sees the bidders' names; everyone else
 * sees them by number only (竞买人 1, 2 …, in order of their first bid) and which are their own.
 */
async function bidPresenter(db: Queryable, actor: Actor | null, a: Pick<AuctionRow, 'id' | 'holder_org_id'>): Promise<(b: BidRow) => Bid> {
  const runner = runs(actor, a.holder_org_id);
  const myOrgs = bidderOrgs(actor);
  const { rows: order } = await db.query<{ bidder_org_id: string }>('select bidder_org_id from auction_bids where auction_id = $1 group by bidder_org_id order by min(seq)', [a.id]);
  const numberOf = new Map(order.map((r, i) => [r.bidder_org_id, i + 1]));
  return (b) => ({
    seq: b.seq,
    amount: b.amount,
    at: b.placed_at.toISOString(),
    bidder: runner ? b.bidder_name : `竞买人 ${numberOf.get(b.bidder_org_id)}`,
    mine: myOrgs.has(b.bidder_org_id),
    extended: b.extended,
  });
}

async function present(db: Queryable, actor: Actor | null, a: AuctionRow, now: Date): Promise<Auction> {
  const achievement = await loadRow(db, a.achievement_id);
  const runner = runs(actor, a.holder_org_id);
  const myOrgs = bidderOrgs(actor);
  const bids = await db.query<BidRow>(`select ${BID_COLUMNS} ${BID_FROM} order by b.seq desc limit ${AUCTION_LATEST_BIDS}`, [a.id]);
  const deposits = await db.query<{ org_id: string; name: string; amount: string; recorded_at: Date }>(
    'select d.org_id, o.name, d.amount, d.recorded_at from auction_deposits d join organisations o on o.id = d.org_id where d.auction_id = $1 order by d.recorded_at',
    [a.id],
  );
  const presentBid = await bidPresenter(db, actor, a);
  const window = publicityWindow(a.listed_on, a.publicity_days, a.publicity_day_kind, await loadCalendar(db));
  const phase = phaseOf(a, now);
  const myDeposit = deposits.rows.some((d) => myOrgs.has(d.org_id));
  return {
    id: a.id,
    achievement: { id: a.achievement_id, title: achievement?.title ?? '', number: achievement?.number ?? '' },
    holder: { id: a.holder_org_id, name: a.holder_name },
    kind: a.kind,
    title: a.title,
    currency: a.currency,
    status: a.status,
    phase,
    startingPrice: a.starting_price,
    reservePrice: runner ? a.reserve_price : null,
    hasReserve: a.reserve_price !== null,
    reserveMet: a.reserve_price === null ? a.highest_amount !== null : a.highest_amount !== null && cmp(a.highest_amount, a.reserve_price) >= 0,
    increment: a.increment,
    depositAmount: a.deposit_amount,
    publicity: { listedOn: a.listed_on, days: a.publicity_days, dayKind: a.publicity_day_kind, lastDay: a.publicity_last_day, biddingFrom: window.biddingFrom, explanation: window.explanation },
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
    originalEndsAt: a.original_ends_at.toISOString(),
    extensionMinutes: a.extension_minutes,
    highestAmount: a.highest_amount,
    bidCount: a.bid_count,
    minimumNextBid: minimumNextBid(termsOf(a), a.highest_amount),
    serverNow: now.toISOString(),
    canRun: runner,
    myDeposit,
    canBid: phase === 'open' && myDeposit,
    bids: bids.rows.map(presentBid),
    deposits: runner ? deposits.rows.map((d) => ({ orgId: d.org_id, name: d.name, amount: d.amount, recordedAt: d.recorded_at.toISOString() })) : [],
    winner: a.winner_org_id ? { id: a.winner_org_id, name: runner || myOrgs.has(a.winner_org_id) ? (a.winner_name ?? '') : '竞得人' } : null,
    contractId: runner || (a.winner_org_id && myOrgs.has(a.winner_org_id)) ? a.contract_id : null,
    rules: {
      version: RULES_VERSION,
      zh: `英式竞价：首次出价不低于起拍价，此后每次至少高于当前最高价一个加价幅度；须先缴纳保证金；截止前 ${a.extension_minutes} 分钟内出价的，截止时间顺延 ${a.extension_minutes} 分钟；截止后最高出价达到保留价者竞得，否则流拍。`,
      en: `English auction: the first bid at least the starting price, each later bid at least one increment above the highest; a deposit is required; a bid within the last ${a.extension_minutes} minutes extends the close by ${a.extension_minutes} minutes; after the close the highest bid wins if it reaches the reserve, otherwise no sale.`,
    },
  };
}
export type AuctionView = Auction;

export async function getAuction(ctx: Ctx, id: string): Promise<AuctionView> {
  return present(ctx.db, ctx.actor, await loadAuction(ctx.db, id), ctx.now);
}

/** For the market listing's funnel: auctions of the achievement that ended in a sale. */
export async function auctionFunnelCounts(db: Queryable, achievementId: string): Promise<{ deals: number }> {
  const { rows } = await db.query<{ n: number }>("select count(*)::int as n from auctions where achievement_id = $1 and status = 'closed_won'", [achievementId]);
  return { deals: rows[0]?.n ?? 0 };
}

/** Every bid of an auction, newest first by default, as the caller may see them. */
export async function listBids(ctx: Ctx, id: string, q: PageParams & { order?: 'asc' | 'desc' | undefined }): Promise<BidPage> {
  const a = await loadAuction(ctx.db, id);
  const presentBid = await bidPresenter(ctx.db, ctx.actor, a);
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  return mapPage(await queryPage<BidRow>(ctx.db, { select: BID_COLUMNS, from: BID_FROM, values: [id], orderBy: `b.seq ${dir}` }, q), presentBid);
}

/** Listings and auctions, optionally of one achievement: a page, scheduled ones first, then by close (latest first by default). */
export async function listAuctions(ctx: Ctx, query: PageParams & { achievementId?: string | undefined; order?: 'asc' | 'desc' | undefined }): Promise<AuctionPage> {
  const dir = query.order === 'asc' ? 'asc' : 'desc';
  const page = await queryPage<AuctionRow>(
    ctx.db,
    {
      select: 'a.*, h.name as holder_name, null as winner_name',
      from: 'from auctions a join organisations h on h.id = a.holder_org_id where ($1::uuid is null or a.achievement_id = $1)',
      values: [query.achievementId ?? null],
      orderBy: `(a.status = 'scheduled') desc, a.ends_at ${dir}, a.id ${dir}`,
    },
    query,
  );
  return mapPage(page, (a) => ({
    id: a.id,
    achievementId: a.achievement_id,
    title: a.title,
    holder: { id: a.holder_org_id, name: a.holder_name },
    kind: a.kind,
    status: a.status,
    phase: phaseOf(a, ctx.now),
    startingPrice: a.starting_price,
    highestAmount: a.highest_amount,
    bidCount: a.bid_count,
    startsAt: a.starts_at.toISOString(),
    endsAt: a.ends_at.toISOString(),
  }));
}

// ------------------------------------------------------------------------------------------
// Listing
// ------------------------------------------------------------------------------------------

export type NewAuction = NewAuctionInput;

export async function createAuction(ctx: Ctx, achievementId: string, input: NewAuction): Promise<AuctionView> {
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const a = await loadRow(tx.db, achievementId);
    if (!a || !runs(tx.actor, a.organisation_id)) throw notFound('achievement', achievementId);
    if (a.visibility !== 'public' || a.status === 'withdrawn') throw ruleViolation('成果须公开发布后方可挂牌竞价', 'Publish the achievement before listing it for auction');
    const today = businessDateOf(tx.now);
    const listedOn = input.listedOn ?? today;
    if (listedOn < today) throw fieldErrors([{ field: 'body.listedOn', zh: '挂牌日不能早于今天', en: 'the listing day must not be in the past' }]);
    const window = publicityWindow(listedOn, input.publicityDays, input.publicityDayKind, await loadCalendar(tx.db));
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const errors = termsErrors({ ...input, startsAt, endsAt, earliestStart: startOfBusinessDate(window.biddingFrom) });
    if (errors.length) throw fieldErrors(errors.map((e) => ({ ...e, field: `body.${e.field}` })));
    const live = await tx.db.query("select 1 from auctions where achievement_id = $1 and status = 'scheduled'", [achievementId]);
    if (live.rows.length) throw new AppError('CONFLICT', { params: { detail: '该成果已有进行中的挂牌竞价', detailEn: 'this achievement already has a live auction' } });
    const title = input.title?.trim() || `${a.title}（${OFFER_KIND_LABELS[input.kind].zh}）`;
    await tx.db.query(
      `insert into auctions (id, achievement_id, holder_org_id, kind, title, starting_price, reserve_price, increment, deposit_amount, listed_on, publicity_days,
         publicity_day_kind, publicity_last_day, starts_at, ends_at, original_ends_at, extension_minutes, created_by, created_at, updated_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$15,$16,$17,$18,$18)`,
      [
        id,
        achievementId,
        a.organisation_id,
        input.kind,
        title,
        input.startingPrice,
        input.reservePrice,
        input.increment,
        input.depositAmount,
        listedOn,
        input.publicityDays,
        input.publicityDayKind,
        window.lastDay,
        startsAt,
        endsAt,
        input.extensionMinutes,
        tx.actor?.userId ?? null,
        tx.now,
      ],
    );
    await appendEvent(tx, {
      stream: stream(id),
      type: 'auction.listed',
      payload: {
        achievementId,
        holderOrgId: a.organisation_id,
        kind: input.kind,
        startingPrice: input.startingPrice,
        reservePrice: input.reservePrice,
        increment: input.increment,
        depositAmount: input.depositAmount,
        listedOn,
        publicityDays: input.publicityDays,
        publicityDayKind: input.publicityDayKind,
        publicityLastDay: window.lastDay,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        extensionMinutes: input.extensionMinutes,
        rulesVersion: RULES_VERSION,
      },
    });
    await audit(tx, { action: 'auction.create', entity: 'auction', entityId: id, organisationId: a.organisation_id, after: { ...input, title } });
  });
  return getAuction(ctx, id);
}

/** The holder's office or the operator records a deposit as paid by a firm. */
export async function recordDeposit(ctx: Ctx, id: string, input: DepositInput): Promise<AuctionView> {
  await inTransaction(ctx, async (tx) => {
    const a = await loadAuction(tx.db, id, true);
    if (!runs(tx.actor, a.holder_org_id)) throw forbidden();
    if (a.status !== 'scheduled' || phaseOf(a, tx.now) === 'ended') throw new AppError('CONFLICT', { params: { detail: '竞价已截止', detailEn: 'bidding has closed' } });
    const org = await tx.db.query<{ id: string }>("select id from organisations where id = $1 and is_active and kind = 'enterprise'", [input.orgId]);
    if (!org.rows[0]) throw fieldErrors([{ field: 'body.orgId', zh: '须为平台上的企业', en: 'must be an enterprise on the platform' }]);
    if (input.orgId === a.holder_org_id) throw fieldErrors([{ field: 'body.orgId', zh: '持有单位不能参与竞价', en: 'the holder cannot bid' }]);
    if (cmp(input.amount, a.deposit_amount) < 0) {
      throw fieldErrors([{ field: 'body.amount', zh: `保证金不足：应缴 ${a.deposit_amount} 元`, en: `the deposit is ${a.deposit_amount} yuan` }]);
    }
    const inserted = await tx.db.query(
      'insert into auction_deposits (auction_id, org_id, amount, reference, recorded_by, recorded_at) values ($1,$2,$3,$4,$5,$6) on conflict do nothing returning org_id',
      [id, input.orgId, input.amount, input.reference ?? '', tx.actor?.userId ?? null, tx.now],
    );
    if (!inserted.rows.length) throw new AppError('DUPLICATE', { params: { field: '该企业的保证金', fieldEn: "This firm's deposit" } });
    await appendEvent(tx, { stream: stream(id), type: 'auction.deposit_recorded', payload: { orgId: input.orgId, amount: input.amount, reference: input.reference ?? '' } });
    await audit(tx, { action: 'auction.deposit', entity: 'auction', entityId: id, organisationId: a.holder_org_id, after: input });
    await notify(tx, await firmPeople(tx.db, [input.orgId]), {
      kind: 'auction.deposit',
      titleZh: `保证金已登记，可参与竞价：${a.title}`,
      titleEn: `Deposit recorded; you may bid: ${a.title}`,
      link: `/auctions/${id}`,
    });
  });
  return getAuction(ctx, id);
}

// ------------------------------------------------------------------------------------------
// Bidding
// ------------------------------------------------------------------------------------------

/**
 * One bid. The auction row is locked for the whole check-and-insert, so bids queue: each sees the
 * highest bid of the one before it. A refused bid changes nothing (its idempotency key stays free).
 */
export async function placeBid(ctx: Ctx, id: string, input: { amount: Money; bidderOrgId?: string | undefined }, key: string | undefined): Promise<BidResult> {
  const actor = requireActor(ctx);
  const firms = actor.memberships.filter((m) => m.role === 'enterprise');
  const bidderOrgId = input.bidderOrgId ?? firms[0]?.organisationId;
  if (!bidderOrgId || !firms.some((f) => f.organisationId === bidderOrgId)) throw forbidden();
  const res = await runIdempotent(ctx, key, `auction.bid:${id}`, { amount: input.amount, bidderOrgId }, async (tx) => {
    const a = await loadAuction(tx.db, id, true);
    if (a.status !== 'scheduled') throw new AppError('CONFLICT', { params: { detail: '竞价已结束', detailEn: 'the auction is over' } });
    if (phaseOf(a, tx.now) === 'publicity')
      throw new AppError('CONFLICT', {
        params: { detail: `挂牌公示期至 ${a.publicity_last_day}，尚未开始竞价`, detailEn: `the listing is in publicity until ${a.publicity_last_day}; bidding has not started` },
      });
    const deposit = await tx.db.query('select 1 from auction_deposits where auction_id = $1 and org_id = $2', [id, bidderOrgId]);
    const checked = checkBid(termsOf(a), a.highest_amount, { amount: input.amount, at: tx.now, hasDeposit: deposit.rows.length > 0 });
    if (!checked.ok) {
      const r = checked.refusal;
      throw r.code === 'too_low' || r.code === 'no_deposit' ? ruleViolation(r.zh, r.en) : new AppError('CONFLICT', { params: { detail: r.zh, detailEn: r.en } });
    }
    const bidId = randomUUID();
    const seq = a.bid_count + 1;
    const { endsAt, extended } = checked.value;
    await tx.db.query('insert into auction_bids (id, auction_id, seq, bidder_org_id, bidder_user_id, amount, placed_at, ends_at_after, extended) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)', [
      bidId,
      id,
      seq,
      bidderOrgId,
      actor.userId,
      input.amount,
      tx.now,
      endsAt,
      extended,
    ]);
    await tx.db.query('update auctions set highest_amount = $2, highest_bid_id = $3, bid_count = $4, ends_at = $5, updated_at = $6 where id = $1', [id, input.amount, bidId, seq, endsAt, tx.now]);
    await appendEvent(tx, {
      stream: stream(id),
      type: 'auction.bid_placed',
      payload: { bidId, seq, bidderOrgId, amount: input.amount, previousHighest: a.highest_amount, endsAt: endsAt.toISOString(), extended },
    });
    await audit(tx, { action: 'auction.bid', entity: 'auction', entityId: id, organisationId: bidderOrgId, after: { bidId, seq, amount: input.amount } });
    if (a.highest_bid_id) {
      const prev = await tx.db.query<{ bidder_org_id: string }>('select bidder_org_id from auction_bids where id = $1', [a.highest_bid_id]);
      const prevOrg = prev.rows[0]?.bidder_org_id;
      if (prevOrg && prevOrg !== bidderOrgId) {
        await notify(tx, await firmPeople(tx.db, [prevOrg]), {
          kind: 'auction.outbid',
          titleZh: `您的出价已被超过：${a.title}，当前最高 ${input.amount} 元`,
          titleEn: `You have been outbid: ${a.title}, now ${input.amount}`,
          link: `/auctions/${id}`,
        });
      }
    }
    const body: Omit<BidResult, 'replayed'> = {
      bidId,
      seq,
      amount: input.amount,
      endsAt: endsAt.toISOString(),
      extended,
      minimumNextBid: checked.value.minimumNextBid,
      explanation: checked.value.explanation,
    };
    return { status: 201, body };
  });
  return { ...res.body, replayed: res.replayed };
}

// ------------------------------------------------------------------------------------------
// Closing
// ------------------------------------------------------------------------------------------

/** After the close: the highest bid at or above the reserve wins and a draft contract is created; otherwise no sale. */
export async function closeAuction(ctx: Ctx, id: string): Promise<AuctionView> {
  await inTransaction(ctx, async (tx) => {
    const a = await loadAuction(tx.db, id, true);
    if (!runs(tx.actor, a.holder_org_id)) throw forbidden();
    if (a.status !== 'scheduled') throw new AppError('CONFLICT', { params: { detail: '竞价已结束', detailEn: 'the auction is already closed' } });
    if (tx.now.getTime() < a.ends_at.getTime()) {
      throw new AppError('CONFLICT', {
        params: { detail: `竞价截止时间为 ${a.ends_at.toISOString()}，截止后方可确认结果`, detailEn: `bidding closes at ${a.ends_at.toISOString()}; close it after that` },
      });
    }
    const { rows } = await tx.db.query<{ seq: number; amount: string; bidder_org_id: string }>('select seq, amount, bidder_org_id from auction_bids where auction_id = $1 order by seq', [id]);
    const outcome = decideOutcome(
      termsOf(a),
      rows.map((b) => ({ seq: b.seq, amount: b.amount, bidderOrgId: b.bidder_org_id })),
    );
    let contractId: string | null = null;
    if (outcome.kind === 'won') {
      const achievement = await loadRow(tx.db, a.achievement_id);
      if (!achievement) throw notFound('achievement', a.achievement_id);
      contractId = await insertContract(
        tx,
        a.holder_org_id,
        {
          kind: a.kind,
          title: `${achievement.title}（竞价成交，${outcome.winning.amount} 元）`.slice(0, 200),
          licenseeOrgId: outcome.winning.bidderOrgId,
          achievementIds: [a.achievement_id],
          licenseType: a.kind === 'license' || a.kind === 'ufpl_license' ? 'ordinary' : null,
        },
        null,
      );
      await tx.db.query("update auctions set status = 'closed_won', winner_org_id = $2, contract_id = $3, closed_at = $4, updated_at = $4 where id = $1", [
        id,
        outcome.winning.bidderOrgId,
        contractId,
        tx.now,
      ]);
    } else {
      await tx.db.query("update auctions set status = 'closed_unsold', closed_at = $2, updated_at = $2 where id = $1", [id, tx.now]);
    }
    await appendEvent(tx, {
      stream: stream(id),
      type: 'auction.closed',
      payload: {
        outcome: outcome.kind,
        winningSeq: outcome.kind === 'won' ? outcome.winning.seq : null,
        winnerOrgId: outcome.kind === 'won' ? outcome.winning.bidderOrgId : null,
        amount: outcome.kind === 'won' ? outcome.winning.amount : outcome.kind === 'reserve_not_met' ? outcome.highest.amount : null,
        contractId,
      },
      reason: outcome.explanation.zh,
    });
    await audit(tx, { action: 'auction.close', entity: 'auction', entityId: id, organisationId: a.holder_org_id, after: { outcome: outcome.kind, contractId } });
    const bidderOrgIds = await tx.db.query<{ org_id: string }>(
      'select bidder_org_id as org_id from auction_bids where auction_id = $1 union select org_id from auction_deposits where auction_id = $1',
      [id],
    );
    await notify(
      tx,
      await firmPeople(
        tx.db,
        bidderOrgIds.rows.map((r) => r.org_id),
      ),
      {
        kind: 'auction.closed',
        titleZh: `竞价结束：${a.title}。${outcome.explanation.zh}`,
        titleEn: `Auction closed: ${a.title}. ${outcome.explanation.en}`,
        link: `/auctions/${id}`,
      },
    );
  });
  return getAuction(ctx, id);
}

/** The holder's office or the operator withdraws a listing before any bid. */
export async function cancelAuction(ctx: Ctx, id: string, input: { reason: string }): Promise<AuctionView> {
  await inTransaction(ctx, async (tx: TxCtx) => {
    const a = await loadAuction(tx.db, id, true);
    if (!runs(tx.actor, a.holder_org_id)) throw forbidden();
    if (a.status !== 'scheduled') throw new AppError('CONFLICT', { params: { detail: '竞价已结束', detailEn: 'the auction is already closed' } });
    if (a.bid_count > 0) throw ruleViolation('已有出价，不能撤回挂牌', 'Bids have been placed; the listing cannot be withdrawn');
    await tx.db.query("update auctions set status = 'cancelled', closed_at = $2, updated_at = $2 where id = $1", [id, tx.now]);
    await appendEvent(tx, { stream: stream(id), type: 'auction.cancelled', payload: {}, reason: input.reason });
    await audit(tx, { action: 'auction.cancel', entity: 'auction', entityId: id, organisationId: a.holder_org_id, after: input });
  });
  return getAuction(ctx, id);
}
