import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmp, isNegative, sum } from '../../../common/money.js';
import { ALLOCATION_FLOOR, allocateSurplus, checkAllocationRatio, checkShares, completersPool, computeSurplus, type ProjectCompleter } from './surplus.rules.js';

const team: ProjectCompleter[] = [
  { personId: 'p1', name: '王海洋', share: '50', isHead: false },
  { personId: 'p2', name: '刘波', share: '30', isHead: false },
  { personId: 'p3', name: '李校长', share: '20', isHead: true },
];

describe('contract-research surplus (measure 3): the worked example', () => {
  // receipts 100万, direct costs 55万, management fee 5% of receipts → surplus 40万;
  // r = 0.7 → 28万 to completers split 50/30/20 → 14万 / 8.4万 / 5.6万.
  const figures = computeSurplus(
    [
      { label: '首期款', amount: '600000.00' },
      { label: '尾款', amount: '400000.00' },
    ],
    [
      { label: '材料费', amount: '300000.00' },
      { label: '测试化验加工费', amount: '250000.00' },
    ],
    { kind: 'rate', rate: '0.05' },
  );

  it('surplus = receipts − direct costs − management fee', () => {
    expect(figures.receipts.value).toBe('1000000.00');
    expect(figures.directCosts.value).toBe('550000.00');
    expect(figures.managementFee.value).toBe('50000.00');
    expect(figures.surplus.value).toBe('400000.00');
    expect(figures.surplus.rule.zh).toContain('1000000.00 − 直接费用 550000.00 − 管理费 50000.00 = 400000.00');
    expect(figures.surplus.clause?.zh).toContain('措施三');
    expect(figures.directCosts.inputs).toEqual({ '1:材料费': '300000.00', '2:测试化验加工费': '250000.00' });
  });

  it('28万 to the completers, 14万 / 8.4万 / 5.6万 in cash', () => {
    const res = allocateSurplus(figures.surplus.value, '0.7', team, { form: 'cash' });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    const a = res.allocation;
    expect(a.pool.value).toBe('280000.00');
    expect(a.pool.clause?.zh).toContain('第四十五条');
    expect(a.lines.map((l) => [l.name, l.cashPart, l.takes, l.techPartPct])).toEqual([
      ['王海洋', '140000.00', 'cash', '0.000000'],
      ['刘波', '84000.00', 'cash', '0.000000'],
      ['李校长', '56000.00', 'cash', '0.000000'],
    ]);
    expect(a.totals).toEqual({ cashPaid: '280000.00', cashContributed: '0.00', techPct: '0.000000' });
    expect(a.lines[0]!.explanation.rule.zh).toContain('280000.00 × 50/100');
  });

  it('a fixed management fee', () => {
    const f = computeSurplus([{ label: '合同款', amount: '1000000.00' }], [{ label: '材料费', amount: '550000.00' }], { kind: 'amount', amount: '50000.00' });
    expect(f.surplus.value).toBe('400000.00');
    expect(f.managementFee.rule.en).toContain('fixed amount');
  });

  it('never negative: costs above receipts give zero, and say so', () => {
    const f = computeSurplus([{ label: '合同款', amount: '100000.00' }], [{ label: '设备费', amount: '120000.00' }], { kind: 'rate', rate: '0.05' });
    expect(f.surplus.value).toBe('0.00');
    expect(f.surplus.rule.zh).toContain('按零计');
  });

  it('现金入股+技术入股: cash part and technology part kept apart; the head takes cash and the clause is cited', () => {
    const res = allocateSurplus('400000.00', '0.7', team, { form: 'cash_and_technology', techStakeFormedPct: '10', cashTakers: ['p3'] });
    if (!res.ok) throw new Error(JSON.stringify(res.issues));
    const a = res.allocation;
    expect(a.techStake).toMatchObject({ formedPct: '10.000000', teamPct: '7.000000', heldBackPct: '1.400000' });
    expect(a.lines.map((l) => [l.takes, l.cashPart, l.techPartPct])).toEqual([
      ['shares', '140000.00', '3.500000'],
      ['shares', '84000.00', '2.100000'],
      ['cash', '56000.00', '0.000000'],
    ]);
    expect(a.totals).toEqual({ cashPaid: '56000.00', cashContributed: '224000.00', techPct: '5.600000' });
    expect(a.lines[2]!.explanation.clause.zh).toContain('正职领导');
  });
});

