import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { orgOf, publicAchievement, sampleAchievement } from '../../../test/helpers/achievements.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { readPdf } from '../../../test/helpers/pdf.js';
import { verifyLedger } from '../../lib/ledger.js';
import { ContractReceiptEventSchema } from './contracts.events.js';
import { contractNumbers, contractSummary } from './contracts.reads.js';
import { remindOverdue } from './contracts.receipts.js';

const t = setupTestContext();

const plan = {
  currency: 'CNY',
  effectiveOn: '2026-11-28',
  endsOn: '2029-11-27',
  entryFee: '0.00',
  trialMonths: 12,
  milestones: [{ key: 'first-revenue', label: '首笔收入', amount: '50000.00', due: { event: 'first_revenue', daysAfterEvent: 30 } }],
  royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.03' }] },
};

async function signedLicence(title: string) {
  const office = await t.loginAs('tto_officer');
  const firm = await t.loginAs('enterprise');
  const achievementId = await publicAchievement(office, title);
  const applied = await firm.request('POST', `/api/v1/achievements/${achievementId}/licence-applications`, { note: '希望先试用' });
  expect(applied.statusCode).toBe(201);
  const c = applied.json();
  expect(c).toMatchObject({ kind: 'ufpl_license', status: 'draft' });
  expect((await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, plan)).statusCode).toBe(200);
  expect((await firm.request('POST', `/api/v1/contracts/${c.id}/sign`)).json().status).toBe('draft');
  expect((await office.request('POST', `/api/v1/contracts/${c.id}/sign`)).json().status).toBe('signed');
  expect((await office.request('POST', `/api/v1/contracts/${c.id}/activate`)).json().status).toBe('in_force');
  return { office, firm, id: c.id as string };
}

