import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { orgOf } from '../../../test/helpers/achievements.js';
import { setupTestContext, type TestClient } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { surplusCashRewards } from './projects.service.js';

const t = setupTestContext();

const CLIENT = { name: '青岛蓝鲸海洋科技有限公司', creditCode: makeCreditCode('91370212MA3C00001') };
const COMPANY = { name: '青岛海测智能科技有限公司', creditCode: makeCreditCode('91370212MA3C00002') };

async function me(client: TestClient) {
  return (await client.request('GET', '/api/v1/me')).json() as { id: string; memberships: { organisationId: string }[] };
}

async function newProject(office: TestClient, over: Record<string, unknown> = {}) {
  const orgId = await orgOf(office);
  const researcher = await me(await t.loginAs('researcher'));
  const body = {
    title: '深远海养殖网箱水质监测系统技术开发',
    client: CLIENT,
    contractNo: 'HX-2026-018',
    managementFee: { kind: 'rate', rate: '0.05' },
    allocationRatio: '0.7',
    completers: [
      { name: '王海洋', userId: researcher.id, share: '50' },
      { name: '刘波', share: '30' },
      { name: '李校长', share: '20', isHead: true },
    ],
    ...over,
  };
  return { orgId, res: await office.request('POST', `/api/v1/orgs/${orgId}/projects`, body) };
}

async function count(sql: string, params: unknown[]) {
  return Number((await t.db.query<{ n: number }>(sql, params)).rows[0]!.n);
}

