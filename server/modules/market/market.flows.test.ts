import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { sampleAchievement } from '../../../test/helpers/achievements.js';
import { insertAchievement } from '../achievements/achievements.service.js';
import { expiryThresholdDue, remindExpiringListings } from './market.listings.js';
import { notifyNewListingMatches } from './market.notify.js';

const t = setupTestContext();

async function listingId(title: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>('select id from achievements where title = $1', [title]);
  return rows[0]!.id;
}
const DO_SENSING = '基于原位荧光传感的深远海网箱溶解氧监测系统';

describe('market search', () => {
  it('finds listings by Chinese words, highlights them, counts facets, pages on the server', async () => {
    const res = await t.anonymous.request('GET', `/api/v1/market/achievements?q=${encodeURIComponent('溶解氧')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items[0].title).toBe(DO_SENSING);
    expect(body.items[0].titleHighlight.filter((f: { hit: boolean }) => f.hit).map((f: { text: string }) => f.text)).toContain('溶解氧');
    expect(body.facets.field.length).toBeGreaterThan(0);
    expect(body.facets.field.reduce((s: number, f: { count: number }) => s + f.count, 0)).toBe(body.total);
    const all = (await t.anonymous.request('GET', '/api/v1/market/achievements?pageSize=5&page=2')).json();
    expect(all.items.length).toBe(5);
    expect(all.total).toBeGreaterThan(10);
    expect(all).toMatchObject({ page: 2, pageSize: 5, totalCapped: false });
    // The common page fields: sort by publication, oldest first; with a text query the hits are then unranked.
    const oldest = (await t.anonymous.request('GET', '/api/v1/market/achievements?sort=publishedAt&order=asc&pageSize=50')).json();
    const published = oldest.items.map((i: { publishedAt: string }) => i.publishedAt);
    expect(published).toEqual([...published].sort());
    const byDate = (await t.anonymous.request('GET', `/api/v1/market/achievements?q=${encodeURIComponent('溶解氧')}&sort=publishedAt`)).json();
    expect(byDate.total).toBe(body.total);
    expect((await t.anonymous.request('GET', '/api/v1/market/achievements?sort=title')).statusCode).toBe(400);
    // Only public listings: the internal 微塑料 instrument is not there.
    const internal = (await t.anonymous.request('GET', `/api/v1/market/achievements?q=${encodeURIComponent('微塑料')}`)).json();
    expect(internal.items.map((i: { title: string }) => i.title)).not.toContain('海水中微塑料在线计数与分类仪');
  });

  it('filters by field, TRL, price band and cooperation mode', async () => {
    const f = (await t.anonymous.request('GET', '/api/v1/market/achievements?fieldCode=MAR-EQP&trlMin=7&mode=license')).json();
    for (const i of f.items) {
      expect(i.fieldCode).toBe('MAR-EQP');
      expect(i.trl).toBeGreaterThanOrEqual(7);
      expect(i.cooperationModes).toContain('license');
    }
    const p = (await t.anonymous.request('GET', '/api/v1/market/achievements?priceBand=500k_1m')).json();
    for (const i of p.items) expect(Number(i.askingPrice)).toBeGreaterThanOrEqual(500000);
  });

  it('tolerates pinyin and a homophone typo', async () => {
    const py = (await t.anonymous.request('GET', '/api/v1/market/achievements?q=rongjieyang')).json();
    expect(py.items[0]?.title).toBe(DO_SENSING);
    expect(py.query.corrections[0]).toEqual({ from: 'rongjieyang', to: ['溶解氧'] });
    const typo = (await t.anonymous.request('GET', `/api/v1/market/achievements?q=${encodeURIComponent('容解氧')}`)).json();
    expect(typo.items[0]?.title).toBe(DO_SENSING);
  });

  it('searches open demands for signed-in members only', async () => {
    const firm = await t.loginAs('enterprise');
    await firm.request('POST', '/api/v1/market/demands', { title: '养殖池水质氨氮超标', description: '对虾养殖池氨氮老超标，需要在线监测', region: '370211' });
    expect((await t.anonymous.request('GET', '/api/v1/market/demands')).statusCode).toBe(401);
    const broker = await t.loginAs('broker');
    const r = (await broker.request('GET', `/api/v1/market/demands?q=${encodeURIComponent('氨氮')}`)).json();
    expect(r.items[0].title).toBe('养殖池水质氨氮超标');
    expect(r.facets.region).toContainEqual({ key: '370211', count: 1 });
  });
});

describe('demands: edit, close, visibility', () => {
  it('the firm edits and closes its demand; another firm cannot; a platform-only demand is hidden from other members', async () => {
    const firm = await t.loginAs('enterprise');
    const d = (await firm.request('POST', '/api/v1/market/demands', { title: '海水淡化能耗高', description: '反渗透装置电费太高', visibility: 'platform', budget: '300000' })).json();
    expect(d.budget).toBe('300000.00');
    const edited = await firm.request('PATCH', `/api/v1/market/demands/${d.id}`, { targets: '吨水电耗降到 3 度以下', version: d.version });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(d.version + 1);
    const stale = await firm.request('PATCH', `/api/v1/market/demands/${d.id}`, { targets: 'x', version: d.version });
    expect(stale.statusCode).toBe(422);
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('GET', `/api/v1/market/demands/${d.id}`)).statusCode).toBe(404);
    const operator = await t.loginAs('operator');
    expect((await operator.request('GET', `/api/v1/market/demands/${d.id}`)).statusCode).toBe(200);
    const closed = await firm.request('POST', `/api/v1/market/demands/${d.id}/close`, { reason: '已解决' });
    expect(closed.json().status).toBe('closed');
    expect((await firm.request('PATCH', `/api/v1/market/demands/${d.id}`, { title: '再改' })).statusCode).toBe(422);
    const mine = (await firm.request('GET', '/api/v1/market/my-demands?status=closed')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(d.id);
    const events = await t.db.query<{ type: string }>('select type from ledger_events where stream = $1 order by seq', [`demand:${d.id}`]);
    expect(events.rows.map((e) => e.type)).toEqual(['demand.posted', 'demand.updated', 'demand.closed']);
  });
});

describe('feedback and the synonym map', () => {
  it('stores structured feedback with the score; "other" needs a note', async () => {
    const firm = await t.loginAs('enterprise');
    const d = (await firm.request('POST', '/api/v1/market/demands', { title: '网箱鱼缺氧', description: '夏天网箱里的鱼缺氧' })).json();
    const top = (await firm.request('GET', `/api/v1/market/demands/${d.id}/matches`)).json().items[0];
    const fb = await firm.request('POST', `/api/v1/market/demands/${d.id}/feedback`, { achievementId: top.achievementId, verdict: 'too_expensive' });
    expect(fb.statusCode, fb.body).toBe(201);
    expect(fb.json().score).toBe(top.score);
    expect((await firm.request('POST', `/api/v1/market/demands/${d.id}/feedback`, { achievementId: top.achievementId, verdict: 'other' })).statusCode).toBe(400);
    expect((await firm.request('POST', `/api/v1/market/demands/${d.id}/feedback`, { achievementId: top.achievementId, verdict: 'great' })).statusCode).toBe(400);
    const list = (await firm.request('GET', `/api/v1/market/demands/${d.id}/feedback`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].verdict).toBe('too_expensive');
  });

  it('an operator adds a firm word; matching uses it at once, the map version rises, the edit is on the ledger', async () => {
    const firm = await t.loginAs('enterprise');
    const d = (await firm.request('POST', '/api/v1/market/demands', { title: '鲍鱼翻肚', description: '鲍鱼翻肚' })).json();
    const before = (await firm.request('GET', `/api/v1/market/demands/${d.id}/matches`)).json();
    expect(before.noGoodMatch).toBe(true);
    const operator = await t.loginAs('operator');
    const v0 = (await operator.request('GET', '/api/v1/market/synonyms')).json().version;
    const put = await operator.request('PUT', '/api/v1/market/synonyms', { term: '翻肚', expansions: ['溶解氧', '低氧'], weight: '0.9', note: '养殖户说法' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).not.toBe(v0);
    const after = (await firm.request('GET', `/api/v1/market/demands/${d.id}/matches`)).json();
    expect(after.items[0].title).toBe(DO_SENSING);
    expect(after.items[0].explanation.synonymsUsed).toContainEqual({ from: '翻肚', to: '溶解氧' });
    expect((await firm.request('PUT', '/api/v1/market/synonyms', { term: 'x', expansions: ['y'] })).statusCode).toBe(403);
    const reset = await operator.request('DELETE', `/api/v1/market/synonyms/${encodeURIComponent('翻肚')}`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().items.find((i: { term: string }) => i.term === '翻肚')).toBeUndefined();
    const events = await t.db.query<{ type: string }>(`select type from ledger_events where stream = 'market:synonyms' order by seq`);
    expect(events.rows.map((e) => e.type)).toEqual(['market.synonym_set', 'market.synonym_reset']);
  });
});

describe('listings', () => {
  it('a buyer-oriented page counts views; the funnel shows them; the office renews the expiry and adds indicators', async () => {
    const id = await listingId(DO_SENSING);
    const page = await t.anonymous.request('GET', `/api/v1/market/achievements/${id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ title: DO_SENSING, trl: 7, priceNegotiable: false, expired: false });
    expect(page.json().holder.name).toBeTruthy();
    await t.anonymous.request('GET', `/api/v1/market/achievements/${id}`);
    const office = await t.loginAs('tto_officer');
    const funnel = (await office.request('GET', `/api/v1/market/achievements/${id}/funnel`)).json();
    expect(funnel).toMatchObject({ views: 2, inquiries: 0, ndas: 0, offers: 0, deals: 0 });
    const firm = await t.loginAs('enterprise');
    expect((await firm.request('GET', `/api/v1/market/achievements/${id}/funnel`)).statusCode).toBe(404);
    const upd = await office.request('PATCH', `/api/v1/market/achievements/${id}`, { indicators: [{ name: '测量精度', value: '±0.1', unit: 'mg/L' }], expiresOn: '2027-06-30' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ expiresOn: '2027-06-30', indicators: [{ name: '测量精度', value: '±0.1', unit: 'mg/L' }] });
    expect((await office.request('PATCH', `/api/v1/market/achievements/${id}`, { expiresOn: '2020-01-01' })).statusCode).toBe(400);
    expect((await firm.request('PATCH', `/api/v1/market/achievements/${id}`, { expiresOn: '2027-01-01' })).statusCode).toBe(403);
    // An internal achievement has no listing page.
    const internal = await listingId('海水中微塑料在线计数与分类仪');
    expect((await t.anonymous.request('GET', `/api/v1/market/achievements/${internal}`)).statusCode).toBe(404);
  });

  it('reminds the office 30 and 7 days before a listing expires, once per threshold', async () => {
    expect(expiryThresholdDue('2026-12-20', '2026-11-28')).toBe(30);
    expect(expiryThresholdDue('2026-12-03', '2026-11-28')).toBe(7);
    expect(expiryThresholdDue('2027-03-01', '2026-11-28')).toBeNull();
    expect(expiryThresholdDue('2026-11-01', '2026-11-28')).toBeNull();
    const id = await listingId('船舶能效管理数据平台');
    const office = await t.loginAs('tto_officer');
    expect((await office.request('PATCH', `/api/v1/market/achievements/${id}`, { expiresOn: '2026-12-20' })).statusCode).toBe(200);
    expect(await remindExpiringListings(t.db, t.clock.now)).toBeGreaterThanOrEqual(1);
    expect(await remindExpiringListings(t.db, t.clock.now)).toBe(0);
    const n = (await office.request('GET', '/api/v1/notifications')).json();
    expect(n.items.some((x: { title: string }) => x.title.includes('船舶能效管理数据平台'))).toBe(true);
  });
});

