import { describe, expect, it } from 'vitest';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext, type TestClient } from '../../../test/helpers/app.js';
import { readPdf } from '../../../test/helpers/pdf.js';
import { verifyLedger } from '../../lib/ledger.js';

const t = setupTestContext();

/** An achievement of the demo university, accepted, assessed at TRL 6, with a utility model filed 2020-03-01, published. */
async function achievement(office: TestClient, title: string, publish = true) {
  const orgId = await orgOf(office);
  const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title, ipType: 'patent_utility' }))).json();
  for (const step of ['submit', 'accept']) expect((await office.request('POST', `/api/v1/achievements/${a.id}/${step}`)).statusCode).toBe(200);
  expect((await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6, notes: '近海网箱示范点连续运行 6 个月' })).statusCode).toBe(200);
  expect((await office.request('POST', `/api/v1/achievements/${a.id}/protect`, { ipType: 'patent_utility', applicationNo: 'CN202020123456.7', filedOn: '2020-03-01' })).statusCode).toBe(200);
  if (publish) expect((await office.request('POST', `/api/v1/achievements/${a.id}/publish`)).statusCode).toBe(200);
  return a.id as string;
}

const discount = { riskFree: '0.025', technical: '0.05', market: '0.03', capital: '0.02', management: '0.015' };
const incomeEquiv = {
  approach: 'income',
  base: 'profit',
  amounts: ['2000000', '2000000'],
  share: { method: 'equivalent_investment', techCost: '500', techReturn: '0.2', assetCost: '3000', assetReturn: '0.1' },
  discount,
  note: '受让方年利润按中试数据测算',
};
const market = {
  approach: 'market',
  comparables: [
    {
      name: '某溶解氧传感器专利许可',
      price: '800000',
      dealDate: '2025-06-30',
      factors: [
        { kind: 'technology', value: '1.1' },
        { kind: 'time', value: '1.02' },
        { kind: 'region', value: '0.95' },
      ],
    },
    {
      name: '某水质监测技术转让',
      price: '1000000',
      factors: [
        { kind: 'technology', value: '0.9' },
        { kind: 'terms', value: '0.85' },
      ],
    },
  ],
  selection: 'mean',
};
const cost = { approach: 'cost', basis: 'components', direct: '400000', indirect: '100000', profit: '75000', taxes: '34500', depreciation: { method: 'rate', rate: '0.2' } };
const indicators = [
  { indicator: 'scientific', score: 70, weight: 10 },
  { indicator: 'technical', score: 85, weight: 30 },
  { indicator: 'economic', score: 80, weight: 30 },
  { indicator: 'social_cultural', score: 75, weight: 10 },
  { indicator: 'transformation_potential', score: 90, weight: 20, comment: '已有两家企业表达意向' },
];
const full = {
  purpose: '作价许可前的价值评估',
  evaluatorName: '赵评估',
  valuationDate: '2026-11-28',
  trl: 6,
  trlEvidence: '近海网箱示范点连续运行 6 个月，第三方检测报告',
  indicators,
  valuations: [incomeEquiv, market, cost],
  conclusion: { value: '506664.27', low: '487600.00', high: '808860.00', basedOn: 0, text: '建议以收益法结果 50.67 万元作为许可谈判底价' },
};

