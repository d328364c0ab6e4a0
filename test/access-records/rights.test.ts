import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../common/credit-code.js';
import type { Role } from '../../common/roles.js';
import { acceptedAchievement, application, COMPANY_CODE, recordedGrant } from '../../server/modules/rights/rights.fixtures.js';
import { orgOf } from '../helpers/achievements.js';
import { setupTestContext, TEST_PASSWORD, type TestClient } from '../helpers/app.js';

/**
 * Per-record access of the rights API (grants, agreed proceeds, rectification cases). A record of
 * another institution answers 404 (its existence is not revealed) on every route whose roles
 * admit the caller; a route whose roles exclude the caller answers 403 before looking at the
 * record. A foreign organisation's id in a path answers 404 from the route's organisation check
 * to a caller holding the route's roles elsewhere, as for every organisation route; oversight (the bureau, administrators) reads every
 * institution.
 */

const t = setupTestContext();

const OFFICE: readonly Role[] = ['tto_officer', 'org_admin', 'admin'];
const MEMBERS: readonly Role[] = ['researcher', 'tto_officer', 'org_admin'];
const READERS: readonly Role[] = ['researcher', 'tto_officer', 'org_admin', 'admin', 'bureau'];
const OFFICE_READERS: readonly Role[] = ['tto_officer', 'org_admin', 'admin', 'bureau'];

const newCase = {
  companyName: '青岛海澜传感科技有限公司',
  companyCreditCode: makeCreditCode('91370212MA3F1K2N4'),
  foundedOn: '2019-05-10',
  originalHoldings: [{ holder: '王海洋', shares: '600000' }],
  findings: '2019 年完成人以职务发明作价入股设立公司，未经单位审批。',
};

const grantApplication = (achievementId: string) => ({
  achievementId,
  kind: 'ownership',
  teamShare: '0.8',
  plan: { summary: '作价入股实施产业化', counterpartyName: '青岛蓝鲸深海科技有限公司', counterpartyCreditCode: COMPANY_CODE, appraisedValue: '2500000.00', clearTitle: true },
  consents: [{ name: '王海洋', signedOn: '2026-11-20', evidence: '意见.pdf' }],
});

type Ids = { grantId: string; objectionId: string; agreementId: string; caseId: string };

/** Every route that takes a grant, agreement or case id: the roles it admits and a valid body. */
const RECORD_ROUTES: { method: string; path: (ids: Ids) => string; roles: readonly Role[]; body?: unknown }[] = [
  { method: 'GET', path: (i) => `/api/v1/rights/grants/${i.grantId}`, roles: READERS },
  { method: 'GET', path: (i) => `/api/v1/rights/grants/${i.grantId}/timeline`, roles: READERS },
  { method: 'GET', path: (i) => `/api/v1/rights/grants/${i.grantId}/agreement.pdf`, roles: READERS },
  {
    method: 'POST',
    path: (i) => `/api/v1/rights/grants/${i.grantId}/resubmit`,
    roles: MEMBERS,
    body: { application: (({ achievementId: _, ...request }) => request)(grantApplication(randomUUID())) },
  },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/withdraw`, roles: MEMBERS, body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/department-check`, roles: OFFICE, body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/department-return`, roles: OFFICE, body: { reason: '材料不全' } },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/office-review`, roles: OFFICE, body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/office-return`, roles: OFFICE, body: { reason: '材料不全' } },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/reject`, roles: OFFICE, body: { reason: '不符合条件' } },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/approve`, roles: ['org_admin', 'admin'], body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/agreement`, roles: OFFICE, body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/record-change`, roles: OFFICE, body: {} },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/objections`, roles: MEMBERS, body: { content: '对份额有异议' } },
  { method: 'POST', path: (i) => `/api/v1/rights/grants/${i.grantId}/objections/${i.objectionId}/resolve`, roles: OFFICE, body: { resolution: 'dismissed', note: '理由不成立' } },
  { method: 'GET', path: (i) => `/api/v1/agreed-proceeds/${i.agreementId}`, roles: OFFICE_READERS },
  { method: 'GET', path: (i) => `/api/v1/rectification-cases/${i.caseId}`, roles: OFFICE_READERS },
  { method: 'POST', path: (i) => `/api/v1/rectification-cases/${i.caseId}/decision`, roles: OFFICE, body: { decisionNo: 'ZG-1', decidedOn: '2026-12-21', summary: '补办手续' } },
  { method: 'GET', path: (i) => `/api/v1/rectification-cases/${i.caseId}/decision-document`, roles: OFFICE_READERS },
  { method: 'POST', path: (i) => `/api/v1/rectification-cases/${i.caseId}/arrangement`, roles: OFFICE, body: { kind: 'grant', grantId: randomUUID() } },
  { method: 'GET', path: (i) => `/api/v1/rectification-cases/${i.caseId}/timeline`, roles: OFFICE_READERS },
];