describe('new listings notify matching demands', () => {
  it('a listing published after a demand notifies its author once; an unrelated one does not', async () => {
    await notifyNewListingMatches(t.db, t.clock.now, 10_000); // catch up with the demo's publications
    const firm = await t.loginAs('enterprise');
    const d = (await firm.request('POST', '/api/v1/market/demands', { title: '扇贝养殖筏架被风浪打坏', description: '海上扇贝养殖筏架冬天风浪大，经常被打坏，想要抗风浪的筏架' })).json();
    const office = await t.loginAs('tto_officer');
    const orgId = (await office.request('GET', '/api/v1/me')).json().memberships[0].organisationId;
    const later = new Date(t.clock.now.getTime() + 60_000);
    await t.db.transaction(async (db) => {
      const tx = { db, actor: null, now: later, locale: 'zh-CN' as const, requestId: 't', ip: null };
      await insertAchievement(
        tx,
        orgId,
        sampleAchievement({
          title: '抗风浪扇贝养殖筏架',
          summary: '采用高密度聚乙烯浮筒与柔性锚泊，12 级风浪下筏架完好，适用于开放海域扇贝养殖。',
          keywords: ['扇贝', '筏架', '抗风浪'],
          fieldCode: 'MAR-AQU',
          subfieldCode: 'MAR-AQU-05',
          trl: 7,
        }) as never,
        { initialStatus: 'assessed', visibility: 'public' },
      );
      await insertAchievement(
        tx,
        orgId,
        sampleAchievement({ title: '高熵合金刀具涂层', summary: '物理气相沉积高熵合金涂层，刀具寿命提高一倍。', keywords: ['刀具', '涂层'], fieldCode: 'MAT', subfieldCode: 'MAT-05' }) as never,
        {
          initialStatus: 'assessed',
          visibility: 'public',
        },
      );
    });
    expect(await notifyNewListingMatches(t.db, later)).toBe(1);
    expect(await notifyNewListingMatches(t.db, later)).toBe(0);
    const n = (await firm.request('GET', '/api/v1/notifications')).json();
    const hit = n.items.find((x: { link: string | null }) => x.link === `/market/demands/${d.id}`);
    expect(hit.title).toContain('扇贝养殖筏架被风浪打坏');
  });
});
