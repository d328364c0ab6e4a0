import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialWorkdayCalendar as cal } from '../../../common/calendar.js';
import { add, sum } from '../../../common/money.js';
import { allocate } from './contracts.allocation.rules.js';
import { buildSchedule, guidanceWarnings, type PaymentPlan, scheduledTotal, tieredRoyalty, validatePlan } from './contracts.payment-plan.rules.js';

const base: PaymentPlan = { currency: 'CNY', effectiveOn: '2026-01-05', endsOn: '2030-12-31', entryFee: '0.00', trialMonths: 12 };
const asOf = '2026-11-28';

describe('payment plans: worked examples (issue 4 §8)', () => {
  it('zero entry + milestone on first revenue + 3% royalty on net sales', () => {
    const plan: PaymentPlan = {
      ...base,
      milestones: [{ key: 'm1', label: '首笔收入里程碑', amount: '100000.00', due: { event: 'first_revenue', daysAfterEvent: 30 } }],
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.03' }] },
    };
    expect(validatePlan(plan)).toEqual([]);
    // Before any revenue: no entry fee, the milestone waits.
    const before = buildSchedule(plan, { events: [], reports: [], asOf }, cal);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ key: 'milestone:m1', state: 'awaiting_event', dueOn: null });

    // First revenue on 2026-09-01 → due 30 days later; 2026-10-01 is in the National Day holiday (1–7 Oct) → rolled to 2026-10-08.
    const after = buildSchedule(plan, { events: [{ event: 'first_revenue', on: '2026-09-01' }], reports: [{ periodStart: '2026-07-01', periodEnd: '2026-09-30', amount: '1234567.89' }], asOf }, cal);
    const milestone = after.find((o) => o.kind === 'milestone')!;
    expect(milestone).toMatchObject({ state: 'scheduled', amount: '100000.00', dueOn: '2026-10-08' });
    const royalty = after.find((o) => o.kind === 'royalty')!;
    // 1,234,567.89 × 3% = 37,037.0367 → 37,037.04; due 30 days after 2026-09-30 = 2026-10-30 (a Friday).
    expect(royalty).toMatchObject({ amount: '37037.04', dueOn: '2026-10-30', state: 'scheduled' });
    expect(royalty.explanation.zh).toContain('1234567.89');
    expect(scheduledTotal(after)).toBe('137037.04');
  });

  it('deferred payment due at the earlier of twelve months or first revenue', () => {
    const plan: PaymentPlan = { ...base, deferred: { amount: '300000.00', due: { date: '2027-01-05', event: 'first_revenue', daysAfterEvent: 0 } } };
    // No revenue: due on the date, 2027-01-05 (a Tuesday).
    expect(buildSchedule(plan, { events: [], reports: [], asOf }, cal)[0]).toMatchObject({ dueOn: '2027-01-05', state: 'scheduled' });
    // Revenue first on 2026-06-13 (a Saturday) → due then, rolled to Monday 2026-06-15.
    const early = buildSchedule(plan, { events: [{ event: 'first_revenue', on: '2026-06-13' }], reports: [], asOf }, cal)[0]!;
    expect(early).toMatchObject({ dueOn: '2026-06-15', state: 'scheduled' });
    // Revenue after the date changes nothing: the earlier one decides.
    expect(buildSchedule(plan, { events: [{ event: 'first_revenue', on: '2027-03-01' }], reports: [], asOf: '2027-04-01' }, cal)[0]!.dueOn).toBe('2027-01-05');
  });

  it('exit in the trial with nothing earned owes nothing', () => {
    const plan: PaymentPlan = {
      ...base,
      entryFee: '10000.00',
      milestones: [{ key: 'cert', label: '产品认证', amount: '50000.00', due: { event: 'certification' } }],
      deferred: { amount: '300000.00', due: { date: '2027-01-05', event: 'first_revenue', daysAfterEvent: 0 } },
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.03' }], minimumAnnual: '20000.00' },
    };
    const s = buildSchedule(plan, { events: [], reports: [], terminatedOn: '2026-08-01', asOf }, cal);
    expect(s.every((o) => o.state === 'waived')).toBe(true);
    expect(scheduledTotal(s)).toBe('0.00');
    expect(s[0]!.explanation.zh).toContain('试用期');
  });

  it('exit in the trial after revenue: royalties on what was earned and what first revenue triggered stay due', () => {
    const plan: PaymentPlan = {
      ...base,
      deferred: { amount: '300000.00', due: { date: '2027-01-05', event: 'first_revenue', daysAfterEvent: 0 } },
      milestones: [{ key: 'cert', label: '产品认证', amount: '50000.00', due: { event: 'certification' } }],
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.03' }], minimumAnnual: '20000.00' },
    };
    const s = buildSchedule(
      plan,
      { events: [{ event: 'first_revenue', on: '2026-05-06' }], reports: [{ periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: '200000.00' }], terminatedOn: '2026-08-01', asOf },
      cal,
    );
    expect(s.find((o) => o.kind === 'royalty')).toMatchObject({ amount: '6000.00', state: 'scheduled' });
    expect(s.find((o) => o.kind === 'deferred')).toMatchObject({ state: 'scheduled', dueOn: '2026-05-06' });
    expect(s.find((o) => o.kind === 'milestone')).toMatchObject({ state: 'waived' });
    expect(s.some((o) => o.kind === 'minimum_royalty')).toBe(false);
  });

  it('tops up the annual minimum after the trial and respects the cap', () => {
    const plan: PaymentPlan = {
      ...base,
      trialMonths: 0,
      royalty: {
        base: 'profit',
        tiers: [
          { upTo: '1000000.00', rate: '0.1' },
          { upTo: null, rate: '0.2' },
        ],
        minimumAnnual: '50000.00',
        cap: '60000.00',
      },
    };
    const s = buildSchedule(plan, { events: [], reports: [{ periodStart: '2026-01-05', periodEnd: '2026-06-30', amount: '200000.00' }], asOf: '2027-03-01' }, cal);
    expect(s.find((o) => o.kind === 'royalty')!.amount).toBe('20000.00');
    expect(s.find((o) => o.kind === 'minimum_royalty')).toMatchObject({ amount: '30000.00', key: 'minimum:1' });
    expect(tieredRoyalty(plan.royalty!.tiers, '900000.00', '200000.00')).toBe('30000.00'); // 100k×10% + 100k×20%
  });
});

