import { describe, expect, it } from 'vitest';
import { CURRENT_NDA } from '../../../common/deals.js';
import { publicAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { dealFunnelCounts } from './deals.service.js';

const t = setupTestContext();

const PACK = Buffer.from('溶解氧传感器标定数据（保密）\nlot,o2\n1,7.9\n', 'utf8');

describe('deal room: inquiry → NDA → pack → messages → offers → draft contract', () => {
  it('walks the whole deal and refuses bad input without changing anything', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('enterprise');
    const stranger = await t.loginAs('han.yu@demo.keqiao.cn');
    const achievementId = await publicAchievement(office, '深远海网箱溶解氧原位监测（洽谈测试）');

    // The office puts one file in the confidential pack.
    const up = await office.request('POST', `/api/v1/achievements/${achievementId}/deal-pack`, { filename: '标定数据.csv', contentType: 'text/csv', dataBase64: PACK.toString('base64') });
    expect(up.statusCode).toBe(201);
    const fileId = up.json().id as string;
    // A firm cannot upload to a pack (offices only).
    expect((await firm.request('POST', `/api/v1/achievements/${achievementId}/deal-pack`, { filename: 'x.txt', contentType: 'text/plain', dataBase64: 'eA==' })).statusCode).toBe(403);

    // Bad inquiries: empty, 100,000 characters.
    expect((await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, {})).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '问'.repeat(100_000) })).statusCode).toBe(400);

    // The firm asks, with HTML in the question, and requests the pack.
    const question = '<script>alert("x")</script>夏天网箱缺氧，这个能用吗？<b>价格</b>';
    const opened = await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question, requestPack: true });
    expect(opened.statusCode).toBe(201);
    const room = opened.json();
    expect(room).toMatchObject({ mySide: 'firm', status: 'open', packRequested: true, nda: { accepted: false, version: CURRENT_NDA.version }, packFiles: [] });
    expect(room.messages).toEqual([expect.objectContaining({ side: 'firm', body: question })]);
    const roomId = room.id as string;
    // Asking again reuses the room.
    expect((await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '补充：网箱在黄海。' })).json().id).toBe(roomId);

    // The office was told.
    const bell = (await office.request('GET', '/api/v1/notifications')).json();
    expect(bell.items.some((n: { kind: string; link: string }) => n.kind === 'deal.inquiry' && n.link === `/deals/${roomId}`)).toBe(true);

    // Before the NDA the pack is closed; a stranger sees nothing at all.
    const early = await firm.request('GET', `/api/v1/deal-rooms/${roomId}/pack/${fileId}`);
    expect(early.statusCode).toBe(422);
    expect((await stranger.request('GET', `/api/v1/deal-rooms/${roomId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/v1/deal-rooms/${roomId}/pack/${fileId}`)).statusCode).toBe(404);

    // NDA: a stale version is refused, the current one recorded with who/when/IP/hash.
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: '2020-01-v0', accept: true })).statusCode).toBe(409);
    expect((await office.request('POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: CURRENT_NDA.version, accept: true })).statusCode).toBe(403);
    const nda = (await firm.request('POST', `/api/v1/deal-rooms/${roomId}/nda`, { version: CURRENT_NDA.version, accept: true })).json();
    expect(nda.nda).toMatchObject({ accepted: true, version: CURRENT_NDA.version, acceptedBy: '陈企' });
    expect(nda.nda.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(nda.nda.acceptedAt).toBe(t.clock.now.toISOString());
    expect(nda.packFiles).toEqual([expect.objectContaining({ id: fileId, filename: '标定数据.csv' })]);

    // The firm reads the file; the holder sees the access, the firm does not see the log.
    const file = await firm.request('GET', `/api/v1/deal-rooms/${roomId}/pack/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PACK)).toBe(true);
    const holderView = (await office.request('GET', `/api/v1/deal-rooms/${roomId}`)).json();
    expect(holderView.mySide).toBe('holder');
    expect(holderView.packAccesses).toBe(1);
    const accessLog = (await office.request('GET', `/api/v1/deal-rooms/${roomId}/pack-access`)).json();
    expect(accessLog.items).toEqual([expect.objectContaining({ filename: '标定数据.csv', user: '陈企' })]);
    expect(accessLog).toMatchObject({ total: 1, totalCapped: false, page: 1 });
    expect(holderView.nda.acceptedIp).toBeTruthy();
    expect((await firm.request('GET', `/api/v1/deal-rooms/${roomId}`)).json().packAccesses).toBe(0);
    expect((await firm.request('GET', `/api/v1/deal-rooms/${roomId}/pack-access`)).json().items).toEqual([]);
    const overview = (await office.request('GET', `/api/v1/achievements/${achievementId}/deal-pack`)).json();
    expect(overview.items[0]).toMatchObject({ id: fileId, accesses: 1 });

    // Messages both ways.
    const reply = await office.request('POST', `/api/v1/deal-rooms/${roomId}/messages`, { body: '可以，支持先使用后付费。' });
    expect(reply.json().messages.at(-1)).toMatchObject({ side: 'holder', body: '可以，支持先使用后付费。', author: '李转化' });
    expect(reply.json().messagesTotal).toBe(reply.json().messages.length);
    // The whole conversation is a page, newest first.
    const conversation = (await firm.request('GET', `/api/v1/deal-rooms/${roomId}/messages?pageSize=1`)).json();
    expect(conversation).toMatchObject({ total: reply.json().messagesTotal, totalCapped: false, page: 1, pageSize: 1 });
    expect(conversation.items).toEqual([expect.objectContaining({ side: 'holder', body: '可以，支持先使用后付费。' })]);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/messages`, { body: '   ' })).statusCode).toBe(400);

    // Offers: bad input first.
    const offer = { kind: 'license', amount: '300000.00', terms: '普通许可，山东省内', validUntil: '2026-12-31' };
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, amount: '-5.00' })).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, amount: '1.234' })).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, validUntil: '2026-01-01' })).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, kind: 'gift' })).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, amount: null, terms: '' })).statusCode).toBe(400);

    // The same idempotency key twice records one offer.
    const o1 = await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, offer, { 'idempotency-key': 'offer-0001-abcdef' });
    expect(o1.statusCode).toBe(201);
    expect(o1.json()).toMatchObject({ replayed: false });
    const o1again = await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, offer, { 'idempotency-key': 'offer-0001-abcdef' });
    expect(o1again.json()).toMatchObject({ replayed: true });
    expect(o1again.json().offers).toHaveLength(1);
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, { ...offer, amount: '1.00' }, { 'idempotency-key': 'offer-0001-abcdef' })).statusCode).toBe(422);
    // One open offer at a time; the maker cannot accept its own offer.
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, offer)).statusCode).toBe(409);
    const firstOfferId = o1.json().offers[0].id as string;
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers/${firstOfferId}/accept`)).statusCode).toBe(422);

    // The office counters; the firm accepts; the contract is drafted and linked.
    const counter = await office.request('POST', `/api/v1/deal-rooms/${roomId}/offers/${firstOfferId}/counter`, { ...offer, amount: '450000.00', terms: '普通许可，全国' });
    expect(counter.statusCode).toBe(201);
    const offers = counter.json().offers;
    expect(offers.map((o: { status: string; side: string }) => [o.side, o.status])).toEqual([
      ['firm', 'countered'],
      ['holder', 'open'],
    ]);
    expect((await office.request('POST', `/api/v1/deal-rooms/${roomId}/offers/${firstOfferId}/accept`)).statusCode).toBe(409);
    const accepted = await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers/${offers[1].id}/accept`, undefined, { 'idempotency-key': 'accept-0001-abcdef' });
    expect(accepted.statusCode).toBe(200);
    const done = accepted.json();
    expect(done.status).toBe('deal');
    expect(done.contractId).toBeTruthy();
    expect(done.offers[1]).toMatchObject({ status: 'accepted', contractId: done.contractId });
    // An agreed price: the 15-day publicity before signing is stated.
    expect(done.pricing).toMatchObject({ method: 'agreement', publicityMinDays: 15 });
    expect(done.pricing.zh).toContain('公示不少于 15 日');
    const again = await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers/${offers[1].id}/accept`, undefined, { 'idempotency-key': 'accept-0001-abcdef' });
    expect(again.json()).toMatchObject({ replayed: true, contractId: done.contractId });
    const contract = (await firm.request('GET', `/api/v1/contracts/${done.contractId}`)).json();
    expect(contract).toMatchObject({ kind: 'license', status: 'draft', achievementIds: [achievementId], licenseType: 'ordinary' });
    expect(contract.title).toContain('450000.00');
    // After the deal no further offers.
    expect((await firm.request('POST', `/api/v1/deal-rooms/${roomId}/offers`, offer)).statusCode).toBe(409);

    expect(await dealFunnelCounts(t, achievementId)).toEqual({ inquiries: 1, ndas: 1, offers: 2, deals: 1 });
    // The market listing's funnel shows the same counts.
    const funnel = (await office.request('GET', `/api/v1/market/achievements/${achievementId}/funnel`)).json();
    expect(funnel).toMatchObject({ inquiries: 1, ndas: 1, offers: 2, deals: 1 });
    expect(funnel.sources).toContain('deal_rooms');
    const list = (await office.request('GET', `/api/v1/deal-rooms?achievementId=${achievementId}`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: roomId, mySide: 'holder', ndaAccepted: true, offers: 2, packAccesses: 1, contractId: done.contractId })]);
    expect((await stranger.request('GET', `/api/v1/deal-rooms?achievementId=${achievementId}`)).json().items).toEqual([]);

    const events = await t.db.query<{ type: string }>('select type from ledger_events where stream = $1 order by seq', [`deal:${roomId}`]);
    expect(events.rows.map((e) => e.type)).toEqual(['deal.inquiry_opened', 'deal.pack_requested', 'deal.nda_accepted', 'deal.offer_made', 'deal.offer_countered', 'deal.offer_accepted']);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('declines, lets an expired offer lapse, and keeps unpublished achievements closed to inquiries', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('yang.shen@demo.keqiao.cn');
    const achievementId = await publicAchievement(office, '水下机器人自适应控制（洽谈测试二）');
    const room = (await firm.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '能否面议？' })).json();
    const made = (await firm.request('POST', `/api/v1/deal-rooms/${room.id}/offers`, { kind: 'equity', amount: null, terms: '以技术作价入股，占股比例面议', validUntil: '2026-12-01' })).json();
    expect(made.offers[0]).toMatchObject({ negotiable: true, amount: null, kind: 'equity' });
    const declined = (await office.request('POST', `/api/v1/deal-rooms/${room.id}/offers/${made.offers[0].id}/decline`, { reason: '暂不考虑入股' })).json();
    expect(declined.offers[0].status).toBe('declined');
    expect(declined.messages.at(-1)).toMatchObject({ side: 'holder', body: '暂不考虑入股' });

    // An offer that expired can no longer be accepted; a new offer replaces it.
    const second = (await office.request('POST', `/api/v1/deal-rooms/${room.id}/offers`, { kind: 'transfer', amount: '800000.00', validUntil: '2026-11-30' })).json();
    const saved = t.clock.now;
    t.clock.now = new Date('2026-12-02T02:00:00Z');
    try {
      const f2 = await t.loginAs('yang.shen@demo.keqiao.cn');
      expect((await f2.request('GET', `/api/v1/deal-rooms/${room.id}`)).json().openOfferExpired).toBe(true);
      expect((await f2.request('POST', `/api/v1/deal-rooms/${room.id}/offers/${second.offers[1].id}/accept`)).statusCode).toBe(422);
      const fresh = (await f2.request('POST', `/api/v1/deal-rooms/${room.id}/offers`, { kind: 'transfer', amount: '600000.00', validUntil: '2026-12-31' })).json();
      expect(fresh.offers.map((o: { status: string }) => o.status)).toEqual(['declined', 'declined', 'open']);
    } finally {
      t.clock.now = saved;
    }

    // Unpublished: no new inquiries (404), the existing room stays readable to its parties.
    expect((await office.request('POST', `/api/v1/achievements/${achievementId}/unpublish`)).statusCode).toBe(200);
    const other = await t.loginAs('enterprise');
    expect((await other.request('POST', `/api/v1/achievements/${achievementId}/inquiries`, { question: '还在吗？' })).statusCode).toBe(404);
    expect((await firm.request('GET', `/api/v1/deal-rooms/${room.id}`)).statusCode).toBe(200);
  });
});
