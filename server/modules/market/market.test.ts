import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { NO_GOOD_MATCH_THRESHOLD } from './match.rules.js';
import { matchDemand, matchDemandText } from './market.service.js';

const t = setupTestContext();

async function demoListing(title: string): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>(`select id from achievements where title = $1`, [title]);
  return rows[0]!.id;
}

const DO_SENSING = '基于原位荧光传感的深远海网箱溶解氧监测系统';

describe('market: the machine contract', () => {
  it('POST /market/demands takes { title, description } and the matches answer { items: [{ achievementId, score, explanation }], noGoodMatch }', async () => {
    const firm = await t.loginAs('enterprise');
    const res = await firm.request('POST', '/api/v1/market/demands', { title: '网箱里的鱼夏天老缺氧', description: '网箱里的鱼夏天老缺氧，死了不少，想有个办法早点知道。' });
    expect(res.statusCode, res.body).toBe(201);
    const demand = res.json();
    expect(demand).toMatchObject({ title: '网箱里的鱼夏天老缺氧', status: 'open', visibility: 'public' });
    expect(demand.number).toMatch(/^XQ-\d{4}-\d{6}$/);

    const m = await firm.request('GET', `/api/v1/market/demands/${demand.id}/matches?limit=5`);
    expect(m.statusCode, m.body).toBe(200);
    const body = m.json();
    expect(Object.keys(body).sort()).toEqual(['items', 'noGoodMatch']);
    expect(body.noGoodMatch).toBe(false);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
    for (const it of body.items) {
      expect(typeof it.achievementId).toBe('string');
      expect(typeof it.score).toBe('number');
      expect(it.explanation).toHaveProperty('terms');
      expect(it.explanation).toHaveProperty('fit');
    }
    // In-situ dissolved-oxygen sensing first, over the aeration ship and the rest.
    expect(body.items[0].achievementId).toBe(await demoListing(DO_SENSING));
    expect(body.items[0].score).toBeGreaterThanOrEqual(NO_GOOD_MATCH_THRESHOLD);
    const used = body.items[0].explanation.synonymsUsed.map((s: { from: string; to: string }) => `${s.from}→${s.to}`);
    expect(used).toContain('缺氧→溶解氧');

    // The other way: the achievement finds the demand.
    const office = await t.loginAs('tto_officer');
    const back = await office.request('GET', `/api/v1/market/achievements/${body.items[0].achievementId}/matches?limit=10`);
    expect(back.statusCode, back.body).toBe(200);
    expect(Object.keys(back.json()).sort()).toEqual(['items', 'noGoodMatch']);
    expect(back.json().items.map((i: { demandId: string }) => i.demandId)).toContain(demand.id);
  });

  it('an unrelated demand has no good match', async () => {
    const firm = await t.loginAs('enterprise');
    const res = await firm.request('POST', '/api/v1/market/demands', { title: '找直播带货团队', description: '我们想找一个做直播带货的团队，帮我们在网上卖衣服。' });
    expect(res.statusCode, res.body).toBe(201);
    const m = (await firm.request('GET', `/api/v1/market/demands/${res.json().id}/matches`)).json();
    expect(m.noGoodMatch).toBe(true);
  });

  it('the matcher is callable directly, for stored demands and for plain text', async () => {
    const firm = await t.loginAs('enterprise');
    const d = (await firm.request('POST', '/api/v1/market/demands', { title: '船老生锈', description: '我们的船在海水里泡久了老是生锈，油漆掉得快。', fieldCode: 'MAT' })).json();
    const ctx = { db: t.db, now: t.clock.now, actor: null, locale: 'zh-CN' as const, requestId: 'test', ip: null };
    const me = (await firm.request('GET', '/api/v1/me')).json();
    const actorCtx = { ...ctx, actor: { userId: me.id, name: me.name, via: 'session' as const, tokenId: null, sessionIdHash: null, csrfToken: null, scopes: [], memberships: me.memberships } };
    const stored = await matchDemand(actorCtx, d.id, 3);
    expect(stored.items[0]!.title).toBe('船用铝合金石墨烯改性防腐涂层');
    const plain = await matchDemandText(ctx, { title: '船老生锈', description: '我们的船在海水里泡久了老是生锈，油漆掉得快。', fieldCode: 'MAT' }, 3);
    expect(plain.items[0]!.achievementId).toBe(stored.items[0]!.achievementId);
  });
});