/** Every organisation route of the rights API, with a valid body. */
const ORG_ROUTES: { method: string; path: (orgId: string) => string; body?: unknown }[] = [
  { method: 'GET', path: (o) => `/api/v1/orgs/${o}/rights/policies` },
  {
    method: 'POST',
    path: (o) => `/api/v1/orgs/${o}/rights/policies`,
    body: {
      effectiveFrom: '2027-01-01',
      maxTeamShare: '0.7',
      useRightFirstTermYears: 5,
      useRightCumulativeMinYears: 10,
      minAppraisedValue: null,
      requireClearTitle: true,
      requireCounterparty: true,
      publicityDays: 15,
      agreedProceedsTriggerReward: false,
    },
  },
  { method: 'GET', path: (o) => `/api/v1/orgs/${o}/rights/grants` },
  { method: 'POST', path: (o) => `/api/v1/orgs/${o}/rights/grants`, body: grantApplication(randomUUID()) },
  { method: 'GET', path: (o) => `/api/v1/orgs/${o}/agreed-proceeds` },
  {
    method: 'POST',
    path: (o) => `/api/v1/orgs/${o}/agreed-proceeds`,
    body: { achievementId: randomUUID(), companyName: '某公司', companyCreditCode: COMPANY_CODE, equityShares: '1000', institutionShare: '0.2', agreedOn: '2026-12-21', evidence: '协议' },
  },
  {
    method: 'POST',
    path: (o) => `/api/v1/orgs/${o}/agreed-proceeds/corporate-events`,
    body: { companyCreditCode: COMPANY_CODE, kind: 'dividend', occurredOn: '2026-12-21', evidence: '分红公告', amount: '100.00' },
  },
  { method: 'GET', path: (o) => `/api/v1/orgs/${o}/rectification-cases` },
  { method: 'POST', path: (o) => `/api/v1/orgs/${o}/rectification-cases`, body: newCase },
];

let ids: Ids;
let hhmu: string;
let jzbu: string;
let foreignOfficer: TestClient;
let foreignResearcher: TestClient;

beforeAll(async () => {
  // The demo university: a recorded grant with a (dismissed) objection, an agreement on it, a case.
  const { orgId, achievementId, grantId } = await recordedGrant(t, '赋权记录访问测试');
  hhmu = orgId;
  const office = await t.loginAs('tto_officer');
  const agreement = await office.request('POST', `/api/v1/orgs/${hhmu}/agreed-proceeds`, {
    achievementId,
    companyName: '青岛蓝鲸深海科技有限公司',
    companyCreditCode: COMPANY_CODE,
    equityShares: '1000000',
    institutionShare: '0.2',
    agreedOn: '2026-12-21',
    evidence: '约定收益协议',
  });
  expect(agreement.statusCode).toBe(201);
  const opened = await office.request('POST', `/api/v1/orgs/${hhmu}/rectification-cases`, newCase);
  expect(opened.statusCode).toBe(201);
  const { rows } = await t.db.query<{ id: string }>('select id from rights_grant_objections limit 1');
  ids = { grantId, objectionId: rows[0]?.id ?? randomUUID(), agreementId: agreement.json().id, caseId: opened.json().id };
  // Another institution (the demo's second university): its office and one of its researchers.
  foreignOfficer = await t.loginAs('feng.qihang@demo.keqiao.cn');
  foreignResearcher = await t.loginAs('zheng.xiaolan@demo.keqiao.cn');
  jzbu = await orgOf(foreignOfficer);
  expect(jzbu).not.toBe(hhmu);
}, 120_000);

