import { describe, expect, it } from 'vitest';
import { orgOf, sampleAchievement } from '../helpers/achievements.js';
import { setupTestContext, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the distribution module: a distribution of another institution, or one a
 * researcher is not a recipient of, answers 404 (its existence is not revealed); another
 * institution's id in a path answers 404 from the route's organisation check, before any record.
 */

const t = setupTestContext();
const FOREIGN_OFFICER = 'feng.qihang@demo.keqiao.cn'; // tto_officer of 胶州湾 (jzbu)
const FOREIGN_RESEARCHER = 'zheng.xiaolan@demo.keqiao.cn'; // researcher of jzbu

/** A paid licence of the demo institution whose completers are `completers`; answers the distribution. */
async function paidDistribution(office: TestClient, title: string, completers: { name: string; share: string; userId?: string }[]) {
  const orgId = await orgOf(office);
  const firmOrg = await orgOf(await t.loginAs('enterprise'));
  const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title, completers }))).json();
  const c = (await office.request('POST', `/api/v1/orgs/${orgId}/contracts`, { kind: 'license', title: `${title}许可合同`, licenseeOrgId: firmOrg, achievementIds: [a.id] })).json();
  await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, { currency: 'CNY', effectiveOn: '2026-11-28', endsOn: '2029-11-27', entryFee: '80000.00', entryFeeDueDays: 30 });
  await (await t.loginAs('enterprise')).request('POST', `/api/v1/contracts/${c.id}/sign`);
  await office.request('POST', `/api/v1/contracts/${c.id}/sign`);
  await office.request('POST', `/api/v1/contracts/${c.id}/activate`);
  expect((await office.request('POST', `/api/v1/contracts/${c.id}/payments`, { form: 'cash', value: '80000.00', currency: 'CNY', receivedOn: '2026-12-01' })).statusCode).toBe(201);
  const list = (await office.request('GET', `/api/v1/orgs/${orgId}/distributions?pageSize=200`)).json();
  const d = list.items.find((x: { contract: { id: string } }) => x.contract.id === c.id);
  expect(d).toBeTruthy();
  return { orgId, distribution: d as { id: string; version: number; objections: { id: string }[] } };
}

describe('distribution: per-record access', () => {
  it('another institution’s officer gets 404 on every route of a distribution id', async () => {
    const office = await t.loginAs('tto_officer');
    const { distribution: d } = await paidDistribution(office, '海藻酸盐提取工艺', [{ name: '刘波', share: '100' }]);
    const foreign = await t.loginAs(FOREIGN_OFFICER);
    const id = d.id;
    const objection = '00000000-0000-4000-8000-000000000001';
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/distributions/${id}`],
      ['PATCH', `/api/v1/distributions/${id}`, { version: d.version }],
      ['POST', `/api/v1/distributions/${id}/approve`, {}],
      ['POST', `/api/v1/distributions/${id}/publicity`, {}],
      ['POST', `/api/v1/distributions/${id}/confirm`, {}],
      ['POST', `/api/v1/distributions/${id}/payments`, { paidOn: '2026-12-02' }],
      ['POST', `/api/v1/distributions/${id}/objections/${objection}/resolve`, { resolution: 'dismissed', note: '不成立' }],
      ['GET', `/api/v1/distributions/${id}/timeline`],
      ['GET', `/api/v1/distributions/${id}/notice`],
      ['POST', `/api/v1/distributions/${id}/objections`, { text: '对奖励分配有异议' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await foreign.request(method, url, body);
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
    }
    // The record is unchanged and the office still sees it.
    expect((await office.request('GET', `/api/v1/distributions/${id}`)).json()).toMatchObject({ status: 'computed', version: d.version });
  });

  it('a researcher who is not a recipient gets 404; a recipient sees their distribution', async () => {
    const office = await t.loginAs('tto_officer');
    const researcher = await t.loginAs('researcher');
    const researcherId = (await researcher.request('GET', '/api/v1/me')).json().id as string;
    const { distribution: other } = await paidDistribution(office, '海带育苗温控', [{ name: '刘波', share: '100' }]);
    for (const url of [`/api/v1/distributions/${other.id}`, `/api/v1/distributions/${other.id}/timeline`, `/api/v1/distributions/${other.id}/notice`]) {
      expect({ url, status: (await researcher.request('GET', url)).statusCode }).toEqual({ url, status: 404 });
    }
    const foreignResearcher = await t.loginAs(FOREIGN_RESEARCHER);
    expect((await foreignResearcher.request('GET', `/api/v1/distributions/${other.id}`)).statusCode).toBe(404);
    const { distribution: mine } = await paidDistribution(office, '刺参底播监测', [{ name: '王海洋', share: '100', userId: researcherId }]);
    expect((await researcher.request('GET', `/api/v1/distributions/${mine.id}`)).statusCode).toBe(200);
    expect((await foreignResearcher.request('GET', `/api/v1/distributions/${mine.id}`)).statusCode).toBe(404);
  });

  it('another institution’s id in a path answers 404 (the route’s organisation check does not reveal it)', async () => {
    const orgId = await orgOf(await t.loginAs('tto_officer'));
    const foreign = await t.loginAs(FOREIGN_OFFICER);
    const holding = '00000000-0000-4000-8000-000000000002';
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/orgs/${orgId}/distributions`],
      ['GET', `/api/v1/orgs/${orgId}/distribution-policies`],
      ['POST', `/api/v1/orgs/${orgId}/distribution-policies`, { effectiveFrom: '2027-01-01' }],
      ['GET', `/api/v1/orgs/${orgId}/reward-payroll?from=2026-01-01&to=2026-12-31`],
      ['GET', `/api/v1/orgs/${orgId}/reward-payroll.xlsx?from=2026-01-01&to=2026-12-31`],
      ['GET', `/api/v1/orgs/${orgId}/equity/holdings/${holding}/rewards`],
      ['POST', `/api/v1/orgs/${orgId}/equity/holdings/${holding}/rewards`, { decisionDocNo: '决定 1', decisionDate: '2026-12-01' }],
    ];
    for (const [method, url, body] of calls) {
      const res = await foreign.request(method, url, body);
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
    }
  });
});
