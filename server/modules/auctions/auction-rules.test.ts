import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialWorkdayCalendar } from '../../../common/calendar.js';
import { cmp, fenToMoney, moneyToFen } from '../../../common/money.js';
import { type AuctionTerms, checkBid, decideOutcome, minimumNextBid, type PlacedBid, publicityWindow, termsErrors } from './auction-rules.js';

const T0 = new Date('2026-12-10T02:00:00Z');
const MIN = 60_000;
const terms = (over: Partial<AuctionTerms> = {}): AuctionTerms => ({
  startingPrice: '100000.00',
  reservePrice: '150000.00',
  increment: '5000.00',
  startsAt: T0,
  endsAt: new Date(T0.getTime() + 60 * MIN),
  extensionMinutes: 5,
  ...over,
});

describe('publicity window (挂牌公示)', () => {
  it('15 calendar days count the listing day', () => {
    const w = publicityWindow('2026-11-28', 15, 'calendar', officialWorkdayCalendar);
    expect(w).toMatchObject({ lastDay: '2026-12-12', biddingFrom: '2026-12-13' });
    expect(w.explanation.zh).toContain('15 个自然日');
  });

  it('working days skip weekends and the National Day holiday, and count the listing day when it is a working day', () => {
    // 2026-11-30 is a Monday: Mon–Fri is 5 working days.
    expect(publicityWindow('2026-11-30', 5, 'working', officialWorkdayCalendar).lastDay).toBe('2026-12-04');
    // Listed on Saturday 2026-11-28: the first working day is Monday 11-30.
    expect(publicityWindow('2026-11-28', 5, 'working', officialWorkdayCalendar).lastDay).toBe('2026-12-04');
    // 2026 National Day: 10-01..10-07 are holidays; listed on 2026-09-30 (Wednesday) for 3 working days.
    const w = publicityWindow('2026-09-30', 3, 'working', officialWorkdayCalendar);
    expect(officialWorkdayCalendar.workdaysBetween('2026-09-30', w.lastDay)).toBe(2);
    expect(w.lastDay > '2026-10-07').toBe(true);
  });

  it('refuses a window out of range', () => {
    expect(() => publicityWindow('2026-11-28', 0, 'calendar', officialWorkdayCalendar)).toThrow(RangeError);
    expect(() => publicityWindow('2026-11-28', 61, 'working', officialWorkdayCalendar)).toThrow(RangeError);
  });
});

describe('bids', () => {
  it('the first bid is at least the starting price; later ones one increment above the highest', () => {
    expect(minimumNextBid(terms(), null)).toBe('100000.00');
    expect(minimumNextBid(terms(), '120000.00')).toBe('125000.00');
    expect(checkBid(terms(), null, { amount: '99999.99', at: T0, hasDeposit: true })).toMatchObject({ ok: false, refusal: { code: 'too_low', minimum: '100000.00' } });
    expect(checkBid(terms(), '120000.00', { amount: '124999.99', at: T0, hasDeposit: true })).toMatchObject({ ok: false, refusal: { code: 'too_low', minimum: '125000.00' } });
    const ok = checkBid(terms(), '120000.00', { amount: '125000.00', at: T0, hasDeposit: true });
    expect(ok).toMatchObject({ ok: true, value: { extended: false, minimumNextBid: '130000.00' } });
  });

  it('refuses before the start, at or after the close, and without a deposit', () => {
    expect(checkBid(terms(), null, { amount: '200000.00', at: new Date(T0.getTime() - 1), hasDeposit: true })).toMatchObject({ ok: false, refusal: { code: 'not_started' } });
    expect(checkBid(terms(), null, { amount: '200000.00', at: terms().endsAt, hasDeposit: true })).toMatchObject({ ok: false, refusal: { code: 'closed' } });
    expect(checkBid(terms(), null, { amount: '200000.00', at: T0, hasDeposit: false })).toMatchObject({ ok: false, refusal: { code: 'no_deposit' } });
  });

  it('a bid in the last 5 minutes extends the close by 5 minutes; earlier bids do not', () => {
    const t = terms();
    const early = checkBid(t, null, { amount: '100000.00', at: new Date(t.endsAt.getTime() - 5 * MIN - 1), hasDeposit: true });
    expect(early).toMatchObject({ ok: true, value: { extended: false, endsAt: t.endsAt } });
    const late = checkBid(t, null, { amount: '100000.00', at: new Date(t.endsAt.getTime() - 5 * MIN), hasDeposit: true });
    expect(late).toMatchObject({ ok: true, value: { extended: true, endsAt: new Date(t.endsAt.getTime() + 5 * MIN) } });
    const last = checkBid(t, null, { amount: '100000.00', at: new Date(t.endsAt.getTime() - 1), hasDeposit: true });
    expect(last.ok && last.value.explanation.zh).toContain('顺延 5 分钟');
    // Without an extension window the close never moves.
    expect(checkBid(terms({ extensionMinutes: 0 }), null, { amount: '100000.00', at: new Date(t.endsAt.getTime() - 1), hasDeposit: true })).toMatchObject({ ok: true, value: { extended: false } });
  });
});