describe('contract-research surplus (measure 3)', () => {
  it('project → receipts and costs (idempotent) → acceptance recognises the surplus → allocation 14万/8.4万/5.6万 → payroll lines', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, res } = await newProject(office);
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ status: 'active', allocationRatio: '0.7', contractNo: 'HX-2026-018', client: CLIENT, canManage: true, recognised: false });
    expect(p.allocationFloor.clause.zh).toContain('第四十五条');
    const id = p.id as string;

    const receipt = { label: '合同首期款', amount: '600000.00', receivedOn: '2026-03-02', evidence: '银行回单 HX-01' };
    const first = await office.request('POST', `/api/v1/projects/${id}/receipts`, receipt, { 'idempotency-key': 'proj-rcpt-000001' });
    expect(first.statusCode).toBe(201);
    const again = await office.request('POST', `/api/v1/projects/${id}/receipts`, receipt, { 'idempotency-key': 'proj-rcpt-000001' });
    expect(again.json()).toMatchObject({ entryId: first.json().entryId, replayed: true });
    await office.request(
      'POST',
      `/api/v1/projects/${id}/receipts`,
      { ...receipt, label: '合同尾款', amount: '400000.00', receivedOn: '2026-09-30', evidence: '银行回单 HX-02' },
      { 'idempotency-key': 'proj-rcpt-000002' },
    );
    for (const [i, [category, amount]] of (
      [
        ['materials', '300000.00'],
        ['testing', '250000.00'],
      ] as const
    ).entries()) {
      const c = await office.request(
        'POST',
        `/api/v1/projects/${id}/costs`,
        { category, label: `直接费用 ${i + 1}`, amount, incurredOn: '2026-10-15', evidence: `发票 FP-${i + 1}` },
        { 'idempotency-key': `proj-cost-00000${i}` },
      );
      expect(c.statusCode).toBe(201);
    }
    let detail = (await office.request('GET', `/api/v1/projects/${id}`)).json();
    expect(detail.receipts).toHaveLength(2);
    expect(detail.costs).toHaveLength(2);
    expect(detail.figures.surplus.value).toBe('400000.00');
    expect(detail.recognised).toBe(false);

    // Allocation before acceptance: 409, nothing recorded.
    const early = await office.request('POST', `/api/v1/projects/${id}/allocation`, { form: 'cash' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('结题验收');
    expect(await count('select count(*)::int as n from research_project_allocations where project_id = $1', [id])).toBe(0);

    const accepted = await office.request('POST', `/api/v1/projects/${id}/acceptance`, {
      acceptedOn: '2026-11-20',
      acceptanceDocument: '验收意见 YS-2026-07',
      finalAccountsDocument: '决算报告 JS-2026-07',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedOn: '2026-11-20', surplus: '400000.00', recognised: true });
    expect(accepted.json().figures.managementFee).toMatchObject({ value: '50000.00', inputs: { receipts: '1000000.00', rate: '0.05' } });
    const recognised = (await t.db.query<{ payload: Record<string, unknown> }>("select payload from ledger_events where stream = $1 and type = 'project.surplus_recognised'", [`project:${id}`])).rows;
    expect(recognised).toHaveLength(1);
    expect(recognised[0]!.payload).toMatchObject({
      incomeKind: 'transfer',
      receipts: '1000000.00',
      directCosts: '550000.00',
      managementFee: '50000.00',
      surplus: '400000.00',
      allocationRatio: '0.7',
      acceptedOn: '2026-11-20',
    });

    // Receipts after acceptance: 409, nothing recorded.
    const late = await office.request('POST', `/api/v1/projects/${id}/receipts`, { ...receipt, evidence: '补记' });
    expect(late.statusCode).toBe(409);
    expect(await count("select count(*)::int as n from research_project_entries where project_id = $1 and kind = 'receipt'", [id])).toBe(2);
    expect((await office.request('POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-21', acceptanceDocument: 'YS', finalAccountsDocument: 'JS' })).statusCode).toBe(409);

    // The preview explains; the allocation records.
    const preview = (await office.request('POST', `/api/v1/projects/${id}/allocation/preview`, { form: 'cash' })).json();
    expect(preview.lines.map((l: { cashPart: string }) => l.cashPart)).toEqual(['140000.00', '84000.00', '56000.00']);
    const body = { form: 'cash' };
    const alloc = await office.request('POST', `/api/v1/projects/${id}/allocation`, body, { 'idempotency-key': 'proj-alloc-00001' });
    expect(alloc.statusCode).toBe(201);
    const a = alloc.json();
    expect(a.status).toBe('allocated');
    expect(a.allocation.pool).toMatchObject({ value: '280000.00', inputs: { surplus: '400000.00', allocationRatio: '0.7' } });
    expect(a.allocation.lines.map((l: { name: string; cashPart: string; techPartPct: string; takes: string }) => [l.name, l.cashPart, l.techPartPct, l.takes])).toEqual([
      ['王海洋', '140000.00', '0.000000', 'cash'],
      ['刘波', '84000.00', '0.000000', 'cash'],
      ['李校长', '56000.00', '0.000000', 'cash'],
    ]);
    expect(a.allocation.lines[0].explanation.rule.zh).toContain('280000.00 × 50/100');
    const replay = await office.request('POST', `/api/v1/projects/${id}/allocation`, body, { 'idempotency-key': 'proj-alloc-00001' });
    expect(replay.json().replayed).toBe(true);
    expect((await office.request('POST', `/api/v1/projects/${id}/allocation`, body)).statusCode).toBe(409);

    // The researcher sees their project and their line; the bureau reads; another institution does not.
    const researcher = await t.loginAs('researcher');
    const mine = (await researcher.request('GET', '/api/v1/projects')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(id);
    const seen = (await researcher.request('GET', `/api/v1/projects/${id}`)).json();
    expect(seen.canManage).toBe(false);
    expect(seen.allocation.lines.find((l: { isMe: boolean }) => l.isMe)).toMatchObject({ name: '王海洋', cashPart: '140000.00' });
    expect((await (await t.loginAs('bureau')).request('GET', `/api/v1/projects/${id}`)).statusCode).toBe(200);
    expect((await (await t.loginAs('feng.qihang@demo.keqiao.cn')).request('GET', `/api/v1/projects/${id}`)).statusCode).toBe(404);
    expect((await researcher.request('POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-20', acceptanceDocument: 'YS', finalAccountsDocument: 'JS' })).statusCode).toBe(403);

    // Payroll lines for the distribution module.
    const lines = await surplusCashRewards({ db: t.db }, orgId, '2026-11-01', '2026-11-30');
    expect(lines.filter((l) => l.projectId === id).map((l) => [l.name, l.amount, l.recognisedOn])).toEqual([
      ['王海洋', '140000.00', '2026-11-20'],
      ['刘波', '84000.00', '2026-11-20'],
      ['李校长', '56000.00', '2026-11-20'],
    ]);
    expect(lines.find((l) => l.name === '王海洋')!.personId).toBe((await me(researcher)).id);
    expect(await surplusCashRewards({ db: t.db }, orgId, '2026-12-01', '2026-12-31')).toEqual([]);
    // …and the payroll office sees them beside the rewards from receipts, with the 50% treatment.
    const payroll = (await office.request('GET', `/api/v1/orgs/${orgId}/reward-payroll?from=2026-11-01&to=2026-11-30`)).json();
    expect(payroll.lines.find((l: { source: string; name: string }) => l.source === 'surplus' && l.name === '王海洋')).toMatchObject({
      amount: '140000.00',
      taxable: '70000.00',
      halfTaxRelief: true,
      projectId: id,
    });

    const timeline = (await office.request('GET', `/api/v1/projects/${id}/timeline`)).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toEqual([
      'project.created',
      'project.receipt',
      'project.receipt',
      'project.cost',
      'project.cost',
      'project.surplus_recognised',
      'project.allocated',
    ]);
    detail = (await office.request('GET', `/api/v1/projects/${id}`)).json();
    expect(detail.figures.surplus.value).toBe('400000.00');
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('现金入股+技术入股: cash and technology parts apart; a head taking shares is refused with the clause, nothing changed', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, res } = await newProject(office, { title: '海水淡化膜组件中试技术服务', managementFee: { kind: 'amount', amount: '50000.00' } });
    const p = res.json();
    const id = p.id as string;
    await office.request('POST', `/api/v1/projects/${id}/receipts`, { label: '合同款', amount: '1000000.00', receivedOn: '2026-06-01', evidence: '回单' });
    await office.request('POST', `/api/v1/projects/${id}/costs`, { category: 'equipment', label: '设备费', amount: '550000.00', incurredOn: '2026-07-01', evidence: '发票' });
    await office.request('POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-25', acceptanceDocument: '验收意见', finalAccountsDocument: '决算报告' });

    const head = p.completers.find((c: { isHead: boolean }) => c.isHead).id as string;
    const refused = await office.request('POST', `/api/v1/projects/${id}/allocation`, { form: 'cash_and_technology', company: COMPANY, techStakeFormedPct: '10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('李校长 为单位正职领导，只能获得现金奖励');
    expect(refused.json().detail).toContain('国发〔2016〕16号');
    expect(refused.json().errors[0].field).toBe('body.cashTakers');
    expect(await count('select count(*)::int as n from research_project_allocations where project_id = $1', [id])).toBe(0);
    expect((await office.request('GET', `/api/v1/projects/${id}`)).json().status).toBe('accepted');

    const noCompany = await office.request('POST', `/api/v1/projects/${id}/allocation`, { form: 'cash_and_technology', techStakeFormedPct: '10', cashTakers: [head] });
    expect(noCompany.statusCode).toBe(400);
    const badCode = await office.request('POST', `/api/v1/projects/${id}/allocation`, {
      form: 'cash_and_technology',
      company: { name: COMPANY.name, creditCode: '91370212MA3C000020' },
      techStakeFormedPct: '10',
      cashTakers: [head],
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0].field).toBe('body.company.creditCode');

    const ok = await office.request('POST', `/api/v1/projects/${id}/allocation`, { form: 'cash_and_technology', company: COMPANY, techStakeFormedPct: '10', cashTakers: [head] });
    expect(ok.statusCode).toBe(201);
    const a = ok.json().allocation;
    expect(a.company).toEqual(COMPANY);
    expect(a.techStake).toMatchObject({ formedPct: '10.000000', teamPct: '7.000000', heldBackPct: '1.400000' });
    expect(a.lines.map((l: { takes: string; cashPart: string; techPartPct: string }) => [l.takes, l.cashPart, l.techPartPct])).toEqual([
      ['shares', '140000.00', '3.500000'],
      ['shares', '84000.00', '2.100000'],
      ['cash', '56000.00', '0.000000'],
    ]);
    expect(a.totals).toEqual({ cashPaid: '56000.00', cashContributed: '224000.00', techPct: '5.600000' });
    const stored = (
      await t.db.query<{ cash_part: string; tech_part: string }>('select cash_part, tech_part from research_project_allocation_lines where project_id = $1 order by cash_part desc', [id])
    ).rows;
    expect(stored).toEqual([
      { cash_part: '140000.00', tech_part: '3.500000' },
      { cash_part: '84000.00', tech_part: '2.100000' },
      { cash_part: '56000.00', tech_part: '0.000000' },
    ]);
    // Only the head's cash is payroll; the contributions to the company are not.
    const lines = (await surplusCashRewards({ db: t.db }, orgId, '2026-11-01', '2026-11-30')).filter((l) => l.projectId === id);
    expect(lines.map((l) => [l.name, l.amount])).toEqual([['李校长', '56000.00']]);
  });

  it('bad input is refused with the reason and changes nothing', async () => {
    const office = await t.loginAs('tto_officer');
    const before = await count('select count(*)::int as n from research_projects', []);
    const events = await count('select count(*)::int as n from ledger_events', []);

    const shares = await newProject(office, {
      completers: [
        { name: '王海洋', share: '50' },
        { name: '刘波', share: '30' },
        { name: '赵敏', share: '19.5' },
      ],
    });
    expect(shares.res.statusCode).toBe(400);
    expect(shares.res.json().errors).toEqual([expect.objectContaining({ field: 'body.completers', message: expect.stringContaining('现为 99.5%') })]);

    const floor = await newProject(office, { allocationRatio: '0.45' });
    expect(floor.res.statusCode).toBe(422);
    expect(floor.res.json().detail).toContain('低于法定下限 50%');
    expect(floor.res.json().detail).toContain('《促进科技成果转化法》第四十五条');

    const code = await newProject(office, { client: { name: CLIENT.name, creditCode: '91370212MA3C00001X' } });
    expect(code.res.statusCode).toBe(400);
    expect(code.res.json().errors[0].field).toBe('body.client.creditCode');

    const money = await newProject(office, { managementFee: { kind: 'amount', amount: '12.345' } });
    expect(money.res.statusCode).toBe(400);

    const contract = await newProject(office, { contractId: '00000000-0000-4000-8000-000000000000' });
    expect(contract.res.statusCode).toBe(400);
    expect(contract.res.json().errors[0].field).toBe('body.contractId');

    const stranger = await newProject(office, { completers: [{ name: '冯启航', userId: (await me(await t.loginAs('feng.qihang@demo.keqiao.cn'))).id, share: '100' }] });
    expect(stranger.res.statusCode).toBe(400);

    // Another institution's office cannot register projects here (the institution is not revealed to it).
    const other = await t.loginAs('feng.qihang@demo.keqiao.cn');
    const orgId = await orgOf(office);
    expect((await other.request('POST', `/api/v1/orgs/${orgId}/projects`, {})).statusCode).toBe(404);

    expect(await count('select count(*)::int as n from research_projects', [])).toBe(before);
    expect(await count('select count(*)::int as n from ledger_events', [])).toBe(events);

    // Entries: a negative amount, a future date, missing evidence.
    const { res } = await newProject(office, { title: '近海生态修复监测技术咨询' });
    const id = res.json().id as string;
    const n = await count('select count(*)::int as n from research_project_entries where project_id = $1', [id]);
    expect((await office.request('POST', `/api/v1/projects/${id}/receipts`, { label: '款', amount: '-5.00', receivedOn: '2026-06-01', evidence: '回单' })).statusCode).toBe(400);
    expect((await office.request('POST', `/api/v1/projects/${id}/receipts`, { label: '款', amount: '5.00', receivedOn: '2027-06-01', evidence: '回单' })).statusCode).toBe(400);
    expect((await office.request('POST', `/api/v1/projects/${id}/costs`, { category: 'materials', label: '材料', amount: '5.00', incurredOn: '2026-06-01' })).statusCode).toBe(400);
    // Acceptance without receipts, or dated before an entry.
    expect((await office.request('POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-20', acceptanceDocument: 'YS', finalAccountsDocument: 'JS' })).statusCode).toBe(409);
    await office.request('POST', `/api/v1/projects/${id}/receipts`, { label: '款', amount: '5.00', receivedOn: '2026-11-10', evidence: '回单' });
    const early = await office.request('POST', `/api/v1/projects/${id}/acceptance`, { acceptedOn: '2026-11-01', acceptanceDocument: 'YS', finalAccountsDocument: 'JS' });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors[0].message).toContain('2026-11-10');
    expect(await count('select count(*)::int as n from research_project_entries where project_id = $1', [id])).toBe(n + 1);
    expect((await office.request('GET', `/api/v1/projects/${id}`)).json().status).toBe('active');
  });
});
