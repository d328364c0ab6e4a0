import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { readStream, verifyLedger } from '../../lib/ledger.js';

const t = setupTestContext();
const COMPANY_A = '91370212MA3C5R8K0C';
const COMPANY_B = '91370211MA3D2N7P15';

describe('equity sub-ledger (作价入股 holdings and disposals)', () => {
  it('records holdings and partial disposals on a hash-chained stream, refuses over-disposal, and computes 保值增值率 with and without them', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const base = `/api/v1/orgs/${orgId}/equity`;
    const achievement = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '海水淡化膜组件', completers: [{ name: '张三', share: '100' }] }))).json();

    // Bad input: a broken credit code and shares over 100, each named; an achievement of no one here.
    const bad = await office.request('POST', `${base}/holdings`, { companyName: '青岛某公司', companyCreditCode: '91370212MA3C5R8K0X', sharesPct: '120', bookValue: '1.00', acquiredOn: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.companyCreditCode', 'body.sharesPct']);
    const foreign = await office.request('POST', `${base}/holdings`, {
      companyName: '青岛某公司',
      companyCreditCode: COMPANY_A,
      sharesPct: '10',
      bookValue: '1.00',
      acquiredOn: '2026-01-01',
      achievementId: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('body.achievementId');

    const created = await office.request('POST', `${base}/holdings`, {
      companyName: '青岛海膜科技有限公司',
      companyCreditCode: COMPANY_A,
      sharesPct: '20',
      bookValue: '1000000.00',
      acquiredOn: '2025-06-01',
      achievementId: achievement.id,
    });
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ excludedFromPreservation: true, status: 'held', sharesPct: '20', remaining: { sharesPct: '20', bookValue: '1000000.00' } });
    const b = (
      await office.request('POST', `${base}/holdings`, { companyName: '青岛蓝海传感有限公司', companyCreditCode: COMPANY_B, sharesPct: '10', bookValue: '500000', acquiredOn: '2026-03-01' })
    ).json();
    expect(b.bookValue).toBe('500000.00');

    // 转让 part of A on the institution's own decision; no approval step.
    const sold = await office.request('POST', `${base}/holdings/${a.id}/disposals`, {
      kind: 'sale',
      sharesPct: '5',
      bookValue: '250000.00',
      proceeds: '300000.00',
      decisionDocNo: '黄海大校发〔2026〕12号',
      decisionDate: '2026-04-20',
      disposedOn: '2026-05-01',
    });
    expect(sold.statusCode).toBe(201);
    expect(sold.json()).toMatchObject({ status: 'partly_disposed', remaining: { sharesPct: '15', bookValue: '750000.00' } });
    expect(sold.json().disposals[0]).toMatchObject({ kind: 'sale', kindLabel: '转让', proceeds: '300000.00', decisionDocNo: '黄海大校发〔2026〕12号' });

    // More than is held is refused with a clear message in the caller's language, and nothing is written.
    const over = await office.request('POST', `${base}/holdings/${a.id}/disposals`, { kind: 'exit', sharesPct: '20', bookValue: '750000.00', decisionDocNo: 'X-1', decisionDate: '2026-06-01' });
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toMatchObject({ field: 'body.sharesPct' });
    expect(over.json().errors[0].message).toContain('超过现持有的 15%');
    const overEn = await office.request(
      'POST',
      `${base}/holdings/${a.id}/disposals`,
      { kind: 'exit', sharesPct: '5', bookValue: '750000.01', decisionDocNo: 'X-1', decisionDate: '2026-06-01' },
      { 'accept-language': 'en' },
    );
    expect(overEn.json().errors[0].message).toMatch(/only 750000.00 yuan is on the books/);

    const written = await office.request('POST', `${base}/holdings/${a.id}/disposals`, {
      kind: 'write_off',
      sharesPct: '5',
      bookValue: '200000.00',
      decisionDocNo: '黄海大校发〔2026〕30号',
      decisionDate: '2026-09-30',
      note: '被投企业经营困难',
    });
    expect(written.json()).toMatchObject({ status: 'partly_disposed', remaining: { sharesPct: '10', bookValue: '550000.00' } });
    // B leaves entirely after the period.
    const exited = await office.request('POST', `${base}/holdings/${b.id}/disposals`, {
      kind: 'exit',
      sharesPct: '10',
      bookValue: '500000.00',
      proceeds: '520000.00',
      decisionDocNo: '黄海大校发〔2027〕1号',
      decisionDate: '2027-01-05',
      disposedOn: '2027-01-10',
    });
    expect(exited.json()).toMatchObject({ status: 'disposed', remaining: { sharesPct: '0', bookValue: '0.00' } });

    const events = await readStream(t.db, `equity:${a.id}`);
    expect(events.map((e) => e.type)).toEqual(['equity.acquired', 'equity.disposed', 'equity.disposed']);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(events[2]!.payload).toMatchObject({ kind: 'write_off', bookValue: '200000.00', remainingSharesPct: '10', remainingBookValue: '550000.00' });
    expect(events[2]!.reason).toBe('被投企业经营困难');
    expect((await verifyLedger(t.db)).ok).toBe(true);
    const audits = await t.db.query<{ action: string }>("select action from audit_log where entity = 'equityHolding' and entity_id = $1 order by at, id", [a.id]);
    expect(audits.rows.map((r) => r.action)).toEqual(['equity.acquire', 'equity.sale', 'equity.write_off']);

    const list = (await office.request('GET', `${base}/holdings`)).json().items;
    expect(list.map((h: { companyName: string }) => h.companyName)).toEqual(['青岛海膜科技有限公司', '青岛蓝海传感有限公司']);

    // Opening 10,000,000.00, closing 11,500,000.00. Excluded: opening 1,000,000.00 (A);
    // closing 550,000.00 (A) + 500,000.00 (B, still held on 2026-12-31) = 1,050,000.00; write-offs 200,000.00.
    // As booked 115.00 %; excluding: (11,500,000 − 1,050,000 + 200,000) / (10,000,000 − 1,000,000) = 10,650,000 / 9,000,000 = 118.33 %.
    const q = 'from=2026-01-01&to=2026-12-31&openingEquity=10000000.00&closingEquity=11500000.00';
    const bureau = await t.loginAs('bureau');
    const report = await bureau.request('GET', `${base}/preservation?${q}`);
    expect(report.statusCode).toBe(200);
    const f = report.json().figures;
    expect(f.openingExcludedEquity.value).toBe('1000000.00');
    expect(f.closingExcludedEquity.value).toBe('1050000.00');
    expect(f.excludedWriteOffs).toMatchObject({ value: '200000.00', inputs: { [a.id]: '200000.00', [b.id]: '0.00' } });
    expect(f.ratioAsBooked.value).toBe('115.00');
    expect(f.ratioExcludingAchievementEquity).toMatchObject({ value: '118.33', inputs: { adjustedClosingEquity: '10650000.00', adjustedOpeningEquity: '9000000.00' } });
    expect(f.adjustedClosingEquity.formula).toContain('损失核销');

    const badQuery = await office.request('GET', `${base}/preservation?from=2026-01-01&to=2026-12-31&openingEquity=1e7&closingEquity=1`);
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().errors[0].field).toBe('query.openingEquity');

    // The sub-ledger is the office's: researchers and other organisations are refused.
    expect((await (await t.loginAs('researcher')).request('GET', `${base}/holdings`)).statusCode).toBe(403);
    expect((await (await t.loginAs('enterprise')).request('POST', `${base}/holdings/${a.id}/disposals`, {})).statusCode).toBe(403);
    expect((await bureau.request('GET', `${base}/holdings`)).statusCode).toBe(403);
  });
});