describe('outcome', () => {
  const bids: PlacedBid[] = [
    { seq: 1, amount: '100000.00', bidderOrgId: 'a' },
    { seq: 2, amount: '160000.00', bidderOrgId: 'b' },
  ];
  it('the highest bid wins when it reaches the reserve', () => {
    expect(decideOutcome(terms(), bids)).toMatchObject({ kind: 'won', winning: { seq: 2, bidderOrgId: 'b' } });
    expect(decideOutcome(terms({ reservePrice: '160000.00' }), bids).kind).toBe('won');
  });
  it('reserve not met, and no bids, are no sale', () => {
    expect(decideOutcome(terms({ reservePrice: '160000.01' }), bids)).toMatchObject({ kind: 'reserve_not_met', highest: { seq: 2 } });
    expect(decideOutcome(terms(), []).kind).toBe('no_bids');
    expect(decideOutcome(terms({ reservePrice: null }), bids.slice(0, 1)).kind).toBe('won');
  });
});

describe('terms', () => {
  it('names every bad field', () => {
    const errors = termsErrors({
      startingPrice: '0.00',
      reservePrice: '-1.00',
      increment: '0.00',
      depositAmount: '0.00',
      startsAt: T0,
      endsAt: new Date(T0.getTime() + 5 * MIN),
      extensionMinutes: 90,
      earliestStart: new Date(T0.getTime() + 1),
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['endsAt', 'extensionMinutes', 'increment', 'reservePrice', 'startingPrice', 'startsAt']);
  });
});

describe('properties', () => {
  const fen = (min: number, max: number) => fc.integer({ min, max }).map((n) => fenToMoney(BigInt(n)));
  const attempt = fc.record({ amount: fen(1, 50_000_000), offsetMs: fc.integer({ min: -10 * MIN, max: 130 * MIN }), hasDeposit: fc.boolean() });

  it('accepted bids rise by at least the increment, never after the close, and always leave others more than the extension to answer', () => {
    fc.assert(
      fc.property(fen(100, 1_000_000), fen(1, 100_000), fc.integer({ min: 0, max: 30 }), fc.array(attempt, { maxLength: 60 }), (startingPrice, increment, extensionMinutes, attempts) => {
        let t = terms({ startingPrice, increment, extensionMinutes, reservePrice: null });
        let highest: string | null = null;
        const accepted: PlacedBid[] = [];
        // Attempts arrive in time order, as the row lock serialises them.
        const sorted = [...attempts].sort((a, b) => a.offsetMs - b.offsetMs);
        for (const [i, a] of sorted.entries()) {
          const at = new Date(T0.getTime() + a.offsetMs);
          const before = t.endsAt.getTime();
          const r = checkBid(t, highest, { amount: a.amount, at, hasDeposit: a.hasDeposit });
          if (!r.ok) {
            // A refusal always names the minimum that would have stood.
            expect(r.refusal.minimum).toBe(minimumNextBid(t, highest));
            continue;
          }
          expect(at.getTime()).toBeLessThan(before);
          expect(a.hasDeposit).toBe(true);
          if (highest !== null) expect(moneyToFen(a.amount) - moneyToFen(highest) >= moneyToFen(increment)).toBe(true);
          else expect(cmp(a.amount, startingPrice) >= 0).toBe(true);
          expect(r.value.endsAt.getTime()).toBeGreaterThanOrEqual(before);
          if (extensionMinutes > 0) expect(r.value.endsAt.getTime() - at.getTime()).toBeGreaterThan(extensionMinutes * MIN);
          t = { ...t, endsAt: r.value.endsAt };
          highest = a.amount;
          accepted.push({ seq: i, amount: a.amount, bidderOrgId: String(i) });
        }
        const outcome = decideOutcome(t, accepted);
        if (!accepted.length) expect(outcome.kind).toBe('no_bids');
        else expect(outcome).toMatchObject({ kind: 'won', winning: accepted.at(-1) });
      }),
      { numRuns: 300 },
    );
  });

  it('the reserve decides: won exactly when the highest bid reaches it', () => {
    fc.assert(
      fc.property(fc.array(fen(1, 10_000_000), { minLength: 1, maxLength: 20 }), fen(1, 10_000_000), (amounts, reserve) => {
        const bids = [...new Set(amounts)].map((amount, i) => ({ seq: i + 1, amount, bidderOrgId: 'x' }));
        const top = bids.reduce((m, b) => (cmp(b.amount, m) > 0 ? b.amount : m), '0.00');
        const o = decideOutcome({ reservePrice: reserve }, bids);
        expect(o.kind).toBe(cmp(top, reserve) >= 0 ? 'won' : 'reserve_not_met');
        if (o.kind === 'won') expect(o.winning.amount).toBe(top);
      }),
    );
  });
});
