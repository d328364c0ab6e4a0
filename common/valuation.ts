/**
 * Economic valuation of an achievement by the three approaches of GB/T 39057-2020
 * 科技成果经济价值评估指南 (DOMAIN §13.1): the income approach as a royalty-share DCF (收益分成法,
 * with the share rate given, converted from a profit share, or by 约当投资分成法), the market
 * approach (comparables × named adjustment factors) and the cost approach (cost × (1 − 贬值率)).
 *
 * Pure and I/O-free: the server stores and prints the results, the web app computes the same
 * step tables live while the evaluator types. Every figure explains itself: the inputs, each
 * step with its formula, the rule in both languages and the standard it follows.
 *
 * Precision (stated in every result): intermediate arithmetic keeps 40 significant digits
 * (decimal.js, half up); a computed share rate is rounded to 6 decimals (0.0001 %) before it is
 * used, so the table can be recomputed by hand from what it shows; money is rounded half up to
 * the fen once, at the end; the yearly present values shown at the fen are the exact ones split
 * by largest remainder, so that they add up to the total exactly.
 */
import Decimal from 'decimal.js';
import { addDays, addYears, type BusinessDate, compareDates, isBusinessDate } from './calendar.js';
import { type Money, splitByWeights } from './money.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

export interface Bilingual {
  zh: string;
  en: string;
}

/** One problem with the input, naming its field (relative to the valuation: `amounts[2]`). */
export interface ValuationIssue extends Bilingual {
  field: string;
}

/** One line of the working: what, how, and the figure. */
export interface ValuationStep {
  key: string;
  label: Bilingual;
  /** The formula with the figures put in, e.g. "500 × (1 + 0.2) = 600". */
  formula: string;
  value: string;
}

export const APPROACHES = ['income', 'market', 'cost'] as const;
export type Approach = (typeof APPROACHES)[number];
export const APPROACH_LABELS: Record<Approach, Bilingual> = {
  income: { zh: '收益法（收益分成法）', en: 'Income approach (royalty share)' },
  market: { zh: '市场法', en: 'Market approach' },
  cost: { zh: '成本法', en: 'Cost approach' },
};

export const VALUATION_STANDARD: Bilingual = {
  zh: 'GB/T 39057-2020《科技成果经济价值评估指南》（收益法、市场法、成本法）；公式为该标准所述方法的通行评估形式',
  en: 'GB/T 39057-2020 Guidelines for the economic value assessment of S&T achievements (income, market and cost approaches); the formulas are the usual appraisal forms of those approaches',
};

export const PRECISION_NOTE: Bilingual = {
  zh: '中间计算保留 40 位有效数字（四舍五入）；计算所得的分成率四舍五入至 6 位小数（0.0001%）后使用；折现系数显示 10 位小数；金额只在最后四舍五入到分；各年现值按最大余额法取整到分，合计恰等于评估值。',
  en: 'Intermediate arithmetic keeps 40 significant digits (half up); a computed share rate is rounded to 6 decimals (0.0001%) before use; discount factors are shown to 10 decimals; money is rounded half up to the fen only at the end; yearly present values are rounded to the fen by largest remainder so that they add up to the value exactly.',
};

/** Share-rate decimals used in the computation (0.000001 = 0.0001 %). */
export const SHARE_RATE_DECIMALS = 6;
/** Longest income horizon accepted when no statutory term limits it. */
export const MAX_HORIZON_YEARS = 50;

// ---------------------------------------------------------------------------------------------
// Statutory protection terms (legal life)
// ---------------------------------------------------------------------------------------------

export interface Protection {
  /** An IP type of common/achievements.ts (patent_invention, patent_utility, …). */
  ipType: string;
  filedOn: BusinessDate;
  /** Application or patent number, when known. */
  reference?: string | null;
  /** Where the filing date comes from, e.g. "台账登记保护" or "评估人填写". */
  source?: string | null;
}

export interface LegalLife {
  termYears: number;
  /** The last day of protection. */
  expiresOn: BusinessDate;
  /** Whole years from the valuation date that end on or before the end of protection. */
  remainingYears: number;
  rule: Bilingual;
}

/**
 * Patent terms from the filing date (《专利法》第四十二条, 2020 amendment): invention 20 years,
 * utility model 10 years, design 15 years (10 years for designs filed before 2021-06-01, when the
 * amendment took effect). Other rights (know-how, formulas, software) have no statutory cap here.
 */
export function statutoryTermYears(ipType: string, filedOn: BusinessDate): number | null {
  if (ipType === 'patent_invention') return 20;
  if (ipType === 'patent_utility') return 10;
  if (ipType === 'patent_design') return compareDates(filedOn, '2021-06-01') < 0 ? 10 : 15;
  return null;
}