describe('market: bad input', () => {
  it('refuses an empty demand and a 100,000-character one, naming the limit; nothing is stored', async () => {
    const firm = await t.loginAs('enterprise');
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from market_demands')).rows[0]!.n;
    const empty = await firm.request('POST', '/api/v1/market/demands', { title: '', description: '' });
    expect(empty.statusCode).toBe(400);
    expect(
      empty
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.description', 'body.title']);
    const blank = await firm.request('POST', '/api/v1/market/demands', { title: '   ', description: '  ' });
    expect(blank.statusCode).toBe(400);
    const huge = await firm.request('POST', '/api/v1/market/demands', { title: '缺氧', description: '鱼'.repeat(100_000) }, { 'accept-language': 'en-US' });
    expect(huge.statusCode).toBe(400);
    const err = huge.json().errors.find((e: { field: string }) => e.field === 'body.description');
    expect(err.message).toMatch(/5,000/);
    const zh = await firm.request('POST', '/api/v1/market/demands', { title: '缺氧', description: '鱼'.repeat(100_000) }, { 'accept-language': 'zh-CN' });
    expect(zh.json().errors[0].message).toMatch(/5000 字/);
    const missing = await firm.request('POST', '/api/v1/market/demands', {});
    expect(missing.statusCode).toBe(400);
    const past = await firm.request('POST', '/api/v1/market/demands', { title: '缺氧', description: '鱼缺氧', deadline: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('body.deadline');
    const field = await firm.request('POST', '/api/v1/market/demands', { title: '缺氧', description: '鱼缺氧', fieldCode: 'NOPE' });
    expect(field.statusCode).toBe(400);
    const budget = await firm.request('POST', '/api/v1/market/demands', { title: '缺氧', description: '鱼缺氧', budget: 12.5 });
    expect(budget.statusCode).toBe(400);
    const after = (await t.db.query<{ n: number }>('select count(*)::int as n from market_demands')).rows[0]!.n;
    expect(after).toBe(before);
  });

  it('a retry with the same Idempotency-Key returns the first demand and posts nothing twice', async () => {
    const firm = await t.loginAs('enterprise');
    const body = { title: '冷库耗电高', description: '水产品冷库夏天耗电太高' };
    const a = await firm.request('POST', '/api/v1/market/demands', body, { 'idempotency-key': 'demand-retry-0001' });
    const b = await firm.request('POST', '/api/v1/market/demands', body, { 'idempotency-key': 'demand-retry-0001' });
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const n = await t.db.query<{ n: number }>(`select count(*)::int as n from market_demands where title = '冷库耗电高'`);
    expect(n.rows[0]!.n).toBe(1);
    const other = await firm.request('POST', '/api/v1/market/demands', { ...body, title: '别的' }, { 'idempotency-key': 'demand-retry-0001' });
    expect(other.statusCode).toBe(422);
  });

  it('stores HTML and script as text, unchanged, and never interprets it', async () => {
    const firm = await t.loginAs('enterprise');
    const title = '<script>alert("x")</script><b>缺氧</b>';
    const res = await firm.request('POST', '/api/v1/market/demands', { title, description: '<img src=x onerror=alert(1)> 网箱缺氧' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const got = (await firm.request('GET', `/api/v1/market/demands/${res.json().id}`)).json();
    expect(got.title).toBe(title);
    expect(got.description).toBe('<img src=x onerror=alert(1)> 网箱缺氧');
  });
});
