import { describe, expect, it } from 'vitest';
import { CURRENT_NDA } from '../../common/deals.js';
import { orgOf, publicAchievement } from '../helpers/achievements.js';
import { setupTestContext, type TestClient } from '../helpers/app.js';
import { AUCTION_TERMS } from '../../server/modules/auctions/auctions.fixtures.js';

/**
 * Per-record access of the deal room and the auctions: a firm or an office that is not a party of
 * room R gets 404 on every /deal-rooms/{roomId}… route (existence is not revealed) and changes
 * nothing; another institution's office gets 404 on an achievement's confidential pack; a foreign
 * organisation's id in a body is refused (403) and in a query finds nothing. Auctions are public
 * listings: anyone signed in sees one, but only who runs it sees the reserve, the deposits and the
 * bidders' names, and another office may not run it (403: the auction itself is public).
 */

const t = setupTestContext();

const PACK = Buffer.from('lot,o2\n1,7.9\n', 'utf8');
const offer = { kind: 'license', amount: '200000.00', terms: '普通许可，三年', validUntil: '2026-12-31' };

async function status(client: TestClient, method: string, url: string, body?: unknown) {
  return (await client.request(method, url, body ?? (method === 'GET' ? undefined : {}))).statusCode;
}

describe('deal room R: only its firm and the holder’s office', () => {
  it('answers 404 to a firm and an office that are not parties, on every route of the room, and changes nothing', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('enterprise');
    const otherFirm = await t.loginAs('han.yu@demo.keqiao.cn');
    const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const researcher = await t.loginAs('researcher');
    const achievementId = await publicAchievement(office, '海参养殖水质在线监测（记录权限测试）');

    const up = await office.request('POST', `/api/v1/achievements/${achievementId}/deal-pack`, { filename: 'data.csv', contentType: 'text/csv', dataBase64: PACK.toString('base64') });
    expect(up.statusCode).toBe(201);
    const fileId = up.json().id as string;
    const room = (await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '能否试用？', requestPack: true })).json();
    const roomId = room.id as string;
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: CURRENT_NDA.version, accept: true })).statusCode).toBe(200);
    expect((await firm.request('GET', `/api/v1/deal-rooms/${roomId}/pack/${fileId}`)).statusCode).toBe(200);
    const made = await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, offer, { 'idempotency-key': 'access-records-offer-1' });
    expect(made.statusCode).toBe(201);
    const offerId = made.json().offers[0].id as string;
    const before = (await office.request('GET', `/api/v1/deal-rooms/${roomId}`)).json();

    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/deal-rooms/${roomId}`],
      ['GET', `/api/v1/deal-rooms/${roomId}/messages`],
      ['GET', `/api/v1/deal-rooms/${roomId}/pack-access`],
      ['GET', `/api/v1/deal-rooms/${roomId}/pack/${fileId}`],
      ['POST', `/api/v1/deal-rooms/${roomId}/messages`, { body: '我也想谈谈' }],
      ['POST', `/api/v1/deal-rooms/${roomId}/offers`, offer],
      ['POST', `/api/v1/deal-rooms/${roomId}/offers/${offerId}/counter`, offer],
      ['POST', `/api/v1/deal-rooms/${roomId}/offers/${offerId}/accept`, {}],
      ['POST', `/api/v1/deal-rooms/${roomId}/offers/${offerId}/decline`, { reason: '不合适' }],
    ];
    for (const [method, url, body] of routes) {
      expect(await status(otherFirm, method, url, body), `${method} ${url} as another firm`).toBe(404);
      expect(await status(otherOffice, method, url, body), `${method} ${url} as another office`).toBe(404);
      // Roles outside the deal room are refused by the route before the record.
      expect(await status(researcher, method, url, body), `${method} ${url} as a researcher`).toBe(403);
    }
    // The NDA is the inquiring firm's: another firm gets 404; an office is refused by role (403).
    expect(await status(otherFirm, 'POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: CURRENT_NDA.version, accept: true })).toBe(404);
    expect(await status(otherOffice, 'POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: CURRENT_NDA.version, accept: true })).toBe(403);
    // A room that does not exist answers the same as one that is not yours.
    expect(await status(otherFirm, 'GET', `/api/v1/deal-rooms/${crypto.randomUUID()}`)).toBe(404);

    // Nothing changed: no message, offer or pack access was added by the outsiders.
    const after = (await office.request('GET', `/api/v1/deal-rooms/${roomId}`)).json();
    expect(after.messagesTotal).toBe(before.messagesTotal);
    expect(after.offers).toEqual(before.offers);
    expect(after.packAccesses).toBe(before.packAccesses);
    expect(after.status).toBe('open');

    // The parties still reach it.
    expect(await status(firm, 'GET', `/api/v1/deal-rooms/${roomId}`)).toBe(200);
    expect(await status(office, 'GET', `/api/v1/deal-rooms/${roomId}/pack-access`)).toBe(200);
  });

  it('another institution’s office gets 404 on the confidential pack; a foreign organisation in a query finds nothing, in a body is refused', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('enterprise');
    const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const otherFirm = await t.loginAs('han.yu@demo.keqiao.cn');
    const achievementId = await publicAchievement(office, '贝类净化车间智能控制（记录权限测试）');
    expect((await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '价格？' })).statusCode).toBe(201);

    expect(await status(otherOffice, 'GET', `/api/v1/achievements/${achievementId}/deal-pack`)).toBe(404);
    expect(await status(otherOffice, 'POST', `/api/v1/achievements/${achievementId}/deal-pack`, { filename: 'x.txt', contentType: 'text/plain', dataBase64: 'eA==' })).toBe(404);
    expect(await status(office, 'GET', `/api/v1/achievements/${achievementId}/deal-pack`)).toBe(200);

    // The rooms of another institution's achievement: an empty page, not theirs to list.
    const listed = (await otherOffice.request('GET', `/api/v1/deal-rooms?achievementId=${achievementId}`)).json();
    expect(listed).toMatchObject({ items: [], total: 0, page: 1 });
    expect((await otherFirm.request('GET', `/api/v1/deal-rooms?achievementId=${achievementId}`)).json().items).toEqual([]);
    expect((await office.request('GET', `/api/v1/deal-rooms?achievementId=${achievementId}`)).json().total).toBe(1);

    // Asking for another firm (an organisation the caller does not belong to) is refused.
    const firmOrg = await orgOf(firm);
    expect(await status(otherFirm, 'POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '冒充', firmOrgId: firmOrg })).toBe(403);
  });
});

describe('auctions: public listings, private runner’s view', () => {
  it('shows the reserve, deposits and bidder names only to who runs the auction; another office may not run it', async () => {
    const start = t.clock.now;
    try {
      const office = await t.loginAs('tto_officer');
      const achievementId = await publicAchievement(office, '海带深加工副产物提取（记录权限测试）');
      const terms = AUCTION_TERMS;
      const created = await office.request('POST', `/api/v1/achievements/${achievementId}/auctions`, terms);
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const bidderOrg = await orgOf(await t.loginAs('enterprise'));
      expect((await office.request('POST', `/api/v1/auctions/${id}/deposits`, { orgId: bidderOrg, amount: '10000.00' })).statusCode).toBe(200);

      // Another institution's office: not the runner of this auction (403) and cannot list for this achievement (404).
      const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
      expect(await status(otherOffice, 'POST', `/api/v1/auctions/${id}/deposits`, { orgId: bidderOrg, amount: '10000.00' })).toBe(403);
      expect(await status(otherOffice, 'POST', `/api/v1/auctions/${id}/cancel`, { reason: '不是我们的' })).toBe(403);
      expect(await status(otherOffice, 'POST', `/api/v1/auctions/${id}/close`)).toBe(403);
      expect(await status(otherOffice, 'POST', `/api/v1/achievements/${achievementId}/auctions`, terms)).toBe(404);
      const outsiderView = (await otherOffice.request('GET', `/api/v1/auctions/${id}`)).json();
      expect(outsiderView).toMatchObject({ canRun: false, reservePrice: null, hasReserve: true, deposits: [] });

      // Bidding: the bidder is a number to everyone but the runner.
      t.clock.now = new Date('2026-12-07T01:30:00Z');
      const bidder = await t.loginAs('enterprise');
      expect((await bidder.request('POST', `/api/v1/auctions/${id}/bids`, { amount: '100000.00' })).statusCode).toBe(201);
      const stranger = await t.loginAs('han.yu@demo.keqiao.cn');
      // A bid for a firm the caller does not belong to is refused.
      expect(await status(stranger, 'POST', `/api/v1/auctions/${id}/bids`, { amount: '105000.00', bidderOrgId: bidderOrg })).toBe(403);
      const seen = (await stranger.request('GET', `/api/v1/auctions/${id}`)).json();
      expect(seen).toMatchObject({ deposits: [], reservePrice: null, myDeposit: false, canBid: false });
      expect(seen.bids).toEqual([expect.objectContaining({ bidder: '竞买人 1', mine: false })]);
      const strangerBids = (await stranger.request('GET', `/api/v1/auctions/${id}/bids`)).json();
      expect(strangerBids).toMatchObject({ total: 1, page: 1 });
      expect(strangerBids.items).toEqual([expect.objectContaining({ bidder: '竞买人 1', mine: false })]);
      expect((await bidder.request('GET', `/api/v1/auctions/${id}/bids`)).json().items).toEqual([expect.objectContaining({ bidder: '竞买人 1', mine: true })]);
      const runner = await t.loginAs('tto_officer');
      const runnerView = (await runner.request('GET', `/api/v1/auctions/${id}`)).json();
      expect(runnerView).toMatchObject({ canRun: true, reservePrice: '150000.00', deposits: [expect.objectContaining({ orgId: bidderOrg })] });
      expect((await runner.request('GET', `/api/v1/auctions/${id}/bids`)).json().items[0].bidder).not.toMatch(/^竞买人/);
    } finally {
      t.clock.now = start;
    }
  }, 60_000);
});
