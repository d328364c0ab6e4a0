import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext, type TestClient } from '../../../test/helpers/app.js';
import { readPdf } from '../../../test/helpers/pdf.js';
import { PassThrough } from 'node:stream';
import type { Db } from '../../db/client.js';
import { ledgerSubscribers, verifyLedger } from '../../lib/ledger.js';
import { main } from '../../main.js';
import { samplePolicy } from './distribution.fixtures.js';
import { subscribeDistributionToReceipts } from './index.js';

const t = setupTestContext();

const policy = { ...samplePolicy, collegeShareOfRemainder: '0.3', publicityWorkingDays: 15 };

async function count(table: string) {
  return (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
}

/** A licence of an achievement of 王海洋 (60%, the demo researcher) and 刘波 (40%), paid 100,000 on 2026-12-01. */
async function paidLicence(office: TestClient, title: string, kind = 'license') {
  const orgId = await orgOf(office);
  const researcher = await t.loginAs('researcher');
  const researcherId = (await researcher.request('GET', '/api/v1/me')).json().id as string;
  const firmOrg = await orgOf(await t.loginAs('enterprise'));
  const a = (
    await office.request(
      'POST',
      `/api/v1/orgs/${orgId}/achievements`,
      sampleAchievement({
        title,
        completers: [
          { name: '王海洋', share: '60', userId: researcherId },
          { name: '刘波', share: '40' },
        ],
      }),
    )
  ).json();
  const c = (await office.request('POST', `/api/v1/orgs/${orgId}/contracts`, { kind, title: `${title}许可合同`, licenseeOrgId: firmOrg, achievementIds: [a.id] })).json();
  expect(
    (await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, { currency: 'CNY', effectiveOn: '2026-11-28', endsOn: '2029-11-27', entryFee: '100000.00', entryFeeDueDays: 30 })).statusCode,
  ).toBe(200);
  const firm = await t.loginAs('enterprise');
  await firm.request('POST', `/api/v1/contracts/${c.id}/sign`);
  await office.request('POST', `/api/v1/contracts/${c.id}/sign`);
  await office.request('POST', `/api/v1/contracts/${c.id}/activate`);
  const paid = await office.request('POST', `/api/v1/contracts/${c.id}/payments`, { form: 'cash', value: '100000.00', currency: 'CNY', receivedOn: '2026-12-01' });
  expect(paid.statusCode).toBe(201);
  return { orgId, contractId: c.id as string, researcher, achievementId: a.id as string };
}

