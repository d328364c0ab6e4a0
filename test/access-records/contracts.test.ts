import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../common/credit-code.js';
import { orgOf, publicAchievement } from '../helpers/achievements.js';
import { setupTestContext, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the contracts API: a party of one contract learns nothing of another, an
 * office of another institution learns nothing of either, and a foreign organisation's id in a
 * path is refused. A contract the caller is not a party of answers 404 (its existence is not
 * revealed); a route whose roles exclude the caller answers 403 before looking at the record.
 */

const t = setupTestContext();

const plan = { currency: 'CNY', effectiveOn: '2026-11-28', endsOn: '2029-11-27', entryFee: '1000.00', trialMonths: 12 };

/** Who a route admits by role: both parties, the licensor's office, or the licensee firm. */
type Side = 'party' | 'office' | 'firm';

/** Every route that takes :contractId, with a valid body so that only access decides the answer. */
const ROUTES: { method: string; path: (id: string, guaranteeId: string) => string; side: Side; body?: unknown }[] = [
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}`, side: 'party' },
  { method: 'PUT', path: (id) => `/api/v1/contracts/${id}/plan`, side: 'office', body: plan },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/sign`, side: 'party', body: {} },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/activate`, side: 'office', body: {} },
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}/registration-check`, side: 'party' },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/registration`, side: 'office', body: { registrationNo: '2026370200000001', registeredOn: '2026-11-28' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/signed-scan`, side: 'office', body: { filename: 'signed.pdf', dataBase64: Buffer.from('%PDF-1.4 signed').toString('base64') } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/events`, side: 'party', body: { event: 'certification', occurredOn: '2026-11-28' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/revenue-reports`, side: 'party', body: { periodStart: '2026-11-28', periodEnd: '2026-11-28', amount: '100.00' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/exit`, side: 'firm', body: { reason: '不再继续使用' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/complete`, side: 'office', body: {} },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/terminate`, side: 'office', body: { reason: '对方违约' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/payments`, side: 'office', body: { form: 'cash', value: '1000.00', currency: 'CNY', receivedOn: '2026-11-28' } },
  { method: 'POST', path: (id) => `/api/v1/contracts/${id}/refunds`, side: 'office', body: { amount: '0.00', refundedOn: '2026-11-28' } },
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}/statement`, side: 'party' },
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}/guarantees`, side: 'party' },
  {
    method: 'POST',
    path: (id) => `/api/v1/contracts/${id}/guarantees`,
    side: 'office',
    body: { kind: 'insurance', providerName: '某财产保险股份有限公司', providerCreditCode: makeCreditCode('91370200MA0000002'), coverLimit: '1000.00' },
  },
  { method: 'POST', path: (id, g) => `/api/v1/contracts/${id}/guarantees/${g}/claims`, side: 'office', body: {} },
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}/draft.pdf`, side: 'party' },
  { method: 'GET', path: (id) => `/api/v1/contracts/${id}/timeline`, side: 'party' },
];

/** A use-first-pay-later licence the firm applied for, with terms, signed and in force, and one guarantee. */
async function contractInForce(office: TestClient, firm: TestClient, title: string) {
  const achievementId = await publicAchievement(office, title);
  const c = (await firm.request('POST', `/api/v1/achievements/${achievementId}/licence-applications`, {})).json();
  expect((await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, plan)).statusCode).toBe(200);
  await firm.request('POST', `/api/v1/contracts/${c.id}/sign`);
  await office.request('POST', `/api/v1/contracts/${c.id}/sign`);
  expect((await office.request('POST', `/api/v1/contracts/${c.id}/activate`)).json().status).toBe('in_force');
  const g = await office.request('POST', `/api/v1/contracts/${c.id}/guarantees`, {
    kind: 'guarantee',
    providerName: '青岛某融资担保有限公司',
    providerCreditCode: makeCreditCode('91370200MA0000003'),
    coverLimit: '5000.00',
  });
  return { id: c.id as string, guaranteeId: g.json().items[0].id as string };
}

/** The answers of every contract route on one contract, for a caller admitted by `sides`. */
async function answers(client: TestClient, contract: { id: string; guaranteeId: string }, admitted: readonly Side[]) {
  const wrong: string[] = [];
  for (const r of ROUTES) {
    const res = await client.request(r.method, r.path(contract.id, contract.guaranteeId), r.body);
    const want = admitted.includes(r.side) ? 404 : 403;
    if (res.statusCode !== want) wrong.push(`${r.method} ${r.path(':contractId', ':guaranteeId')}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
  }
  return wrong;
}

