import { describe, expect, it } from 'vitest';
import { setupTestContext, TEST_NOW } from '../../../test/helpers/app.js';
import { notify } from './notifications.service.js';

const t = setupTestContext();

async function userIdOf(role: 'researcher' | 'enterprise' | 'admin'): Promise<string> {
  return (await (await t.loginAs(role)).request('GET', '/api/v1/me')).json().id;
}

const reminder = (n: number) => ({
  kind: 'contract.payment-due',
  titleZh: `第 ${n} 期款项即将到期`,
  titleEn: `Instalment ${n} falls due soon`,
  bodyZh: '请按合同约定付款。',
  bodyEn: 'Please pay as the contract says.',
  link: '/contracts/HT-2026-000123',
  dedupeKey: `payment-due:HT-2026-000123:${n}`,
});

describe('notifications', () => {
  it('notify posts one per user in the caller’s transaction; a repeated reminder is a no-op per user', async () => {
    const [researcher, enterprise] = [await userIdOf('researcher'), await userIdOf('enterprise')];
    const posted = await t.db.transaction((tx) => notify({ db: tx, now: TEST_NOW }, [researcher, enterprise, researcher], reminder(1)));
    expect(posted).toBe(2);
    expect(await notify({ db: t.db }, [researcher, enterprise], reminder(1))).toBe(0);
    await expect(
      t.db.transaction(async (tx) => {
        await notify({ db: tx }, [researcher], reminder(2));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow();
    const { rows } = await t.db.query('select 1 from notifications where dedupe_key = $1', [reminder(2).dedupeKey]);
    expect(rows).toEqual([]);
  });

  it('skips deactivated users', async () => {
    const [researcher, enterprise] = [await userIdOf('researcher'), await userIdOf('enterprise')];
    await t.db.query('update users set is_active = false where id = $1', [enterprise]);
    expect(await notify({ db: t.db }, [researcher, enterprise], reminder(7))).toBe(1);
    const { rows } = await t.db.query('select user_id from notifications where dedupe_key = $1', [reminder(7).dedupeKey]);
    expect(rows).toEqual([{ user_id: researcher }]);
    await t.db.query('update users set is_active = true where id = $1', [enterprise]);
    await t.db.query('delete from notifications where dedupe_key = $1', [reminder(7).dedupeKey]);
  });

  it('refuses links that are not app paths or https URLs', async () => {
    const researcher = await userIdOf('researcher');
    for (const link of ['javascript:alert(1)', '//evil.example/x', 'http://plain.example']) {
      await expect(notify({ db: t.db }, [researcher], { ...reminder(9), link })).rejects.toThrow(/link/);
    }
    expect(await notify({ db: t.db }, [], reminder(9))).toBe(0);
  });

  it('lists only the caller’s own notifications, newest first, in their language, with paging and an unread count', async () => {
    const researcherId = await userIdOf('researcher');
    for (let n = 3; n <= 6; n++) await notify({ db: t.db, now: new Date(TEST_NOW.getTime() + n * 1000) }, [researcherId], reminder(n));
    const researcher = await t.loginAs('researcher');
    const zh = (await researcher.request('GET', '/api/v1/notifications?pageSize=2')).json();
    expect(zh.items.map((i: { title: string }) => i.title)).toEqual(['第 6 期款项即将到期', '第 5 期款项即将到期']);
    expect(zh.items[0]).toMatchObject({ kind: 'contract.payment-due', body: '请按合同约定付款。', link: '/contracts/HT-2026-000123', readAt: null });
    const next = (await researcher.request('GET', '/api/v1/notifications?pageSize=2&page=2', undefined, { 'accept-language': 'en-US' })).json();
    expect(next.items.map((i: { title: string }) => i.title)).toEqual(['Instalment 4 falls due soon', 'Instalment 3 falls due soon']);
    const all = (await researcher.request('GET', '/api/v1/notifications?pageSize=200')).json();
    expect(all.items).toHaveLength(5);
    expect(all).toMatchObject({ total: 5, totalCapped: false });
    expect((await researcher.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ count: 5 });

    const enterprise = await t.loginAs('enterprise');
    expect((await enterprise.request('GET', '/api/v1/notifications')).json().items).toHaveLength(1);
    expect((await t.anonymous.request('GET', '/api/v1/notifications')).statusCode).toBe(401);
  });

  it('marks one read (only one’s own: another person’s is 404), then all', async () => {
    const researcher = await t.loginAs('researcher');
    const enterprise = await t.loginAs('enterprise');
    const [latest] = (await researcher.request('GET', '/api/v1/notifications?pageSize=1')).json().items;
    expect((await enterprise.request('POST', `/api/v1/notifications/${latest.id}/read`)).statusCode).toBe(404);
    expect((await researcher.request('GET', '/api/v1/notifications/unread-count')).json().count).toBe(5);

    expect((await researcher.request('POST', `/api/v1/notifications/${latest.id}/read`)).statusCode).toBe(204);
    expect((await researcher.request('POST', `/api/v1/notifications/${latest.id}/read`)).statusCode).toBe(204); // again: harmless
    const unread = (await researcher.request('GET', '/api/v1/notifications?unreadOnly=true')).json();
    expect(unread.items).toHaveLength(4);
    expect(unread.items.some((i: { id: string }) => i.id === latest.id)).toBe(false);
    const read = (await researcher.request('GET', '/api/v1/notifications?unreadOnly=false&pageSize=1')).json().items[0];
    expect(read.readAt).toBe(TEST_NOW.toISOString());

    expect((await researcher.request('POST', '/api/v1/notifications/read-all')).json()).toEqual({ updated: 4 });
    expect((await researcher.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await enterprise.request('GET', '/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('bad input: a malformed id, a page that is not a number, a non-boolean filter → 400 naming the field', async () => {
    const researcher = await t.loginAs('researcher');
    const badId = await researcher.request('POST', '/api/v1/notifications/not-a-uuid/read');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('params.notificationId');
    const badPage = await researcher.request('GET', `/api/v1/notifications?page=${encodeURIComponent('1; drop table users; --')}`);
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().errors[0].field).toBe('query.page');
    const badFlag = await researcher.request('GET', '/api/v1/notifications?unreadOnly=maybe');
    expect(badFlag.json().errors[0].field).toBe('query.unreadOnly');
  });
});
