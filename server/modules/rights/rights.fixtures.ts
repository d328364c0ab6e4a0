import { expect } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import type { TestClient } from '../../../test/helpers/app.js';

/** Shared by the rights tests. */
export const COMPANY_CODE = makeCreditCode('91370212MA3C0XKW1');

/** An achievement of the demo university accepted into the ledger, with 王海洋 (the demo researcher) and 刘波 as completers. */
export async function acceptedAchievement(office: TestClient, title: string) {
  const orgId = await orgOf(office);
  const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title }))).json();
  for (const step of ['submit', 'accept']) expect((await office.request('POST', `/api/v1/achievements/${a.id}/${step}`)).statusCode).toBe(200);
  return { orgId, achievementId: a.id as string };
}

export const application = (achievementId: string, over: Record<string, unknown> = {}) => ({
  achievementId,
  kind: 'ownership',
  teamShare: '0.8',
  plan: {
    summary: '赋权后团队以 80% 份额作价入股青岛蓝鲸深海科技有限公司，实施产业化；单位保留份额按约定收益',
    counterpartyName: '青岛蓝鲸深海科技有限公司',
    counterpartyCreditCode: COMPANY_CODE,
    appraisedValue: '2500000.00',
    appraisalRef: '青衡评报字〔2026〕第 018 号',
    clearTitle: true,
  },
  consents: [
    { name: '王海洋', signedOn: '2026-11-20', evidence: '全体完成人意见-王海洋.pdf' },
    { name: '刘波', signedOn: '2026-11-21', evidence: '全体完成人意见-刘波.pdf' },
  ],
  ...over,
});

/**
 * Runs a grant through the whole workflow to the recorded ownership change (80% to the team).
 * Moves the clock past the publicity window (to 2026-12-21) and leaves it there.
 */
export async function recordedGrant(t: { loginAs(role: string): Promise<TestClient>; clock: { now: Date } }, title: string): Promise<{ orgId: string; achievementId: string; grantId: string }> {
  const office = await t.loginAs('tto_officer');
  const { orgId, achievementId } = await acceptedAchievement(office, title);
  const researcher = await t.loginAs('researcher');
  const g = (await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId))).json();
  for (const path of ['department-check', 'office-review']) expect((await office.request('POST', `/api/v1/rights/grants/${g.id}/${path}`)).statusCode).toBe(200);
  t.clock.now = new Date('2026-12-21T02:00:00Z');
  const admin = await t.loginAs('org_admin');
  expect((await admin.request('POST', `/api/v1/rights/grants/${g.id}/approve`)).statusCode).toBe(200);
  const office2 = await t.loginAs('tto_officer');
  expect((await office2.request('POST', `/api/v1/rights/grants/${g.id}/agreement`)).statusCode).toBe(200);
  expect((await office2.request('POST', `/api/v1/rights/grants/${g.id}/record-change`)).json().status).toBe('recorded');
  return { orgId, achievementId, grantId: g.id };
}
