import { describe, expect, it } from 'vitest';
import { checkDisposal, holdingStatus, microsToShares, preservationReport, remainingOf, sharesToMicros } from './achievements.equity.rules.js';

describe('equity sub-ledger rules', () => {
  it('keeps share percentages exact to six decimals', () => {
    expect(sharesToMicros('12.5')).toBe(12_500_000n);
    expect(microsToShares(sharesToMicros('12.500000'))).toBe('12.5');
    expect(microsToShares(sharesToMicros('0.000001') + sharesToMicros('33.333333'))).toBe('33.333334');
    expect(remainingOf({ sharesPct: '20', bookValue: '1000000.00' }, [{ sharesPct: '7.5', bookValue: '375000.00' }])).toEqual({ sharesPct: '12.5', bookValue: '625000.00' });
  });

  it('allows partial disposals and refuses more than is held, naming the field', () => {
    const held = { sharesPct: '20', bookValue: '1000000.00' };
    expect(checkDisposal(held, { sharesPct: '5', bookValue: '250000.00' })).toEqual([]);
    expect(checkDisposal(held, { sharesPct: '20', bookValue: '1000000.00' })).toEqual([]);
    const over = checkDisposal(held, { sharesPct: '25', bookValue: '250000.00' });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatchObject({ field: 'sharesPct' });
    expect(over[0]!.zh).toContain('超过现持有的 20%');
    expect(checkDisposal(held, { sharesPct: '5', bookValue: '1000000.01' })[0]).toMatchObject({ field: 'bookValue' });
    // Every share gone means the whole book value goes too.
    expect(checkDisposal(held, { sharesPct: '20', bookValue: '999999.99' })[0]).toMatchObject({ field: 'bookValue' });
    expect(holdingStatus(held, { sharesPct: '20', bookValue: '1000000.00' })).toBe('held');
    expect(holdingStatus(held, { sharesPct: '12.5', bookValue: '625000.00' })).toBe('partly_disposed');
    expect(holdingStatus(held, { sharesPct: '0', bookValue: '0.00' })).toBe('disposed');
  });

  it('computes 保值增值率 with and without achievement-derived equity (worked example)', () => {
    // Opening equity 10,000,000.00; closing 11,500,000.00 for 2026.
    // Holding A (acquired 2025-06-01, book 1,000,000.00) had 200,000.00 written off on 2026-09-30;
    // holding B was acquired on 2026-03-01 at 500,000.00; holding C is not achievement-derived.
    // Opening excluded = 1,000,000.00 (A); closing excluded = 800,000.00 + 500,000.00 = 1,300,000.00;
    // write-offs = 200,000.00. Adjusted: opening 9,000,000.00, closing 11,500,000.00 − 1,300,000.00
    // + 200,000.00 = 10,400,000.00. Ratios: 115.00 % as booked, 10.4/9 = 115.555… → 115.56 %.
    const r = preservationReport({
      from: '2026-01-01',
      to: '2026-12-31',
      openingEquity: '10000000',
      closingEquity: '11500000.00',
      holdings: [
        {
          id: 'A',
          companyName: '甲',
          bookValue: '1000000.00',
          acquiredOn: '2025-06-01',
          excludedFromPreservation: true,
          disposals: [{ kind: 'write_off', bookValue: '200000.00', disposedOn: '2026-09-30' }],
        },
        { id: 'B', companyName: '乙', bookValue: '500000.00', acquiredOn: '2026-03-01', excludedFromPreservation: true, disposals: [] },
        { id: 'C', companyName: '丙', bookValue: '700000.00', acquiredOn: '2024-01-01', excludedFromPreservation: false, disposals: [] },
      ],
    });
    const f = r.figures;
    expect(f.openingExcludedEquity.value).toBe('1000000.00');
    expect(f.openingExcludedEquity.inputs).toEqual({ A: '1000000.00', B: '0.00' });
    expect(f.closingExcludedEquity.value).toBe('1300000.00');
    expect(f.excludedWriteOffs.value).toBe('200000.00');
    expect(f.adjustedOpeningEquity).toMatchObject({ value: '9000000.00', inputs: { openingEquity: '10000000.00', openingExcludedEquity: '1000000.00' } });
    expect(f.adjustedClosingEquity.value).toBe('10400000.00');
    expect(f.ratioAsBooked).toMatchObject({ value: '115.00', inputs: { closingEquity: '11500000.00', openingEquity: '10000000.00' } });
    expect(f.ratioAsBooked.formula).toBe('保值增值率 = 期末所有者权益 / 期初所有者权益 × 100%');
    expect(f.ratioExcludingAchievementEquity.value).toBe('115.56');
    expect(r.excludedHoldings).toBe(2);
  });

  it('gives no ratio when the opening equity is not positive', () => {
    const r = preservationReport({ from: '2026-01-01', to: '2026-12-31', openingEquity: '0', closingEquity: '100.00', holdings: [] });
    expect(r.figures.ratioAsBooked.value).toBeNull();
  });
});
