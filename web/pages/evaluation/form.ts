import { DEFAULT_WEIGHTS, type IndicatorScore, type StoredValuation, VALUE_INDICATORS, type ValueIndicator } from '../../../common/evaluation';
import { percentToRatio, ratioToPercent } from '../../../common/money';
import type { FactorKind, MarketInput, Protection, ValuationInput } from '../../../common/valuation';

/**
 * The evaluation editor's state and its conversion to and from the API body. Rates are typed in
 * percent (as people say them) and sent as ratios, exactly (common/money percentToRatio); what
 * is not a number is passed through unchanged so that the valuation rules name the field.
 * Pure, so that the page's live working and the server's saved results come from the same inputs.
 */

export const DISCOUNT_KEYS = ['riskFree', 'technical', 'market', 'capital', 'management'] as const;
export type DiscountKey = (typeof DISCOUNT_KEYS)[number];

export interface IncomeForm {
  approach: 'income';
  base: 'revenue' | 'profit';
  amounts: string[];
  shareMethod: 'given' | 'profit_to_revenue' | 'equivalent_investment';
  rate: string;
  profitRate: string;
  margin: string;
  techCost: string;
  techReturn: string;
  assetCost: string;
  assetReturn: string;
  discount: Record<DiscountKey, string>;
  note: string;
}

export interface MarketForm {
  approach: 'market';
  comparables: { name: string; price: string; dealDate: string; factors: { kind: FactorKind; label: string; value: string }[] }[];
  selection: MarketInput['selection'];
  comparableIndex: number | null;
  note: string;
}

export interface CostForm {
  approach: 'cost';
  basis: 'components' | 'replacement';
  direct: string;
  indirect: string;
  profit: string;
  taxes: string;
  replacementCost: string;
  depMethod: 'rate' | 'life';
  depRate: string;
  usedYears: string;
  remainingYears: string;
  note: string;
}

export type ValuationForm = IncomeForm | MarketForm | CostForm;

export interface IndicatorRow {
  indicator: ValueIndicator;
  score: number | null;
  weight: number;
  comment: string;
}

export interface EvaluationForm {
  purpose: string;
  evaluatorName: string;
  valuationDate: string;
  trl: number | null;
  trlEvidence: string;
  indicators: IndicatorRow[];
  valuations: ValuationForm[];
  conclusion: { value: string; low: string; high: string; basedOn: number | null; text: string };
}

export type { StoredValuation };

const PERCENT = /^\d{1,3}(?:\.\d{1,4})?$/;
/** "3.5" → "0.035"; anything else is passed on for the rules to name. */
export const toRatio = (percent: string): string => (PERCENT.test(percent.trim()) ? percentToRatio(percent.trim()) : percent.trim());
/** "0.035" → "3.5". */
export const toPercent = (ratio: string | null | undefined): string => {
  if (ratio == null || ratio === '') return '';
  try {
    return ratioToPercent(ratio);
  } catch {
    return ratio;
  }
};
const s = (x: string | null | undefined) => (x ?? '').trim();

export const newIncome = (): IncomeForm => ({
  approach: 'income',
  base: 'revenue',
  amounts: ['', '', ''],
  shareMethod: 'given',
  rate: '',
  profitRate: '25',
  margin: '',
  techCost: '',
  techReturn: '',
  assetCost: '',
  assetReturn: '',
  discount: { riskFree: '2.5', technical: '', market: '', capital: '', management: '' },
  note: '',
});
export const newMarket = (): MarketForm => ({
  approach: 'market',
  comparables: [{ name: '', price: '', dealDate: '', factors: [{ kind: 'technology', label: '', value: '1' }] }],
  selection: 'mean',
  comparableIndex: null,
  note: '',
});
export const newCost = (): CostForm => ({
  approach: 'cost',
  basis: 'components',
  direct: '',
  indirect: '0',
  profit: '0',
  taxes: '0',
  replacementCost: '',
  depMethod: 'rate',
  depRate: '0',
  usedYears: '',
  remainingYears: '',
  note: '',
});