describe('rights: records of another institution', () => {
  it("another institution's officer gets 404 on a grant, an agreement and a case (403 where the route's roles exclude them)", async () => {
    const failures: string[] = [];
    for (const r of RECORD_ROUTES) {
      const res = await foreignOfficer.request(r.method, r.path(ids), r.body);
      const want = r.roles.includes('tto_officer') ? 404 : 403;
      if (res.statusCode !== want) failures.push(`${r.method} ${r.path(ids)}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });

  it("another institution's researcher gets 404 on a grant (403 on the office's records)", async () => {
    const failures: string[] = [];
    for (const r of RECORD_ROUTES) {
      const res = await foreignResearcher.request(r.method, r.path(ids), r.body);
      const want = r.roles.includes('researcher') ? 404 : 403;
      if (res.statusCode !== want) failures.push(`${r.method} ${r.path(ids)}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });

  it("the grant does not appear in another institution's lists", async () => {
    const list = (await foreignOfficer.request('GET', `/api/v1/orgs/${jzbu}/rights/grants?pageSize=200`)).json();
    expect(list.items.some((g: { id: string }) => g.id === ids.grantId)).toBe(false);
    const agreements = (await foreignOfficer.request('GET', `/api/v1/orgs/${jzbu}/agreed-proceeds?pageSize=200`)).json();
    expect(agreements.items.some((a: { id: string }) => a.id === ids.agreementId)).toBe(false);
    const cases = (await foreignOfficer.request('GET', `/api/v1/orgs/${jzbu}/rectification-cases?pageSize=200`)).json();
    expect(cases.items.some((c: { id: string }) => c.id === ids.caseId)).toBe(false);
  });

  it('oversight reads every institution: the bureau sees the grant, the agreement and the case', async () => {
    const bureau = await t.loginAs('bureau');
    expect((await bureau.request('GET', `/api/v1/rights/grants/${ids.grantId}`)).statusCode).toBe(200);
    expect((await bureau.request('GET', `/api/v1/agreed-proceeds/${ids.agreementId}`)).statusCode).toBe(200);
    expect((await bureau.request('GET', `/api/v1/rectification-cases/${ids.caseId}`)).statusCode).toBe(200);
    // …but decides nothing.
    expect((await bureau.request('POST', `/api/v1/rectification-cases/${ids.caseId}/decision`, { decisionNo: 'ZG-1', decidedOn: '2026-12-21', summary: '补办手续' })).statusCode).toBe(403);
  });
});

describe('rights: a researcher of the institution who is not the applicant', () => {
  it("reads the institution's grants but lists only their own, and may not act as the applicant", async () => {
    const orgAdmin = await t.loginAs('org_admin');
    const added = await orgAdmin.request('POST', `/api/v1/orgs/${hhmu}/members`, {
      role: 'researcher',
      name: '孔同事',
      email: 'kong.tongshi@demo.keqiao.cn',
      password: TEST_PASSWORD,
    });
    expect(added.statusCode).toBe(201);
    const colleague = await t.loginAs('kong.tongshi@demo.keqiao.cn');
    // The current rule: every researcher of the institution sees its grants (publicity is internal).
    expect((await colleague.request('GET', `/api/v1/rights/grants/${ids.grantId}`)).statusCode).toBe(200);
    expect((await colleague.request('GET', `/api/v1/rights/grants/${ids.grantId}/timeline`)).statusCode).toBe(200);
    // The list shows a researcher only their own applications.
    const list = (await colleague.request('GET', `/api/v1/orgs/${hhmu}/rights/grants`)).json();
    expect(list).toMatchObject({ items: [], total: 0 });
    const applicant = await t.loginAs('researcher');
    const own = (await applicant.request('GET', `/api/v1/orgs/${hhmu}/rights/grants`)).json();
    expect(own.items.map((g: { id: string }) => g.id)).toContain(ids.grantId);
    // Not the applicant: a step of the applicant on a pending application is refused (the record is
    // visible to them, so 403, not 404).
    const office = await t.loginAs('tto_officer');
    const { achievementId } = await acceptedAchievement(office, '赋权记录访问测试（待审）');
    const pending = await applicant.request('POST', `/api/v1/orgs/${hhmu}/rights/grants`, application(achievementId));
    expect(pending.statusCode, pending.body).toBe(201);
    expect((await colleague.request('POST', `/api/v1/rights/grants/${pending.json().id}/withdraw`, {})).statusCode).toBe(403);
    expect((await applicant.request('POST', `/api/v1/rights/grants/${pending.json().id}/withdraw`, {})).statusCode).toBe(200);
    // The office's records are not for researchers at all.
    expect((await colleague.request('GET', `/api/v1/agreed-proceeds/${ids.agreementId}`)).statusCode).toBe(403);
    expect((await colleague.request('GET', `/api/v1/rectification-cases/${ids.caseId}`)).statusCode).toBe(403);
  });
});

describe('rights: a foreign organisation in the path', () => {
  it("another organisation's rights routes answer 404 to the institution's office (not revealed)", async () => {
    const office = await t.loginAs('tto_officer');
    const failures: string[] = [];
    for (const r of ORG_ROUTES) {
      const res = await office.request(r.method, r.path(jzbu), r.body);
      if (res.statusCode !== 404) failures.push(`${r.method} ${r.path(jzbu)}: want 404, got ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('a researcher is refused on another institution, and the bureau reads it', async () => {
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('GET', `/api/v1/orgs/${jzbu}/rights/grants`)).statusCode).toBe(404);
    expect((await researcher.request('POST', `/api/v1/orgs/${jzbu}/rights/grants`, grantApplication(randomUUID()))).statusCode).toBe(404);
    const bureau = await t.loginAs('bureau');
    for (const path of ['rights/policies', 'rights/grants', 'agreed-proceeds', 'rectification-cases']) {
      expect((await bureau.request('GET', `/api/v1/orgs/${jzbu}/${path}`)).statusCode).toBe(200);
    }
  });
});
