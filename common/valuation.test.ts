import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compositeScore, conclusionIssues, DEFAULT_WEIGHTS, indicatorIssues, VALUE_INDICATORS } from './evaluation.js';
import { sum } from './money.js';
import { addDays, addYears, compareDates } from './calendar.js';
import { type IncomeInput, legalLife, MAX_HORIZON_YEARS, type MarketInput, valuate, valueByCost, valueByIncome, valueByMarket } from './valuation.js';

const discount10 = { riskFree: '0.03', technical: '0.02', market: '0.02', capital: '0.01', management: '0.02' };
const income = (over: Partial<IncomeInput> = {}): IncomeInput => ({
  approach: 'income',
  valuationDate: '2026-11-29',
  base: 'revenue',
  amounts: ['1000000', '1200000', '1500000'],
  share: { method: 'given', rate: '0.03' },
  discount: discount10,
  ...over,
});
const ok = (o: ReturnType<typeof valuate>) => {
  if (!o.ok) throw new Error(JSON.stringify(o.issues));
  return o.result;
};
const issues = (o: ReturnType<typeof valuate>) => (o.ok ? [] : o.issues);

describe('income approach (royalty-share DCF): worked examples', () => {
  it('3% of revenue over three years at r = 10%', () => {
    const r = ok(valueByIncome(income()));
    // r = 0.03 + 0.02 + 0.02 + 0.01 + 0.02 = 0.10
    expect(r.steps.find((s) => s.key === 'r')).toMatchObject({ value: '0.1', formula: 'r = 0.03 + 0.02 + 0.02 + 0.01 + 0.02 = 0.1 = 10%' });
    // 30,000 / 1.1 = 27,272.727273; 36,000 / 1.21 = 29,752.066116; 45,000 / 1.331 = 33,809.166041; Σ = 90,833.959429
    expect(r.years).toEqual([
      { year: 1, amount: '1000000.00', share: '30000.000000', discountFactor: '0.9090909091', presentValueExact: '27272.727273', presentValue: '27272.73' },
      { year: 2, amount: '1200000.00', share: '36000.000000', discountFactor: '0.8264462810', presentValueExact: '29752.066116', presentValue: '29752.07' },
      { year: 3, amount: '1500000.00', share: '45000.000000', discountFactor: '0.7513148009', presentValueExact: '33809.166041', presentValue: '33809.16' },
    ]);
    expect(r.value).toBe('90833.96');
    expect(sum(r.years!.map((y) => y.presentValue))).toBe(r.value);
    expect(r.rule.zh).toContain('P = Σ_{t=1..n} K × R_t / (1 + r)^t');
    expect(r.standard.zh).toContain('GB/T 39057-2020');
    expect(r.precision.zh).toContain('40 位有效数字');
  });

  it('约当投资分成法: 500 × 1.2 = 600 and 3,000 × 1.1 = 3,300 give K = 600 / 3,900 = 15.3846%', () => {
    const r = ok(
      valueByIncome(
        income({
          base: 'profit',
          amounts: ['2000000', '2000000'],
          share: { method: 'equivalent_investment', techCost: '500', techReturn: '0.2', assetCost: '3000', assetReturn: '0.1' },
          discount: { riskFree: '0.025', technical: '0.05', market: '0.03', capital: '0.02', management: '0.015' },
        }),
      ),
    );
    expect(r.steps.find((s) => s.key === 'techEquiv')).toMatchObject({ formula: '500 × (1 + 0.2) = 600', value: '600' });
    expect(r.steps.find((s) => s.key === 'assetEquiv')).toMatchObject({ formula: '3000 × (1 + 0.1) = 3300', value: '3300' });
    // DOMAIN §13.1 quotes this example as “15.39%”; 600 / 3900 = 0.153846… is 15.38% to two decimals.
    expect(r.steps.find((s) => s.key === 'Kprofit')).toMatchObject({ value: '0.153846' });
    expect(r.steps.find((s) => s.key === 'Kprofit')!.formula).toContain('600 / (600 + 3300) = 0.1538461538');
    // 2,000,000 × 0.153846 = 307,692; / 1.14 = 269,905.263158; / 1.2996 = 236,759.002770; Σ = 506,664.265928
    expect(r.years!.map((y) => y.presentValueExact)).toEqual(['269905.263158', '236759.002770']);
    expect(r.value).toBe('506664.27');
    // Largest remainder: the extra fen goes to year 1 (0.3158 fen left over beats 0.2770).
    expect(r.years!.map((y) => y.presentValue)).toEqual(['269905.27', '236759.00']);
  });

  it('约当投资分成法 on revenue converts with the margin; profit share converted to a revenue share', () => {
    const r = ok(valueByIncome(income({ amounts: ['1000000'], share: { method: 'equivalent_investment', techCost: '600', techReturn: '0', assetCost: '3300', assetReturn: '0', margin: '0.2' } })));
    // 0.153846 × 0.2 = 0.0307692
    expect(r.steps.find((s) => s.key === 'K')!.value).toBe('0.030769');
    const c = ok(valueByIncome(income({ amounts: ['1000000'], share: { method: 'profit_to_revenue', profitRate: '0.25', margin: '0.12' } })));
    // 25% (四分法) × 12% = 3%; 30,000 / 1.1 = 27,272.73
    expect(c.steps.find((s) => s.key === 'K')).toMatchObject({ value: '0.03' });
    expect(c.value).toBe('27272.73');
    expect(issues(valueByIncome(income({ base: 'profit', share: { method: 'profit_to_revenue', profitRate: '0.25', margin: '0.12' } })))[0]!.field).toBe('share.method');
    expect(issues(valueByIncome(income({ share: { method: 'equivalent_investment', techCost: '600', techReturn: '0', assetCost: '3300', assetReturn: '0' } })))[0]!.field).toBe('share.margin');
  });

  it('refuses a horizon beyond the remaining legal life, with the reason', () => {
    // A utility model filed 2020-03-01 is protected until 2030-02-28; from 2026-11-29, 3 whole years remain.
    expect(legalLife({ ipType: 'patent_utility', filedOn: '2020-03-01' }, '2026-11-29')).toMatchObject({ termYears: 10, expiresOn: '2030-02-28', remainingYears: 3 });
    const protection = { ipType: 'patent_utility', filedOn: '2020-03-01' };
    expect(valueByIncome(income({ protection })).ok).toBe(true);
    const refused = issues(valueByIncome(income({ protection, amounts: ['1', '1', '1', '1'] })));
    expect(refused).toHaveLength(1);
    expect(refused[0]!.field).toBe('amounts');
    expect(refused[0]!.zh).toContain('收益期 4 年超过剩余法定保护期');
    expect(refused[0]!.zh).toContain('2030-02-28');
    expect(refused[0]!.zh).toContain('《专利法》第四十二条');
    expect(refused[0]!.en).toContain('at most 3 years');
    // Invention: 20 years. Filed 2010-01-01 → expires 2029-12-31; from 2026-11-29 three whole years end 2029-11-29.
    expect(legalLife({ ipType: 'patent_invention', filedOn: '2010-01-01' }, '2026-11-29')).toMatchObject({ expiresOn: '2029-12-31', remainingYears: 3 });
    // Expired: no year left.
    expect(legalLife({ ipType: 'patent_invention', filedOn: '2005-01-01' }, '2026-11-29')!.remainingYears).toBe(0);
    // Designs: 15 years when filed from 2021-06-01, 10 before. Know-how: no statutory term.
    expect(legalLife({ ipType: 'patent_design', filedOn: '2021-06-01' }, '2026-11-29')!.termYears).toBe(15);
    expect(legalLife({ ipType: 'patent_design', filedOn: '2021-05-31' }, '2026-11-29')!.termYears).toBe(10);
    expect(legalLife({ ipType: 'know_how', filedOn: '2021-05-31' }, '2026-11-29')).toBeNull();
    expect(valueByIncome(income({ protection: { ipType: 'know_how', filedOn: '2021-05-31' }, amounts: Array(30).fill('1') })).ok).toBe(true);
  });

  it('bad input: each problem named with its field, in both languages', () => {
    const zero = { riskFree: '0', technical: '0', market: '0', capital: '0', management: '0' };
    expect(issues(valueByIncome(income({ discount: zero })))).toEqual([
      { field: 'discount', zh: '收益期不为零时，折现率 r 须大于 0', en: 'with a non-zero horizon the discount rate r must be greater than 0' },
    ]);
    expect(issues(valueByIncome(income({ amounts: [] })))[0]!.field).toBe('amounts');
    const missing = issues(valueByIncome(income({ amounts: ['1', '', '3'] })));
    expect(missing).toEqual([{ field: 'amounts[1]', zh: '请填写第 2 年收入', en: 'year 2 revenue is missing' }]);
    expect(issues(valueByIncome(income({ amounts: ['-5'] })))[0]).toMatchObject({ field: 'amounts[0]', zh: '第 1 年收入不能为负数（-5）' });
    expect(issues(valueByIncome(income({ share: { method: 'given', rate: '0' } })))[0]!.field).toBe('share.rate');
    expect(issues(valueByIncome(income({ share: { method: 'given', rate: '1.5' } })))[0]!.field).toBe('share.rate');
    expect(issues(valueByIncome(income({ discount: { ...discount10, market: '-0.01' } })))[0]!.field).toBe('discount.market');
    expect(issues(valueByIncome(income({ share: { method: 'equivalent_investment', techCost: '-1', techReturn: '0', assetCost: '1', assetReturn: '0' }, base: 'profit' })))[0]).toMatchObject({
      field: 'share.techCost',
    });
    expect(issues(valueByIncome(income({ valuationDate: '2026-13-01' })))[0]!.field).toBe('valuationDate');
    expect(issues(valuate({ approach: 'nope' } as never))[0]!.field).toBe('approach');
  });
});

