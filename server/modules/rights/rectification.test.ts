import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { acceptedAchievement, application } from './rights.fixtures.js';

const t = setupTestContext();
const SPINOFF = makeCreditCode('91370212MA3F1K2N4');

const newCase = {
  companyName: '青岛海澜传感科技有限公司',
  companyCreditCode: SPINOFF,
  foundedOn: '2019-05-10',
  originalHoldings: [
    { holder: '王海洋', shares: '600000', note: '以职务成果出资，未经单位授权' },
    { holder: '刘波', shares: '400000' },
  ],
  findings: '2019 年两名完成人以职务发明作价入股设立公司，未经单位审批，单位未持股也无收益约定。',
};

describe('rectification of past spin-offs', () => {
  it('case → generated decision → agreed-proceeds arrangement linked to the case; steps out of order are 409', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '海澜溶解氧传感器（整改）');
    const opened = await office.request('POST', `/api/v1/orgs/${orgId}/rectification-cases`, newCase);
    expect(opened.statusCode).toBe(201);
    const c = opened.json();
    expect(c).toMatchObject({ status: 'open', decision: null });
    expect(c.number).toMatch(/^ZG-2026-\d{6}$/);

    const agreement = {
      achievementId,
      companyName: newCase.companyName,
      companyCreditCode: SPINOFF,
      equityShares: '1000000',
      institutionShare: '0.3',
      agreedOn: '2026-11-27',
      evidence: '整改约定收益协议',
    };
    // Arrangement before the decision: illegal step.
    expect((await office.request('POST', `/api/v1/rectification-cases/${c.id}/arrangement`, { kind: 'agreed_proceeds', agreement })).statusCode).toBe(409);
    const decided = await office.request('POST', `/api/v1/rectification-cases/${c.id}/decision`, {
      decisionNo: '黄海大整改〔2026〕1号',
      decidedOn: '2026-11-27',
      summary: '确认单位权属，转为赋权+约定收益：单位约定份额 30%。',
    });
    expect(decided.json()).toMatchObject({ status: 'decided', decision: { number: '黄海大整改〔2026〕1号', generated: true } });
    const doc = await office.request('GET', `/api/v1/rectification-cases/${c.id}/decision-document`);
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await office.request('POST', `/api/v1/rectification-cases/${c.id}/decision`, { decisionNo: 'x', decidedOn: '2026-11-27', summary: '再次决定' })).statusCode).toBe(409);

    // The agreement must be with the case's company.
    const other = await office.request('POST', `/api/v1/rectification-cases/${c.id}/arrangement`, {
      kind: 'agreed_proceeds',
      agreement: { ...agreement, companyCreditCode: makeCreditCode('91370203MA3D7LQP2') },
    });
    expect(other.statusCode).toBe(400);
    const arranged = await office.request('POST', `/api/v1/rectification-cases/${c.id}/arrangement`, { kind: 'agreed_proceeds', agreement });
    expect(arranged.statusCode, arranged.body).toBe(200);
    expect(arranged.json()).toMatchObject({ status: 'arranged' });
    const ap = (await office.request('GET', `/api/v1/agreed-proceeds/${arranged.json().agreementId}`)).json();
    expect(ap).toMatchObject({ rectificationCaseId: c.id, grantId: null, institutionShare: '0.3' });
    const types = (await office.request('GET', `/api/v1/rectification-cases/${c.id}/timeline`)).json().items.map((e: { type: string }) => e.type);
    expect(types).toEqual(['rectification.opened', 'rectification.decided', 'rectification.arranged']);
  });

  it('an uploaded decision and a linked grant application', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '海澜二号（整改赋权）');
    const c = (await office.request('POST', `/api/v1/orgs/${orgId}/rectification-cases`, { ...newCase, companyCreditCode: makeCreditCode('91370212MA3F1K2P7') })).json();
    const scan = Buffer.from('%PDF-1.4 scanned decision').toString('base64');
    const decided = await office.request('POST', `/api/v1/rectification-cases/${c.id}/decision`, {
      decisionNo: '黄海大整改〔2026〕2号',
      decidedOn: '2026-11-27',
      summary: '补办赋权',
      document: { filename: '整改决定书.pdf', dataBase64: scan },
    });
    expect(decided.json().decision).toMatchObject({ generated: false, documentName: '整改决定书.pdf' });
    const researcher = await t.loginAs('researcher');
    const g = (await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId))).json();
    const linked = await office.request('POST', `/api/v1/rectification-cases/${c.id}/arrangement`, { kind: 'grant', grantId: g.id });
    expect(linked.json()).toMatchObject({ status: 'arranged', grantId: g.id });
    expect((await office.request('GET', `/api/v1/rights/grants/${g.id}`)).json().rectificationCaseId).toBe(c.id);
    // The bureau reads cases; a researcher does not.
    expect((await (await t.loginAs('bureau')).request('GET', `/api/v1/rectification-cases/${c.id}`)).statusCode).toBe(200);
    expect((await researcher.request('GET', `/api/v1/rectification-cases/${c.id}`)).statusCode).toBe(403);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});
