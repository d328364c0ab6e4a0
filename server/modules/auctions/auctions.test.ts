import { describe, expect, it } from 'vitest';
import { orgOf, publicAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { AUCTION_TERMS } from './auctions.fixtures.js';

const t = setupTestContext();

const terms = AUCTION_TERMS;
const FIRMS = ['enterprise@demo.keqiao.cn', 'han.yu@demo.keqiao.cn', 'yang.shen@demo.keqiao.cn', 'cao.bi@demo.keqiao.cn'];

/** Sets the clock and signs everyone in again (sessions follow the clock). */
async function at(iso: string) {
  t.clock.now = new Date(iso);
  const firms = await Promise.all(FIRMS.map((e) => t.loginAs(e)));
  return { firms, office: await t.loginAs('tto_officer'), operator: await t.loginAs('operator') };
}

describe('auctions: listing with publicity, English auction, concurrent bids, winner to contract', () => {
  it('runs a whole auction', async () => {
    const start = t.clock.now;
    try {
      const office = await t.loginAs('tto_officer');
      const operator = await t.loginAs('operator');
      const achievementId = await publicAchievement(office, '海水淡化膜抗污染改性技术（竞价测试）');

      // Bad terms: bidding inside the publicity, reserve below the start, a firm listing.
      const early = await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, { ...terms, startsAt: '2026-12-04T09:00:00+08:00' });
      expect(early.statusCode).toBe(400);
      expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.startsAt']);
      expect((await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, { ...terms, reservePrice: '50000.00' })).statusCode).toBe(400);
      expect((await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, { ...terms, increment: '0.00' })).statusCode).toBe(400);
      expect((await (await t.loginAs('enterprise')).request('POST', `/api/v1/achievements/${achievementId}/auctions`, terms)).statusCode).toBe(403);

      const created = await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, terms);
      expect(created.statusCode).toBe(201);
      const auction = created.json();
      expect(auction).toMatchObject({ phase: 'publicity', minimumNextBid: '100000.00', reservePrice: '150000.00', publicity: { lastDay: '2026-12-04', biddingFrom: '2026-12-05' } });
      expect(auction.publicity.explanation.zh).toContain('5 个工作日');
      const id = auction.id as string;
      expect((await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, terms)).statusCode).toBe(409);

      // Deposits recorded by the operator for four firms; a firm sees no reserve price.
      const orgIds: string[] = [];
      for (const email of FIRMS) orgIds.push(await orgOf(await t.loginAs(email)));
      for (const orgId of orgIds) expect((await operator.request('POST', `/api/v1/auctions/${id}/deposits`, { orgId, amount: '10000.00', reference: '银行回单' })).statusCode).toBe(200);
      expect((await operator.request('POST', `/api/v1/auctions/${id}/deposits`, { orgId: orgIds[0], amount: '10000.00' })).statusCode).toBe(409);
      const seaweed = await t.loginAs('peng.zao@demo.keqiao.cn');
      expect((await operator.request('POST', `/api/v1/auctions/${id}/deposits`, { orgId: await orgOf(seaweed), amount: '9999.99' })).statusCode).toBe(400);
      const firmView = (await (await t.loginAs('enterprise')).request('GET', `/api/v1/auctions/${id}`)).json();
      expect(firmView).toMatchObject({ reservePrice: null, hasReserve: true, myDeposit: true, canBid: false, deposits: [] });

      // During the publicity no bid stands.
      expect((await (await t.loginAs('enterprise')).request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' })).statusCode).toBe(409);

      // Bidding opens.
      let s = await at('2026-12-07T01:30:00Z');
      expect((await seaweed.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' })).statusCode).toBe(401); // old session
      const seaweed2 = await t.loginAs('peng.zao@demo.keqiao.cn');
      const noDeposit = await seaweed2.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' });
      expect(noDeposit.statusCode).toBe(422);
      const low = await s.firms[0]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '99000.00' });
      expect(low.statusCode).toBe(422);
      expect(low.json().detail).toContain('100000.00');
      expect((await s.firms[0]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '-1' })).statusCode).toBe(400);

      // The first bid, and its retry with the same key: one bid.
      const first = await s.firms[0]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' }, { 'idempotency-key': 'bid-first-000001' });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ seq: 1, minimumNextBid: '105000.00', replayed: false, extended: false });
      const retry = await s.firms[0]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' }, { 'idempotency-key': 'bid-first-000001' });
      expect(retry.json()).toMatchObject({ bidId: first.json().bidId, seq: 1, replayed: true });
      expect((await s.firms[0]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '200000.00' }, { 'idempotency-key': 'bid-first-000001' })).statusCode).toBe(422);
      // The same key sent twice at once: one bid, and both answers name it.
      const twice = await Promise.all([0, 1].map(() => s.firms[1]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '105000.00' }, { 'idempotency-key': 'bid-twice-000001' })));
      expect(twice.map((r) => r.statusCode)).toEqual([201, 201]);
      expect(twice[0]!.json().bidId).toBe(twice[1]!.json().bidId);
      expect(twice.map((r) => r.json().replayed).sort()).toEqual([false, true]);
      // Below the increment.
      const inc = await s.firms[1]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '109999.99' });
      expect(inc.statusCode).toBe(422);
      expect(inc.json().detail).toContain('110000.00');

      // Twenty bids at once from four firms, in nearly rising amounts (neighbours swapped): taken in
      // the order sent, every other one would stand; concurrency decides the real order.
      const amounts = Array.from({ length: 20 }, (_, k) => (105_000 + 5_000 * (k % 2 === 0 ? k + 1 : k - 1)).toFixed(2));
      const results = await Promise.all(amounts.map((amount, i) => s.firms[i % 4]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount }, { 'idempotency-key': `bid-concurrent-${i}-abcdef` })));
      const accepted = results.filter((r) => r.statusCode === 201).map((r) => r.json());
      const refused = results.filter((r) => r.statusCode !== 201);
      expect(accepted.length + refused.length).toBe(20);
      expect(accepted.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.statusCode).toBe(422);
        expect(r.json().code).toBe('BUSINESS_RULE');
        expect(r.json().detail).toMatch(/不低于 \d+\.\d{2} 元/);
      }
      // The highest amount can never be refused.
      expect(accepted.map((b) => b.amount)).toContain('200000.00');
      const { rows: bids } = await t.db.query<{ id: string; seq: number; amount: string }>(`select id, seq, amount::text from auction_bids where auction_id = $1 order by seq`, [id]);
      expect(bids.map((b) => b.seq)).toEqual(bids.map((_, i) => i + 1));
      expect(bids).toHaveLength(2 + accepted.length); // the first bid and the twice-sent one, once
      for (let i = 1; i < bids.length; i++) expect(Number(bids[i]!.amount) - Number(bids[i - 1]!.amount)).toBeGreaterThanOrEqual(5000);
      for (const b of accepted) expect(bids.filter((x) => x.id === b.bidId)).toHaveLength(1);
      const events = await t.db.query<{ n: number }>("select count(*)::int as n from ledger_events where stream = $1 and type = 'auction.bid_placed'", [`auction:${id}`]);
      expect(events.rows[0]!.n).toBe(bids.length);

      // Anti-sniping: a bid three minutes before the close moves it five minutes.
      s = await at('2026-12-07T01:57:00Z');
      const view = (await s.firms[2]!.request('GET', `/api/v1/auctions/${id}`)).json();
      expect(view).toMatchObject({ phase: 'open', canBid: true, highestAmount: '200000.00', minimumNextBid: '205000.00', reserveMet: true });
      expect(view.bids[0].bidder).toMatch(/^竞买人 \d$/);
      const snipe = await s.firms[2]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '205000.00' });
      expect(snipe.json()).toMatchObject({ extended: true, endsAt: '2026-12-07T02:05:00.000Z' });
      expect((await s.office.request('POST', `/api/v1/auctions/${id}/close`)).statusCode).toBe(409);

      // After the (extended) close: no bid stands; the office closes; the winner gets a draft contract.
      s = await at('2026-12-07T02:05:00Z');
      const late = await s.firms[3]!.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '300000.00' });
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toContain('截止');
      const closed = (await s.office.request('POST', `/api/v1/auctions/${id}/close`)).json();
      expect(closed).toMatchObject({ status: 'closed_won', phase: 'closed_won', winner: { id: orgIds[2] } });
      expect(closed.contractId).toBeTruthy();
      const winnerView = (await s.firms[2]!.request('GET', `/api/v1/auctions/${id}`)).json();
      expect(winnerView.contractId).toBe(closed.contractId);
      expect((await s.firms[0]!.request('GET', `/api/v1/auctions/${id}`)).json().contractId).toBeNull();
      const contract = (await s.firms[2]!.request('GET', `/api/v1/contracts/${closed.contractId}`)).json();
      expect(contract).toMatchObject({ kind: 'transfer', status: 'draft', achievementIds: [achievementId], licensee: { id: orgIds[2] } });
      expect(contract.title).toContain('205000.00');
      expect((await s.office.request('POST', `/api/v1/auctions/${id}/close`)).statusCode).toBe(409);
      expect((await s.office.request('GET', `/api/v1/market/achievements/${achievementId}/funnel`)).json()).toMatchObject({ deals: 1 });
      const bell = (await s.firms[0]!.request('GET', '/api/v1/notifications')).json();
      expect(bell.items.some((n: { kind: string }) => n.kind === 'auction.outbid')).toBe(true);
      expect((await verifyLedger(t.db)).ok).toBe(true);
    } finally {
      t.clock.now = start;
    }
  }, 120_000);

  it('reserve not met: no sale, no contract; a listing without bids can be withdrawn', async () => {
    const start = t.clock.now;
    try {
      const office = await t.loginAs('tto_officer');
      const achievementId = await publicAchievement(office, '近海养殖尾水生态处理（竞价测试二）');
      const a = (await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, { ...terms, reservePrice: '500000.00', publicityDayKind: 'calendar', publicityDays: 7 })).json();
      expect(a.publicity).toMatchObject({ lastDay: '2026-12-04', biddingFrom: '2026-12-05' });
      const firmOrg = await orgOf(await t.loginAs('enterprise'));
      await office.request('POST', `/api/v1/auctions/${a.id}/deposits`, { orgId: firmOrg, amount: '10000.00' });
      let s = await at('2026-12-07T01:30:00Z');
      expect((await s.firms[0]!.request('POST', `/api/v1/auctions/${a.id}/bids`, { amount: '120000.00' })).statusCode).toBe(201);
      s = await at('2026-12-07T02:00:00Z');
      const closed = (await s.office.request('POST', `/api/v1/auctions/${a.id}/close`)).json();
      expect(closed).toMatchObject({ status: 'closed_unsold', winner: null, contractId: null, reserveMet: false });

      t.clock.now = start;
      const o2 = await t.loginAs('tto_officer');
      const b = (await o2.request('POST', `/api/v1/achievements/${achievementId}/auctions`, terms)).json();
      expect((await o2.request('POST', `/api/v1/auctions/${b.id}/cancel`, { reason: '改为协议定价' })).json().status).toBe('cancelled');
    } finally {
      t.clock.now = start;
    }
  }, 60_000);
});