describe('evaluation: draft → finalised → new version', () => {
  it('office evaluates with TRL, 五元价值 and three valuations; finalises on the ledger; a new version supersedes', async () => {
    const office = await t.loginAs('tto_officer');
    const id = await achievement(office, '评估测试成果一');

    // The page's starting point: the recorded protection and the TRL assessed by the office.
    const start = (await office.request('GET', `/api/v1/achievements/${id}/evaluations`)).json();
    expect(start).toMatchObject({ canCreate: true, items: [], achievement: { trl: 6 }, protection: { ipType: 'patent_utility', filedOn: '2020-03-01', reference: 'CN202020123456.7' } });

    const created = await office.request('POST', `/api/v1/achievements/${id}/evaluations`, { purpose: '作价许可前的价值评估' }, { 'idempotency-key': 'eval-create-0001' });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    // TRL and its evidence start from the office's assessment.
    expect(draft).toMatchObject({ status: 'draft', versionNo: 1, trl: 6, trlLevel: { zh: '相关环境中系统/子系统模型或原型演示' }, trlEvidence: '近海网箱示范点连续运行 6 个月', canEdit: true });
    expect(draft.number).toMatch(/^PG-2026-\d{6}$/);
    // The same key again: the same evaluation, not a second one.
    const again = await office.request('POST', `/api/v1/achievements/${id}/evaluations`, { purpose: '作价许可前的价值评估' }, { 'idempotency-key': 'eval-create-0001' });
    expect(again.json().id).toBe(draft.id);

    // Finalising an incomplete draft lists everything missing.
    const early = await office.request('POST', `/api/v1/evaluations/${draft.id}/finalise`);
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.indicators', 'body.valuations', 'body.conclusion']);

    const saved = await office.request('PUT', `/api/v1/evaluations/${draft.id}`, { ...full, version: draft.version });
    expect(saved.statusCode).toBe(200);
    const e = saved.json();
    expect(e.compositeScore).toBe('82.00');
    expect(e.results.map((r: { approach: string; value: string }) => [r.approach, r.value])).toEqual([
      ['income', '506664.27'],
      ['market', '808860.00'],
      ['cost', '487600.00'],
    ]);
    const income = e.results[0];
    expect(income.steps.find((s: { key: string }) => s.key === 'Kprofit').value).toBe('0.153846');
    expect(income.steps.find((s: { key: string }) => s.key === 'legalLife').formula).toBe('n = 2 ≤ 3');
    expect(income.rule.zh).toContain('《专利法》第四十二条');
    // The result carries what it was computed from, including the filing taken from the ledger.
    expect(income.inputs).toMatchObject({ valuationDate: '2026-11-28', protection: { ipType: 'patent_utility', filedOn: '2020-03-01', reference: 'CN202020123456.7' } });
    expect(income.years.map((y: { presentValue: string }) => y.presentValue)).toEqual(['269905.27', '236759.00']);
    // A stale version is refused.
    expect((await office.request('PUT', `/api/v1/evaluations/${draft.id}`, { purpose: 'x', version: draft.version })).statusCode).toBe(409);

    const fin = await office.request('POST', `/api/v1/evaluations/${draft.id}/finalise`);
    expect(fin.statusCode).toBe(200);
    expect(fin.json()).toMatchObject({ status: 'finalised', canEdit: false, canNewVersion: true, finalisedByName: expect.any(String) });
    expect(fin.json().contentHash).toMatch(/^[0-9a-f]{64}$/);

    // Finalised is immutable: the API refuses, and so does the database.
    const edit = await office.request('PUT', `/api/v1/evaluations/${draft.id}`, { purpose: '改' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toContain('不能修改');
    await expect(t.db.query("update evaluations set purpose = '改' where id = $1", [draft.id])).rejects.toThrow(/finalised/);
    await expect(t.db.query('delete from evaluations where id = $1', [draft.id])).rejects.toThrow(/cannot be deleted/);
    expect((await office.request('DELETE', `/api/v1/evaluations/${draft.id}`)).statusCode).toBe(409);

    // A new version: a draft copying v1; finalising it supersedes v1.
    const v2 = (await office.request('POST', `/api/v1/evaluations/${draft.id}/versions`)).json();
    expect(v2).toMatchObject({ versionNo: 2, status: 'draft', number: draft.number, supersedesId: draft.id, trl: 6 });
    expect((await office.request('POST', `/api/v1/evaluations/${draft.id}/versions`)).statusCode).toBe(409);
    expect((await office.request('PUT', `/api/v1/evaluations/${v2.id}`, { trl: 7, trlEvidence: '实际海况运行 12 个月' })).json().trlLevel.zh).toBe('实际（运行）环境中原型系统演示');
    expect((await office.request('POST', `/api/v1/evaluations/${v2.id}/finalise`)).json().status).toBe('finalised');
    const v1 = (await office.request('GET', `/api/v1/evaluations/${draft.id}`)).json();
    expect(v1).toMatchObject({ status: 'superseded', supersededById: v2.id, trl: 6 });

    const timeline = (await office.request('GET', `/api/v1/evaluations/${v2.id}/timeline`)).json();
    expect(timeline.items.map((x: { type: string }) => x.type)).toEqual(['evaluation.drafted', 'evaluation.finalised', 'evaluation.version_drafted', 'evaluation.finalised']);
    expect(timeline.items[1].payload).toMatchObject({ versionNo: 1, trl: 6, compositeScore: '82.00', conclusion: { value: '506664.27' }, contentHash: fin.json().contentHash });
    expect(timeline.items[3].payload.supersedes).toBe(draft.id);
    expect((await verifyLedger(t.db)).ok).toBe(true);

    // The PDF, read back.
    const pdf = await office.request('GET', `/api/v1/evaluations/${draft.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = readPdf(pdf.rawPayload);
    const flat = text.replace(/\s+/g, '');
    for (const s of [
      '科技成果评估报告',
      '评估测试成果一',
      'TRL6：相关环境中系统/子系统模型或原型演示',
      '第三方检测报告',
      '五元价值评价',
      '转化推广潜力',
      '综合得分：82.00',
      '收益法（收益分成法）：评估值506664.27元',
      '600/(600+3300)=0.1538461538',
      '0.8771929825',
      '269905.27',
      '852720.00',
      '487600.00',
      '建议以收益法结果50.67万元作为许可谈判底价',
      '评估人：赵评估',
      '评估日期：2026-11-28',
      '已被新版本取代',
    ]) {
      expect(flat).toContain(s);
    }
  });
});

describe('evaluation: bad input names the field; nothing changes', () => {
  it('negative cost, r = 0, a missing year, n beyond the legal life', async () => {
    const office = await t.loginAs('tto_officer');
    const id = await achievement(office, '评估测试成果二');
    const e = (await office.request('POST', `/api/v1/achievements/${id}/evaluations`, {})).json();
    const put = (body: object) => office.request('PUT', `/api/v1/evaluations/${e.id}`, body, { 'accept-language': 'zh-CN' });

    let res = await put({ valuations: [{ ...cost, direct: '-1' }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'body.valuations[0].direct', message: '直接成本不能为负数（-1）' }]);

    res = await put({ valuations: [{ ...incomeEquiv, discount: { riskFree: '0', technical: '0', market: '0', capital: '0', management: '0' } }] });
    expect(res.json().errors[0]).toEqual({ field: 'body.valuations[0].discount', message: '收益期不为零时，折现率 r 须大于 0' });

    res = await put({ valuations: [{ ...incomeEquiv, amounts: ['100', ''] }] });
    expect(res.json().errors[0]).toEqual({ field: 'body.valuations[0].amounts[1]', message: '请填写第 2 年利润' });

    // The utility model filed 2020-03-01 expires 2030-02-28: from 2026-11-28 three whole years remain.
    res = await put({ valuations: [{ ...incomeEquiv, amounts: ['1', '1', '1', '1'] }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.valuations[0].amounts');
    expect(res.json().errors[0].message).toContain('收益期 4 年超过剩余法定保护期');
    expect(res.json().errors[0].message).toContain('2030-02-28');
    const en = await office.request('PUT', `/api/v1/evaluations/${e.id}`, { valuations: [{ ...incomeEquiv, amounts: ['1', '1', '1', '1'] }] }, { 'accept-language': 'en-US' });
    expect(en.json().errors[0].message).toContain('exceeds the remaining legal life');

    res = await put({ indicators: indicators.slice(0, 4) });
    expect(res.json().errors.map((x: { field: string }) => x.field)).toEqual(['body.indicators', 'body.indicators']);
    res = await put({ conclusion: { value: '900000', low: '1', high: '2', text: '建议' } });
    expect(res.json().errors[0].field).toBe('body.conclusion.value');
    res = await put({ valuations: [{ approach: 'barter' }] });
    expect(res.statusCode).toBe(400);
    res = await put({ valuationDate: '2026-13-45' });
    expect(res.json().errors[0].field).toBe('body.valuationDate');
    res = await put({ purpose: 'a\u0000b', conclusion: { value: '1', text: '<script>alert(1)</script>' } });
    expect(res.json().errors[0].field).toBe('body.purpose');

    // None of it was saved.
    const after = (await office.request('GET', `/api/v1/evaluations/${e.id}`)).json();
    expect(after).toMatchObject({ version: e.version, valuations: [], indicators: [], conclusion: null });
    // Markup is text: stored and returned as typed, never interpreted.
    res = await put({ conclusion: { value: '1', text: '<script>alert(1)</script>' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().conclusion.text).toBe('<script>alert(1)</script>');

    // The preview computes without saving, with the same errors.
    const preview = await office.request('POST', '/api/v1/evaluations/preview', { valuationDate: '2026-11-28', valuation: cost });
    expect(preview.json()).toMatchObject({ approach: 'cost', value: '487600.00' });
    expect((await office.request('POST', '/api/v1/evaluations/preview', { valuationDate: '2026-11-28', valuation: { ...cost, taxes: '-3' } })).json().errors[0].field).toBe('body.valuation.taxes');

    // A draft may be discarded.
    expect((await office.request('DELETE', `/api/v1/evaluations/${e.id}`)).statusCode).toBe(204);
    expect((await office.request('GET', `/api/v1/evaluations/${e.id}`)).statusCode).toBe(404);
  });
});

describe('evaluation: who may do what', () => {
  it('brokers and operators evaluate public achievements; the holder office reads them; the bureau reads; others are refused', async () => {
    const office = await t.loginAs('tto_officer');
    const id = await achievement(office, '评估测试成果三');
    const hidden = await achievement(office, '评估测试成果四（未公开）', false);
    const broker = await t.loginAs('broker');
    const operator = await t.loginAs('operator');
    const bureau = await t.loginAs('bureau');

    const b = await broker.request('POST', `/api/v1/achievements/${id}/evaluations`, { evaluatorName: '钱经纪', valuations: [cost] });
    expect(b.statusCode).toBe(201);
    const be = b.json();
    expect(be.requester.name).not.toBe(be.achievement.holderName);
    // An internal achievement is not there for the broker.
    expect((await broker.request('POST', `/api/v1/achievements/${hidden}/evaluations`, {})).statusCode).toBe(404);

    // The holder's office and the operator read the broker's evaluation; the office cannot edit it.
    expect((await office.request('GET', `/api/v1/evaluations/${be.id}`)).json()).toMatchObject({ canEdit: false });
    expect((await office.request('PUT', `/api/v1/evaluations/${be.id}`, { purpose: 'x' })).statusCode).toBe(403);
    expect((await operator.request('GET', `/api/v1/evaluations/${be.id}`)).statusCode).toBe(200);
    expect((await operator.request('GET', '/api/v1/evaluations')).json().items.some((x: { id: string }) => x.id === be.id)).toBe(true);

    // The bureau reads (list, one, PDF) and changes nothing.
    expect((await bureau.request('GET', `/api/v1/evaluations/${be.id}`)).statusCode).toBe(200);
    expect((await bureau.request('GET', `/api/v1/evaluations/${be.id}/report.pdf`)).statusCode).toBe(200);
    expect((await bureau.request('PUT', `/api/v1/evaluations/${be.id}`, { purpose: 'x' })).statusCode).toBe(403);
    expect((await bureau.request('POST', `/api/v1/evaluations/${be.id}/finalise`)).statusCode).toBe(403);

    // A firm and a researcher are refused outright.
    for (const role of ['enterprise', 'researcher'] as const) {
      const c = await t.loginAs(role);
      expect((await c.request('GET', `/api/v1/evaluations/${be.id}`)).statusCode).toBe(403);
      expect((await c.request('POST', `/api/v1/achievements/${id}/evaluations`, {})).statusCode).toBe(403);
    }

    // The broker finalises; the list of the achievement shows it to the office.
    expect((await broker.request('PUT', `/api/v1/evaluations/${be.id}`, { ...full, valuations: [cost], conclusion: { value: '487600.00', text: '成本法参考值' } })).statusCode).toBe(200);
    expect((await broker.request('POST', `/api/v1/evaluations/${be.id}/finalise`)).json().status).toBe('finalised');
    const list = (await office.request('GET', `/api/v1/achievements/${id}/evaluations`)).json();
    expect(list.items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[be.id, 'finalised']]);
  });
});
