import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, splitByWeights, sum } from '../../../common/money.js';
import { sharesToMicros } from '../../../common/splits.js';
import { samplePolicy } from './distribution.fixtures.js';
import { type Completer, type DistributionPolicy, equityRewards, netIncome, rewardTax, splitReceipt, validatePolicy } from './rules.js';

const policy: DistributionPolicy = { version: 3, ...samplePolicy, collegeShareOfRemainder: '0.5' };

const team: Completer[] = [
  { personId: 'p1', name: '王海洋', share: '50', isMainContributor: true, isHead: false },
  { personId: 'p2', name: '刘波', share: '30', isMainContributor: true, isHead: false },
  { personId: 'p3', name: '李校长', share: '20', isMainContributor: false, isHead: true },
];

describe('distribution policy floors', () => {
  it('accepts a policy at or above every floor', () => {
    expect(validatePolicy(policy)).toEqual([]);
  });

  it('refuses a setting below a legal floor, citing the clause', () => {
    const issues = validatePolicy({ ...policy, teamShareOfNetIncome: '0.45', officeShareOfRetained: '0.1', operatingProfitYears: 6 });
    expect(issues.map((i) => i.field)).toEqual(['teamShareOfNetIncome', 'operatingProfitYears', 'officeShareOfRetained']);
    expect(issues[0]!.zh).toContain('第四十五条');
    expect(issues[2]!.zh).toContain('山东');
  });
});

describe('net income and the split of one receipt (worked example)', () => {
  it('1,000,000 received, 60,000 tax, 12,345.67 maintenance, 8,000 transaction costs', () => {
    const s = splitReceipt(
      policy,
      '1000000.00',
      [
        { kind: 'tax', label: '增值税及附加', amount: '60000.00' },
        { kind: 'maintenance', label: '专利年费', amount: '12345.67' },
        { kind: 'transaction', label: '评估费', amount: '8000.00' },
      ],
      team,
    );
    expect(s.net.value).toBe('919654.33');
    expect(s.team.value).toBe('643758.03'); // 919,654.33 × 70% = 643,758.031
    expect(s.retained.value).toBe('275896.30');
    expect(s.office.value).toBe('41384.45'); // × 15% = 41,384.445 → half up
    expect(s.college.value).toBe('117255.93'); // (275,896.30 − 41,384.45) × 50% = 117,255.925
    expect(s.institution.value).toBe('117255.92');
    // Main contributors: 60% of the team pool split 50:30; the other completer takes the rest.
    const byName = Object.fromEntries(s.people.map((p) => [p.name, p.value]));
    expect(byName).toEqual({ 王海洋: '241409.26', 刘波: '144845.56', 李校长: '257503.21' });
    expect(sum(Object.values(byName))).toBe(s.team.value);
    expect(add(s.team.value, s.office.value, s.college.value, s.institution.value)).toBe(s.net.value);
    expect(s.team.clause?.zh).toContain('第四十五条');
    expect(s.people[0]!.rule.zh).toContain('50/80');
    expect(s.people[0]!.policyVersion).toBe(3);
  });

  it('refuses a completer without a positive share', () => {
    expect(() => splitReceipt(policy, '100.00', [], [{ ...team[0]!, share: '0' }])).toThrow(/share/);
  });

  it('never lets deductions drive net income below zero', () => {
    expect(netIncome('100.00', [{ kind: 'maintenance', label: '年费', amount: '250.00' }]).value).toBe('0.00');
  });

  it('every split reconciles to the fen (property)', () => {
    const fen = fc.integer({ min: 0, max: 100_000_000_00 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);
    fc.assert(
      fc.property(fen, fc.array(fc.integer({ min: 100, max: 9999 }), { minLength: 1, maxLength: 8 }), (gross, weights) => {
        // Shares as a ledger holds them: two decimals, each positive, summing to exactly 100.
        const shares = splitByWeights('100.00', weights.map(String));
        const people = shares.map((share, i) => ({ personId: `p${i}`, name: `人${i}`, share, isMainContributor: i === 0, isHead: false }));
        const s = splitReceipt(policy, gross, [], people);
        expect(sum(s.people.map((p) => p.value))).toBe(s.team.value);
        expect(add(s.team.value, s.office.value, s.college.value, s.institution.value)).toBe(s.net.value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('floors hold for every policy the floors allow (property)', () => {
  const ratioAtLeast = (minPermille: number) => fc.integer({ min: minPermille, max: 1000 }).map((n) => String(n / 1000));
  const fen = fc.integer({ min: 0, max: 10_000_000_00 }).map((n) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`);
  it('no computed share falls below its floor, and equity splits are exact', () => {
    fc.assert(
      fc.property(
        ratioAtLeast(500),
        ratioAtLeast(500),
        ratioAtLeast(150),
        ratioAtLeast(0),
        fen,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        (teamShare, mainShare, officeShare, college, gross, mainFlags) => {
          const p = {
            ...policy,
            teamShareOfNetIncome: teamShare,
            teamShareOfEquity: teamShare,
            mainContributorsShare: mainShare,
            officeShareOfRetained: officeShare,
            collegeShareOfRemainder: college,
          };
          expect(validatePolicy(p)).toEqual([]);
          const shares = splitByWeights(
            '100.00',
            mainFlags.map(() => '1'),
          );
          const people = mainFlags.map((isMain, i) => ({ personId: `p${i}`, name: `人${i}`, share: shares[i]!, isMainContributor: isMain, isHead: false }));
          const s = splitReceipt(p, gross, [], people);
          // Each figure is its ratio of its base rounded half up to the fen, so it is at least floor × base − half a fen.
          const atLeast = (value: string, base: string, floor: string) => expect(Number(value) * 1000 + 5).toBeGreaterThanOrEqual(Number(base) * Number(floor) * 1000 - 1e-6);
          atLeast(s.team.value, s.net.value, '0.5');
          atLeast(s.office.value, s.retained.value, '0.15');
          const mains = s.people.filter((x) => people.find((c) => c.personId === x.personId)!.isMainContributor);
          if (mains.length) atLeast(sum(mains.map((m) => m.value)), s.team.value, '0.5');
          const e = equityRewards(p, '37.123456', people);
          expect(e.people.reduce((t, x) => t + sharesToMicros(x.sharesPct), sharesToMicros(e.heldBackForHeadsPct))).toBe(sharesToMicros(e.teamPct));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('equity rewards and tax', () => {
  it('allocates team equity by contribution and gives the head none', () => {
    const e = equityRewards(policy, '30', team);
    expect(e.teamPct).toBe('21'); // 30% × 70%
    expect(e.people).toEqual([
      { personId: 'p1', name: '王海洋', sharesPct: '10.5' },
      { personId: 'p2', name: '刘波', sharesPct: '6.3' },
    ]);
    expect(e.heldBackForHeadsPct).toBe('4.2');
    expect(e.rule.zh).toContain('不得获得股权');
  });

  it('halves the taxable amount only within three years of the receipt', () => {
    expect(rewardTax('10000.00', '2025-03-10', '2028-03-10')).toMatchObject({ value: '5000.00', halfRelief: true });
    const late = rewardTax('10000.00', '2025-03-10', '2028-03-11');
    expect(late).toMatchObject({ value: '10000.00', halfRelief: false });
    expect(late.rule.zh).toContain('不适用减半');
  });
});
