import { describe, expect, it } from 'vitest';
import { aboveFloor, comparisonCsv, floorText, inputLines, monthOf, policyValue, sharesComplete, shareTotal } from './helpers';
import type { Floor, PolicyComparison } from './service';

const floors: Floor[] = [
  { key: 'teamShareOfNetIncome', min: '0.5', clause: { zh: '第四十五条', en: 'Art. 45' } },
  { key: 'operatingProfitYears', min: 3, max: 5, clause: { zh: '三至五年', en: '3–5 years' } },
];

describe('distribution page helpers', () => {
  it('sums contribution shares exactly and checks 100%', () => {
    expect(shareTotal([{ share: '33.33' }, { share: '33.33' }, { share: '33.34' }])).toBe('100');
    expect(sharesComplete([{ share: '33.33' }, { share: '33.33' }, { share: '33.34' }])).toBe(true);
    expect(shareTotal([{ share: '50' }, { share: '40.5' }])).toBe('90.5');
    expect(sharesComplete([{ share: '50' }, { share: '' }])).toBe(false);
    expect(shareTotal([{ share: 'abc' }])).toBeNull();
  });

  it('shows ratios as percentages and floors beside them', () => {
    expect(policyValue('0.7', 'zh-CN')).toBe('70%');
    expect(policyValue(5, 'zh-CN')).toBe('5');
    expect(floorText(floors[0], 'zh-CN')).toBe('≥ 50%');
    expect(floorText(floors[1], 'zh-CN')).toBe('3–5');
    expect(aboveFloor(floors[0], '0.7')).toBe(true);
    expect(aboveFloor(floors[0], '0.5')).toBe(false);
    expect(aboveFloor(floors[1], 4)).toBe(true);
  });

  it('exports the comparison as CSV with a BOM, the floor row and above-floor marks', () => {
    const policy = {
      version: 2,
      effectiveFrom: '2026-01-01',
      teamShareOfNetIncome: '0.7',
      teamShareOfEquity: '0.5',
      teamShareOfOperatingProfit: '0.05',
      operatingProfitYears: 5,
      mainContributorsShare: '0.6',
      officeShareOfRetained: '0.15',
      collegeShareOfRemainder: '0.3',
      publicityWorkingDays: 15,
      note: '',
      statutory: false,
    };
    const data: PolicyComparison = {
      asOf: '2026-11-28',
      floors,
      items: [{ organisation: { id: 'o1', name: '海大, 青岛', kind: 'university' }, versions: 2, policy, aboveFloor: ['teamShareOfNetIncome'] }],
    };
    const csv = comparisonCsv(
      data,
      {
        institution: '单位',
        version: '版本',
        effectiveFrom: '生效日期',
        floor: '法定下限',
        statutory: '法定',
        keys: {
          teamShareOfNetIncome: '净收入',
          teamShareOfEquity: '股权',
          teamShareOfOperatingProfit: '利润',
          operatingProfitYears: '年限',
          mainContributorsShare: '主要',
          officeShareOfRetained: '机构',
          collegeShareOfRemainder: '学院',
        },
      },
      ['teamShareOfNetIncome', 'operatingProfitYears'],
      'zh-CN',
    );
    expect(csv.startsWith('\uFEFF单位,版本,生效日期,净收入,年限\r\n')).toBe(true);
    expect(csv).toContain('法定下限,,,≥ 50%,3–5\r\n');
    expect(csv).toContain('"海大, 青岛",2,2026-01-01,70%*,5\r\n');
  });

  it('defaults the payroll to the month and names deduction inputs by their label', () => {
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(inputLines({ gross: '100000.00', 'tax:1:增值税及附加': '6000.00' }).map((l) => l.label)).toEqual(['gross', '增值税及附加']);
  });
});
