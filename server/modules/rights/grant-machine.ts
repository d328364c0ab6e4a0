import { type BusinessDate, compareDates } from '../../../common/calendar.js';
import Decimal from 'decimal.js';
import { cmp, isMoney, isRatio, type Money, type Ratio } from '../../../common/money.js';
import type { PolicyIssue, RightsPolicy } from './policy.js';
import { RIGHTS_CLAUSES } from './policy.js';
import { GRANT_ACTIONS, type GrantAction, type GrantStatus } from '../../../common/rights.js';

/**
 * The ownership-grant workflow (赋权, DOMAIN §4.3): application with the transformation plan and
 * the written consent of all completers → department check → office review → publicity (with
 * objections) → approval → grant agreement → ownership change recorded. Pure: the transition
 * table, the guards and the checks of an application against the policy in force.
 */

export { GRANT_ACTIONS, GRANT_STATUSES, type GrantAction, type GrantStatus } from '../../../common/rights.js';

export const GRANT_STATUS_LABELS: Record<GrantStatus, { zh: string; en: string }> = {
  submitted: { zh: '待院系审核', en: 'Awaiting department check' },
  dept_checked: { zh: '待转化办审查', en: 'Awaiting office review' },
  in_publicity: { zh: '公示中', en: 'In publicity' },
  approved: { zh: '已批准，待签协议', en: 'Approved; agreement pending' },
  agreement_signed: { zh: '已签赋权协议，待权属变更', en: 'Agreement signed; ownership change pending' },
  recorded: { zh: '权属变更已登记', en: 'Ownership change recorded' },
  returned: { zh: '已退回修改', en: 'Returned for changes' },
  rejected: { zh: '未予赋权', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** Who performs a step: the applicant (team representative), the department, the office, the approver (institution head). */
export type GrantPerformer = 'applicant' | 'department' | 'office' | 'approver';

export const GRANT_TRANSITIONS: Record<GrantAction, { from: readonly GrantStatus[]; to: GrantStatus; by: GrantPerformer; reasonRequired: boolean; zh: string; en: string }> = {
  resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', reasonRequired: false, zh: '重新提交', en: 'resubmit' },
  withdraw: { from: ['submitted', 'dept_checked', 'returned'], to: 'withdrawn', by: 'applicant', reasonRequired: false, zh: '撤回', en: 'withdraw' },
  dept_check: { from: ['submitted'], to: 'dept_checked', by: 'department', reasonRequired: false, zh: '院系审核通过', en: 'department check passed' },
  dept_return: { from: ['submitted'], to: 'returned', by: 'department', reasonRequired: true, zh: '院系退回', en: 'department returns' },
  office_review: { from: ['dept_checked'], to: 'in_publicity', by: 'office', reasonRequired: false, zh: '转化办审查通过并公示', en: 'office review passed; publicity starts' },
  office_return: { from: ['dept_checked'], to: 'returned', by: 'office', reasonRequired: true, zh: '转化办退回', en: 'office returns' },
  reject: { from: ['submitted', 'dept_checked', 'in_publicity'], to: 'rejected', by: 'office', reasonRequired: true, zh: '不予赋权', en: 'reject' },
  approve: { from: ['in_publicity'], to: 'approved', by: 'approver', reasonRequired: false, zh: '批准赋权', en: 'approve' },
  sign_agreement: { from: ['approved'], to: 'agreement_signed', by: 'office', reasonRequired: false, zh: '签订赋权协议', en: 'sign the grant agreement' },
  record_change: { from: ['agreement_signed'], to: 'recorded', by: 'office', reasonRequired: false, zh: '登记权属变更', en: 'record the ownership change' },
};

export type TransitionCheck = { ok: true; to: GrantStatus } | { ok: false; status: 409 | 403; zh: string; en: string };

/** Whether `action` may run from `status` by someone acting as `performers`. Illegal steps are 409. */
export function checkTransition(status: GrantStatus, action: GrantAction, performers: ReadonlySet<GrantPerformer>): TransitionCheck {
  const t = GRANT_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    const s = GRANT_STATUS_LABELS[status];
    return { ok: false, status: 409, zh: `赋权申请状态为“${s.zh}”，不能${t.zh}`, en: `the grant application is "${s.en}"; cannot ${t.en}` };
  }
  if (!performers.has(t.by)) return { ok: false, status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' };
  return { ok: true, to: t.to };
}

/** Actions open to the caller now (for the web app's buttons). */
export function availableActions(status: GrantStatus, performers: ReadonlySet<GrantPerformer>): GrantAction[] {
  return GRANT_ACTIONS.filter((a) => GRANT_TRANSITIONS[a].from.includes(status) && performers.has(GRANT_TRANSITIONS[a].by));
}

// ------------------------------------------------------------------------------------------
// Publicity
// ------------------------------------------------------------------------------------------

export interface PublicityState {
  endsOn: BusinessDate;
  openObjections: number;
}

/** Approval waits until the day after the window and until every objection is resolved. */
export function approvalBlockers(p: PublicityState, today: BusinessDate): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  if (compareDates(today, p.endsOn) <= 0) out.push({ field: 'publicity', zh: `公示期至 ${p.endsOn} 结束，期满后方可批准`, en: `publicity runs until ${p.endsOn}; approve after it ends` });
  if (p.openObjections > 0) out.push({ field: 'objections', zh: `尚有 ${p.openObjections} 条异议未处理`, en: `${p.openObjections} objection(s) are unresolved` });
  return out;
}

// ------------------------------------------------------------------------------------------
// The application against the policy
// ------------------------------------------------------------------------------------------

export interface Consent {
  /** The completer's name as listed on the achievement. */
  name: string;
  /** Date of the written consent (全体完成人书面意见). */
  signedOn: BusinessDate;
  /** Reference to the signed document (scan file name, archive number). */
  evidence: string;
}

export interface GrantRequest {
  kind: 'ownership' | 'use_right';
  /** Ownership: the share granted to the team (e.g. "0.8"). */
  teamShare?: Ratio | null | undefined;
  /** Use right: the cumulative term requested, in years. */
  useRightYears?: number | null | undefined;
  plan: {
    summary: string;
    counterpartyName?: string | null | undefined;
    counterpartyCreditCode?: string | null | undefined;
    appraisedValue?: Money | null | undefined;
    appraisalRef?: string | null | undefined;
    clearTitle: boolean;
  };
  consents: readonly Consent[];
}

/** Completers whose written consent is missing, in the order the achievement lists them. */
export function missingConsents(completers: readonly string[], consents: readonly Consent[]): string[] {
  const given = new Set(consents.filter((c) => c.evidence.trim() && c.signedOn).map((c) => c.name.trim()));
  return completers.filter((name) => !given.has(name.trim()));
}

/** Every reason an application cannot go forward under the policy, each naming its field. */
export function applicationIssues(req: GrantRequest, completers: readonly string[], policy: RightsPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const v = `（赋权规定第 ${policy.version} 版）`;
  const vEn = ` (grant rule version ${policy.version})`;
  const missing = missingConsents(completers, req.consents);
  if (missing.length) {
    issues.push({
      field: 'consents',
      zh: `缺少以下完成人的书面同意意见：${missing.join('、')}；赋权须经全体完成人书面同意`,
      en: `the written consent of these completers is missing: ${missing.join(', ')}; a grant needs every completer's consent`,
    });
  }
  const strangers = req.consents.filter((c) => !completers.some((n) => n.trim() === c.name.trim())).map((c) => c.name);
  if (strangers.length) issues.push({ field: 'consents', zh: `以下人员不是该成果的完成人：${strangers.join('、')}`, en: `not completers of this achievement: ${strangers.join(', ')}` });
  if (req.kind === 'ownership') {
    const s = req.teamShare;
    if (!s || !isRatio(s) || cmp(s, '0') <= 0) {
      issues.push({ field: 'teamShare', zh: '请填写赋予团队的所有权份额（大于 0、不超过 1 的小数）', en: 'give the ownership share for the team (a decimal above 0, at most 1)' });
    } else if (!/^[01](?:\.\d{1,4})?$/.test(s)) {
      issues.push({ field: 'teamShare', zh: '所有权份额最多保留四位小数（即百分比两位小数）', en: 'the ownership share has at most four decimals (two in percent)' });
    } else if (cmp(s, policy.maxTeamShare) > 0) {
      issues.push({
        field: 'teamShare',
        zh: `赋予团队的份额 ${s} 超过本单位规定的上限 ${policy.maxTeamShare}${v}`,
        en: `the team share ${s} is above the institution's maximum of ${policy.maxTeamShare}${vEn}`,
      });
    }
  } else {
    const y = req.useRightYears;
    if (!y || !Number.isInteger(y) || y < 1 || y > 50) {
      issues.push({ field: 'useRightYears', zh: '请填写长期使用权的累计年限（1–50 年）', en: 'give the cumulative term of the use right (1–50 years)' });
    } else if (y < policy.useRightCumulativeMinYears) {
      issues.push({
        field: 'useRightYears',
        zh: `长期使用权累计年限 ${y} 年低于下限 ${policy.useRightCumulativeMinYears} 年${v}；${RIGHTS_CLAUSES.useRight.zh}`,
        en: `a use right of ${y} years is below the minimum of ${policy.useRightCumulativeMinYears} years${vEn}; ${RIGHTS_CLAUSES.useRight.en}`,
      });
    }
  }
  if (!req.plan.summary.trim()) issues.push({ field: 'plan.summary', zh: '请填写转化实施方案', en: 'give the transformation plan' });
  if (policy.requireClearTitle && !req.plan.clearTitle) {
    issues.push({ field: 'plan.clearTitle', zh: `本单位规定赋权成果须权属清晰${v}`, en: `the institution requires a clear title${vEn}` });
  }
  if (policy.requireCounterparty && !(req.plan.counterpartyName?.trim() && req.plan.counterpartyCreditCode?.trim())) {
    issues.push({
      field: 'plan.counterpartyName',
      zh: `本单位规定须有明确的承接对象（名称及统一社会信用代码）${v}`,
      en: `the institution requires an identified counterparty (name and credit code)${vEn}`,
    });
  }
  if (policy.minAppraisedValue !== null) {
    const a = req.plan.appraisedValue;
    if (!a || !isMoney(a)) {
      issues.push({
        field: 'plan.appraisedValue',
        zh: `请填写评估值（本单位门槛 ${policy.minAppraisedValue} 元${v}）`,
        en: `give the appraised value (the threshold is ${policy.minAppraisedValue} yuan${vEn})`,
      });
    } else if (cmp(a, policy.minAppraisedValue) < 0) {
      issues.push({
        field: 'plan.appraisedValue',
        zh: `评估值 ${a} 元低于本单位赋权门槛 ${policy.minAppraisedValue} 元${v}`,
        en: `the appraised value of ${a} yuan is below the institution's threshold of ${policy.minAppraisedValue} yuan${vEn}`,
      });
    } else if (!req.plan.appraisalRef?.trim()) {
      issues.push({ field: 'plan.appraisalRef', zh: '请注明评估报告编号或出具机构', en: 'name the appraisal report (number or appraiser)' });
    }
  }
  return issues;
}

// ------------------------------------------------------------------------------------------
// The co-ownership after the grant
// ------------------------------------------------------------------------------------------

export interface CoOwnership {
  kind: 'ownership' | 'use_right';
  /** Institution's share of the ownership, as a ratio. */
  unitShare: Ratio;
  teamShare: Ratio;
  /** Percentages as the achievements ledger keeps them (two decimals). */
  unitPct: string;
  teamPct: string;
  useRightFrom: BusinessDate | null;
  useRightUntil: BusinessDate | null;
  firstTermUntil: BusinessDate | null;
  explanation: { zh: string; en: string };
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
/** ratio → percentage with two decimals (ratios have at most 4 decimals, so this is exact). */
const pct2 = (r: Ratio) => new D(r).times(100).toFixed(2);
const ratioText = (d: InstanceType<typeof D>) => d.toFixed();

/**
 * Ownership: the team takes `teamShare` of the ownership, the institution keeps the rest; the
 * achievements ledger's ownership percentages change accordingly. Use right: ownership is not
 * split (the institution keeps 100%); the team holds a use right for the term.
 */
export function coOwnershipAfter(
  req: { kind: 'ownership' | 'use_right'; teamShare?: Ratio | null; useRightYears?: number | null },
  policy: RightsPolicy,
  recordedOn: BusinessDate,
  addYears: (d: BusinessDate, n: number) => BusinessDate,
): CoOwnership {
  if (req.kind === 'ownership') {
    const team = req.teamShare!;
    const unit = ratioText(new D(1).minus(team));
    const teamPct = pct2(team);
    const unitPct = new D(100).minus(teamPct).toFixed(2);
    return {
      kind: 'ownership',
      unitShare: unit,
      teamShare: team,
      unitPct,
      teamPct,
      useRightFrom: null,
      useRightUntil: null,
      firstTermUntil: null,
      explanation: {
        zh: `赋予团队所有权份额 ${teamPct}%（不超过单位规定上限 ${pct2(policy.maxTeamShare)}%，第 ${policy.version} 版），单位保留 ${unitPct}%，双方共有`,
        en: `the team is granted ${teamPct}% of the ownership (within the institution's maximum of ${pct2(policy.maxTeamShare)}%, version ${policy.version}); the institution keeps ${unitPct}%; co-owned`,
      },
    };
  }
  const years = req.useRightYears!;
  const until = addYears(recordedOn, years);
  const firstTermUntil = addYears(recordedOn, Math.min(policy.useRightFirstTermYears, years));
  return {
    kind: 'use_right',
    unitShare: '1',
    teamShare: '0',
    unitPct: '100.00',
    teamPct: '0.00',
    useRightFrom: recordedOn,
    useRightUntil: until,
    firstTermUntil,
    explanation: {
      zh: `赋予团队长期使用权：首期 ${Math.min(policy.useRightFirstTermYears, years)} 年（至 ${firstTermUntil}），累计 ${years} 年（至 ${until}，不低于 ${policy.useRightCumulativeMinYears} 年，第 ${policy.version} 版）；所有权仍归单位`,
      en: `a long-term use right for the team: first term ${Math.min(policy.useRightFirstTermYears, years)} years (to ${firstTermUntil}), cumulative ${years} years (to ${until}, at least ${policy.useRightCumulativeMinYears}, version ${policy.version}); ownership stays with the institution`,
    },
  };
}
