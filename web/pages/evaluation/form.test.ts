import { describe, expect, it } from 'vitest';
import { valuate } from '../../../common/valuation';
import { fromStored, indicatorRows, indicatorsBody, newCost, newIncome, toInput, toRatio, toStored } from './form';

describe('evaluation form ↔ API body', () => {
  it('rates are typed in percent and sent as exact ratios; other text is passed on for the rules to name', () => {
    expect(toRatio('3.5')).toBe('0.035');
    expect(toRatio(' 15.3846 ')).toBe('0.153846');
    expect(toRatio('abc')).toBe('abc');
  });

  it('the live working equals the worked example (约当投资分成法) and survives a round trip', () => {
    const f = {
      ...newIncome(),
      base: 'profit' as const,
      amounts: ['2000000', '2000000'],
      shareMethod: 'equivalent_investment' as const,
      techCost: '500',
      techReturn: '20',
      assetCost: '3000',
      assetReturn: '10',
      discount: { riskFree: '2.5', technical: '5', market: '3', capital: '2', management: '1.5' },
    };
    const out = valuate(toInput(f, '2026-11-28', { ipType: 'patent_utility', filedOn: '2020-03-01' }));
    expect(out.ok && out.result.value).toBe('506664.27');
    const back = fromStored(toStored(f));
    expect(toStored(back)).toEqual(toStored(f));
    expect(back).toMatchObject({ techReturn: '20', discount: { riskFree: '2.5' } });
  });

  it('cost: a negative cost is named by the same rules the server runs', () => {
    const out = valuate(toInput({ ...newCost(), direct: '-5' }, '2026-11-28', null));
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues[0]!.field).toBe('direct');
  });

  it('indicators are sent only once every score is given', () => {
    const rows = indicatorRows([]);
    expect(indicatorsBody(rows)).toEqual([]);
    const scored = rows.map((r) => ({ ...r, score: 80 }));
    expect(indicatorsBody(scored)).toHaveLength(5);
  });
});
