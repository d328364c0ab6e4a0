import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, setupTestContext } from '../../../test/helpers/app.js';

const t = setupTestContext();

describe('authentication', () => {
  it('signs in by email, sets an httpOnly SameSite session cookie and a readable csrf cookie', async () => {
    const res = await t.anonymous.request('POST', '/api/v1/auth/login', { email: 'TTO@demo.keqiao.cn', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'keqiao_session')!;
    const csrf = res.cookies.find((c) => c.name === 'csrf_token')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(csrf.httpOnly).toBeFalsy();
    const me = res.json();
    expect(me.email).toBe('tto@demo.keqiao.cn');
    expect(me.memberships).toEqual([
      expect.objectContaining({ organisationKind: 'university', organisationName: '黄海海洋大学', role: 'tto_officer', creditCode: expect.stringMatching(/^[0-9A-Z]{18}$/) }),
    ]);
  });

  it('signs in by mainland mobile number in any common notation', async () => {
    const res = await t.anonymous.request('POST', '/api/v1/auth/login', { mobile: '+86 139 0000 0004', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().memberships[0].role).toBe('enterprise');
  });

  it('GET /me returns the caller with memberships; without a session it is 401 problem+json', async () => {
    const researcher = await t.loginAs('researcher');
    const me = await researcher.request('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ name: '王海洋', memberships: [{ role: 'researcher' }] });
    const anon = await t.anonymous.request('GET', '/api/v1/me', undefined, { 'accept-language': 'en-US' });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['content-type']).toContain('application/problem+json');
    expect(anon.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, detail: 'Please sign in first' });
  });

  it('refuses a wrong password with a message in the caller’s language', async () => {
    const res = await t.anonymous.request('POST', '/api/v1/auth/login', { email: 'investor@demo.keqiao.cn', password: 'nope-nope' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: '账号或密码不正确' });
  });

  it('throttles an account after five failures in 15 minutes, even for the right password, until the window passes', async () => {
    const email = 'bureau@demo.keqiao.cn';
    for (let i = 0; i < 5; i++) {
      expect((await t.anonymous.request('POST', '/api/v1/auth/login', { email, password: `wrong-${i}-xx` })).statusCode).toBe(401);
    }
    const blocked = await t.anonymous.request('POST', '/api/v1/auth/login', { email, password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('LOGIN_THROTTLED');
    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 16 * 60 * 1000);
    try {
      expect((await t.anonymous.request('POST', '/api/v1/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(200);
    } finally {
      t.clock.now = start;
    }
  });

  it('requires the CSRF header on cookie-authenticated changes', async () => {
    const c = await t.loginAs('researcher');
    const withoutHeader = await c.request('POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': '' });
    expect(withoutHeader.statusCode).toBe(403);
    expect(withoutHeader.json().code).toBe('CSRF_FAILED');
    const forged = await c.request('POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': 'forged' });
    expect(forged.json().code).toBe('CSRF_FAILED');
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('logs out: the session no longer works', async () => {
    const c = await t.loginAs('broker');
    expect((await c.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await c.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working and other sessions end', async () => {
    const a = await t.loginAs('operator');
    const b = await t.loginAs('operator');
    const wrong = await a.request('POST', '/api/v1/auth/password', { currentPassword: 'bad-bad-bad', newPassword: 'a-new-passphrase' });
    expect(wrong.json().code).toBe('WRONG_PASSWORD');
    const short = await a.request('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('body.newPassword');
    expect((await a.request('POST', '/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-passphrase' })).statusCode).toBe(204);
    expect((await a.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/me')).statusCode).toBe(401);
    const old = await t.anonymous.request('POST', '/api/v1/auth/login', { email: 'operator@demo.keqiao.cn', password: TEST_PASSWORD });
    expect(old.statusCode).toBe(401);
  });

  it('API tokens: hashed, scoped, sent as Bearer without CSRF, revocable', async () => {
    const admin = await t.loginAs('admin');
    const me = (await (await t.loginAs('tto_officer')).request('GET', '/api/v1/me')).json();
    const orgId = me.memberships[0].organisationId;
    const created = await admin.request('POST', '/api/v1/tokens', { name: '科研管理系统对接', organisationId: orgId, role: 'tto_officer', scopes: ['read'] });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^kq_/);
    const stored = await t.db.query<{ token_hash: string }>('select token_hash from api_tokens where id = $1', [item.id]);
    expect(stored.rows[0]!.token_hash).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const asToken = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(asToken.statusCode).toBe(200);
    expect(asToken.json()).toMatchObject({ via: 'token', memberships: [{ organisationId: orgId, role: 'tto_officer' }] });
    // A read-only token cannot change anything.
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer });
    expect(write.json()).toMatchObject({ code: 'TOKEN_SCOPE' });

    expect((await admin.request('POST', `/api/v1/tokens/${item.id}/revoke`)).json().revokedAt).toBeTruthy();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer kq_unknown' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('an organisation administrator issues tokens only for their own organisation and ordinary roles', async () => {
    const orgAdmin = await t.loginAs('org_admin');
    const me = (await orgAdmin.request('GET', '/api/v1/me')).json();
    const own = me.memberships[0].organisationId;
    const ok = await orgAdmin.request('POST', '/api/v1/tokens', { name: 'x', organisationId: own, role: 'researcher', scopes: ['read', 'write'] });
    expect(ok.statusCode).toBe(201);
    const privileged = await orgAdmin.request('POST', '/api/v1/tokens', { name: 'x', organisationId: own, role: 'admin', scopes: ['read'] });
    expect(privileged.statusCode).toBe(403);
    const bureau = (await (await t.loginAs('bureau')).request('GET', '/api/v1/me')).json();
    const other = await orgAdmin.request('POST', '/api/v1/tokens', { name: 'x', organisationId: bureau.memberships[0].organisationId, role: 'researcher', scopes: ['read'] });
    expect(other.statusCode).toBe(403);
  });

  it('every change is audited without secrets', async () => {
    const { rows } = await t.db.query<{ action: string; after: unknown }>("select action, after from audit_log where action like 'token.%' or action = 'auth.password_changed'");
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['token.created', 'token.revoked', 'auth.password_changed']));
    expect(JSON.stringify(rows)).not.toMatch(/kq_[A-Za-z0-9_-]{20}/);
  });
});
