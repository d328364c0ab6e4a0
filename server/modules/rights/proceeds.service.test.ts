import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../common/credit-code.js';
import { setupTestContext } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { agreedProceedsTriggerReward, isAgreedProceedsContract } from './proceeds.service.js';
import { COMPANY_CODE, acceptedAchievement, recordedGrant } from './rights.fixtures.js';

const t = setupTestContext();

async function counts() {
  const { rows } = await t.db.query<{ agreements: number; events: number; ledger: number; obligations: number; contracts: number }>(
    `select (select count(*)::int from agreed_proceeds) as agreements, (select count(*)::int from agreed_proceeds_events) as events,
            (select count(*)::int from ledger_events) as ledger, (select count(*)::int from obligations) as obligations, (select count(*)::int from contracts) as contracts`,
  );
  return rows[0]!;
}

const agreement = (achievementId: string, over: Record<string, unknown> = {}) => ({
  achievementId,
  companyName: '青岛蓝鲸深海科技有限公司',
  companyCreditCode: COMPANY_CODE,
  equityShares: '1000000',
  institutionShare: '0.2',
  agreedOn: '2026-12-21',
  evidence: '约定收益协议 HHMU-YD-2026-01',
  ...over,
});

describe('agreed proceeds', () => {
  it('only a granted achievement; the share may not exceed what the institution kept', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '未赋权的成果');
    const before = await counts();
    const res = await office.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds`, agreement(achievementId));
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('赋权');
    expect(await counts()).toEqual(before);
  });

  it('agreement → corporate events with evidence → explained dues become contract obligations → collected; a company without agreement is refused', async () => {
    const { orgId, achievementId, grantId } = await recordedGrant(t, '约定收益测试成果');
    const office = await t.loginAs('tto_officer');
    const tooMuch = await office.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds`, agreement(achievementId, { institutionShare: '0.3' }));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].message).toContain('0.2');

    const created = await office.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds`, agreement(achievementId));
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ grantId, institutionShare: '0.2', equityShares: '1000000', status: 'active', position: { heldShares: '1000000', trackedShares: '200000', dueToDate: '0.00' } });
    expect(a.contract.number).toMatch(/^HT-2026-/);
    expect(await isAgreedProceedsContract({ db: t.db }, a.contract.id)).toBe(true);
    expect(await isAgreedProceedsContract({ db: t.db }, randomUUID())).toBe(false);
    expect(await agreedProceedsTriggerReward({ db: t.db }, orgId, '2026-12-21')).toBe(false);

    // A corporate event for a company the institution has no agreement with: refused, nothing changed.
    t.clock.now = new Date('2027-07-01T02:00:00Z');
    const o = await t.loginAs('tto_officer');
    const before = await counts();
    const stranger = await o.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds/corporate-events`, {
      companyCreditCode: makeCreditCode('91370203MA3D7LQP2'),
      kind: 'dividend',
      occurredOn: '2027-06-30',
      evidence: '2026 年度利润分配公告',
      amount: '100000.00',
    });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().detail).toContain('没有约定收益协议');
    // A malformed event for the right company is refused too.
    const noAmount = await o.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds/corporate-events`, {
      companyCreditCode: COMPANY_CODE,
      kind: 'dividend',
      occurredOn: '2027-06-30',
      evidence: '公告',
    });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().errors[0].field).toBe('body.amount');
    expect(await counts()).toEqual(before);

    // Dividend: 0.2 × 100,000.00 = 20,000.00 due within 30 days, as an obligation of the collection contract.
    const dividend = { companyCreditCode: COMPANY_CODE, kind: 'dividend', occurredOn: '2027-06-30', evidence: '2026 年度利润分配公告及银行回单', amount: '100000.00' };
    const first = await o.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds/corporate-events`, dividend, { 'idempotency-key': 'ap-dividend-2027' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ due: '20000.00', dueOn: '2027-07-31', teamPart: '80000.00', replayed: false, contractId: a.contract.id });
    expect(first.json().explanation.zh).toContain('20% × 100000.00 = 20000.00');
    const again = await o.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds/corporate-events`, dividend, { 'idempotency-key': 'ap-dividend-2027' });
    expect(again.json()).toMatchObject({ eventId: first.json().eventId, replayed: true });

    // Partial sale of a quarter at 12.50 a share: 0.2 × 250,000 × 12.50 = 625,000.00.
    const sale = await o.request('POST', `/api/v1/orgs/${orgId}/agreed-proceeds/corporate-events`, {
      companyCreditCode: COMPANY_CODE,
      kind: 'partial_sale',
      occurredOn: '2027-07-01',
      evidence: '股权转让协议 2027-017',
      sharesSold: '250000',
      pricePerShare: '12.50',
    });
    expect(sale.json()).toMatchObject({ due: '625000.00', trackedShares: '150000' });

    const view = (await o.request('GET', `/api/v1/agreed-proceeds/${a.id}`)).json();
    expect(view.events).toHaveLength(2);
    expect(view.position).toMatchObject({ heldShares: '750000', trackedShares: '150000', dueToDate: '645000.00', proceedsToDate: '3225000.00' });
    expect(view.events[1].inputs).toMatchObject({ fraction: '0.25' });

    // The dues are collected through the contracts module.
    const st = (await o.request('GET', `/api/v1/contracts/${a.contract.id}/statement`)).json();
    expect(st.totals.owed).toBe('645000.00');
    expect(st.lines.map((l: { amount: string; dueOn: string }) => [l.amount, l.dueOn])).toEqual([
      ['20000.00', '2027-08-02'],
      ['625000.00', '2027-08-02'],
    ]);
    const paid = await o.request('POST', `/api/v1/contracts/${a.contract.id}/payments`, { form: 'cash', value: '645000.00', currency: 'CNY', receivedOn: '2027-07-01', evidence: '银行回单' });
    expect(paid.statusCode).toBe(201);
    expect((await o.request('GET', `/api/v1/contracts/${a.contract.id}/statement`)).json().settled).toBe(true);
    // The institution's rule (default) says agreed proceeds trigger no second reward: the receipt is kept out of distribution, with the reason.
    const d = (await o.request('GET', `/api/v1/orgs/${orgId}/distributions`)).json().items.find((x: { contract: { id: string } }) => x.contract.id === a.contract.id);
    expect(d).toMatchObject({ status: 'excluded', rewards: [] });
    expect(d.excludedReason.zh).toContain('约定收益');

    // The bureau reads the agreement; a firm does not.
    const bureau = await t.loginAs('bureau');
    expect((await bureau.request('GET', `/api/v1/agreed-proceeds/${a.id}`)).statusCode).toBe(200);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});
