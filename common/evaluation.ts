/**
 * Achievement evaluation (成果评价/评估, measure 10, DOMAIN §13): the 五元价值 indicators of
 * GB/T 44731-2024 科技成果评估规范, the conclusion of an evaluation and its statuses. TRL levels
 * live in common/achievements.ts (TRL_LEVELS) and the valuation approaches in common/valuation.ts.
 * Pure: shared by the server and the web app.
 */
import Decimal from 'decimal.js';
import { OFFICE_ROLES, type Role } from './roles.js';
import type { Bilingual, ValuationInput, ValuationIssue } from './valuation.js';

/** A valuation as an evaluation stores it: the income approach takes the evaluation's valuation date. */
export type StoredValuation = (Omit<Extract<ValuationInput, { approach: 'income' }>, 'valuationDate'> | Exclude<ValuationInput, { approach: 'income' }>) & { note?: string | null };

/** Who starts and edits evaluations: the holder's office, or an operator or broker of the market. */
export const EVALUATION_CREATOR_ROLES: readonly Role[] = [...OFFICE_ROLES, 'operator', 'broker'];
/** Who reads them: those and the bureau. */
export const EVALUATION_READER_ROLES: readonly Role[] = [...EVALUATION_CREATOR_ROLES, 'bureau'];

export const EVALUATION_STATUSES = ['draft', 'finalised', 'superseded'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: Record<EvaluationStatus, Bilingual> = {
  draft: { zh: '草稿', en: 'Draft' },
  finalised: { zh: '已定稿', en: 'Finalised' },
  superseded: { zh: '已被新版本取代', en: 'Superseded' },
};

/** GB/T 44731-2024: the first-level indicators, “五元价值”. */
export const VALUE_INDICATORS = ['scientific', 'technical', 'economic', 'social_cultural', 'transformation_potential'] as const;
export type ValueIndicator = (typeof VALUE_INDICATORS)[number];
export const VALUE_INDICATOR_LABELS: Record<ValueIndicator, Bilingual & { hint: Bilingual }> = {
  scientific: { zh: '科学价值', en: 'Scientific value', hint: { zh: '原创性、对学科发展的贡献', en: 'originality, contribution to the discipline' } },
  technical: { zh: '技术价值', en: 'Technical value', hint: { zh: '创新度、先进度、成熟度', en: 'innovation, advancement, maturity' } },
  economic: { zh: '经济价值', en: 'Economic value', hint: { zh: '市场规模、收益、成本优势', en: 'market size, income, cost advantage' } },
  social_cultural: { zh: '社会和文化价值', en: 'Social and cultural value', hint: { zh: '民生、生态、安全、文化影响', en: 'welfare, environment, safety, culture' } },
  transformation_potential: { zh: '转化推广潜力', en: 'Transformation and dissemination potential', hint: { zh: '权属清晰、配套条件、推广范围', en: 'clear title, supporting conditions, reach' } },
};

export const INDICATOR_STANDARD: Bilingual = {
  zh: 'GB/T 44731-2024《科技成果评估规范》一级指标“五元价值”：科学价值、技术价值、经济价值、社会和文化价值、转化推广潜力；评分 0–100，权重按评估目的确定，合计 100%',
  en: 'GB/T 44731-2024 Specification for the evaluation of S&T achievements, first-level indicators (five values): scientific, technical, economic, social and cultural value and transformation potential; scores 0–100, weights set by the purpose and adding up to 100%',
};

export interface IndicatorScore {
  indicator: ValueIndicator;
  /** 0–100, whole points. */
  score: number;
  /** Weight in whole percent; the five add up to 100. */
  weight: number;
  comment?: string;
}

/** Equal weights, the default when the purpose gives no emphasis. */
export const DEFAULT_WEIGHTS: Record<ValueIndicator, number> = { scientific: 20, technical: 20, economic: 20, social_cultural: 20, transformation_potential: 20 };

export function indicatorIssues(scores: readonly IndicatorScore[]): ValuationIssue[] {
  const issues: ValuationIssue[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const f = `indicators[${i}]`;
    if (!VALUE_INDICATORS.includes(s.indicator)) issues.push({ field: `${f}.indicator`, zh: '指标须为五元价值之一', en: 'the indicator must be one of the five values' });
    else if (seen.has(s.indicator)) issues.push({ field: `${f}.indicator`, zh: `指标“${VALUE_INDICATOR_LABELS[s.indicator].zh}”重复`, en: `indicator ${s.indicator} is repeated` });
    seen.add(s.indicator);
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > 100) issues.push({ field: `${f}.score`, zh: '评分须为 0–100 的整数', en: 'a score is a whole number from 0 to 100' });
    if (!Number.isInteger(s.weight) || s.weight < 0 || s.weight > 100) issues.push({ field: `${f}.weight`, zh: '权重须为 0–100 的整数（%）', en: 'a weight is a whole percent from 0 to 100' });
  });
  if (scores.length > 0) {
    const missing = VALUE_INDICATORS.filter((k) => !seen.has(k));
    if (missing.length) issues.push({ field: 'indicators', zh: `缺少指标：${missing.map((k) => VALUE_INDICATOR_LABELS[k].zh).join('、')}`, en: `missing indicators: ${missing.join(', ')}` });
    const total = scores.reduce((t, s) => t + (Number.isInteger(s.weight) ? s.weight : 0), 0);
    if (total !== 100) issues.push({ field: 'indicators', zh: `五项权重合计须为 100%，现为 ${total}%`, en: `the five weights must add up to 100%; they add up to ${total}%` });
  }
  return issues;
}