describe('contracts: per-record access', () => {
  it('a licensee of contract A gets 404 on contract B, an office of another institution gets 404 on both, and B is unchanged', async () => {
    const office = await t.loginAs('tto_officer');
    const firmA = await t.loginAs('enterprise');
    const firmB = await t.loginAs('han.yu@demo.keqiao.cn');
    const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const a = await contractInForce(office, firmA, '记录访问测试成果甲');
    const b = await contractInForce(office, firmB, '记录访问测试成果乙');
    const before = (await office.request('GET', `/api/v1/contracts/${b.id}`)).json();

    // Each firm sees its own contract; the firm's routes on the other firm's contract answer 404.
    expect((await firmA.request('GET', `/api/v1/contracts/${a.id}`)).statusCode).toBe(200);
    expect((await firmB.request('GET', `/api/v1/contracts/${b.id}`)).statusCode).toBe(200);
    expect(await answers(firmA, b, ['party', 'firm'])).toEqual([]);
    expect(await answers(firmB, a, ['party', 'firm'])).toEqual([]);

    // An office of another institution is no party of either.
    expect(await answers(otherOffice, a, ['party', 'office'])).toEqual([]);
    expect(await answers(otherOffice, b, ['party', 'office'])).toEqual([]);

    // The licensor's office runs both, but a guarantee of B is not one of A.
    expect((await office.request('POST', `/api/v1/contracts/${a.id}/guarantees/${b.guaranteeId}/claims`, {})).statusCode).toBe(404);

    // Lists show only the caller's contracts.
    const ids = async (client: TestClient) => (await client.request('GET', '/api/v1/contracts?pageSize=200')).json().items.map((c: { id: string }) => c.id);
    expect(await ids(firmA)).toContain(a.id);
    expect(await ids(firmA)).not.toContain(b.id);
    expect(await ids(otherOffice)).not.toContain(a.id);
    expect(await ids(otherOffice)).not.toContain(b.id);

    // Nothing the others sent changed B.
    const after = (await office.request('GET', `/api/v1/contracts/${b.id}`)).json();
    expect(after.version).toBe(before.version);
    expect((await office.request('GET', `/api/v1/contracts/${b.id}/statement`)).json().receipts).toEqual([]);
  });

  it("a foreign organisation's id in a path is not revealed by the route's org check (404); a foreign licensee in a body is refused (403)", async () => {
    const office = await t.loginAs('tto_officer');
    const firmA = await t.loginAs('enterprise');
    const firmB = await t.loginAs('han.yu@demo.keqiao.cn');
    const otherOffice = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const [officeOrg, firmAOrg, firmBOrg, otherOrg] = await Promise.all([orgOf(office), orgOf(firmA), orgOf(firmB), orgOf(otherOffice)]);
    const draft = { kind: 'transfer', title: '别家机构名义的合同', licenseeOrgId: firmAOrg, achievementIds: [] };

    // Drafting in another institution's name.
    expect((await office.request('POST', `/api/v1/orgs/${otherOrg}/contracts`, draft)).statusCode).toBe(404);
    expect((await otherOffice.request('POST', `/api/v1/orgs/${officeOrg}/contracts`, draft)).statusCode).toBe(404);
    // Another organisation's position across its contracts.
    expect((await firmA.request('GET', `/api/v1/orgs/${firmBOrg}/contracts/statement`)).statusCode).toBe(404);
    expect((await otherOffice.request('GET', `/api/v1/orgs/${officeOrg}/contracts/statement`)).statusCode).toBe(404);
    expect((await firmA.request('GET', `/api/v1/orgs/${firmAOrg}/contracts/statement`)).statusCode).toBe(200);

    // A firm applying for a licence in another firm's name.
    const achievementId = await publicAchievement(office, '记录访问测试成果丙');
    expect((await firmA.request('POST', `/api/v1/achievements/${achievementId}/licence-applications`, { licenseeOrgId: firmBOrg })).statusCode).toBe(403);
  });
});