describe('market approach: worked example', () => {
  const market: MarketInput = {
    approach: 'market',
    comparables: [
      {
        name: '某溶解氧传感器专利许可（2025）',
        price: '800000',
        factors: [
          { kind: 'technology', value: '1.1' },
          { kind: 'time', value: '1.02' },
          { kind: 'region', value: '0.95' },
        ],
      },
      {
        name: '某水质监测技术转让（2024）',
        price: '1000000',
        factors: [
          { kind: 'technology', value: '0.9' },
          { kind: 'terms', value: '0.85' },
        ],
      },
    ],
    selection: 'mean',
  };
  it('adjusts each comparable, gives the range and the mean', () => {
    const r = ok(valueByMarket(market));
    // 800,000 × 1.1 × 1.02 × 0.95 = 852,720; 1,000,000 × 0.9 × 0.85 = 765,000; mean 808,860
    expect(r.comparables!.map((c) => c.adjustedPrice)).toEqual(['852720.00', '765000.00']);
    expect(r.comparables![0]!.formula).toBe('800000.00 × 1.1 × 1.02 × 0.95 = 852720.00');
    expect(r.comparables![0]!.factors[0]).toEqual({ kind: 'technology', label: '技术因素修正', value: '1.1' });
    expect([r.low, r.high, r.value]).toEqual(['765000.00', '852720.00', '808860.00']);
    expect(ok(valueByMarket({ ...market, selection: 'median' })).value).toBe('808860.00');
    expect(ok(valueByMarket({ ...market, selection: 'comparable', comparableIndex: 1 })).value).toBe('765000.00');
    expect(ok(valueByMarket({ ...market, selection: 'min' })).value).toBe('765000.00');
  });
  it('bad input', () => {
    expect(issues(valueByMarket({ ...market, comparables: [] }))[0]!.field).toBe('comparables');
    const bad = issues(valueByMarket({ ...market, comparables: [{ name: 'x', price: '-1', factors: [{ kind: 'other', value: '0' }] }] }));
    expect(bad.map((i) => i.field)).toEqual(['comparables[0].price', 'comparables[0].factors[0].label', 'comparables[0].factors[0].value']);
    expect(issues(valueByMarket({ ...market, selection: 'comparable', comparableIndex: 5 }))[0]!.field).toBe('comparableIndex');
  });
});