/** Weighted score Σ score × weight / 100, exact to two decimals (scores and weights are whole numbers). */
export function compositeScore(scores: readonly IndicatorScore[]): string {
  const total = scores.reduce((t, s) => t + s.score * s.weight, 0);
  return new Decimal(total).div(100).toFixed(2);
}

export interface Conclusion {
  /** The recommended value in yuan. */
  value: string;
  /** An optional range around it. */
  low?: string | null;
  high?: string | null;
  /** Which valuation the value rests on (index into the valuations), when one does. */
  basedOn?: number | null;
  text: string;
}

const MONEY = /^\d{1,16}(?:\.\d{1,2})?$/;

export function conclusionIssues(c: Conclusion | null | undefined, valuationCount: number): ValuationIssue[] {
  if (!c) return [];
  const issues: ValuationIssue[] = [];
  const m = (field: 'value' | 'low' | 'high', v: unknown, required: boolean) => {
    if (v == null || v === '') {
      if (required) issues.push({ field: `conclusion.${field}`, zh: '请填写建议价值（元）', en: 'give the recommended value (yuan)' });
      return null;
    }
    if (typeof v !== 'string' || !MONEY.test(v)) {
      issues.push({ field: `conclusion.${field}`, zh: '金额须为不为负、最多两位小数的数（元）', en: 'an amount is a non-negative decimal in yuan with at most two decimals' });
      return null;
    }
    return new Decimal(v);
  };
  const value = m('value', c.value, true);
  const low = m('low', c.low, false);
  const high = m('high', c.high, false);
  if ((low === null) !== (high === null) && !issues.length) issues.push({ field: 'conclusion.high', zh: '区间须同时填写下限和上限', en: 'a range needs both a low and a high' });
  if (low && high && low.gt(high)) issues.push({ field: 'conclusion.low', zh: '区间下限不能高于上限', en: 'the low end cannot exceed the high end' });
  if (value && low && value.lt(low)) issues.push({ field: 'conclusion.value', zh: '建议价值不能低于区间下限', en: 'the recommended value cannot be below the range' });
  if (value && high && value.gt(high)) issues.push({ field: 'conclusion.value', zh: '建议价值不能高于区间上限', en: 'the recommended value cannot be above the range' });
  if (c.basedOn != null && (!Number.isInteger(c.basedOn) || c.basedOn < 0 || c.basedOn >= valuationCount)) {
    issues.push({ field: 'conclusion.basedOn', zh: '所依据的估值不存在', en: 'the valuation it rests on does not exist' });
  }
  if (typeof c.text !== 'string' || c.text.trim().length < 2) issues.push({ field: 'conclusion.text', zh: '请写明评估结论', en: 'write the conclusion' });
  return issues;
}