describe('payment plans: bad input and guidance', () => {
  it('lists every hard error with its field', () => {
    const errors = validatePlan({
      ...base,
      entryFee: '-1',
      milestones: [{ key: 'late', label: '晚', amount: 'abc', due: { date: '2031-06-01' } }],
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '1.5' }] },
    });
    expect(errors.map((e) => e.field)).toEqual(['entryFee', 'milestones[0].amount', 'milestones[0].due.date', 'royalty.tiers[0].rate']);
  });

  it('warns above 2000万 fixed, 20% of net sales and 40% of profit', () => {
    expect(guidanceWarnings({ ...base, entryFee: '20000000.01' }).map((w) => w.field)).toEqual(['entryFee']);
    expect(guidanceWarnings({ ...base, royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '0.25' }] } })).toHaveLength(1);
    expect(guidanceWarnings({ ...base, royalty: { base: 'profit', tiers: [{ upTo: null, rate: '0.25' }] } })).toHaveLength(0);
    expect(guidanceWarnings({ ...base, royalty: { base: 'profit', tiers: [{ upTo: null, rate: '0.41' }] } })).toHaveLength(1);
  });
});

const fen = fc.integer({ min: 0, max: 5_000_000_00 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);

describe('reconciliation to the fen (property)', () => {
  it('allocated + credit = received − refunded; no obligation is over-allocated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fen, day: fc.integer({ min: 1, max: 28 }) }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.record({ value: fen, day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 12 }),
        (obls, pays) => {
          const obligations = obls.map((o, i) => ({ key: `o${i}`, amount: o.amount, dueOn: `2026-03-${String(o.day).padStart(2, '0')}` }));
          const receipts = pays.map((p, i) => ({ id: `r${i}`, value: p.value, receivedOn: `2026-04-${String(p.day).padStart(2, '0')}` }));
          const res = allocate(obligations, receipts);
          const allocated = sum(res.allocations.map((a) => a.amount));
          expect(add(allocated, res.credit)).toBe(sum(['0.00', ...receipts.map((r) => r.value)]));
          for (const b of res.balances) expect(Number(b.outstanding) >= 0).toBe(true);
          // Credit only remains when everything is paid.
          if (Number(res.credit) > 0) expect(res.balances.every((b) => b.outstanding === '0.00')).toBe(true);
          // A refund of the whole credit leaves zero.
          expect(allocate(obligations, receipts, [res.credit]).credit).toBe('0.00');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('royalties by tiers equal the sum over split reports (no fen lost beyond one per tier crossing)', () => {
    fc.assert(
      fc.property(fen, fen, (a, b) => {
        const tiers = [
          { upTo: '1000000.00', rate: '0.05' },
          { upTo: null, rate: '0.03' },
        ];
        const whole = tieredRoyalty(tiers, '0.00', add(a, b));
        const parts = add(tieredRoyalty(tiers, '0.00', a), tieredRoyalty(tiers, a, b));
        expect(Math.abs(Number(whole) - Number(parts))).toBeLessThanOrEqual(0.03);
      }),
      { numRuns: 300 },
    );
  });
});