export function toStored(f: ValuationForm): StoredValuation {
  const note = f.note.trim() || null;
  if (f.approach === 'income') {
    const share =
      f.shareMethod === 'given'
        ? { method: 'given' as const, rate: toRatio(f.rate) }
        : f.shareMethod === 'profit_to_revenue'
          ? { method: 'profit_to_revenue' as const, profitRate: toRatio(f.profitRate), margin: toRatio(f.margin) }
          : {
              method: 'equivalent_investment' as const,
              techCost: s(f.techCost),
              techReturn: toRatio(f.techReturn),
              assetCost: s(f.assetCost),
              assetReturn: toRatio(f.assetReturn),
              margin: f.base === 'revenue' ? toRatio(f.margin) : null,
            };
    const discount = Object.fromEntries(DISCOUNT_KEYS.map((k) => [k, toRatio(f.discount[k])])) as Record<DiscountKey, string>;
    return { approach: 'income', base: f.base, amounts: f.amounts.map(s), share, discount, note };
  }
  if (f.approach === 'market') {
    return {
      approach: 'market',
      comparables: f.comparables.map((c) => ({
        name: c.name.trim(),
        price: s(c.price),
        dealDate: c.dealDate || null,
        factors: c.factors.map((x) => ({ kind: x.kind, label: x.label.trim() || null, value: s(x.value) })),
      })),
      selection: f.selection,
      comparableIndex: f.selection === 'comparable' ? f.comparableIndex : null,
      note,
    };
  }
  return {
    approach: 'cost',
    basis: f.basis,
    ...(f.basis === 'components' ? { direct: s(f.direct), indirect: s(f.indirect) || '0', profit: s(f.profit) || '0', taxes: s(f.taxes) || '0' } : { replacementCost: s(f.replacementCost) }),
    depreciation: f.depMethod === 'rate' ? { method: 'rate', rate: toRatio(f.depRate) } : { method: 'life', usedYears: s(f.usedYears), remainingYears: s(f.remainingYears) },
    note,
  };
}

export function fromStored(v: StoredValuation): ValuationForm {
  const note = v.note ?? '';
  if (v.approach === 'income') {
    const f = { ...newIncome(), base: v.base, amounts: [...v.amounts], note, shareMethod: v.share.method };
    f.discount = Object.fromEntries(DISCOUNT_KEYS.map((k) => [k, toPercent(v.discount[k])])) as Record<DiscountKey, string>;
    if (v.share.method === 'given') f.rate = toPercent(v.share.rate);
    else if (v.share.method === 'profit_to_revenue') Object.assign(f, { profitRate: toPercent(v.share.profitRate), margin: toPercent(v.share.margin) });
    else {
      Object.assign(f, {
        techCost: v.share.techCost,
        techReturn: toPercent(v.share.techReturn),
        assetCost: v.share.assetCost,
        assetReturn: toPercent(v.share.assetReturn),
        margin: toPercent(v.share.margin),
      });
    }
    return f;
  }
  if (v.approach === 'market') {
    return {
      approach: 'market',
      comparables: v.comparables.map((c) => ({ name: c.name, price: c.price, dealDate: c.dealDate ?? '', factors: c.factors.map((x) => ({ kind: x.kind, label: x.label ?? '', value: x.value })) })),
      selection: v.selection,
      comparableIndex: v.comparableIndex ?? null,
      note,
    };
  }
  const d = v.depreciation;
  return {
    ...newCost(),
    basis: v.basis,
    direct: v.direct ?? '',
    indirect: v.indirect ?? '0',
    profit: v.profit ?? '0',
    taxes: v.taxes ?? '0',
    replacementCost: v.replacementCost ?? '',
    depMethod: d.method,
    depRate: d.method === 'rate' ? toPercent(d.rate) : '0',
    usedYears: d.method === 'life' ? d.usedYears : '',
    remainingYears: d.method === 'life' ? d.remainingYears : '',
    note,
  };
}

/** The input the valuation rules take, for the live working (same as the server computes). */
export function toInput(f: ValuationForm, valuationDate: string, protection: Protection | null): ValuationInput {
  const v = toStored(f);
  return v.approach === 'income' ? { ...v, valuationDate, protection: v.protection ?? protection } : v;
}

export function indicatorRows(saved: readonly IndicatorScore[]): IndicatorRow[] {
  return VALUE_INDICATORS.map((indicator) => {
    const x = saved.find((r) => r.indicator === indicator);
    return { indicator, score: x?.score ?? null, weight: x?.weight ?? DEFAULT_WEIGHTS[indicator], comment: x?.comment ?? '' };
  });
}

/** Indicators are sent once every score is given; until then none are. */
export function indicatorsBody(rows: readonly IndicatorRow[]): IndicatorScore[] {
  if (rows.some((r) => r.score === null)) return [];
  return rows.map((r) => ({ indicator: r.indicator, score: r.score!, weight: r.weight, ...(r.comment.trim() ? { comment: r.comment.trim() } : {}) }));
}

export function conclusionBody(c: EvaluationForm['conclusion']) {
  if (!c.value.trim() && !c.text.trim()) return null;
  return { value: c.value.trim(), low: c.low.trim() || null, high: c.high.trim() || null, basedOn: c.basedOn, text: c.text.trim() };
}

export function formBody(f: EvaluationForm) {
  return {
    purpose: f.purpose,
    evaluatorName: f.evaluatorName,
    valuationDate: f.valuationDate,
    trl: f.trl,
    trlEvidence: f.trlEvidence,
    indicators: indicatorsBody(f.indicators),
    valuations: f.valuations.map(toStored),
    conclusion: conclusionBody(f.conclusion),
  };
}
