import { describe, expect, it } from 'vitest';
import { orgOf, publicAchievement, sampleAchievement } from '../helpers/achievements.js';
import { setupTestContext, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the market. A demand belongs to its firm (its organisation's enterprise
 * members and org admins, its author) and the platform: anyone else who may read it (a public
 * demand) still gets 404 editing, closing it or touching its match feedback, and a platform-only
 * demand is 404 to other members altogether. A listing is changed and its funnel read by its own
 * office only (404 for another institution's). Market routes take no organisation id in a path or
 * query: the caller's organisations come from the session.
 */

const t = setupTestContext();

async function status(client: TestClient, method: string, url: string, body?: unknown) {
  return (await client.request(method, url, body ?? (method === 'GET' ? undefined : {}))).statusCode;
}

describe("another firm's demand", () => {
  it('is 404 to edit, close or give feedback on, even when it is public; a platform-only one is 404 to read', async () => {
    const firm = await t.loginAs('enterprise');
    const otherFirm = await t.loginAs('han.yu@demo.keqiao.cn');
    const broker = await t.loginAs('broker');
    const operator = await t.loginAs('operator');
    const pub = (await firm.request('POST', '/api/v1/market/demands', { title: '网箱养殖溶解氧监测', description: '夏季网箱缺氧，需要在线监测溶解氧并预警' })).json();
    const hidden = (await firm.request('POST', '/api/v1/market/demands', { title: '海水淡化能耗高', description: '反渗透装置电费太高', visibility: 'platform' })).json();
    const top = (await firm.request('GET', `/api/v1/market/demands/${pub.id}/matches`)).json().items[0];
    expect(top).toBeTruthy();

    // A public demand is readable, with its matches.
    expect(await status(otherFirm, 'GET', `/api/v1/market/demands/${pub.id}`)).toBe(200);
    expect(await status(otherFirm, 'GET', `/api/v1/market/demands/${pub.id}/matches`)).toBe(200);
    // But it is not theirs to change, nor its feedback theirs to read or give.
    for (const outsider of [otherFirm, broker]) {
      expect(await status(outsider, 'PATCH', `/api/v1/market/demands/${pub.id}`, { title: '改掉' })).toBe(404);
      expect(await status(outsider, 'POST', `/api/v1/market/demands/${pub.id}/close`, { reason: '关掉' })).toBe(404);
      expect(await status(outsider, 'POST', `/api/v1/market/demands/${pub.id}/feedback`, { achievementId: top.achievementId, verdict: 'relevant' })).toBe(404);
      expect(await status(outsider, 'GET', `/api/v1/market/demands/${pub.id}/feedback`)).toBe(404);
    }
    // A platform-only demand does not exist for other members.
    for (const [method, url, body] of [
      ['GET', `/api/v1/market/demands/${hidden.id}`],
      ['GET', `/api/v1/market/demands/${hidden.id}/matches`],
      ['GET', `/api/v1/market/demands/${hidden.id}/feedback`],
      ['PATCH', `/api/v1/market/demands/${hidden.id}`, { title: '改掉' }],
      ['POST', `/api/v1/market/demands/${hidden.id}/close`, { reason: '关掉' }],
    ] as const) {
      expect(await status(otherFirm, method, url, body), `${method} ${url}`).toBe(404);
    }
    // A demand that does not exist answers the same.
    expect(await status(otherFirm, 'PATCH', `/api/v1/market/demands/${crypto.randomUUID()}`, { title: '改掉' })).toBe(404);

    // Nothing changed; the firm and the platform still act on it.
    const after = (await firm.request('GET', `/api/v1/market/demands/${pub.id}`)).json();
    expect(after).toMatchObject({ status: 'open', version: pub.version, title: pub.title });
    expect((await firm.request('GET', `/api/v1/market/demands/${pub.id}/feedback`)).json()).toMatchObject({ items: [], total: 0 });
    expect(await status(operator, 'GET', `/api/v1/market/demands/${hidden.id}/feedback`)).toBe(200);
    expect(await status(firm, 'POST', `/api/v1/market/demands/${pub.id}/feedback`, { achievementId: top.achievementId, verdict: 'relevant' })).toBe(201);

    // My demands are my organisations' only.
    const theirs = (await otherFirm.request('GET', '/api/v1/market/my-demands?pageSize=200')).json();
    expect(theirs.items.map((d: { id: string }) => d.id)).not.toContain(pub.id);
    const mine = (await firm.request('GET', '/api/v1/market/my-demands')).json();
    expect(mine).toMatchObject({ page: 1, totalCapped: false });
    expect(mine.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([pub.id, hidden.id]));
  });
});

describe("another institution's listing", () => {
  it('is 404 to change or to read the funnel of; an unpublished achievement has no listing or matches', async () => {
    const office = await t.loginAs('tto_officer');
    const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const firm = await t.loginAs('enterprise');
    const id = await publicAchievement(office, '海洋牧场水下机器人巡检（记录权限测试）');
    expect(await status(otherOffice, 'PATCH', `/api/v1/market/achievements/${id}`, { expiresOn: '2027-06-30' })).toBe(404);
    expect(await status(otherOffice, 'GET', `/api/v1/market/achievements/${id}/funnel`)).toBe(404);
    expect(await status(firm, 'GET', `/api/v1/market/achievements/${id}/funnel`)).toBe(404);
    expect((await firm.request('GET', `/api/v1/market/achievements/${id}`)).json().canEdit).toBe(false);
    expect(await status(office, 'GET', `/api/v1/market/achievements/${id}/funnel`)).toBe(200);

    const draft = (await office.request('POST', `/api/v1/orgs/${await orgOf(office)}/achievements`, sampleAchievement({ title: '未公开的成果（记录权限测试）' }))).json();
    expect(draft.id).toBeTruthy();
    expect(await status(firm, 'GET', `/api/v1/market/achievements/${draft.id}`)).toBe(404);
    expect(await status(firm, 'GET', `/api/v1/market/achievements/${draft.id}/matches`)).toBe(404);
    expect(await status(otherOffice, 'GET', `/api/v1/market/achievements/${draft.id}/matches`)).toBe(404);
    expect(await status(t.anonymous, 'GET', `/api/v1/market/achievements/${draft.id}`)).toBe(404);
  });
});
