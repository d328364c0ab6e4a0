import { beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../server/modules/notifications/index.js';
import { orgOf } from '../helpers/achievements.js';
import { setupTestContext, TEST_PASSWORD, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the kernel modules (organisations, people, API tokens, notifications, the
 * home page). A foreign organisation's id in a path or query answers 404 from the route's
 * organisation check; a record of another organisation addressed under one's own (a membership, a token) and
 * another person's notification answer 404, so that their existence is not revealed.
 */

const t = setupTestContext();

let hhmu: string;
let jzbu: string;
let orgAdmin: TestClient;
let foreignMembershipId: string;
let foreignTokenId: string;

beforeAll(async () => {
  orgAdmin = await t.loginAs('org_admin');
  hhmu = await orgOf(orgAdmin);
  jzbu = await orgOf(await t.loginAs('feng.qihang@demo.keqiao.cn'));
  expect(jzbu).not.toBe(hhmu);
  const admin = await t.loginAs('admin');
  const members = (await admin.request('GET', `/api/v1/orgs/${jzbu}/members`)).json();
  foreignMembershipId = members.items[0].id;
  const token = await admin.request('POST', '/api/v1/tokens', { name: '他校系统对接', organisationId: jzbu, role: 'tto_officer', scopes: ['read'] });
  expect(token.statusCode).toBe(201);
  foreignTokenId = token.json().item.id;
}, 120_000);

describe('kernel: a foreign organisation in a path or a body', () => {
  it('organisation routes of another organisation are 404 for its non-members (not revealed)', async () => {
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('GET', `/api/v1/orgs/${jzbu}`)).statusCode).toBe(404);
    const failures: string[] = [];
    const cases: { method: string; path: string; body?: unknown }[] = [
      { method: 'GET', path: `/api/v1/orgs/${jzbu}` },
      { method: 'PATCH', path: `/api/v1/orgs/${jzbu}`, body: { nameEn: 'Not ours' } },
      { method: 'GET', path: `/api/v1/orgs/${jzbu}/members` },
      { method: 'POST', path: `/api/v1/orgs/${jzbu}/members`, body: { role: 'researcher', name: '外校新人', email: 'outsider@demo.keqiao.cn', password: TEST_PASSWORD } },
      { method: 'DELETE', path: `/api/v1/orgs/${jzbu}/members/${foreignMembershipId}` },
    ];
    for (const c of cases) {
      const res = await orgAdmin.request(c.method, c.path, c.body);
      if (res.statusCode !== 404) failures.push(`${c.method} ${c.path}: want 404, got ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    // Nothing was written.
    expect((await t.db.query("select 1 from users where email = 'outsider@demo.keqiao.cn'")).rows).toEqual([]);
  });

  it("another organisation's membership under one's own organisation is 404", async () => {
    const res = await orgAdmin.request('DELETE', `/api/v1/orgs/${hhmu}/members/${foreignMembershipId}`);
    expect(res.statusCode).toBe(404);
    const admin = await t.loginAs('admin');
    expect((await admin.request('GET', `/api/v1/orgs/${jzbu}/members`)).json().items.map((m: { id: string }) => m.id)).toContain(foreignMembershipId);
  });

  it('the organisation list shows a member only their own, whatever the query', async () => {
    const researcher = await t.loginAs('researcher');
    const named = (await researcher.request('GET', `/api/v1/orgs?q=${encodeURIComponent('胶州湾')}`)).json();
    expect(named.items.every((o: { id: string }) => o.id === hhmu)).toBe(true);
    const all = (await researcher.request('GET', '/api/v1/orgs?pageSize=200')).json();
    expect(all.items.map((o: { id: string }) => o.id)).toEqual([hhmu]);
    expect(all.total).toBe(1);
  });

  it("the home page of another organisation's membership is 404", async () => {
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('GET', `/api/v1/home?organisationId=${jzbu}`)).statusCode).toBe(404);
    expect((await researcher.request('GET', `/api/v1/home?organisationId=${hhmu}`)).statusCode).toBe(200);
  });

  it('people are for administrators only: an organisation administrator is 403', async () => {
    const admin = await t.loginAs('admin');
    const someone = (await admin.request('GET', '/api/v1/users?q=zheng.xiaolan')).json().items[0];
    expect(someone).toBeDefined();
    expect((await orgAdmin.request('GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await orgAdmin.request('PATCH', `/api/v1/users/${someone.id}`, { name: '改名' })).statusCode).toBe(403);
  });
});

describe('kernel: API tokens of another organisation', () => {
  it('an organisation administrator may not issue a token for another organisation (403)', async () => {
    const res = await orgAdmin.request('POST', '/api/v1/tokens', { name: '越权', organisationId: jzbu, role: 'researcher', scopes: ['read'] });
    expect(res.statusCode).toBe(403);
  });

  it("another organisation's token is absent from the list and 404 to revoke", async () => {
    const list = (await orgAdmin.request('GET', '/api/v1/tokens?pageSize=200')).json();
    expect(list.items.some((k: { id: string }) => k.id === foreignTokenId)).toBe(false);
    expect(list.items.every((k: { organisationId: string }) => k.organisationId === hhmu)).toBe(true);
    expect((await orgAdmin.request('POST', `/api/v1/tokens/${foreignTokenId}/revoke`)).statusCode).toBe(404);
    const admin = await t.loginAs('admin');
    const still = (await admin.request('GET', '/api/v1/tokens?pageSize=200')).json().items.find((k: { id: string }) => k.id === foreignTokenId);
    expect(still.revokedAt).toBeNull();
  });
});

describe("kernel: another person's notification", () => {
  it('is 404 to mark read, and never listed', async () => {
    const { rows } = await t.db.query<{ id: string }>("select id from users where email = 'enterprise@demo.keqiao.cn'");
    await notify({ db: t.db }, [rows[0]!.id], { kind: 'test.kernel-access', titleZh: '企业的通知', titleEn: "The firm's notification" });
    const enterprise = await t.loginAs('enterprise');
    const mine = (await enterprise.request('GET', '/api/v1/notifications')).json().items.find((n: { kind: string }) => n.kind === 'test.kernel-access');
    expect(mine).toBeDefined();
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('POST', `/api/v1/notifications/${mine.id}/read`)).statusCode).toBe(404);
    const theirs = (await researcher.request('GET', '/api/v1/notifications?pageSize=200')).json().items;
    expect(theirs.some((n: { id: string }) => n.id === mine.id)).toBe(false);
    // Still unread for its owner.
    const again = (await enterprise.request('GET', '/api/v1/notifications?unreadOnly=true')).json().items;
    expect(again.some((n: { id: string }) => n.id === mine.id)).toBe(true);
  });
});
