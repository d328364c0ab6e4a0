import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyToFen } from '../../../common/money.js';
import { type AgreementTerms, applyEvent, type CorporateEvent, eventIssues, openingPosition, replay } from './proceeds.js';

// DOMAIN §4.4 (S12, 中国科大 "赋权+转让+约定收益"): the team is granted 80%, the institution keeps 20% on an agreed-income basis.
const terms: AgreementTerms = { institutionShare: '0.2', equityShares: 1_000_000n, agreedOn: '2027-01-01', policyVersion: 1 };

describe('agreed proceeds: worked examples (DOMAIN §4.4)', () => {
  it('dividend, bonus shares, partial sale of f, IPO, full transfer: what is due now and what stays tracked', () => {
    const events: CorporateEvent[] = [
      { kind: 'dividend', on: '2027-06-30', amount: '100000.00' },
      { kind: 'bonus_shares', on: '2027-07-15', shares: 200_000n },
      { kind: 'partial_sale', on: '2028-03-01', sharesSold: 300_000n, pricePerShare: '12.5' },
      { kind: 'ipo', on: '2029-05-20', listingPrice: '20.00' },
      { kind: 'full_transfer', on: '2030-06-01', pricePerShare: '30.1234' },
    ];
    const { position, results } = replay(terms, events);
    const [div, bonus, sale, ipo, full] = results;
    // s_u × dividends = 0.2 × 100,000.00
    expect(div).toMatchObject({ proceeds: '100000.00', due: '20000.00', teamPart: '80000.00', heldAfter: '1000000', trackedShares: '200000' });
    // Bonus shares: no cash; the holding grows and s_u of it stays tracked.
    expect(bonus).toMatchObject({ due: '0.00', heldBefore: '1000000', heldAfter: '1200000', trackedShares: '240000' });
    // Partial sale: f = 300,000 / 1,200,000 = 0.25; V(E) = 1,200,000 × 12.5 = 15,000,000; s_u × f × V(E) = 750,000.
    expect(sale).toMatchObject({ proceeds: '3750000.00', due: '750000.00', teamPart: '3000000.00', heldAfter: '900000', trackedShares: '180000' });
    expect(sale!.inputs).toMatchObject({ fraction: '0.25', holdingValue: '15000000.00' });
    expect(sale!.explanation.zh).toContain('f = 0.25');
    expect(sale!.explanation.zh).toContain('20% × 3750000.00 = 750000.00');
    // IPO: nothing due; the tracked part is valued at the listing price: 0.2 × 900,000 × 20 = 3,600,000.
    expect(ipo).toMatchObject({ due: '0.00', trackedValue: '3600000.00' });
    // Full transfer: 900,000 × 30.1234 = 27,111,060.00; due 0.2 × that.
    expect(full).toMatchObject({ proceeds: '27111060.00', due: '5422212.00', heldAfter: '0', trackedShares: '0', trackedValue: null });
    expect(position).toMatchObject({ closed: true, heldShares: 0n });
    expect(position.dueFen).toBe(moneyToFen('6192212.00'));
    for (const r of results) {
      expect(r.policyVersion).toBe(1);
      expect(r.rule.zh.length).toBeGreaterThan(0);
      expect(r.explanation.en.length).toBeGreaterThan(0);
    }
  });

  it('a fractional due is rounded down to the fen: the institution never takes more than s_u', () => {
    const r = applyEvent({ ...terms, institutionShare: '0.333333' }, openingPosition(terms), { kind: 'dividend', on: '2027-02-01', amount: '100.01' });
    // 0.333333 × 100.01 = 33.33663...
    expect(r).toMatchObject({ due: '33.33', teamPart: '66.68' });
  });

  it('refuses events out of order, in the future, after the full transfer, or selling all shares as a partial sale', () => {
    const pos = openingPosition(terms);
    expect(eventIssues(terms, pos, { kind: 'dividend', on: '2026-12-31', amount: '1.00' }, '2027-06-01').map((i) => i.field)).toEqual(['occurredOn']);
    expect(eventIssues(terms, pos, { kind: 'dividend', on: '2027-07-01', amount: '1.00' }, '2027-06-01').map((i) => i.field)).toEqual(['occurredOn']);
    expect(eventIssues(terms, pos, { kind: 'partial_sale', on: '2027-02-01', sharesSold: 1_000_000n, pricePerShare: '1' }, '2027-06-01').map((i) => i.field)).toEqual(['sharesSold']);
    const closed = replay(terms, [{ kind: 'full_transfer', on: '2027-02-01', pricePerShare: '1' }]).position;
    expect(eventIssues(terms, closed, { kind: 'bonus_shares', on: '2027-03-01', shares: 1n }, '2027-06-01').map((i) => i.field)).toContain('kind');
    const later = replay(terms, [{ kind: 'dividend', on: '2027-05-01', amount: '1.00' }]).position;
    expect(eventIssues(terms, later, { kind: 'dividend', on: '2027-04-01', amount: '1.00' }, '2027-06-01')[0]!.zh).toContain('按时间顺序');
  });
});