describe('refusals', () => {
  it('shares that do not sum to 100%, with the sum shown', () => {
    expect(checkShares(['50', '30', '19.5'])).toEqual([expect.objectContaining({ field: 'completers', zh: expect.stringContaining('现为 99.5%'), en: expect.stringContaining('sum to 99.5%') })]);
    expect(checkShares(['60', '50'])[0]!.zh).toContain('110%');
    expect(checkShares(['0', '100'])[0]!.field).toBe('completers.0.share');
    expect(checkShares([])).toHaveLength(1);
    expect(checkShares(['33.33', '33.33', '33.34'])).toEqual([]);
  });

  it('r below the floor, citing the law', () => {
    const [issue] = checkAllocationRatio('0.45');
    expect(issue?.zh).toContain('低于法定下限 50%');
    expect(issue?.zh).toContain('《促进科技成果转化法》第四十五条');
    expect(checkAllocationRatio('0.5')).toEqual([]);
    expect(checkAllocationRatio('1')).toEqual([]);
    expect(checkAllocationRatio('1.2')).toHaveLength(1);
    expect(() => completersPool('100.00', '0.3')).toThrow(RangeError);
  });

  it('a head taking shares', () => {
    const res = allocateSurplus('400000.00', '0.7', team, { form: 'cash_and_technology', techStakeFormedPct: '10' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues).toEqual([expect.objectContaining({ field: 'cashTakers', zh: expect.stringContaining('李校长 为单位正职领导，只能获得现金奖励') })]);
    expect(res.issues[0]!.zh).toContain('国发〔2016〕16号');
  });

  it('a missing or impossible technology stake, unknown cash takers, a stake in cash form', () => {
    const noHead = team.map((c) => ({ ...c, isHead: false }));
    expect(allocateSurplus('1.00', '0.7', noHead, { form: 'cash_and_technology' }).ok).toBe(false);
    expect(allocateSurplus('1.00', '0.7', noHead, { form: 'cash_and_technology', techStakeFormedPct: '101' }).ok).toBe(false);
    expect(allocateSurplus('1.00', '0.7', noHead, { form: 'cash_and_technology', techStakeFormedPct: '5', cashTakers: ['nobody'] }).ok).toBe(false);
    expect(allocateSurplus('1.00', '0.7', noHead, { form: 'cash', techStakeFormedPct: '5' }).ok).toBe(false);
  });
});

describe('properties', () => {
  const fen = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((n) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`);
  const ratio = fc.integer({ min: 500_000, max: 1_000_000 }).map((m) => (m === 1_000_000 ? '1' : `0.${String(m).padStart(6, '0')}`));
  // Shares in hundredths summing to exactly 100%.
  const shares = fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }).map((ws) => {
    const total = ws.reduce((a, b) => a + b, 0);
    const parts = ws.map((w) => Math.floor((w * 10_000) / total));
    parts[0]! += 10_000 - parts.reduce((a, b) => a + b, 0);
    return parts.filter((p) => p > 0).map((p) => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`);
  });
  const stake = fc.integer({ min: 1, max: 100_000_000 }).map((m) => `${Math.floor(m / 1_000_000)}.${String(m % 1_000_000).padStart(6, '0')}`);

  it('splits sum exactly to the pool and the team stake; nothing negative; r never below the floor', () => {
    fc.assert(
      fc.property(fen, fen, fen, ratio, shares, stake, fc.boolean(), (received, spent, fee, r, ss, formed, technology) => {
        const figures = computeSurplus([{ label: 'r', amount: received }], [{ label: 'c', amount: spent }], { kind: 'amount', amount: fee });
        expect(isNegative(figures.surplus.value)).toBe(false);
        expect(cmp(figures.surplus.value, received) <= 0).toBe(true);
        const people = ss.map((s, i) => ({ personId: `p${i}`, name: `p${i}`, share: s, isHead: false }));
        const res = allocateSurplus(figures.surplus.value, r, people, technology ? { form: 'cash_and_technology', techStakeFormedPct: formed } : { form: 'cash' });
        if (!res.ok) throw new Error(JSON.stringify(res.issues));
        const a = res.allocation;
        expect(cmp(a.pool.value, figures.surplus.value) <= 0).toBe(true);
        // Never below the floor: the pool is at least surplus × 0.5 (to the fen).
        expect(cmp(a.pool.value, completersPool(figures.surplus.value, ALLOCATION_FLOOR).value) >= 0).toBe(true);
        expect(sum(['0.00', ...a.lines.map((l) => l.cashPart)])).toBe(a.pool.value);
        for (const l of a.lines) expect(isNegative(l.cashPart)).toBe(false);
        if (technology) expect(a.totals.techPct).toBe(a.techStake!.teamPct);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every r below the floor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 499_999 }), (m) => {
        expect(checkAllocationRatio(`0.${String(m).padStart(6, '0')}`)).toHaveLength(1);
      }),
    );
  });
});
