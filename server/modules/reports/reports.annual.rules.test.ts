import { describe, expect, it } from 'vitest';
import { achievementEventFacts } from '../achievements/index.js';
import { annualReport, type ReportEvent } from './reports.annual.rules.js';

const ev = (achievementId: string, seq: number, type: string, on: string, payload: Record<string, unknown> = {}): ReportEvent => ({
  achievementId,
  seq,
  on,
  facts: achievementEventFacts({ type, payload }),
});

describe('annual report aggregation (pure)', () => {
  it('rolls the ledger up into the §14 figures for one year', () => {
    const r = annualReport({
      year: 2026,
      organisation: { id: 'o', name: '黄海海洋大学', creditCode: 'X' },
      achievements: [
        { id: 'a', number: 'QD-2026-000001', title: '甲', ipType: 'patent_invention', fundingType: 'fiscal' },
        { id: 'b', number: 'QD-2026-000002', title: '乙', ipType: 'software', fundingType: 'enterprise_commissioned' },
        { id: 'c', number: 'QD-2025-000009', title: '丙', ipType: 'patent_invention', fundingType: 'self' },
        { id: 'd', number: 'QD-2026-000003', title: '丁', ipType: 'know_how', fundingType: 'fiscal' },
      ],
      events: [
        ev('a', 1, 'achievement.drafted', '2026-01-05', { status: 'draft', content: {} }),
        ev('a', 2, 'achievement.accept', '2026-01-10'),
        ev('a', 3, 'achievement.complete', '2026-06-01', { transformationMode: 'transfer', contractAmount: '1500000.00' }),
        ev('a', 4, 'achievement.updated', '2026-07-01', { fields: { receivedAmount: '500000.00' } }),
        ev('a', 5, 'achievement.updated', '2027-01-15', { fields: { receivedAmount: '1500000.00' } }),
        ev('b', 1, 'achievement.recorded', '2026-02-01', { status: 'accepted', content: { receivedAmount: '0' } }),
        ev('b', 2, 'achievement.complete', '2026-09-01', { transformationMode: 'equity', contractAmount: '800000.00' }),
        // Accepted the year before, money received this year.
        ev('c', 1, 'achievement.accept', '2025-12-31'),
        ev('c', 2, 'achievement.updated', '2025-12-31', { fields: { receivedAmount: '100000.00' } }),
        ev('c', 3, 'achievement.updated', '2026-03-01', { fields: { receivedAmount: '130000.00' } }),
        // Only disclosed: not obtained.
        ev('d', 1, 'achievement.recorded', '2026-04-01', { status: 'disclosed', content: {} }),
      ],
      rewards: { cash: '120000.00', taxable: '60000.00', cashPeople: 2, equity: '0.00', equityPeople: 0 },
      holdings: [
        { achievementId: 'b', companyName: '青岛蓝鲸海洋科技有限公司', companyCreditCode: 'C1', acquiredOn: '2026-09-15' },
        { achievementId: null, companyName: '旧公司', companyCreditCode: 'C0', acquiredOn: '2024-01-01' },
      ],
    });
    expect(r.obtained.total).toBe(2);
    expect(r.obtained.byType.find((t) => t.ipType === 'patent_invention')!.count).toBe(1);
    expect(r.obtained.bySource.map((s) => s.count)).toEqual([1, 1, 0]);
    expect(r.transformations.byMode.find((m) => m.mode === 'transfer')).toMatchObject({ label: '转让', count: 1, amount: '1500000.00' });
    expect(r.transformations.byMode.find((m) => m.mode === 'equity')).toMatchObject({ label: '作价投资', count: 1, amount: '800000.00' });
    expect(r.contracts).toMatchObject({ count: 2, amount: '2300000.00' });
    expect(r.contracts.bands[0]).toMatchObject({ label: '100万元及以上', count: 1, amount: '1500000.00' });
    expect(r.receivedInYear.amount).toBe('530000.00');
    expect(r.equityCompanies.count).toBe(1);
    expect(r.rewards).toMatchObject({ cash: '120000.00', equity: '0.00', total: '120000.00', cashPeople: 2 });
    expect(r.projects).toEqual([
      { number: 'QD-2026-000001', title: '甲', mode: 'transfer', modeLabel: '转让', counterparty: null, contractAmount: '1500000.00', received: '500000.00', date: '2026-06-01' },
      { number: 'QD-2026-000002', title: '乙', mode: 'equity', modeLabel: '作价投资', counterparty: '青岛蓝鲸海洋科技有限公司', contractAmount: '800000.00', received: '0.00', date: '2026-09-01' },
    ]);
  });
});