const D = Decimal.clone({ precision: 40 });
const shareArb = fc.integer({ min: 1, max: 1_000_000 }).map((n) => (n === 1_000_000 ? '1' : `0.${String(n).padStart(6, '0')}`));
const priceArb = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 9999 }))
  .filter(([i, f]) => i + f > 0)
  .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);
const moneyArb = fc.integer({ min: 1, max: 10_000_000_000 }).map((f) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`);

describe('agreed proceeds: properties', () => {
  it('each due is at most s_u of its proceeds (and within a fen of it), due + team part = proceeds, cumulative figures sum exactly', () => {
    fc.assert(
      fc.property(
        shareArb,
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.tuple(fc.constantFrom('dividend', 'bonus_shares', 'partial_sale', 'ipo'), moneyArb, priceArb, fc.integer({ min: 1, max: 1_000_000 })), { maxLength: 12 }),
        priceArb,
        (su, e0, steps, finalPrice) => {
          const t: AgreementTerms = { institutionShare: su, equityShares: BigInt(e0), agreedOn: '2027-01-01', policyVersion: 3 };
          let pos = openingPosition(t);
          let sumDue = 0n;
          let sumProceeds = 0n;
          let day = 1;
          const all: CorporateEvent[] = [];
          for (const [kind, amount, price, n] of steps) {
            const on = `2027-${String(1 + Math.floor(day / 28)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
            day++;
            const e: CorporateEvent =
              kind === 'dividend'
                ? { kind, on, amount }
                : kind === 'bonus_shares'
                  ? { kind, on, shares: BigInt(n) }
                  : kind === 'partial_sale'
                    ? { kind, on, sharesSold: BigInt(n) % (pos.heldShares > 1n ? pos.heldShares : 2n) || 1n, pricePerShare: price }
                    : { kind, on, listingPrice: price };
            if (eventIssues(t, pos, e, '2030-01-01').length) continue;
            all.push(e);
            const r = applyEvent(t, pos, e);
            const p = moneyToFen(r.proceeds);
            const d = moneyToFen(r.due);
            expect(d + moneyToFen(r.teamPart)).toBe(p);
            expect(new D(d.toString()).lte(new D(su).times(p.toString()))).toBe(true);
            expect(new D(d.toString()).gt(new D(su).times(p.toString()).minus(1))).toBe(true);
            sumDue += d;
            sumProceeds += p;
            pos = r.position;
          }
          const end: CorporateEvent = { kind: 'full_transfer', on: '2029-12-31', pricePerShare: finalPrice };
          if (!eventIssues(t, pos, end, '2030-01-01').length) {
            const r = applyEvent(t, pos, end);
            all.push(end);
            sumDue += moneyToFen(r.due);
            sumProceeds += moneyToFen(r.proceeds);
            pos = r.position;
            expect(pos.heldShares).toBe(0n);
          }
          expect(pos.dueFen).toBe(sumDue);
          expect(pos.proceedsFen).toBe(sumProceeds);
          expect(new D(pos.dueFen.toString()).lte(new D(su).times(pos.proceedsFen.toString()))).toBe(true);
          // Replaying the same events gives the same position.
          expect(replay(t, all).position).toEqual(pos);
        },
      ),
      { numRuns: 300 },
    );
  });
});