describe('distribution: policy, receipts, publicity, payroll, statements', () => {
  it('refuses a policy below a legal floor citing the clause, and versions the valid one', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const before = await count('distribution_policies');
    const low = await office.request('POST', `/api/v1/orgs/${orgId}/distribution-policies`, { ...policy, teamShareOfNetIncome: '0.4', officeShareOfRetained: '0.1' });
    expect(low.statusCode).toBe(400);
    const errors = low.json().errors as { field: string; message: string }[];
    expect(errors.map((e) => e.field).sort()).toEqual(['body.officeShareOfRetained', 'body.teamShareOfNetIncome']);
    expect(errors.find((e) => e.field === 'body.teamShareOfNetIncome')!.message).toContain('第四十五条');
    expect(await count('distribution_policies')).toBe(before);

    const ok = await office.request('POST', `/api/v1/orgs/${orgId}/distribution-policies`, policy);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 1, teamShareOfNetIncome: '0.7', statutory: false });
    const stale = await office.request('POST', `/api/v1/orgs/${orgId}/distribution-policies`, { ...policy, effectiveFrom: '2025-06-01' });
    expect(stale.statusCode).toBe(400);

    const bureau = await t.loginAs('bureau');
    const compared = (await bureau.request('GET', '/api/v1/distribution-policies')).json();
    const mine = compared.items.find((i: { organisation: { id: string } }) => i.organisation.id === orgId);
    expect(mine.policy).toMatchObject({ version: 1, teamShareOfNetIncome: '0.7' });
    expect(mine.aboveFloor).toContain('teamShareOfNetIncome');
    expect(compared.items.some((i: { policy: { statutory: boolean } }) => i.policy.statutory)).toBe(true);
  });

  it('takes in a receipt, splits it to the fen with itemised deductions, publicises, confirms, pays with the tax treatment', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, contractId, researcher } = await paidLicence(office, '深远海网箱溶解氧监测');
    const list = (await office.request('GET', `/api/v1/orgs/${orgId}/distributions`)).json();
    const d = list.items.find((x: { contract: { id: string } }) => x.contract.id === contractId);
    expect(d).toMatchObject({ status: 'computed', gross: '100000.00', policyVersion: 1 });
    expect(d.result.team.value).toBe('70000.00');
    expect(d.rewards.map((r: { amount: string }) => r.amount)).toEqual(['42000.00', '28000.00']);
    // Taking in again creates nothing twice.
    const n = await count('distributions');
    await office.request('GET', `/api/v1/orgs/${orgId}/distributions`);
    expect(await count('distributions')).toBe(n);

    // Shares that do not sum to 100: refused, nothing changed.
    const bad = await office.request('PATCH', `/api/v1/distributions/${d.id}`, {
      version: d.version,
      completers: [
        { name: '王海洋', userId: d.completers[0].userId, share: '50', isMainContributor: true, isHead: false },
        { name: '刘波', userId: null, share: '40', isMainContributor: false, isHead: false },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('90');
    expect((await office.request('GET', `/api/v1/distributions/${d.id}`)).json().version).toBe(d.version);

    const revised = await office.request('PATCH', `/api/v1/distributions/${d.id}`, {
      version: d.version,
      deductions: [
        { kind: 'tax', label: '增值税及附加', amount: '6000.00' },
        { kind: 'maintenance', label: '专利年费', amount: '2000.00' },
        { kind: 'transaction', label: '评估费', amount: '2000.00' },
      ],
      completers: [
        { name: '王海洋', userId: d.completers[0].userId, share: '60', isMainContributor: true, isHead: false },
        { name: '刘波', userId: null, share: '40', isMainContributor: false, isHead: false },
      ],
    });
    expect(revised.statusCode).toBe(200);
    const r = revised.json();
    // net 90,000 → team 63,000: main contributor pool 60% = 37,800, others 25,200.
    expect(r.result.net.value).toBe('90000.00');
    expect(r.result.net.rule.zh).toContain('10000.00');
    expect(r.result.team).toMatchObject({ value: '63000.00', policyVersion: 1 });
    expect(r.result.team.clause.zh).toContain('第四十五条');
    expect(r.result.office.value).toBe('4050.00');
    expect(r.result.college.value).toBe('6885.00');
    expect(r.result.institution.value).toBe('16065.00');
    expect(r.rewards.map((x: { amount: string }) => x.amount)).toEqual(['37800.00', '25200.00']);

    expect((await office.request('POST', `/api/v1/distributions/${d.id}/confirm`)).statusCode).toBe(409);
    expect((await office.request('POST', `/api/v1/distributions/${d.id}/approve`)).json().status).toBe('approved');
    const pub = (await office.request('POST', `/api/v1/distributions/${d.id}/publicity`)).json();
    expect(pub.status).toBe('publicity');
    // 2026-11-30 (Monday) + 15 working days.
    expect(pub.publicityFrom).toBe('2026-11-30');
    expect(pub.publicityUntil).toBe('2026-12-18');

    const notice = (await researcher.request('GET', `/api/v1/distributions/${d.id}/notice`)).json();
    expect(notice.recipients).toEqual([
      { name: '王海洋', amount: '37800.00', isHead: false },
      { name: '刘波', amount: '25200.00', isHead: false },
    ]);
    expect(notice.period).toEqual({ from: '2026-11-30', until: '2026-12-18' });
    const objected = (await researcher.request('POST', `/api/v1/distributions/${d.id}/objections`, { text: '刘波的贡献比例应再核实' })).json();
    const objectionId = objected.objections[0].id;
    // A member of the institution who is not a recipient objects too: recorded, answered with the notice.
    await t.db.query("insert into memberships (user_id, organisation_id, role, created_at) select id, $1, 'researcher', now() from users where email = 'wu.chaosheng@demo.keqiao.cn'", [orgId]);
    const member = await t.loginAs('wu.chaosheng@demo.keqiao.cn');
    const second = await member.request('POST', `/api/v1/distributions/${d.id}/objections`, { text: '请公开净收入的扣除明细' });
    expect(second.statusCode).toBe(200);
    expect(second.json().objections).toHaveLength(2);
    const secondId = second.json().objections[1].id as string;

    t.clock.now = new Date('2026-12-21T02:00:00Z');
    const office2 = await t.loginAs('tto_officer');
    const open = await office2.request('POST', `/api/v1/distributions/${d.id}/confirm`);
    expect(open.statusCode).toBe(422);
    expect(open.json().detail).toContain('异议');
    await office2.request('POST', `/api/v1/distributions/${d.id}/objections/${objectionId}/resolve`, { resolution: 'dismissed', note: '经核实比例与成果登记一致' });
    await office2.request('POST', `/api/v1/distributions/${d.id}/objections/${secondId}/resolve`, { resolution: 'dismissed', note: '扣除明细已在详情中逐项列明' });
    expect((await office2.request('POST', `/api/v1/distributions/${d.id}/confirm`)).json().status).toBe('confirmed');
    const paid = (await office2.request('POST', `/api/v1/distributions/${d.id}/payments`, { paidOn: '2026-12-25' })).json();
    expect(paid.status).toBe('paid');
    expect(paid.rewards[0]).toMatchObject({ paidOn: '2026-12-25', taxable: '18900.00', taxReliefLost: false });

    const researcher2 = await t.loginAs('researcher');
    const mine = (await researcher2.request('GET', '/api/v1/me/rewards')).json();
    expect(mine.items.find((i: { distributionId: string }) => i.distributionId === d.id).rewards).toEqual([expect.objectContaining({ amount: '37800.00', taxable: '18900.00' })]);
    const pdf = await researcher2.request('GET', '/api/v1/me/rewards/statement.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = readPdf(pdf.rawPayload).text.replace(/\s+/g, '');
    expect(text).toContain('王海洋');
    expect(text).toContain('37800.00');

    const xlsx = await office2.request('GET', `/api/v1/orgs/${orgId}/reward-payroll.xlsx?from=2026-12-01&to=2026-12-31`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('按人汇总')!.getSheetValues();
    const wang = rows.find((row) => Array.isArray(row) && row[1] === '王海洋') as unknown[];
    expect(wang.slice(1, 9)).toEqual(['王海洋', 1, 37800, 18900, '是', '否', '否', '否']);

    // The annual report rolls the paid rewards up (DOMAIN §14 item 5).
    const report = (await office2.request('GET', `/api/v1/orgs/${orgId}/reports/annual?year=2026`)).json();
    expect(report.rewards).toMatchObject({ cash: '63000.00', taxable: '31500.00', cashPeople: 2 });

    // Other researchers of the institution do not see the distribution itself.
    const stranger = await t.loginAs('wu.chaosheng@demo.keqiao.cn');
    expect((await stranger.request('GET', `/api/v1/distributions/${d.id}`)).statusCode).toBe(404);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('keeps equity from 作价入股 apart: heads get none, the team part is allocated in the equity sub-ledger', async () => {
    t.clock.now = new Date('2026-11-28T02:00:00Z');
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const a = (
      await office.request(
        'POST',
        `/api/v1/orgs/${orgId}/achievements`,
        sampleAchievement({
          title: '海洋生物酶制剂',
          completers: [
            { name: '赵校长', share: '20', isHead: true },
            { name: '王海洋', share: '50' },
            { name: '刘波', share: '30' },
          ],
        }),
      )
    ).json();
    const holding = (
      await office.request('POST', `/api/v1/orgs/${orgId}/equity/holdings`, {
        companyName: '青岛蓝酶生物科技有限公司',
        companyCreditCode: '91370212MA3C5R8K0C',
        sharesPct: '30',
        bookValue: '3000000.00',
        acquiredOn: '2026-06-01',
        achievementId: a.id,
      })
    ).json();
    const url = `/api/v1/orgs/${orgId}/equity/holdings/${holding.id}/rewards`;
    const before = await count('equity_disposals');
    const refused = await office.request('POST', url, { decisionDocNo: '校发〔2026〕12号', decisionDate: '2026-06-10' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('赵校长');
    expect(refused.json().detail).toContain('国发〔2016〕16号');
    expect(await count('equity_disposals')).toBe(before);
    expect(await count('equity_rewards')).toBe(0);

    const done = await office.request('POST', url, { decisionDocNo: '校发〔2026〕12号', decisionDate: '2026-06-10', confirmHeadsExcluded: true });
    expect(done.statusCode).toBe(201);
    // 30% × 70% = 21%; 赵校长's 4.2% stays with the institution; 王海洋 10.5%, 刘波 6.3%.
    expect(done.json().reward).toMatchObject({ teamPct: '21', heldBackForHeadsPct: '4.2', policyVersion: 1 });
    expect(done.json().reward.people.map((p: { name: string; sharesPct: string }) => [p.name, p.sharesPct])).toEqual([
      ['王海洋', '10.5'],
      ['刘波', '6.3'],
    ]);
    const h = (await office.request('GET', `/api/v1/orgs/${orgId}/equity/holdings/${holding.id}`)).json();
    expect(h.disposals).toEqual([expect.objectContaining({ kind: 'allocation', sharesPct: '16.8', bookValue: '1680000.00' })]);
    expect((await office.request('POST', url, { decisionDocNo: '校发〔2026〕12号', decisionDate: '2026-06-10', confirmHeadsExcluded: true })).statusCode).toBe(409);
    const report = (await office.request('GET', `/api/v1/orgs/${orgId}/reports/annual?year=2026`)).json();
    expect(report.rewards).toMatchObject({ equity: '1680000.00', equityPeople: 2 });
  });

  it('keeps receipts of development contracts out of the per-receipt split, with the reason', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, contractId } = await paidLicence(office, '养殖水体在线监测技术开发', 'development');
    const d = (await office.request('GET', `/api/v1/orgs/${orgId}/distributions`)).json().items.find((x: { contract: { id: string } }) => x.contract.id === contractId);
    expect(d).toMatchObject({ status: 'excluded', result: null, rewards: [] });
    expect(d.excludedReason.zh).toContain('措施三');
  });
});

/** Runs `keqiao …` through main() on the test database; returns the exit code and what it printed. */
async function cli(...argv: string[]) {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  const db: Db = { ...t.db, kind: t.db.kind, query: t.db.query.bind(t.db), exec: t.db.exec.bind(t.db), transaction: t.db.transaction.bind(t.db), close: async () => {} };
  const code = await main(argv, { openDb: async () => db, stdout, stderr: new PassThrough(), now: () => new Date('2026-12-02T02:00:00.000Z') });
  return { code, stdout: Buffer.concat(out).toString() };
}

const distributionsOf = async (contractId: string) =>
  (await t.db.query<{ id: string; status: string; gross: string }>('select id, status, gross from distributions where contract_id = $1', [contractId])).rows;

describe('receipts reach distribution when they are recorded', () => {
  it('a recorded payment creates its distribution in the same transaction, without any read', async () => {
    expect(ledgerSubscribers('contract.receipt')).toEqual(['distribution']);
    const office = await t.loginAs('tto_officer');
    const { contractId } = await paidLicence(office, '海水淡化膜污染在线预警');
    const rows = await distributionsOf(contractId);
    expect(rows).toMatchObject([{ status: 'computed', gross: '100000.00' }]);
    const events = (await t.db.query<{ type: string }>('select type from ledger_events where stream = $1', [`distribution:${rows[0]!.id}`])).rows;
    expect(events.map((e) => e.type)).toEqual(['distribution.computed']);
    // The list only reads: it shows the distribution and creates nothing.
    const n = await count('distributions');
    const orgId = await orgOf(office);
    const page = (await office.request('GET', `/api/v1/orgs/${orgId}/distributions?pageSize=5`)).json();
    expect(page).toMatchObject({ page: 1, pageSize: 5, totalCapped: false });
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.total).toBe(n);
    expect(await count('distributions')).toBe(n);
  });

  it('a failure while taking in the receipt rolls the payment back: no receipt, no event, no distribution', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const firmOrg = await orgOf(await t.loginAs('enterprise'));
    const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '近海风浪预报模型', completers: [{ name: '刘波', share: '100' }] }))).json();
    const c = (await office.request('POST', `/api/v1/orgs/${orgId}/contracts`, { kind: 'license', title: '近海风浪预报模型许可合同', licenseeOrgId: firmOrg, achievementIds: [a.id] })).json();
    await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, { currency: 'CNY', effectiveOn: '2026-11-28', endsOn: '2029-11-27', entryFee: '50000.00', entryFeeDueDays: 30 });
    await (await t.loginAs('enterprise')).request('POST', `/api/v1/contracts/${c.id}/sign`);
    await office.request('POST', `/api/v1/contracts/${c.id}/sign`);
    await office.request('POST', `/api/v1/contracts/${c.id}/activate`);
    const before = { receipts: await count('receipts'), events: await count('ledger_events'), distributions: await count('distributions') };
    // The distribution's own insert fails (a trigger stands in for any failure of the distribution step).
    await t.db.exec(`create function refuse_distribution() returns trigger language plpgsql as $$ begin raise exception 'distribution refused'; end $$;
      create trigger refuse_distribution before insert on distributions for each row execute function refuse_distribution();`);
    try {
      const paid = await office.request('POST', `/api/v1/contracts/${c.id}/payments`, { form: 'cash', value: '50000.00', currency: 'CNY', receivedOn: '2026-12-01' });
      expect(paid.statusCode).toBe(500);
    } finally {
      await t.db.exec('drop trigger refuse_distribution on distributions; drop function refuse_distribution();');
    }
    expect({ receipts: await count('receipts'), events: await count('ledger_events'), distributions: await count('distributions') }).toEqual(before);
    const statement = (await office.request('GET', `/api/v1/contracts/${c.id}/statement`)).json();
    expect(statement.totals).toMatchObject({ received: '0.00', paid: '0.00' });
    expect((await verifyLedger(t.db)).ok).toBe(true);
    // With the step working again, the same payment goes through with its distribution.
    const again = await office.request('POST', `/api/v1/contracts/${c.id}/payments`, { form: 'cash', value: '50000.00', currency: 'CNY', receivedOn: '2026-12-01' });
    expect(again.statusCode).toBe(201);
    expect(await distributionsOf(c.id)).toHaveLength(1);
  });

  it('keqiao distribution reconcile creates the distribution of a receipt recorded without the subscription, once', async () => {
    const office = await t.loginAs('tto_officer');
    // A receipt recorded while distribution was not subscribed (as before receipts were taken in when recorded).
    subscribeDistributionToReceipts()();
    let contractId: string;
    try {
      expect(ledgerSubscribers('contract.receipt')).toEqual([]);
      ({ contractId } = await paidLicence(office, '贝类养殖水质智能调控'));
    } finally {
      subscribeDistributionToReceipts();
    }
    expect(await distributionsOf(contractId)).toEqual([]);
    const creditCode = (await t.db.query<{ credit_code: string }>('select credit_code from organisations where id = $1', [await orgOf(office)])).rows[0]!.credit_code;

    const first = await cli('distribution', 'reconcile', '--org', creditCode);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('1 distributions created');
    const rows = await distributionsOf(contractId);
    expect(rows).toMatchObject([{ status: 'computed', gross: '100000.00' }]);
    const n = await count('distributions');

    const second = await cli('distribution', 'reconcile');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(' 0 distributions created');
    expect(await count('distributions')).toBe(n);
    expect(await cli('distribution', 'reconcile', '--org', '91370200MA3XXXXXXX')).toMatchObject({ code: 1 });
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});
