import { beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../helpers/app.js';
import { setupTestContext } from '../helpers/app.js';
import { orgOf, publicAchievement, sampleAchievement } from '../helpers/achievements.js';

/**
 * Per-record access of the achievements routes (and the annual report): the role checks of the
 * route contract pass, and the record itself still refuses a caller who is not its office, its
 * creator or a completer. A record the caller may not see answers 404 (its existence is not
 * revealed); an organisation in the path that is not the caller's answers 404 from the access
 * policy, before any record is read.
 */

const t = setupTestContext();

/** The office of another institution (jzbu) than the demo's (hhmu). */
const FOREIGN_OFFICER = 'feng.qihang@demo.keqiao.cn';

let office: TestClient;
let foreign: TestClient;
let researcher: TestClient;
let hhmu: string;
let jzbu: string;
let privateId: string;
let publicId: string;
let attachmentId: string;
let holdingId: string;
let filterId: string;

beforeAll(async () => {
  office = await t.loginAs('tto_officer');
  foreign = await t.loginAs(FOREIGN_OFFICER);
  researcher = await t.loginAs('researcher');
  hhmu = await orgOf(office);
  jzbu = await orgOf(foreign);
  expect(jzbu).not.toBe(hhmu);

  // An internal disclosure of hhmu whose completers do not include the demo researcher.
  const created = await office.request(
    'POST',
    `/api/v1/orgs/${hhmu}/achievements`,
    sampleAchievement({ title: '仅本单位可见的海水淡化膜材料', submit: true, completers: [{ name: '外单位合作者', share: '100' }] }),
  );
  expect(created.statusCode, created.body).toBe(201);
  privateId = created.json().id;
  const attached = await office.request('POST', `/api/v1/achievements/${privateId}/attachments`, {
    filename: '说明.txt',
    contentType: 'text/plain',
    dataBase64: Buffer.from('内部资料').toString('base64'),
  });
  expect(attached.statusCode, attached.body).toBe(201);
  attachmentId = attached.json().id;
  publicId = await publicAchievement(office, '公开挂牌的海洋牧场监测浮标');

  const holding = await office.request('POST', `/api/v1/orgs/${hhmu}/equity/holdings`, {
    companyName: '青岛蓝海膜科技有限公司',
    companyCreditCode: '91370212MA3C5R8K0C',
    sharesPct: '10',
    bookValue: '1000000.00',
    acquiredOn: '2026-06-01',
  });
  expect(holding.statusCode, holding.body).toBe(201);
  holdingId = holding.json().id;
  const filters = await office.request('POST', `/api/v1/orgs/${hhmu}/achievements/saved-filters`, { name: '待受理', query: { status: 'disclosed' } });
  expect(filters.statusCode, filters.body).toBe(200);
  filterId = filters.json().items[0].id;
}, 60_000);

describe('achievements: a record of another institution', () => {
  it("answers 404 to another institution's officer on every route that takes the achievement id", async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/achievements/${privateId}`],
      ['PATCH', `/api/v1/achievements/${privateId}`, { title: '改名尝试' }],
      ['POST', `/api/v1/achievements/${privateId}/accept`],
      ['POST', `/api/v1/achievements/${privateId}/return`, { reason: '外单位退回' }],
      ['POST', `/api/v1/achievements/${privateId}/withdraw`, { reason: '外单位撤回' }],
      ['POST', `/api/v1/achievements/${privateId}/publish`],
      ['GET', `/api/v1/achievements/${privateId}/publicity`],
      ['POST', `/api/v1/achievements/${privateId}/objections`, { content: '外单位异议' }],
      ['POST', `/api/v1/achievements/${privateId}/objections/${crypto.randomUUID()}/resolve`, { resolution: 'dismissed', note: '外单位处理' }],
      ['GET', `/api/v1/achievements/${privateId}/timeline`],
      ['GET', `/api/v1/achievements/${privateId}/attachments`],
      ['POST', `/api/v1/achievements/${privateId}/attachments`, { filename: 'x.txt', contentType: 'text/plain', dataBase64: Buffer.from('x').toString('base64') }],
      ['GET', `/api/v1/achievements/${privateId}/attachments/${attachmentId}`],
    ];
    for (const [method, url, body] of routes) {
      const res = await foreign.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
  });

  it('lets another institution read a public record but not act on it', async () => {
    expect((await foreign.request('GET', `/api/v1/achievements/${publicId}`)).statusCode).toBe(200);
    const unpublish = await foreign.request('POST', `/api/v1/achievements/${publicId}/unpublish`);
    expect(unpublish.statusCode, unpublish.body).toBe(403);
    const dispose = await foreign.request('POST', `/api/v1/achievements/${publicId}/dispose`, { reason: '外单位处置' });
    expect(dispose.statusCode, dispose.body).toBe(403);
    // Objections are for members of the institution: to anyone else the record is not there.
    expect((await foreign.request('POST', `/api/v1/achievements/${publicId}/objections`, { content: '外单位异议' })).statusCode).toBe(404);
  });

  it('answers 404 to a researcher of the same institution who is neither creator nor completer', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/achievements/${privateId}`],
      ['PATCH', `/api/v1/achievements/${privateId}`, { title: '改名尝试' }],
      ['POST', `/api/v1/achievements/${privateId}/withdraw`, { reason: '不是我的' }],
      ['GET', `/api/v1/achievements/${privateId}/timeline`],
      ['GET', `/api/v1/achievements/${privateId}/publicity`],
      ['GET', `/api/v1/achievements/${privateId}/attachments`],
      ['GET', `/api/v1/achievements/${privateId}/attachments/${attachmentId}`],
    ] as [string, string, unknown?][]) {
      const res = await researcher.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    // Nor does it appear in the researcher's view of the ledger.
    const list = (await researcher.request('GET', `/api/v1/orgs/${hhmu}/achievements?pageSize=200`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(privateId);
    // A public record reads for anyone signed in.
    expect((await researcher.request('GET', `/api/v1/achievements/${publicId}`)).statusCode).toBe(200);
  });
});

