import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { officePeople } from './index.js';

const t = setupTestContext();
const newCode = (n: number) => makeCreditCode(`91370212MA${String(n).padStart(7, '0')}`);

async function countOrgs() {
  return (await t.db.query<{ n: number }>('select count(*) as n from organisations')).rows[0]!.n;
}

describe('organisations', () => {
  it('an administrator registers an organisation with a verified credit code, audited with the after-image', async () => {
    const admin = await t.loginAs('admin');
    const res = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: '青岛测试海洋科技有限公司', creditCode: newCode(1).toLowerCase(), district: '370212' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'enterprise', creditCode: newCode(1), district: '370212', memberCount: 0 });
    const audit = await t.db.query<{ after: { name: string } }>("select after from audit_log where action = 'org.created' and entity_id = $1", [res.json().id]);
    expect(audit.rows[0]!.after.name).toBe('青岛测试海洋科技有限公司');
  });

  it('refuses a credit code with a wrong check digit, naming the field, and writes nothing', async () => {
    const admin = await t.loginAs('admin');
    const good = newCode(2);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await countOrgs();
    const res = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: '校验位错误公司', creditCode: bad, district: '370212' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors[0].field).toBe('body.creditCode');
    expect(res.json().errors[0].message).toMatch(/校验/);
    expect(await countOrgs()).toBe(before);
  });

  it('refuses a duplicate credit code with 409', async () => {
    const admin = await t.loginAs('admin');
    const res = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: '重复公司', creditCode: newCode(1), district: '370212' }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain(newCode(1));
  });

  it('bad input: malformed JSON, wrong types, unknown fields, oversized bodies → 4xx problem+json naming the field', async () => {
    const admin = await t.loginAs('admin');
    const malformed = await admin.request('POST', '/api/v1/orgs', '{"kind": "enterprise",', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('MALFORMED_JSON');

    const wrongType = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: 42, creditCode: newCode(3), district: '370212' });
    expect(wrongType.json().errors).toEqual([expect.objectContaining({ field: 'body.name' })]);

    const unknown = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: '多余字段公司', creditCode: newCode(3), district: '370212', ceo: '某人' }, { 'accept-language': 'en-US' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'body.ceo', message: 'Unknown field: ceo' }]);

    const huge = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: 'x'.repeat(1_100_000), creditCode: newCode(3), district: '370212' });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('PAYLOAD_TOO_LARGE');

    const district = await admin.request('POST', '/api/v1/orgs', { kind: 'enterprise', name: '错误区县公司', creditCode: newCode(3), district: '999999' });
    expect(district.json().errors[0].field).toBe('body.district');
    expect(await t.db.query('select 1 from organisations where credit_code = $1', [newCode(3)])).toEqual({ rows: [] });
  });

  it('lists all organisations for the bureau, only one’s own for a researcher, by pages', async () => {
    const bureau = await t.loginAs('bureau');
    const first = (await bureau.request('GET', '/api/v1/orgs?pageSize=10')).json();
    expect(first.items).toHaveLength(10);
    expect(first).toMatchObject({ page: 1, pageSize: 10, totalCapped: false });
    expect(first.total).toBeGreaterThan(10);
    const second = (await bureau.request('GET', '/api/v1/orgs?pageSize=10&page=2')).json();
    expect(second.items[0].name >= first.items[9].name && second.items[0].id !== first.items[9].id).toBe(true);
    const researcher = await t.loginAs('researcher');
    const own = (await researcher.request('GET', '/api/v1/orgs')).json();
    expect(own.items.map((o: { name: string }) => o.name)).toEqual(['黄海海洋大学']);
    const filtered = (await bureau.request('GET', '/api/v1/orgs?kind=hospital')).json();
    expect(filtered.items.map((o: { kind: string }) => o.kind)).toEqual(['hospital']);
  });

  it('an organisation administrator edits their own organisation’s name but not its credit code, nor another organisation', async () => {
    const orgAdmin = await t.loginAs('org_admin');
    const own = (await orgAdmin.request('GET', '/api/v1/me')).json().memberships[0].organisationId;
    expect((await orgAdmin.request('PATCH', `/api/v1/orgs/${own}`, { nameEn: 'YSOU' })).json().nameEn).toBe('YSOU');
    expect((await orgAdmin.request('PATCH', `/api/v1/orgs/${own}`, { creditCode: newCode(9) })).statusCode).toBe(403);
    const others = (await (await t.loginAs('bureau')).request('GET', '/api/v1/orgs?kind=hospital')).json().items;
    // Another organisation is not revealed to an administrator of this one.
    expect((await orgAdmin.request('PATCH', `/api/v1/orgs/${others[0].id}`, { nameEn: 'x' })).statusCode).toBe(404);
  });

  it('refuses a parent cycle', async () => {
    const admin = await t.loginAs('admin');
    const orgs = (await admin.request('GET', '/api/v1/orgs?q=黄海海洋大学')).json().items as Array<{ id: string; parentId: string | null }>;
    const parent = orgs.find((o) => !o.parentId)!;
    const child = orgs.find((o) => o.parentId === parent.id)!;
    const res = await admin.request('PATCH', `/api/v1/orgs/${parent.id}`, { parentId: child.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.parentId');
  });

  it('members: an organisation administrator adds a new researcher, refuses a role that does not fit, removes', async () => {
    const orgAdmin = await t.loginAs('org_admin');
    const own = (await orgAdmin.request('GET', '/api/v1/me')).json().memberships[0].organisationId;
    const added = await orgAdmin.request('POST', `/api/v1/orgs/${own}/members`, { role: 'researcher', name: '新研究员', mobile: '138-0000-0099', password: 'a-good-passphrase' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ role: 'researcher', mobile: '13800000099' });
    const badPhone = await orgAdmin.request('POST', `/api/v1/orgs/${own}/members`, { role: 'researcher', name: '手机号错', mobile: '12345', password: 'a-good-passphrase' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().errors[0].field).toContain('mobile');
    const unfit = await orgAdmin.request('POST', `/api/v1/orgs/${own}/members`, { role: 'enterprise', userId: added.json().userId });
    expect(unfit.statusCode).toBe(400);
    const privileged = await orgAdmin.request('POST', `/api/v1/orgs/${own}/members`, { role: 'org_admin', userId: added.json().userId });
    expect(privileged.statusCode).toBe(403);
    expect((await orgAdmin.request('DELETE', `/api/v1/orgs/${own}/members/${added.json().id}`)).statusCode).toBe(204);
    const members = (await orgAdmin.request('GET', `/api/v1/orgs/${own}/members`)).json().items;
    expect(members.some((m: { name: string }) => m.name === '新研究员')).toBe(false);
  });

  it("officePeople: an organisation's active office people, each once, without deactivated users", async () => {
    const admin = await t.loginAs('admin');
    const office = await t.loginAs('tto_officer');
    const orgId = (await office.request('GET', '/api/v1/me')).json().memberships[0].organisationId;
    const before = await officePeople(t.db, orgId);
    expect(before.map((p) => p.name).sort()).toEqual(['张立新', '李转化']);
    const orgAdminId = before.find((p) => p.name === '张立新')!.userId;
    expect((await admin.request('PATCH', `/api/v1/users/${orgAdminId}`, { isActive: false })).statusCode).toBe(200);
    expect((await officePeople(t.db, orgId)).map((p) => p.name)).toEqual(['李转化']);
    expect((await admin.request('PATCH', `/api/v1/users/${orgAdminId}`, { isActive: true })).statusCode).toBe(200);
    // Researchers are not the office.
    const researcherId = (await (await t.loginAs('researcher')).request('GET', '/api/v1/me')).json().id;
    expect((await officePeople(t.db, orgId)).some((p) => p.userId === researcherId)).toBe(false);
  });
});
