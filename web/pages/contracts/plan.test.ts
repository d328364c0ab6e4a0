import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { achievementIdIn } from './apply-licence';
import { formatMoney } from '../../lib/format';
import { formFieldOf, formToPlan, planToForm } from './plan';

describe('payment-plan builder', () => {
  it('turns the form into the API plan: zero entry, a milestone on first revenue, a 3% royalty', () => {
    const plan = formToPlan({
      effectiveOn: dayjs('2026-11-29'),
      endsOn: dayjs('2029-11-28'),
      entryFee: '',
      trialMonths: 12,
      milestones: [{ label: ' 首笔收入 ', amount: '5万', due: { event: 'first_revenue', daysAfterEvent: null } }],
      hasDeferred: false,
      hasRoyalty: true,
      royalty: {
        base: 'net_sales',
        tiers: [
          { upTo: '1,000,000', rate: '3' },
          { upTo: '', rate: '2.5%' },
        ],
        cap: '',
        minimumAnnual: '10000',
      },
    });
    expect(plan).toEqual({
      currency: 'CNY',
      effectiveOn: '2026-11-29',
      endsOn: '2029-11-28',
      entryFee: '0.00',
      trialMonths: 12,
      milestones: [{ key: 'm1', label: '首笔收入', amount: '50000.00', due: { event: 'first_revenue', daysAfterEvent: 30 } }],
      deferred: null,
      royalty: {
        base: 'net_sales',
        tiers: [
          { upTo: '1000000.00', rate: '0.03' },
          { upTo: null, rate: '0.025' },
        ],
        minimumAnnual: '10000.00',
        cap: null,
      },
    });
  });

  it('round-trips a stored plan through the form', () => {
    const stored = {
      currency: 'CNY' as const,
      effectiveOn: '2026-11-28',
      endsOn: '2029-11-27',
      entryFee: '0.00',
      trialMonths: 12,
      milestones: [{ key: 'first-revenue', label: '首笔收入', amount: '50000.00', due: { event: 'first_revenue' as const, daysAfterEvent: 30 } }],
      deferred: { amount: '100000.00', due: { date: '2027-11-28', event: 'financing' as const, daysAfterEvent: 10 } },
      royalty: { base: 'profit' as const, tiers: [{ upTo: null, rate: '0.035' }], minimumAnnual: null, cap: '2000000.00' },
    };
    expect(formToPlan(planToForm(stored, '2026-11-29'))).toEqual(stored);
  });

  it('puts server field errors on the form field they name, in both spellings', () => {
    expect(formFieldOf('body.royalty.tiers.0.rate')).toEqual(['royalty', 'tiers', 0, 'rate']);
    expect(formFieldOf('body.milestones[0].due.date')).toEqual(['milestones', 0, 'due', 'date']);
    expect(formFieldOf('body.milestones[1].due')).toEqual(['milestones', 1, 'due', 'date']);
    expect(formFieldOf('royalty.tiers[2].upTo')).toEqual(['royalty', 'tiers', 2, 'upTo']);
    expect(formFieldOf('body.royalty.tiers')).toBeNull();
    expect(formFieldOf('body.currency')).toBeNull();
  });

  it('shows large amounts in 万元 and others in 元', () => {
    expect(formatMoney('62000.00', 'zh-CN', { unit: 'auto' })).toBe('¥62,000.00');
    expect(formatMoney('12345678.90', 'zh-CN', { unit: 'auto' })).toBe('1,234.57万元');
  });

  it('finds the achievement ID in a link or as typed', () => {
    expect(achievementIdIn('https://keqiao.example/achievements/0B6F8C1E-1D2A-4C3B-9E8F-112233445566?tab=x')).toBe('0b6f8c1e-1d2a-4c3b-9e8f-112233445566');
    expect(achievementIdIn('CG-2026-0001')).toBeNull();
  });
});