describe('achievements: an organisation id that is not the caller’s', () => {
  it('answers 404 from the access policy on every route with the organisation in the path', async () => {
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/orgs/${hhmu}/achievements`],
      ['POST', `/api/v1/orgs/${hhmu}/achievements`, sampleAchievement()],
      ['GET', `/api/v1/orgs/${hhmu}/achievements/saved-filters`],
      ['POST', `/api/v1/orgs/${hhmu}/achievements/saved-filters`, { name: '外单位', query: {} }],
      ['DELETE', `/api/v1/orgs/${hhmu}/achievements/saved-filters/${filterId}`],
      ['GET', `/api/v1/orgs/${hhmu}/achievements/imports`],
      ['GET', `/api/v1/orgs/${hhmu}/achievements/imports/${crypto.randomUUID()}`],
      ['GET', `/api/v1/orgs/${hhmu}/achievements/export?format=jsonl`],
      ['GET', `/api/v1/orgs/${hhmu}/achievements/annuities`],
      ['GET', `/api/v1/orgs/${hhmu}/equity/holdings`],
      ['GET', `/api/v1/orgs/${hhmu}/equity/preservation?from=2026-01-01&to=2026-12-31&openingEquity=1000.00&closingEquity=1100.00`],
      ['GET', `/api/v1/orgs/${hhmu}/reports/annual?year=2026`],
      ['GET', `/api/v1/orgs/${hhmu}/reports/annual.xlsx?year=2026`],
      ['GET', `/api/v1/orgs/${hhmu}/reports/annual.pdf?year=2026`],
    ];
    for (const [method, url, body] of routes) {
      const res = await foreign.request(method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
  });

  it("answers 404 for another institution's record under the caller's own organisation", async () => {
    // Someone else's saved filter, asked for under one's own organisation and under its own.
    expect((await foreign.request('DELETE', `/api/v1/orgs/${jzbu}/achievements/saved-filters/${filterId}`)).statusCode).toBe(404);
    expect((await researcher.request('DELETE', `/api/v1/orgs/${hhmu}/achievements/saved-filters/${filterId}`)).statusCode).toBe(404);
    expect((await foreign.request('GET', `/api/v1/orgs/${jzbu}/achievements/imports/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await foreign.request('GET', `/api/v1/orgs/${hhmu}/equity/holdings/${holdingId}`)).statusCode).toBe(404);
    expect((await foreign.request('GET', `/api/v1/orgs/${jzbu}/equity/holdings/${holdingId}`)).statusCode).toBe(404);
    const dispose = await foreign.request('POST', `/api/v1/orgs/${jzbu}/equity/holdings/${holdingId}/disposals`, {
      kind: 'write_off',
      sharesPct: '1',
      bookValue: '1.00',
      decisionDocNo: '外单位决定',
      decisionDate: '2026-11-01',
    });
    expect(dispose.statusCode, dispose.body).toBe(404);
    // A holding may name only an achievement of its own institution.
    const foreignHolding = await foreign.request('POST', `/api/v1/orgs/${jzbu}/equity/holdings`, {
      companyName: '外单位公司',
      companyCreditCode: '91370212MA3C5R8K0C',
      sharesPct: '5',
      bookValue: '100.00',
      acquiredOn: '2026-06-01',
      achievementId: privateId,
    });
    expect(foreignHolding.statusCode, foreignHolding.body).toBe(400);
    expect(foreignHolding.json().errors[0].field).toBe('body.achievementId');
  });

  it("does not show another institution's records in one's own ledger", async () => {
    const list = (await foreign.request('GET', `/api/v1/orgs/${jzbu}/achievements?pageSize=200`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(privateId);
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(publicId);
  });
});
