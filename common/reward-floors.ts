import type { BusinessDate } from './calendar.js';
import type { Ratio } from './money.js';

/**
 * The law's reward floors (促进科技成果转化法第四十五条, 国发〔2016〕16号, 山东) and the shape in
 * which every computed figure explains itself. Shared by distribution (per receipt, equity) and
 * projects (contract-research surplus). Pure data.
 */

export interface Clause {
  zh: string;
  en: string;
}

/** A figure with what went in, the rule applied, the policy version and the clause behind it. */
export interface Explained<T> {
  value: T;
  inputs: Record<string, string>;
  rule: Clause;
  policyVersion: number | null;
  clause: Clause | null;
}

/** An institution's distribution policy: the ratios its rewards follow. */
export interface DistributionPolicy {
  version: number;
  effectiveFrom: BusinessDate;
  /** Team share of net income from transfer and licence (促进科技成果转化法第四十五条: ≥ 50%). */
  teamShareOfNetIncome: Ratio;
  /** Team share of equity formed by 作价入股 (第四十五条: ≥ 50%). */
  teamShareOfEquity: Ratio;
  /** Team share of operating profit for self-implementation, per year (第四十五条: ≥ 5%). */
  teamShareOfOperatingProfit: Ratio;
  /** Years the operating-profit share runs (第四十五条: 3–5 years). */
  operatingProfitYears: number;
  /** Main contributors' share of the team pool (国发〔2016〕16号: ≥ 50%). */
  mainContributorsShare: Ratio;
  /** The office's share of what the institution keeps (山东: ≥ 15%). */
  officeShareOfRetained: Ratio;
  /** The college's share of what remains after the office (institution rule; no floor). */
  collegeShareOfRemainder: Ratio;
}

/** The settings of a policy (what the floors and the bureau's comparison speak of). */
export type PolicySetting = Exclude<keyof DistributionPolicy, 'version' | 'effectiveFrom'>;

export interface Floor {
  key: PolicySetting;
  min: Ratio | number;
  max?: number;
  clause: Clause;
}

/** Statutory floors; a policy below any of them is refused, citing the clause. */
export const FLOORS: readonly Floor[] = [
  {
    key: 'teamShareOfNetIncome',
    min: '0.5',
    clause: {
      zh: '《促进科技成果转化法》第四十五条第一款第（一）项：转让、许可净收入中提取不低于百分之五十',
      en: 'Law on Promoting the Transformation of S&T Achievements, Art. 45(1)(i): at least 50% of net income',
    },
  },
  {
    key: 'teamShareOfEquity',
    min: '0.5',
    clause: { zh: '《促进科技成果转化法》第四十五条第一款第（二）项：作价投资形成的股份或出资比例中提取不低于百分之五十', en: 'Art. 45(1)(ii): at least 50% of the equity formed' },
  },
  {
    key: 'teamShareOfOperatingProfit',
    min: '0.05',
    clause: { zh: '《促进科技成果转化法》第四十五条第一款第（三）项：营业利润中提取不低于百分之五', en: 'Art. 45(1)(iii): at least 5% of operating profit' },
  },
  { key: 'operatingProfitYears', min: 3, max: 5, clause: { zh: '《促进科技成果转化法》第四十五条第一款第（三）项：连续三至五年', en: 'Art. 45(1)(iii): for three to five consecutive years' } },
  {
    key: 'mainContributorsShare',
    min: '0.5',
    clause: { zh: '国发〔2016〕16号：对主要贡献人员的奖励份额不低于奖励总额的百分之五十', en: 'State Council [2016] No. 16: main contributors get at least 50% of the reward' },
  },
  {
    key: 'officeShareOfRetained',
    min: '0.15',
    clause: { zh: '山东省：技术转移机构从单位留成的转化净收入中提取不低于百分之十五', en: 'Shandong: the tech-transfer office takes at least 15% of the retained net income' },
  },
];

/** The floor of one policy setting. */
export const floorOf = (key: PolicySetting): Floor => FLOORS.find((f) => f.key === key)!;