const IP_NAMES: Record<string, Bilingual> = {
  patent_invention: { zh: '发明专利', en: 'an invention patent' },
  patent_utility: { zh: '实用新型专利', en: 'a utility model' },
  patent_design: { zh: '外观设计专利', en: 'a design patent' },
};

/** The legal life left at the valuation date, or null when the right has no statutory term. */
export function legalLife(p: Protection, valuationDate: BusinessDate): LegalLife | null {
  const termYears = statutoryTermYears(p.ipType, p.filedOn);
  if (termYears === null) return null;
  const end = addYears(p.filedOn, termYears); // the day after the last day of protection
  const expiresOn = addDays(end, -1);
  let remainingYears = 0;
  while (remainingYears < 200 && compareDates(addYears(valuationDate, remainingYears + 1), end) <= 0) remainingYears++;
  const name = IP_NAMES[p.ipType] ?? { zh: p.ipType, en: p.ipType };
  return {
    termYears,
    expiresOn,
    remainingYears,
    rule: {
      zh: `${name.zh}保护期 ${termYears} 年，自申请日 ${p.filedOn} 起算，至 ${expiresOn} 届满（《专利法》第四十二条）；自评估基准日 ${valuationDate} 起剩余完整年度 ${remainingYears} 年`,
      en: `${name.en} is protected for ${termYears} years from filing on ${p.filedOn}, until ${expiresOn} (Patent Law Art. 42); ${remainingYears} whole years remain from the valuation date ${valuationDate}`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

export type ShareInput =
  /** K given directly on the chosen base. */
  | { method: 'given'; rate: string }
  /** K_revenue = K_profit × profit margin (the base must be revenue). */
  | { method: 'profit_to_revenue'; profitRate: string; margin: string }
  /** 约当投资分成法: K = TechEquiv / (TechEquiv + AssetEquiv), a profit share; with a margin it is converted to revenue. */
  | { method: 'equivalent_investment'; techCost: string; techReturn: string; assetCost: string; assetReturn: string; margin?: string | null };

export interface DiscountInput {
  /** 无风险报酬率 */
  riskFree: string;
  /** 风险报酬率: technical, market, capital and management risk (S19b). */
  technical: string;
  market: string;
  capital: string;
  management: string;
}

export interface IncomeInput {
  approach: 'income';
  /** 评估基准日: year 1 is the first year after it. */
  valuationDate: BusinessDate;
  /** R_t is sales revenue (收入分成) or profit (利润分成). */
  base: 'revenue' | 'profit';
  /** R_1 … R_n in yuan. */
  amounts: string[];
  share: ShareInput;
  discount: DiscountInput;
  /** The right whose legal life caps n; null when it has no statutory term. */
  protection?: Protection | null;
}

export const FACTOR_KINDS = ['technology', 'time', 'region', 'terms', 'scale', 'other'] as const;
export type FactorKind = (typeof FACTOR_KINDS)[number];
export const FACTOR_LABELS: Record<FactorKind, Bilingual> = {
  technology: { zh: '技术因素修正', en: 'Technology adjustment' },
  time: { zh: '交易时间修正', en: 'Time adjustment' },
  region: { zh: '地域修正', en: 'Region adjustment' },
  terms: { zh: '交易条件修正', en: 'Terms adjustment' },
  scale: { zh: '规模修正', en: 'Scale adjustment' },
  other: { zh: '其他修正', en: 'Other adjustment' },
};

export interface MarketInput {
  approach: 'market';
  comparables: {
    name: string;
    /** The reference deal's price P_ref, in yuan. */
    price: string;
    dealDate?: BusinessDate | null;
    factors: { kind: FactorKind; label?: string | null; value: string }[];
  }[];
  /** How the figure is chosen within the range of adjusted prices. */
  selection: 'mean' | 'median' | 'min' | 'max' | 'comparable';
  /** With selection 'comparable': which comparable (0-based). */
  comparableIndex?: number | null;
}

export interface CostInput {
  approach: 'cost';
  basis: 'components' | 'replacement';
  direct?: string | null;
  indirect?: string | null;
  profit?: string | null;
  taxes?: string | null;
  replacementCost?: string | null;
  /** 贬值率 given, or from the years used and remaining (贬值率 = used / (used + remaining)). */
  depreciation: { method: 'rate'; rate: string } | { method: 'life'; usedYears: string; remainingYears: string };
}

export type ValuationInput = IncomeInput | MarketInput | CostInput;

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

export interface IncomeYear {
  year: number;
  /** R_t */
  amount: Money;
  /** K × R_t, exact to 6 decimals. */
  share: string;
  /** 1 / (1 + r)^t to 10 decimals. */
  discountFactor: string;
  /** K × R_t / (1 + r)^t to 6 decimals. */
  presentValueExact: string;
  /** The same at the fen; the column adds up to the value. */
  presentValue: Money;
}

export interface MarketRow {
  name: string;
  price: Money;
  dealDate: BusinessDate | null;
  factors: { kind: FactorKind; label: string; value: string }[];
  /** Π factors, exact. */
  product: string;
  adjustedPrice: Money;
  formula: string;
}

export interface ValuationResult {
  approach: Approach;
  value: Money;
  /** The range of the approach (market: the lowest and highest adjusted price). */
  low: Money;
  high: Money;
  steps: ValuationStep[];
  years?: IncomeYear[];
  comparables?: MarketRow[];
  rule: Bilingual;
  standard: Bilingual;
  precision: Bilingual;
  /** The inputs the figures were computed from (set by valuate()). */
  inputs?: ValuationInput;
}

export type ValuationOutcome = { ok: true; result: ValuationResult } | { ok: false; issues: ValuationIssue[] };

// ---------------------------------------------------------------------------------------------
// Checking inputs
// ---------------------------------------------------------------------------------------------

const DECIMAL = /^-?\d{1,16}(?:\.\d{1,6})?$/;
const MONEY = /^-?\d{1,16}(?:\.\d{1,2})?$/;

class Checker {
  readonly issues: ValuationIssue[] = [];
  add(field: string, zh: string, en: string) {
    this.issues.push({ field, zh, en });
  }
  /** A non-negative amount in yuan (at most two decimals). */
  money(field: string, v: unknown, what: Bilingual): Dec | null {
    if (v === undefined || v === null || v === '') {
      this.add(field, `请填写${what.zh}`, `${what.en} is missing`);
      return null;
    }
    if (typeof v !== 'string' || !MONEY.test(v)) {
      this.add(field, `${what.zh}须为最多两位小数的金额（元）`, `${what.en} must be an amount in yuan with at most two decimals`);
      return null;
    }
    const d = new D(v);
    if (d.isNeg()) {
      this.add(field, `${what.zh}不能为负数（${v}）`, `${what.en} must not be negative (${v})`);
      return null;
    }
    return d;
  }
  /** A decimal with at most 6 decimals within [min, max]. */
  ratio(field: string, v: unknown, what: Bilingual, min: string, max: string, minExclusive = false): Dec | null {
    if (v === undefined || v === null || v === '') {
      this.add(field, `请填写${what.zh}`, `${what.en} is missing`);
      return null;
    }
    if (typeof v !== 'string' || !DECIMAL.test(v)) {
      this.add(field, `${what.zh}须为最多 6 位小数的数（如 0.035 表示 3.5%）`, `${what.en} must be a decimal with at most 6 decimals (0.035 = 3.5%)`);
      return null;
    }
    const d = new D(v);
    if ((minExclusive ? d.lte(min) : d.lt(min)) || d.gt(max)) {
      const range = `${minExclusive ? '(' : '['}${min}, ${max}]`;
      this.add(field, `${what.zh}须在 ${range} 之内，现为 ${v}`, `${what.en} must be within ${range}; it is ${v}`);
      return null;
    }
    return d;
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------------

/** Plain decimal notation without trailing zeros. */
function plain(d: Dec): string {
  const s = d.toFixed();
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}
const fixed = (d: Dec, n: number) => {
  const s = d.toFixed(n, D.ROUND_HALF_UP);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
};
const fen = (d: Dec): Money => fixed(d, 2);
/** A ratio as a percentage for reading: 0.153846 → "15.3846%". */
export const pct = (ratio: string): string => `${plain(new D(ratio).times(100))}%`;

// ---------------------------------------------------------------------------------------------
// Income approach
// ---------------------------------------------------------------------------------------------

const W = {
  riskFree: { zh: '无风险报酬率', en: 'risk-free rate' },
  technical: { zh: '技术风险报酬率', en: 'technical risk premium' },
  market: { zh: '市场风险报酬率', en: 'market risk premium' },
  capital: { zh: '资金风险报酬率', en: 'capital risk premium' },
  management: { zh: '管理风险报酬率', en: 'management risk premium' },
} as const;

/** A computed share rate that rounds to zero is refused (the value would be zero by construction). */
function nonZero(k: Dec, c: Checker): Dec | null {
  if (!k.isZero()) return k;
  c.add('share', `分成率四舍五入至 ${SHARE_RATE_DECIMALS} 位小数后为 0`, `the share rate rounds to 0 at ${SHARE_RATE_DECIMALS} decimals`);
  return null;
}

function shareRate(input: IncomeInput, c: Checker, steps: ValuationStep[]): Dec | null {
  const s = input.share;
  if (!s || typeof s !== 'object') {
    c.add('share', '请选择分成率的确定方法', 'choose how the share rate is set');
    return null;
  }
  if (s.method === 'given') {
    const k = c.ratio('share.rate', s.rate, { zh: '分成率 K', en: 'the share rate K' }, '0', '1', true);
    if (!k) return null;
    steps.push({
      key: 'K',
      label: { zh: `分成率 K（${input.base === 'revenue' ? '收入' : '利润'}分成，给定）`, en: `Share rate K (of ${input.base}, given)` },
      formula: `K = ${plain(k)} = ${pct(plain(k))}`,
      value: plain(k),
    });
    return k;
  }
  if (s.method === 'profit_to_revenue') {
    const kp = c.ratio('share.profitRate', s.profitRate, { zh: '利润分成率', en: 'the profit share rate' }, '0', '1', true);
    const m = c.ratio('share.margin', s.margin, { zh: '销售利润率', en: 'the profit margin' }, '0', '1', true);
    if (input.base !== 'revenue') c.add('share.method', '利润分成率换算为收入分成率时，收益基数须为“收入”', 'converting a profit share to a revenue share needs revenue as the base');
    if (!kp || !m || input.base !== 'revenue') return null;
    const k = kp.times(m).toDecimalPlaces(SHARE_RATE_DECIMALS, D.ROUND_HALF_UP);
    steps.push({
      key: 'K',
      label: { zh: '收入分成率 K = 利润分成率 × 销售利润率', en: 'Revenue share K = profit share × profit margin' },
      formula: `K = ${plain(kp)} × ${plain(m)} = ${plain(kp.times(m))} ≈ ${plain(k)} = ${pct(plain(k))}`,
      value: plain(k),
    });
    return nonZero(k, c);
  }
  if (s.method === 'equivalent_investment') {
    const tc = c.money('share.techCost', s.techCost, { zh: '技术（成果）重置成本', en: 'the technology cost' });
    const tr = c.ratio('share.techReturn', s.techReturn, { zh: '技术成本利润率', en: 'the return on technology cost' }, '0', '100');
    const ac = c.money('share.assetCost', s.assetCost, { zh: '受让方投入资产成本', en: "the licensee's asset cost" });
    const ar = c.ratio('share.assetReturn', s.assetReturn, { zh: '资产成本利润率', en: 'the return on asset cost' }, '0', '100');
    let m: Dec | null = null;
    if (input.base === 'revenue') {
      if (s.margin == null || s.margin === '')
        c.add(
          'share.margin',
          '收益基数为收入时，须填写销售利润率，把约当投资分成率（利润分成）换算为收入分成率',
          'with revenue as the base, give the profit margin to convert the equivalent-investment (profit) share to a revenue share',
        );
      else m = c.ratio('share.margin', s.margin, { zh: '销售利润率', en: 'the profit margin' }, '0', '1', true);
    }
    if (!tc || !tr || !ac || !ar || (input.base === 'revenue' && !m)) return null;
    const te = tc.times(tr.plus(1));
    const ae = ac.times(ar.plus(1));
    if (te.plus(ae).isZero() || te.isZero()) {
      c.add('share.techCost', '技术约当投资量须大于 0', 'the technology equivalent must be greater than 0');
      return null;
    }
    const kExact = te.div(te.plus(ae));
    const kp = kExact.toDecimalPlaces(SHARE_RATE_DECIMALS, D.ROUND_HALF_UP);
    steps.push(
      {
        key: 'techEquiv',
        label: { zh: '技术约当投资量 = 技术成本 × (1 + 技术成本利润率)', en: 'Technology equivalent = tech cost × (1 + tech return)' },
        formula: `${plain(tc)} × (1 + ${plain(tr)}) = ${plain(te)}`,
        value: plain(te),
      },
      {
        key: 'assetEquiv',
        label: { zh: '资产约当投资量 = 资产成本 × (1 + 资产成本利润率)', en: 'Asset equivalent = asset cost × (1 + asset return)' },
        formula: `${plain(ac)} × (1 + ${plain(ar)}) = ${plain(ae)}`,
        value: plain(ae),
      },
      {
        key: 'Kprofit',
        label: { zh: '约当投资分成率（利润分成）= 技术约当投资量 /（技术 + 资产约当投资量）', en: 'Equivalent-investment share (of profit) = tech equivalent / (tech + asset equivalent)' },
        formula: `${plain(te)} / (${plain(te)} + ${plain(ae)}) = ${fixed(kExact, 10)}… ≈ ${plain(kp)} = ${pct(plain(kp))}`,
        value: plain(kp),
      },
    );
    if (!m) return nonZero(kp, c);
    const k = kp.times(m).toDecimalPlaces(SHARE_RATE_DECIMALS, D.ROUND_HALF_UP);
    steps.push({
      key: 'K',
      label: { zh: '收入分成率 K = 利润分成率 × 销售利润率', en: 'Revenue share K = profit share × profit margin' },
      formula: `K = ${plain(kp)} × ${plain(m)} = ${plain(kp.times(m))} ≈ ${plain(k)} = ${pct(plain(k))}`,
      value: plain(k),
    });
    return nonZero(k, c);
  }
  c.add('share.method', '分成率方法须为给定、利润分成换算或约当投资分成法', 'the share method must be given, profit_to_revenue or equivalent_investment');
  return null;
}

export function valueByIncome(input: IncomeInput): ValuationOutcome {
  const c = new Checker();
  const steps: ValuationStep[] = [];
  if (!isBusinessDate(input.valuationDate)) c.add('valuationDate', '评估基准日须为 YYYY-MM-DD 日期', 'the valuation date must be a YYYY-MM-DD date');
  if (input.base !== 'revenue' && input.base !== 'profit') c.add('base', '收益基数须为收入或利润', 'the base must be revenue or profit');

  // Discount rate r = risk-free + the four risk premia.
  const parts = (Object.keys(W) as (keyof typeof W)[]).map((k) => [k, c.ratio(`discount.${k}`, input.discount?.[k], W[k], '0', '1')] as const);
  const r = parts.every(([, d]) => d) ? parts.reduce((t, [, d]) => t.plus(d!), new D(0)) : null;
  if (r) {
    steps.push({
      key: 'r',
      label: { zh: '折现率 r = 无风险报酬率 + 技术、市场、资金、管理风险报酬率', en: 'Discount rate r = risk-free + technical, market, capital and management premia' },
      formula: `r = ${parts.map(([, d]) => plain(d!)).join(' + ')} = ${plain(r)} = ${pct(plain(r))}`,
      value: plain(r),
    });
  }

  const k = shareRate(input, c, steps);

  // Years.
  const amounts = Array.isArray(input.amounts) ? input.amounts : [];
  const n = amounts.length;
  if (n === 0) c.add('amounts', '请逐年填写收益期内的收入或利润（至少一年）', 'give the revenue or profit of each year of the horizon (at least one)');
  const what = input.base === 'profit' ? { zh: '利润', en: 'profit' } : { zh: '收入', en: 'revenue' };
  const R = amounts.map((a, i) => c.money(`amounts[${i}]`, a, { zh: `第 ${i + 1} 年${what.zh}`, en: `year ${i + 1} ${what.en}` }));
  if (r && n > 0 && r.lte(0)) c.add('discount', '收益期不为零时，折现率 r 须大于 0', 'with a non-zero horizon the discount rate r must be greater than 0');
  if (n > MAX_HORIZON_YEARS) c.add('amounts', `收益期最长 ${MAX_HORIZON_YEARS} 年`, `the horizon is at most ${MAX_HORIZON_YEARS} years`);

  // Legal life caps the horizon.
  let life: LegalLife | null = null;
  const p = input.protection;
  if (p) {
    if (!isBusinessDate(p.filedOn)) c.add('protection.filedOn', '申请日须为 YYYY-MM-DD 日期', 'the filing date must be a YYYY-MM-DD date');
    else if (isBusinessDate(input.valuationDate)) {
      if (compareDates(p.filedOn, input.valuationDate) > 0) c.add('protection.filedOn', '申请日不能晚于评估基准日', 'the filing date cannot be after the valuation date');
      life = legalLife(p, input.valuationDate);
      if (life) {
        steps.push({
          key: 'legalLife',
          label: { zh: '收益期不超过剩余法定保护期', en: 'The horizon does not exceed the remaining legal life' },
          formula: `n = ${n} ≤ ${life.remainingYears}`,
          value: String(life.remainingYears),
        });
        if (n > life.remainingYears) {
          c.add(
            'amounts',
            `收益期 ${n} 年超过剩余法定保护期：${life.rule.zh}。请把收益期缩短至 ${life.remainingYears} 年以内`,
            `a horizon of ${n} years exceeds the remaining legal life: ${life.rule.en}. Shorten it to at most ${life.remainingYears} years`,
          );
        }
      }
    }
  }

  if (c.issues.length || !r || !k) return { ok: false, issues: c.issues };

  const onePlusR = r.plus(1);
  const exact: Dec[] = [];
  const rows: Omit<IncomeYear, 'presentValue'>[] = [];
  for (let t = 1; t <= n; t++) {
    const Rt = R[t - 1]!;
    const share = k.times(Rt);
    const factor = new D(1).div(onePlusR.pow(t));
    const pv = share.times(factor);
    exact.push(pv);
    rows.push({ year: t, amount: fen(Rt), share: fixed(share, 6), discountFactor: fixed(factor, 10), presentValueExact: fixed(pv, 6) });
  }
  const total = exact.reduce((a, b) => a.plus(b), new D(0));
  const value = fen(total);
  const split = total.isZero()
    ? rows.map(() => '0.00')
    : splitByWeights(
        value,
        exact.map((e) => e.toFixed(20)),
      );
  const years: IncomeYear[] = rows.map((row, i) => ({ ...row, presentValue: split[i]! }));
  steps.push({
    key: 'P',
    label: { zh: '评估值 P = Σ K × R_t / (1 + r)^t', en: 'Value P = Σ K × R_t / (1 + r)^t' },
    formula: `P = ${years.map((y) => y.presentValueExact).join(' + ')} = ${fixed(total, 6)} ≈ ${value}`,
    value,
  });
  return {
    ok: true,
    result: {
      approach: 'income',
      value,
      low: value,
      high: value,
      steps,
      years,
      rule: {
        zh: `收益分成法：P = Σ_{t=1..n} K × R_t / (1 + r)^t，R_t 为第 t 年${what.zh}，K 为分成率，r 为折现率（无风险报酬率 + 风险报酬率），n 为收益期（不超过剩余法定保护期）${life ? `；${life.rule.zh}` : p ? '；该权利无法定保护期上限' : ''}`,
        en: `Royalty share: P = Σ_{t=1..n} K × R_t / (1 + r)^t, with R_t the ${what.en} of year t, K the share rate, r the discount rate (risk-free + risk premia) and n the horizon (at most the remaining legal life)${life ? `; ${life.rule.en}` : p ? '; this right has no statutory term' : ''}`,
      },
      standard: VALUATION_STANDARD,
      precision: PRECISION_NOTE,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Market approach
// ---------------------------------------------------------------------------------------------

const median = (xs: Dec[]): Dec => {
  const s = [...xs].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : s[mid - 1]!.plus(s[mid]!).div(2);
};

export function valueByMarket(input: MarketInput): ValuationOutcome {
  const c = new Checker();
  const comps = Array.isArray(input.comparables) ? input.comparables : [];
  if (comps.length === 0) c.add('comparables', '市场法至少需要一个可比交易案例', 'the market approach needs at least one comparable deal');
  if (comps.length > 20) c.add('comparables', '可比案例最多 20 个', 'at most 20 comparables');
  const rows: MarketRow[] = [];
  const adjusted: Dec[] = [];
  comps.forEach((cp, i) => {
    const f = `comparables[${i}]`;
    if (!cp?.name?.trim()) c.add(`${f}.name`, `请填写第 ${i + 1} 个可比案例的名称`, `name comparable ${i + 1}`);
    const price = c.money(`${f}.price`, cp?.price, { zh: `第 ${i + 1} 个可比案例的成交价`, en: `the price of comparable ${i + 1}` });
    if (price?.isZero()) c.add(`${f}.price`, '可比案例成交价须大于 0', 'a comparable price must be greater than 0');
    if (cp?.dealDate != null && !isBusinessDate(cp.dealDate)) c.add(`${f}.dealDate`, '成交日期须为 YYYY-MM-DD 日期', 'the deal date must be a YYYY-MM-DD date');
    const factors = Array.isArray(cp?.factors) ? cp.factors : [];
    if (factors.length > 12) c.add(`${f}.factors`, '每个案例最多 12 个修正系数', 'at most 12 factors per comparable');
    const fs = factors.map((x, j) => {
      const ff = `${f}.factors[${j}]`;
      if (!FACTOR_KINDS.includes(x?.kind)) c.add(`${ff}.kind`, '修正系数类型须为技术、时间、地域、交易条件、规模或其他', 'a factor kind is technology, time, region, terms, scale or other');
      if (x?.kind === 'other' && !x.label?.trim()) c.add(`${ff}.label`, '“其他修正”须写明名称', 'name the “other” adjustment');
      const label = x?.label?.trim() || FACTOR_LABELS[x?.kind as FactorKind]?.zh || '';
      const v = c.ratio(`${ff}.value`, x?.value, { zh: `修正系数“${label}”`, en: `the factor “${label}”` }, '0', '10', true);
      return v ? { kind: x.kind, label, value: v } : null;
    });
    if (!price || price.isZero() || fs.some((x) => !x)) return;
    const product = fs.reduce((t, x) => t.times(x!.value), new D(1));
    const adj = price.times(product);
    adjusted.push(adj);
    rows.push({
      name: cp.name.trim(),
      price: fen(price),
      dealDate: cp.dealDate ?? null,
      factors: fs.map((x) => ({ kind: x!.kind, label: x!.label, value: plain(x!.value) })),
      product: plain(product),
      adjustedPrice: fen(adj),
      formula: `${fen(price)}${fs.map((x) => ` × ${plain(x!.value)}`).join('')} = ${fen(adj)}`,
    });
  });
  const sel = input.selection;
  if (!['mean', 'median', 'min', 'max', 'comparable'].includes(sel)) c.add('selection', '取值方式须为平均值、中位数、最低、最高或指定案例', 'the selection is mean, median, min, max or comparable');
  if (sel === 'comparable' && (!Number.isInteger(input.comparableIndex) || input.comparableIndex! < 0 || input.comparableIndex! >= comps.length)) {
    c.add('comparableIndex', '请指定取值所依据的可比案例', 'say which comparable the value is taken from');
  }
  if (c.issues.length) return { ok: false, issues: c.issues };

  const lowD = D.min(...adjusted);
  const highD = D.max(...adjusted);
  const chosen =
    sel === 'mean'
      ? adjusted.reduce((a, b) => a.plus(b), new D(0)).div(adjusted.length)
      : sel === 'median'
        ? median(adjusted)
        : sel === 'min'
          ? lowD
          : sel === 'max'
            ? highD
            : adjusted[input.comparableIndex!]!;
  const value = fen(chosen);
  const SEL: Record<string, Bilingual> = {
    mean: { zh: '各可比案例调整后价格的算术平均值', en: 'the mean of the adjusted prices' },
    median: { zh: '各可比案例调整后价格的中位数', en: 'the median of the adjusted prices' },
    min: { zh: '调整后价格的最低值', en: 'the lowest adjusted price' },
    max: { zh: '调整后价格的最高值', en: 'the highest adjusted price' },
    comparable: { zh: `第 ${(input.comparableIndex ?? 0) + 1} 个可比案例的调整后价格`, en: `the adjusted price of comparable ${(input.comparableIndex ?? 0) + 1}` },
  };
  const steps: ValuationStep[] = rows.map((row, i) => ({
    key: `comparable${i + 1}`,
    label: { zh: `可比案例 ${i + 1}：${row.name}，P_ref × Π 修正系数`, en: `Comparable ${i + 1}: ${row.name}, P_ref × Π factors` },
    formula: row.formula,
    value: row.adjustedPrice,
  }));
  steps.push(
    { key: 'range', label: { zh: '调整后价格区间', en: 'Range of adjusted prices' }, formula: `${fen(lowD)} – ${fen(highD)}`, value: `${fen(lowD)}–${fen(highD)}` },
    {
      key: 'P',
      label: { zh: `评估值取${SEL[sel]!.zh}`, en: `The value is ${SEL[sel]!.en}` },
      formula: sel === 'mean' ? `(${rows.map((r) => r.adjustedPrice).join(' + ')}) / ${rows.length} = ${fixed(chosen, 6)} ≈ ${value}` : `P = ${value}`,
      value,
    },
  );
  return {
    ok: true,
    result: {
      approach: 'market',
      value,
      low: fen(lowD),
      high: fen(highD),
      steps,
      comparables: rows,
      rule: {
        zh: '市场法：P = P_ref × Π 调整系数（技术、时间、地域、交易条件等），按各可比案例分别修正，给出区间并说明取值',
        en: 'Market approach: P = P_ref × Π adjustment factors (technology, time, region, terms, …) per comparable, with the range and the chosen figure',
      },
      standard: VALUATION_STANDARD,
      precision: PRECISION_NOTE,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cost approach
// ---------------------------------------------------------------------------------------------

export function valueByCost(input: CostInput): ValuationOutcome {
  const c = new Checker();
  const steps: ValuationStep[] = [];
  let cost: Dec | null = null;
  if (input.basis === 'components') {
    const parts = (
      [
        ['direct', { zh: '直接成本', en: 'the direct cost' }],
        ['indirect', { zh: '间接成本', en: 'the indirect cost' }],
        ['profit', { zh: '合理利润', en: 'the reasonable profit' }],
        ['taxes', { zh: '相关税费', en: 'the taxes' }],
      ] as const
    ).map(([k, w]) => c.money(k, input[k] ?? '0', w));
    const present = parts.filter((x): x is Dec => x !== null);
    if (present.length === parts.length) {
      const total = present.reduce((t, x) => t.plus(x), new D(0));
      cost = total;
      steps.push({
        key: 'cost',
        label: { zh: '重置成本 = 直接成本 + 间接成本 + 合理利润 + 税费', en: 'Cost = direct + indirect + reasonable profit + taxes' },
        formula: `${present.map((x) => fen(x)).join(' + ')} = ${fen(total)}`,
        value: fen(cost),
      });
    }
  } else if (input.basis === 'replacement') {
    cost = c.money('replacementCost', input.replacementCost, { zh: '重置成本', en: 'the replacement cost' });
    if (cost) steps.push({ key: 'cost', label: { zh: '重置成本', en: 'Replacement cost' }, formula: fen(cost), value: fen(cost) });
  } else {
    c.add('basis', '成本口径须为成本构成或重置成本', 'the basis is components or replacement');
  }
  let rate: Dec | null = null;
  const dep = input.depreciation;
  if (dep?.method === 'rate') {
    rate = c.ratio('depreciation.rate', dep.rate, { zh: '贬值率', en: 'the depreciation rate' }, '0', '1');
    if (rate) steps.push({ key: 'depreciation', label: { zh: '贬值率（给定）', en: 'Depreciation rate (given)' }, formula: `${plain(rate)} = ${pct(plain(rate))}`, value: plain(rate) });
  } else if (dep?.method === 'life') {
    const used = c.ratio('depreciation.usedYears', dep.usedYears, { zh: '已使用年限', en: 'the years used' }, '0', '100');
    const rem = c.ratio('depreciation.remainingYears', dep.remainingYears, { zh: '尚可使用年限', en: 'the years remaining' }, '0', '100');
    if (used && rem && used.plus(rem).isZero()) c.add('depreciation.remainingYears', '已使用年限与尚可使用年限之和须大于 0', 'years used plus years remaining must be greater than 0');
    else if (used && rem) {
      rate = used.div(used.plus(rem)).toDecimalPlaces(SHARE_RATE_DECIMALS, D.ROUND_HALF_UP);
      steps.push({
        key: 'depreciation',
        label: { zh: '贬值率 = 已使用年限 /（已使用年限 + 尚可使用年限）', en: 'Depreciation = years used / (years used + years remaining)' },
        formula: `${plain(used)} / (${plain(used)} + ${plain(rem)}) ≈ ${plain(rate)} = ${pct(plain(rate))}`,
        value: plain(rate),
      });
    }
  } else {
    c.add('depreciation.method', '贬值率须给定，或由已使用和尚可使用年限计算', 'give the depreciation rate, or the years used and remaining');
  }
  if (c.issues.length || !cost || !rate) return { ok: false, issues: c.issues };
  const v = cost.times(new D(1).minus(rate));
  const value = fen(v);
  steps.push({
    key: 'P',
    label: { zh: '评估值 P = 重置成本 × (1 − 贬值率)', en: 'Value P = cost × (1 − depreciation)' },
    formula: `${fen(cost)} × (1 − ${plain(rate)}) = ${fixed(v, 6)} ≈ ${value}`,
    value,
  });
  return {
    ok: true,
    result: {
      approach: 'cost',
      value,
      low: value,
      high: value,
      steps,
      rule: {
        zh: input.basis === 'components' ? '成本法：P = (直接成本 + 间接成本 + 合理利润 + 税费) × (1 − 贬值率)' : '成本法：P = 重置成本 × (1 − 贬值率)',
        en: input.basis === 'components' ? 'Cost approach: P = (direct + indirect + reasonable profit + taxes) × (1 − depreciation)' : 'Cost approach: P = replacement cost × (1 − depreciation)',
      },
      standard: VALUATION_STANDARD,
      precision: PRECISION_NOTE,
    },
  };
}

/** Values one input by its approach; the result carries the inputs it was computed from. */
export function valuate(input: ValuationInput): ValuationOutcome {
  const out = byApproach(input);
  return out.ok ? { ok: true, result: { ...out.result, inputs: input } } : out;
}

function byApproach(input: ValuationInput): ValuationOutcome {
  switch (input?.approach) {
    case 'income':
      return valueByIncome(input);
    case 'market':
      return valueByMarket(input);
    case 'cost':
      return valueByCost(input);
    default:
      return { ok: false, issues: [{ field: 'approach', zh: '评估方法须为收益法、市场法或成本法', en: 'the approach is income, market or cost' }] };
  }
}