describe('cost approach: worked examples', () => {
  it('(direct + indirect + profit + taxes) × (1 − depreciation)', () => {
    const r = ok(valueByCost({ approach: 'cost', basis: 'components', direct: '1200000', indirect: '300000', profit: '225000', taxes: '103500', depreciation: { method: 'rate', rate: '0.2' } }));
    // 1,828,500 × 0.8 = 1,462,800
    expect(r.steps[0]!.formula).toBe('1200000.00 + 300000.00 + 225000.00 + 103500.00 = 1828500.00');
    expect(r.value).toBe('1462800.00');
  });
  it('replacement cost with depreciation from the years used and remaining', () => {
    const r = ok(valueByCost({ approach: 'cost', basis: 'replacement', replacementCost: '1000000', depreciation: { method: 'life', usedYears: '3', remainingYears: '7' } }));
    expect(r.steps.find((s) => s.key === 'depreciation')!.value).toBe('0.3');
    expect(r.value).toBe('700000.00');
    // 1 / 3 → 0.333333; 1,000,000 × 0.666667 = 666,667.00
    expect(ok(valueByCost({ approach: 'cost', basis: 'replacement', replacementCost: '1000000', depreciation: { method: 'life', usedYears: '1', remainingYears: '2' } })).value).toBe('666667.00');
  });
  it('refuses a negative cost and a depreciation above 100%', () => {
    const bad = issues(valueByCost({ approach: 'cost', basis: 'components', direct: '-1', depreciation: { method: 'rate', rate: '1.2' } }));
    expect(bad.map((i) => i.field)).toEqual(['direct', 'depreciation.rate']);
    expect(bad[0]!.zh).toBe('直接成本不能为负数（-1）');
  });
});

