import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../common/credit-code.js';
import { orgOf } from '../helpers/achievements.js';
import { setupTestContext, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the projects module: a project of another institution, or one a researcher
 * is not a completer of, answers 404; so does another institution's id, in a path (the route's
 * organisation check) and in the list's query.
 */

const t = setupTestContext();
const FOREIGN_OFFICER = 'feng.qihang@demo.keqiao.cn'; // tto_officer of jzbu
const FOREIGN_RESEARCHER = 'zheng.xiaolan@demo.keqiao.cn'; // researcher of jzbu
const CLIENT = { name: '青岛蓝鲸海洋科技有限公司', creditCode: makeCreditCode('91370212MA3C00001') };

async function newProject(office: TestClient, title: string, completers: { name: string; share: string; userId?: string }[]) {
  const orgId = await orgOf(office);
  const res = await office.request('POST', `/api/v1/orgs/${orgId}/projects`, {
    title,
    client: CLIENT,
    contractNo: `HX-${title.length}-${completers.length}`,
    managementFee: { kind: 'rate', rate: '0.05' },
    allocationRatio: '0.7',
    completers,
  });
  expect(res.statusCode).toBe(201);
  return { orgId, id: res.json().id as string };
}

describe('projects: per-record access', () => {
  it('another institution’s officer gets 404 on every route of a project id', async () => {
    const office = await t.loginAs('tto_officer');
    const { id } = await newProject(office, '海水养殖尾水处理技术服务', [{ name: '刘波', share: '100' }]);
    const foreign = await t.loginAs(FOREIGN_OFFICER);
    const allocation = { form: 'cash' };
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/projects/${id}`],
      ['GET', `/api/v1/projects/${id}/timeline`],
      ['POST', `/api/v1/projects/${id}/receipts`, { label: '首期款', amount: '1000.00', receivedOn: '2026-11-01', evidence: '银行回单' }],
      ['POST', `/api/v1/projects/${id}/costs`, { category: 'materials', label: '材料', amount: '100.00', incurredOn: '2026-11-01', evidence: '发票' }],
      ['POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-20', acceptanceDocument: '验收 1', finalAccountsDocument: '决算 1' }],
      ['POST', `/api/v1/projects/${id}/allocation/preview`, allocation],
      ['POST', `/api/v1/projects/${id}/allocation`, allocation],
    ];
    for (const [method, url, body] of calls) {
      const res = await foreign.request(method, url, body);
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
    }
    const detail = (await office.request('GET', `/api/v1/projects/${id}`)).json();
    expect(detail).toMatchObject({ status: 'active', receipts: [], costs: [] });
    const listed = (await foreign.request('GET', '/api/v1/projects?pageSize=200')).json();
    expect(listed.items.some((p: { id: string }) => p.id === id)).toBe(false);
  });

  it('a researcher who is not a completer gets 404; a completer sees the project', async () => {
    const office = await t.loginAs('tto_officer');
    const researcher = await t.loginAs('researcher');
    const researcherId = (await researcher.request('GET', '/api/v1/me')).json().id as string;
    const { id: other } = await newProject(office, '海洋牧场声学监测技术开发', [{ name: '刘波', share: '100' }]);
    for (const url of [`/api/v1/projects/${other}`, `/api/v1/projects/${other}/timeline`]) {
      expect({ url, status: (await researcher.request('GET', url)).statusCode }).toEqual({ url, status: 404 });
    }
    const { id: mine } = await newProject(office, '网箱抗风浪结构优化技术开发', [{ name: '王海洋', share: '100', userId: researcherId }]);
    expect((await researcher.request('GET', `/api/v1/projects/${mine}`)).statusCode).toBe(200);
    expect((await (await t.loginAs(FOREIGN_RESEARCHER)).request('GET', `/api/v1/projects/${mine}`)).statusCode).toBe(404);
    const page = (await researcher.request('GET', '/api/v1/projects?pageSize=200')).json();
    expect(page.items.map((p: { id: string }) => p.id)).toContain(mine);
    expect(page.items.map((p: { id: string }) => p.id)).not.toContain(other);
  });

  it('another institution’s id: 404 in a path and in the list’s query', async () => {
    const orgId = await orgOf(await t.loginAs('tto_officer'));
    const foreign = await t.loginAs(FOREIGN_OFFICER);
    const created = await foreign.request('POST', `/api/v1/orgs/${orgId}/projects`, {
      title: '跨单位登记',
      client: CLIENT,
      contractNo: 'HX-X',
      managementFee: { kind: 'rate', rate: '0.05' },
      allocationRatio: '0.7',
      completers: [{ name: '冯启航', share: '100' }],
    });
    expect(created.statusCode).toBe(404);
    expect((await foreign.request('GET', `/api/v1/projects?orgId=${orgId}`)).statusCode).toBe(404);
    expect((await (await t.loginAs(FOREIGN_RESEARCHER)).request('GET', `/api/v1/projects?orgId=${orgId}`)).statusCode).toBe(404);
    // Members of the institution and oversight may filter by it.
    expect((await (await t.loginAs('researcher')).request('GET', `/api/v1/projects?orgId=${orgId}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('bureau')).request('GET', `/api/v1/projects?orgId=${orgId}`)).statusCode).toBe(200);
  });
});