describe('contracts: use first, pay later', () => {
  it('firm applies → office sets terms → both sign → revenue → obligations → payment (idempotent) → settled statement', async () => {
    const { firm, id } = await signedLicence('先使用后付费测试成果一');
    let st = (await firm.request('GET', `/api/v1/contracts/${id}/statement`)).json();
    expect(st.lines).toEqual([expect.objectContaining({ key: 'milestone:first-revenue', state: 'awaiting_event', dueOn: null })]);

    // The firm reports revenue: the first-revenue milestone and a 3% royalty fall due.
    t.clock.now = new Date('2027-01-05T02:00:00Z');
    const f2 = await t.loginAs('enterprise');
    st = (await f2.request('POST', `/api/v1/contracts/${id}/revenue-reports`, { periodStart: '2026-11-28', periodEnd: '2026-12-31', amount: '400000.00' })).json();
    const royalty = st.lines.find((l: { kind: string }) => l.kind === 'royalty');
    expect(royalty).toMatchObject({ amount: '12000.00', state: 'scheduled' });
    const milestone = st.lines.find((l: { kind: string }) => l.kind === 'milestone');
    // First revenue dated the end of the period (2026-12-31) + 30 days = 2027-01-30 (Saturday) → 2027-02-01.
    expect(milestone).toMatchObject({ amount: '50000.00', state: 'scheduled', dueOn: '2027-02-01' });
    expect(st.totals.owed).toBe('62000.00');

    const o2 = await t.loginAs('tto_officer');
    const pay = { form: 'cash', value: '62000.00', currency: 'CNY', receivedOn: '2027-01-05', evidence: '银行回单 0001' };
    const first = await o2.request('POST', `/api/v1/contracts/${id}/payments`, pay, { 'idempotency-key': 'pay-0001-abcdef' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ credit: '0.00', replayed: false });
    const again = await o2.request('POST', `/api/v1/contracts/${id}/payments`, pay, { 'idempotency-key': 'pay-0001-abcdef' });
    expect(again.json()).toMatchObject({ receiptId: first.json().receiptId, replayed: true });
    st = (await f2.request('GET', `/api/v1/contracts/${id}/statement`)).json();
    expect(st.receipts).toHaveLength(1);
    expect(st.settled).toBe(true);
    expect(st.totals).toMatchObject({ owed: '62000.00', paid: '62000.00', outstanding: '0.00', credit: '0.00' });

    // Bad input: wrong currency, negative amount; nothing recorded.
    const usd = await o2.request('POST', `/api/v1/contracts/${id}/payments`, { ...pay, currency: 'USD' });
    expect(usd.statusCode).toBe(400);
    expect(usd.json().errors[0].field).toBe('body.currency');
    expect((await o2.request('POST', `/api/v1/contracts/${id}/payments`, { ...pay, value: '-5.00' })).statusCode).toBe(400);
    const equity = await o2.request('POST', `/api/v1/contracts/${id}/payments`, { ...pay, form: 'equity' });
    expect(equity.json().errors[0].field).toBe('body.valuationNote');
    expect((await f2.request('GET', `/api/v1/contracts/${id}/statement`)).json().receipts).toHaveLength(1);

    // An overpayment becomes credit, and a refund returns it.
    const over = await o2.request('POST', `/api/v1/contracts/${id}/payments`, { ...pay, value: '100.00' });
    expect(over.json().credit).toBe('100.00');
    expect((await o2.request('POST', `/api/v1/contracts/${id}/refunds`, { amount: '100.01', refundedOn: '2027-01-05' })).statusCode).toBe(400);
    expect((await o2.request('POST', `/api/v1/contracts/${id}/refunds`, { amount: '100.00', refundedOn: '2027-01-05' })).json().totals.credit).toBe('0.00');

    expect((await o2.request('POST', `/api/v1/contracts/${id}/complete`)).json().status).toBe('completed');

    // Every receipt is on the contract's ledger for the distribution module.
    const tl = (await o2.request('GET', `/api/v1/contracts/${id}/timeline`)).json().items.map((e: { type: string }) => e.type);
    expect(tl.filter((x: string) => x === 'contract.receipt')).toHaveLength(2);
    // Each receipt's payload is what ContractReceiptEventSchema says (distribution parses it).
    const receipts = (await o2.request('GET', `/api/v1/contracts/${id}/timeline`)).json().items.filter((e: { type: string }) => e.type === 'contract.receipt');
    for (const e of receipts) expect(ContractReceiptEventSchema.parse(e.payload)).toMatchObject({ currency: 'CNY', form: 'cash' });
    expect(ContractReceiptEventSchema.parse(receipts[0].payload)).toMatchObject({
      value: '62000.00',
      credit: '0.00',
      allocations: expect.arrayContaining([expect.objectContaining({ amount: expect.any(String) })]),
    });
    expect((await verifyLedger(t.db)).ok).toBe(true);
    t.clock.now = new Date('2026-11-28T02:00:00.000Z');
  });

  it('exit in the trial with nothing earned owes nothing; a later payment is refused', async () => {
    const { firm, id } = await signedLicence('先使用后付费测试成果二');
    const ended = await firm.request('POST', `/api/v1/contracts/${id}/exit`, { reason: '试用后决定不继续' });
    expect(ended.json()).toMatchObject({ status: 'terminated' });
    const st = (await firm.request('GET', `/api/v1/contracts/${id}/statement`)).json();
    expect(st.lines.every((l: { state: string }) => l.state === 'waived')).toBe(true);
    expect(st.totals.outstanding).toBe('0.00');
    const office = await t.loginAs('tto_officer');
    const refused = await office.request('POST', `/api/v1/contracts/${id}/payments`, { form: 'cash', value: '10.00', currency: 'CNY', receivedOn: '2026-11-28' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/终止/);
    const note = await t.db.query<{ title_zh: string }>("select title_zh from notifications where kind = 'contract.ended' order by created_at desc limit 1");
    expect(note.rows[0]!.title_zh).toMatch(/停止使用/);
  });

  it('an agreed price still in publicity holds the contract in publicity and refuses signing', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('enterprise');
    const orgId = await orgOf(office);
    const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '公示中的成果', completers: [{ name: '王海洋', share: '100' }] }))).json();
    for (const step of ['submit', 'accept']) await office.request('POST', `/api/v1/achievements/${a.id}/${step}`);
    await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 5 });
    await office.request('POST', `/api/v1/achievements/${a.id}/price`, { pricingMethod: 'agreement', agreedPrice: '200000.00' });
    expect((await office.request('POST', `/api/v1/achievements/${a.id}/publicity`, {})).json().status).toBe('in_publicity');
    const c = await office.request('POST', `/api/v1/orgs/${orgId}/contracts`, { kind: 'transfer', title: '公示中的成果转让合同', licenseeOrgId: await orgOf(firm), achievementIds: [a.id] });
    expect(c.statusCode).toBe(201);
    const withPlan = await office.request('PUT', `/api/v1/contracts/${c.json().id}/plan`, { ...plan, milestones: [], royalty: null, trialMonths: 0, entryFee: '200000.00' });
    expect(withPlan.json().status).toBe('in_publicity');
    const refused = await firm.request('POST', `/api/v1/contracts/${c.json().id}/sign`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/公示/);
  });

  it('renders the contract draft as a Chinese PDF with the terms written out (read back with pdftotext)', async () => {
    const { office, id } = await signedLicence('先使用后付费测试成果五');
    const res = await office.request('GET', `/api/v1/contracts/${id}/draft.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(res.rawPayload, { layout: true });
    const text = pdf.text.replace(/\s+/g, '');
    expect(text).toContain('先使用后付费许可合同（草案）');
    expect(text).toContain('入门费：零元');
    expect(text).toContain('全部净销售额按3%');
    expect(text).toContain('试用期内乙方可书面通知退出');
    expect(pdf.fonts).toMatch(/NotoSansCJK.*yes/);
  });

  it('refuses terms with a rate above 100% or a milestone after the end, listing the fields', async () => {
    const office = await t.loginAs('tto_officer');
    const firm = await t.loginAs('enterprise');
    const achievementId = await publicAchievement(office, '先使用后付费测试成果三');
    const c = (await firm.request('POST', `/api/v1/achievements/${achievementId}/licence-applications`)).json();
    const bad = await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, {
      ...plan,
      milestones: [{ key: 'late', label: '晚', amount: '1.00', due: { date: '2030-01-01' } }],
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '1.5' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.royalty.tiers.0.rate');
    const late = await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, { ...plan, milestones: [{ key: 'late', label: '晚', amount: '1.00', due: { date: '2030-01-01' } }] });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].field).toBe('body.milestones[0].due.date');
    const warned = await office.request('PUT', `/api/v1/contracts/${c.id}/plan`, { ...plan, royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.25' }] } });
    expect(warned.json().planWarnings[0].zh).toMatch(/20%/);
  });

  it('on default the insurer pays first, the obligation passes to it and the default is marked on the firm', async () => {
    const { office, firm, id } = await signedLicence('先使用后付费测试成果四');
    await firm.request('POST', `/api/v1/contracts/${id}/events`, { event: 'first_revenue', occurredOn: '2026-11-28' });
    await office.request('POST', `/api/v1/contracts/${id}/guarantees`, {
      kind: 'insurance',
      providerName: '中国人民财产保险股份有限公司青岛市分公司',
      providerCreditCode: makeCreditCode('91370200MA0000001'),
      coverLimit: '30000.00',
    });
    const g = (await office.request('GET', `/api/v1/contracts/${id}/guarantees`)).json().items[0];
    expect((await office.request('POST', `/api/v1/contracts/${id}/guarantees/${g.id}/claims`)).statusCode).toBe(422); // nothing overdue yet
    t.clock.now = new Date('2027-02-15T02:00:00Z');
    const o2 = await t.loginAs('tto_officer');
    expect(await remindOverdue(t.db, t.clock.now)).toBeGreaterThan(0);
    expect(await remindOverdue(t.db, t.clock.now)).toBe(0);
    const st = (await o2.request('POST', `/api/v1/contracts/${id}/guarantees/${g.id}/claims`)).json();
    expect(st.totals).toMatchObject({ paid: '30000.00', outstanding: '20000.00' });
    expect(st.lines[0].debtor).toBe(`guarantor:${g.id}`);
    const claimed = (await o2.request('GET', `/api/v1/contracts/${id}/timeline`)).json().items.find((e: { type: string }) => e.type === 'contract.receipt');
    expect(ContractReceiptEventSchema.parse(claimed.payload)).toMatchObject({ payer: 'guarantor', guaranteeId: g.id, value: '30000.00' });
    const defaults = await t.db.query<{ amount: string }>('select amount from organisation_defaults where contract_id = $1', [id]);
    expect(defaults.rows[0]!.amount).toBe('50000.00');
    t.clock.now = new Date('2026-11-28T02:00:00.000Z');
  });
});

describe('contracts: lists and reads for other modules', () => {
  it('GET /contracts answers one page at a time with the total, filtered by status and sorted', async () => {
    const { firm, id } = await signedLicence('先使用后付费测试成果六');
    const all = (await firm.request('GET', '/api/v1/contracts?pageSize=200')).json();
    expect(all).toMatchObject({ page: 1, pageSize: 200, totalCapped: false });
    expect(all.items.length).toBe(all.total);
    expect(all.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(all.items.every((c: { myRoles: string[] }) => c.myRoles.includes('licensee'))).toBe(true);
    const first = (await firm.request('GET', '/api/v1/contracts?pageSize=1&sort=number&order=asc')).json();
    const second = (await firm.request('GET', '/api/v1/contracts?pageSize=1&page=2&sort=number&order=asc')).json();
    expect(first.total).toBe(all.total);
    expect(first.items).toHaveLength(1);
    expect(second.items[0].number > first.items[0].number).toBe(true);
    const inForce = (await firm.request('GET', '/api/v1/contracts?status=in_force&pageSize=200')).json();
    expect(inForce.items.length).toBeGreaterThan(0);
    expect(inForce.items.every((c: { status: string }) => c.status === 'in_force')).toBe(true);
    expect((await firm.request('GET', '/api/v1/contracts?pageSize=201')).statusCode).toBe(400);
    expect((await firm.request('GET', '/api/v1/contracts?limit=500')).statusCode).toBe(400);
  });

  it("contractSummary and contractNumbers tell other modules a contract's number, parties and achievements", async () => {
    const { office, firm, id } = await signedLicence('先使用后付费测试成果七');
    const c = (await office.request('GET', `/api/v1/contracts/${id}`)).json();
    expect(await contractSummary(t.db, id)).toEqual({
      id,
      number: c.number,
      kind: 'ufpl_license',
      title: c.title,
      licensorOrgId: await orgOf(office),
      licenseeOrgId: await orgOf(firm),
      achievementIds: c.achievementIds,
    });
    expect(await contractSummary(t.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
    const numbers = await contractNumbers(t.db, [id, id, '00000000-0000-4000-8000-000000000000']);
    expect([...numbers]).toEqual([[id, c.number]]);
    expect((await contractNumbers(t.db, [])).size).toBe(0);
  });
});
