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

