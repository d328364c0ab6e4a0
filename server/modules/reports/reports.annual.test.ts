import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { TestClient } from '../../../test/helpers/app.js';
import { readPdf } from '../../../test/helpers/pdf.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';

const t = setupTestContext();

/** Disclose → accept → assess → price (listing) → decide → complete, through the API. */
async function transformed(office: TestClient, orgId: string, over: Record<string, unknown>, mode: string, contractAmount: string) {
  const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ ...over, submit: true, completers: [{ name: '王海洋', share: '100' }] }))).json();
  for (const [step, body] of [
    ['accept', undefined],
    ['assess', { trl: 6 }],
    ['price', { pricingMethod: 'listing', askingPrice: contractAmount }],
    ['decide', { transformationMode: mode }],
    ['complete', { contractAmount }],
  ] as const) {
    const res = await office.request('POST', `/api/v1/achievements/${a.id}/${step}`, body);
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
  }
  return a as { id: string; number: string; title: string };
}

describe('annual report (科技成果转化年度报告) from the ledger', () => {
  it('rolls a year of the ledger up into JSON, .xlsx and PDF', async () => {
    t.clock.now = new Date('2027-03-15T02:00:00Z');
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const url = `/api/v1/orgs/${orgId}/reports/annual`;
    const empty = (await office.request('GET', `${url}?year=2027`)).json();
    expect(empty).toMatchObject({ obtained: { total: 0 }, contracts: { count: 0, amount: '0.00' }, projects: [] });

    const a1 = await transformed(office, orgId, { title: '深远海网箱溶解氧监测系统', ipType: 'patent_invention', fundingType: 'fiscal' }, 'transfer', '1200000.00');
    expect((await office.request('PATCH', `/api/v1/achievements/${a1.id}`, { receivedAmount: '400000.00' })).statusCode).toBe(200);
    await transformed(office, orgId, { title: '海洋牧场数据平台软件', ipType: 'software', fundingType: 'enterprise_commissioned' }, 'license', '300000.00');
    const a3 = await transformed(office, orgId, { title: '海藻酸钠医用敷料', ipType: 'patent_utility', fundingType: 'self' }, 'equity', '800000.00');
    const holding = await office.request('POST', `/api/v1/orgs/${orgId}/equity/holdings`, {
      companyName: '青岛海藻生物材料有限公司',
      companyCreditCode: '91370212MA3C5R8K0C',
      sharesPct: '30',
      bookValue: '800000.00',
      acquiredOn: '2027-03-15',
      achievementId: a3.id,
    });
    expect(holding.statusCode).toBe(201);
    // Disclosed but not accepted: not obtained.
    await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '未受理的成果', submit: true, completers: [{ name: '李四', share: '100' }] }));

    const bureau = await t.loginAs('bureau');
    const res = await bureau.request('GET', `${url}?year=2027`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.obtained.total).toBe(3);
    expect(r.obtained.byType.filter((x: { count: number }) => x.count > 0).map((x: { label: string }) => x.label)).toEqual(['发明专利', '实用新型专利', '软件著作权']);
    expect(r.obtained.bySource.map((x: { count: number }) => x.count)).toEqual([1, 1, 1]);
    const byMode = Object.fromEntries(r.transformations.byMode.map((m: { mode: string; count: number; amount: string }) => [m.mode, [m.count, m.amount]]));
    expect(byMode).toMatchObject({ transfer: [1, '1200000.00'], license: [1, '300000.00'], equity: [1, '800000.00'] });
    expect(r.contracts).toEqual({
      count: 3,
      amount: '2300000.00',
      bands: [
        { band: 'gte_1m', label: '100万元及以上', count: 1, amount: '1200000.00' },
        { band: 'lt_1m', label: '100万元以下', count: 2, amount: '1100000.00' },
      ],
    });
    expect(r.receivedInYear.amount).toBe('400000.00');
    expect(r.equityCompanies).toMatchObject({ count: 1, items: [{ companyName: '青岛海藻生物材料有限公司' }] });
    expect(r.rewards).toMatchObject({ cash: '0.00', equity: '0.00', total: '0.00', cashPeople: 0 });
    expect(r.projects).toHaveLength(3);
    expect(r.projects[0]).toMatchObject({ number: a1.number, mode: 'transfer', modeLabel: '转让', contractAmount: '1200000.00', received: '400000.00', date: '2027-03-15', counterparty: null });
    expect(r.projects.find((p: { number: string }) => p.number === a3.number)).toMatchObject({ counterparty: '青岛海藻生物材料有限公司', modeLabel: '作价投资' });
    // Another year is untouched by this year's ledger.
    expect((await office.request('GET', `${url}?year=2028`)).json().contracts.count).toBe(0);

    // .xlsx, read back with a real reader.
    const xlsx = await office.request('GET', `${url}.xlsx?year=2027`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '项目清单']);
    const summary = new Map<string, string>();
    wb.getWorksheet('汇总')!.eachRow((row) => summary.set(String(row.getCell(1).value).trim(), String(row.getCell(2).value ?? '')));
    expect(summary.get('合同金额（元）')).toBe('2300000.00');
    expect(summary.get('一、当年取得的科技成果（项）')).toBe('3');
    expect(summary.get('五、奖励和报酬（元）')).toBe('0.00');
    const list = wb.getWorksheet('项目清单')!;
    expect(list.getRow(1).values).toEqual([undefined, '序号', '成果编号', '成果名称', '转化方式', '受让/被许可/投资方', '合同金额（元）', '累计到账（元）', '转化日期']);
    expect(list.rowCount).toBe(4);
    expect(list.getRow(2).values).toEqual([undefined, 1, a1.number, a1.title, '转让', '未记录', '1200000.00', '400000.00', '2027-03-15']);

    // PDF: the Chinese title is extractable text and the CJK font is embedded.
    const pdf = await bureau.request('GET', `${url}.pdf?year=2027`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text, fonts } = readPdf(pdf.rawPayload);
    expect(text).toContain('2027 年度科技成果转化年度报告');
    expect(text).toContain('项目清单');
    expect(text).toContain(a3.title);
    const cjk = fonts.split('\n').find((l) => l.includes('NotoSansCJK'));
    expect(cjk).toBeDefined();
    expect(cjk!.split(/\s+/)).toContain('yes'); // emb

    // The office and bureau only; a bad year is named.
    expect((await (await t.loginAs('researcher')).request('GET', `${url}?year=2027`)).statusCode).toBe(403);
    const bad = await office.request('GET', `${url}?year=abc`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.year');
    t.clock.now = new Date('2026-11-28T02:00:00.000Z');
  });
});