describe('properties', () => {
  const money = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map((f) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`);
  const rate = fc.integer({ min: 1, max: 400_000 }).map((n) => (n / 1_000_000).toFixed(6));
  const amounts = fc.array(money, { minLength: 1, maxLength: 20 });

  it('the yearly present values at the fen add up to the value exactly', () => {
    fc.assert(
      fc.property(amounts, rate, rate, (a, k, r) => {
        const res = ok(valueByIncome(income({ amounts: a, share: { method: 'given', rate: k }, discount: { ...discount10, riskFree: r } })));
        expect(sum(res.years!.map((y) => y.presentValue))).toBe(res.value);
      }),
    );
  });

  it('the value does not rise with r and does not fall with K', () => {
    fc.assert(
      fc.property(amounts, rate, rate, rate, (a, k, r1, r2) => {
        const [lo, hi] = [r1, r2].sort((x, y) => Number(x) - Number(y));
        const at = (rr: string, kk: string) => Number(ok(valueByIncome(income({ amounts: a, share: { method: 'given', rate: kk }, discount: { ...discount10, riskFree: rr } }))).value);
        expect(at(lo!, k)).toBeGreaterThanOrEqual(at(hi!, k));
        const [k1, k2] = [k, r1].sort((x, y) => Number(x) - Number(y));
        expect(at(lo!, k2!)).toBeGreaterThanOrEqual(at(lo!, k1!));
      }),
    );
  });

  it('the horizon is accepted up to the remaining legal life and refused one year beyond it', () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 25 }), fc.constantFrom('patent_invention', 'patent_utility', 'patent_design'), (filedOn, yearsLater, ipType) => {
        const valuationDate = addDays(filedOn, yearsLater * 365);
        const life = legalLife({ ipType, filedOn }, valuationDate)!;
        const run = (n: number) => valueByIncome(income({ valuationDate, protection: { ipType, filedOn }, amounts: Array(n).fill('100') }));
        if (life.remainingYears > 0) expect(run(Math.min(life.remainingYears, MAX_HORIZON_YEARS)).ok).toBe(true);
        const beyond = run(life.remainingYears + 1);
        expect(beyond.ok).toBe(false);
        expect(issues(beyond).some((i) => i.field === 'amounts' && i.zh.includes('超过剩余法定保护期'))).toBe(true);
        // The last accepted year ends on or before the day after protection ends.
        if (life.remainingYears > 0) expect(compareDates(addYears(valuationDate, life.remainingYears), addDays(life.expiresOn, 1))).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('约当投资分成法: K lies in (0, 1] and is TechEquiv / (TechEquiv + AssetEquiv) to 6 decimals; a K that rounds to 0 is refused', () => {
    const cost = fc.integer({ min: 1, max: 100_000_000 }).map(String);
    const ret = fc.integer({ min: 0, max: 2_000_000 }).map((n) => (n / 1_000_000).toFixed(6));
    fc.assert(
      fc.property(cost, ret, cost, ret, (tc, tr, ac, ar) => {
        const out = valueByIncome(income({ base: 'profit', amounts: ['1'], share: { method: 'equivalent_investment', techCost: tc, techReturn: tr, assetCost: ac, assetReturn: ar } }));
        const te = Number(tc) * (1 + Number(tr));
        const ae = Number(ac) * (1 + Number(ar));
        if (te / (te + ae) < 5.1e-7) {
          // Rounds to 0 (refused) or to 0.000001, within the float error of this check itself.
          if (!out.ok) expect(issues(out)[0]!.field).toBe('share');
          return;
        }
        const k = Number(ok(out).steps.find((x) => x.key === 'Kprofit')!.value);
        expect(k).toBeGreaterThan(0);
        expect(k).toBeLessThanOrEqual(1);
        expect(Math.abs(k - te / (te + ae))).toBeLessThanOrEqual(5e-7 + 1e-12);
      }),
    );
  });

  it('the market value lies within its range; the cost value never exceeds the cost', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            money.filter((m) => m !== '0.00'),
            fc.integer({ min: 1, max: 3_000_000 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom('mean', 'median', 'min', 'max') as fc.Arbitrary<MarketInput['selection']>,
        (cs, selection) => {
          const r = ok(
            valueByMarket({ approach: 'market', selection, comparables: cs.map(([p, f], i) => ({ name: `c${i}`, price: p, factors: [{ kind: 'technology', value: (f / 1_000_000).toFixed(6) }] })) }),
          );
          expect(Number(r.low)).toBeLessThanOrEqual(Number(r.value));
          expect(Number(r.value)).toBeLessThanOrEqual(Number(r.high));
        },
      ),
    );
    fc.assert(
      fc.property(money, fc.integer({ min: 0, max: 1_000_000 }), (c, d) => {
        const r = ok(valueByCost({ approach: 'cost', basis: 'replacement', replacementCost: c, depreciation: { method: 'rate', rate: (d / 1_000_000).toFixed(6) } }));
        expect(Number(r.value)).toBeLessThanOrEqual(Number(c));
      }),
    );
  });
});

describe('五元价值 indicators and the conclusion', () => {
  const scores = VALUE_INDICATORS.map((indicator, i) => ({ indicator, score: 60 + i * 10, weight: DEFAULT_WEIGHTS[indicator] }));
  it('weighted score and checks', () => {
    expect(indicatorIssues(scores)).toEqual([]);
    // (60 + 70 + 80 + 90 + 100) × 20% = 80
    expect(compositeScore(scores)).toBe('80.00');
    expect(indicatorIssues(scores.slice(0, 4)).map((i) => i.field)).toEqual(['indicators', 'indicators']);
    expect(indicatorIssues([{ ...scores[0]!, score: 101 }, ...scores.slice(1)])[0]!.field).toBe('indicators[0].score');
  });
  it('conclusion: value within the range, text required', () => {
    expect(conclusionIssues({ value: '500000', low: '400000', high: '600000', text: '建议以 50 万元作价' }, 1)).toEqual([]);
    expect(conclusionIssues({ value: '700000', low: '400000', high: '600000', text: '建议' }, 1).map((i) => i.field)).toEqual(['conclusion.value']);
    expect(conclusionIssues({ value: '-1', text: '' }, 0).map((i) => i.field)).toEqual(['conclusion.value', 'conclusion.text']);
    expect(conclusionIssues({ value: '1', basedOn: 2, text: '建议' }, 1).map((i) => i.field)).toEqual(['conclusion.basedOn']);
  });
});
