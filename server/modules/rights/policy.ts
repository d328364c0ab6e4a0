import { type BusinessDate, compareDates, isBusinessDate } from '../../../common/calendar.js';
import { cmp, isMoney, isNegative, isRatio, type Money, type Ratio } from '../../../common/money.js';

/**
 * The institution's rule on ownership grants (赋权, measure 2, DOMAIN §4): the maximum share that
 * may be granted to the team, the long-term use-right terms, eligibility, the publicity period and
 * whether agreed proceeds count as transformation income that triggers a second reward. Versioned
 * with effective dates. Pure: validation and selection of the version in force.
 */

export interface RightsPolicy {
  /** 0 for the platform default (no rule of the institution's own yet). */
  version: number;
  effectiveFrom: BusinessDate;
  /** Largest share of the ownership that may be granted to the team (e.g. "0.8"). */
  maxTeamShare: Ratio;
  /** The first term of a long-term use right, in years (e.g. 5). */
  useRightFirstTermYears: number;
  /** The cumulative term a use right must reach, in years (Shandong: at least 10). */
  useRightCumulativeMinYears: number;
  /** Eligibility: minimum appraised value in yuan (null = none). */
  minAppraisedValue: Money | null;
  /** Eligibility: the title must be clear (权属清晰). */
  requireClearTitle: boolean;
  /** Eligibility: a counterparty must be identified (明确的承接对象). */
  requireCounterparty: boolean;
  /** Publicity period in working days. */
  publicityDays: number;
  /** Whether agreed proceeds are transformation income that triggers a further reward (default no). */
  agreedProceedsTriggerReward: boolean;
}

/** Statutory and provincial limits on the rule itself, with their sources. */
export const RIGHTS_LIMITS = {
  /** Shandong pilot (S8): a long-term use right of at least 10 years. */
  useRightCumulativeFloorYears: 10,
  /** DOMAIN §4.3 (BACKGROUND): publicity is usually 5–15 working days; 30 is our upper bound. */
  publicityMinDays: 5,
  publicityMaxDays: 30,
} as const;

export const RIGHTS_CLAUSES = {
  maxTeamShare: { zh: '单位赋权规定（DOMAIN §4.2；如 S11：80% 所有权）', en: "the institution's grant rule (DOMAIN §4.2; e.g. S11: 80% ownership)" },
  useRight: { zh: '山东省赋予科研人员职务科技成果长期使用权试点（S8）：长期使用权不少于10年', en: 'Shandong use-right pilot (S8): a long-term use right of at least 10 years' },
  publicity: { zh: '赋权公示期一般为5–15个工作日，由单位规定（DOMAIN §4.3）', en: 'grant publicity is usually 5–15 working days, set by the institution (DOMAIN §4.3)' },
  eligibility: {
    zh: '赋权条件：权属清晰、应用前景明朗、承接对象明确（S11）；评估值门槛（S12）',
    en: 'eligibility: clear title, clear prospects, an identified counterparty (S11); appraisal threshold (S12)',
  },
  agreedProceeds: { zh: '约定收益是否作为转化收入再次奖励：无来源规定，默认否（DOMAIN §4.4）', en: 'whether agreed proceeds trigger a second reward: no source; default no (DOMAIN §4.4)' },
} as const;

/** What applies until the institution sets its own rule (version 0). */
export const DEFAULT_RIGHTS_POLICY: RightsPolicy = {
  version: 0,
  effectiveFrom: '2020-01-01',
  maxTeamShare: '0.8',
  useRightFirstTermYears: 5,
  useRightCumulativeMinYears: 10,
  minAppraisedValue: '2000000.00',
  requireClearTitle: true,
  requireCounterparty: true,
  publicityDays: 15,
  agreedProceedsTriggerReward: false,
};

export interface PolicyIssue {
  field: string;
  zh: string;
  en: string;
}

export type RightsPolicyInput = Omit<RightsPolicy, 'version'>;

/** Every problem of a proposed rule, each naming its field and, for a floor, the clause. */
export function validateRightsPolicy(p: RightsPolicyInput): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  if (!isBusinessDate(p.effectiveFrom)) issues.push({ field: 'effectiveFrom', zh: '生效日期须为 YYYY-MM-DD', en: 'the effective date must be YYYY-MM-DD' });
  if (!isRatio(p.maxTeamShare) || cmp(p.maxTeamShare, '0') <= 0) {
    issues.push({ field: 'maxTeamShare', zh: '赋予团队的最高份额须为大于 0、不超过 1 的小数（如 0.8 表示 80%）', en: 'the maximum team share must be a decimal above 0 and at most 1 (0.8 = 80%)' });
  }
  if (!Number.isInteger(p.useRightFirstTermYears) || p.useRightFirstTermYears < 1 || p.useRightFirstTermYears > 50) {
    issues.push({ field: 'useRightFirstTermYears', zh: '长期使用权首期年限须为 1–50 的整数', en: 'the first term of a use right must be 1–50 whole years' });
  }
  if (!Number.isInteger(p.useRightCumulativeMinYears) || p.useRightCumulativeMinYears < RIGHTS_LIMITS.useRightCumulativeFloorYears || p.useRightCumulativeMinYears > 50) {
    issues.push({
      field: 'useRightCumulativeMinYears',
      zh: `长期使用权累计年限下限不得低于 ${RIGHTS_LIMITS.useRightCumulativeFloorYears} 年（${RIGHTS_CLAUSES.useRight.zh}），且不超过 50 年`,
      en: `the cumulative use-right minimum must be at least ${RIGHTS_LIMITS.useRightCumulativeFloorYears} years (${RIGHTS_CLAUSES.useRight.en}) and at most 50`,
    });
  } else if (Number.isInteger(p.useRightFirstTermYears) && p.useRightFirstTermYears > p.useRightCumulativeMinYears) {
    issues.push({ field: 'useRightFirstTermYears', zh: '首期年限不能长于累计年限下限', en: 'the first term cannot be longer than the cumulative minimum' });
  }
  if (p.minAppraisedValue !== null && (!isMoney(p.minAppraisedValue) || isNegative(p.minAppraisedValue))) {
    issues.push({ field: 'minAppraisedValue', zh: '最低评估值须为不小于 0 的金额（元，最多两位小数），或不设', en: 'the minimum appraised value must be a non-negative amount in yuan, or none' });
  }
  if (!Number.isInteger(p.publicityDays) || p.publicityDays < RIGHTS_LIMITS.publicityMinDays || p.publicityDays > RIGHTS_LIMITS.publicityMaxDays) {
    issues.push({
      field: 'publicityDays',
      zh: `公示期须为 ${RIGHTS_LIMITS.publicityMinDays}–${RIGHTS_LIMITS.publicityMaxDays} 个工作日（${RIGHTS_CLAUSES.publicity.zh}）`,
      en: `publicity must last ${RIGHTS_LIMITS.publicityMinDays}–${RIGHTS_LIMITS.publicityMaxDays} working days (${RIGHTS_CLAUSES.publicity.en})`,
    });
  }
  return issues;
}

/** The version in force on a day: the latest effective on or before it; the default before any. */
export function policyOn(versions: readonly RightsPolicy[], on: BusinessDate): RightsPolicy {
  const inForce = versions.filter((v) => compareDates(v.effectiveFrom, on) <= 0).sort((a, b) => compareDates(b.effectiveFrom, a.effectiveFrom));
  return inForce[0] ?? DEFAULT_RIGHTS_POLICY;
}
