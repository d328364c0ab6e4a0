import { addYears, type BusinessDate, compareDates } from '../../../common/calendar.js';
import { cmp, fenToMoney, isNegative, type Money, MONEY_PATTERN, max, moneyToFen, percentOf, type Ratio, RATIO_PATTERN, splitByWeights, sub, sum } from '../../../common/money.js';
import { type DistributionPolicy, type Explained, FLOORS, floorOf, type PolicySetting } from '../../../common/reward-floors.js';
import { microsToShares, SHARE_SCALE as MICRO, sharesToMicros } from '../../../common/splits.js';
import type { DeductionKind } from '../../../common/api/distribution.js';

export { type DistributionPolicy, type Explained, FLOORS, type Floor } from '../../../common/reward-floors.js';

/**
 * Income distribution (measures 2 and 3 and the law's reward floors, DOMAIN §2): the policy an
 * institution sets, checked against the statutory floors; net income per receipt; the split
 * between the team, the technology-transfer office and the institution; each person's reward to
 * the fen; the tax treatment. Pure. Every figure carries its explanation: inputs, the rule, the
 * policy version and the clause.
 */

export interface PolicyIssue {
  field: string;
  zh: string;
  en: string;
}

export function validatePolicy(p: DistributionPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const f of FLOORS) {
    const v = p[f.key];
    if (typeof f.min === 'number') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < f.min || v > (f.max ?? Number.MAX_SAFE_INTEGER)) {
        issues.push({ field: f.key, zh: `须为 ${f.min}–${f.max} 的整数（${f.clause.zh}）`, en: `must be a whole number from ${f.min} to ${f.max} (${f.clause.en})` });
      }
      continue;
    }
    if (typeof v !== 'string' || !RATIO_PATTERN.test(v)) {
      issues.push({ field: f.key, zh: '须为 0 到 1 之间的比例，如 0.7 表示 70%', en: 'must be a ratio between 0 and 1 (0.7 = 70%)' });
    } else if (cmp(v, f.min) < 0) {
      issues.push({ field: f.key, zh: `不得低于 ${Number(f.min) * 100}%：${f.clause.zh}`, en: `may not be below ${Number(f.min) * 100}%: ${f.clause.en}` });
    }
  }
  if (typeof p.collegeShareOfRemainder !== 'string' || !RATIO_PATTERN.test(p.collegeShareOfRemainder)) {
    issues.push({ field: 'collegeShareOfRemainder', zh: '须为 0 到 1 之间的比例', en: 'must be a ratio between 0 and 1' });
  }
  return issues;
}

// ------------------------------------------------------------------------------------------
// Net income
// ------------------------------------------------------------------------------------------

export { DEDUCTION_KINDS, type DeductionKind } from '../../../common/api/distribution.js';

export interface Deduction {
  kind: DeductionKind;
  label: string;
  amount: Money;
}

/** 净收入 = gross − taxes − maintenance − transaction costs, never below zero (DOMAIN §2.3). */
export function netIncome(gross: Money, deductions: readonly Deduction[]): Explained<Money> {
  if (!MONEY_PATTERN.test(gross) || isNegative(gross)) throw new RangeError(`gross must be a non-negative amount, got ${gross}`);
  for (const d of deductions) if (!MONEY_PATTERN.test(d.amount) || isNegative(d.amount)) throw new RangeError(`deduction ${d.label} must be a non-negative amount`);
  const deducted = sum(['0.00', ...deductions.map((d) => d.amount)]);
  const value = max('0.00', sub(gross, deducted));
  return {
    value,
    inputs: { gross, ...Object.fromEntries(deductions.map((d, i) => [`${d.kind}:${i + 1}:${d.label}`, d.amount])) },
    rule: {
      zh: `净收入 = 到账金额 ${gross} − 税费、维护费用、交易费用合计 ${deducted}${cmp(deducted, gross) > 0 ? '（扣除额超过到账额，按零计）' : ''} = ${value}`,
      en: `net income = receipt ${gross} − taxes, maintenance and transaction costs ${deducted}${cmp(deducted, gross) > 0 ? ' (deductions exceed the receipt: zero)' : ''} = ${value}`,
    },
    policyVersion: null,
    clause: { zh: '《促进科技成果转化法》第四十五条；净收入口径：合同收入扣除维护成本、交易费用等', en: 'Art. 45; net income = contract income less maintenance and transaction costs' },
  };
}

// ------------------------------------------------------------------------------------------
// The split of one receipt
// ------------------------------------------------------------------------------------------

export interface Completer {
  personId: string;
  name: string;
  /** Contribution share, percent string ("60"). */
  share: string;
  isMainContributor: boolean;
  /** 正职领导: cash only, never equity (国发〔2016〕16号). */
  isHead: boolean;
}

export interface ReceiptSplit {
  net: Explained<Money>;
  team: Explained<Money>;
  retained: Explained<Money>;
  office: Explained<Money>;
  college: Explained<Money>;
  institution: Explained<Money>;
  people: (Explained<Money> & { personId: string; name: string })[];
}

const pct = (r: Ratio) => `${(Number(r) * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/**
 * Splits the net income of one receipt: team share → main contributors' pool and the others'
 * pool, each by contribution share (largest remainder, to the fen); the institution keeps the
 * rest, of which the office takes its share and the college its share of what remains.
 */
export function splitReceipt(policy: DistributionPolicy, gross: Money, deductions: readonly Deduction[], completers: readonly Completer[]): ReceiptSplit {
  if (!completers.length) throw new RangeError('a reward needs at least one completer');
  for (const c of completers) if (!/^\d+(\.\d{1,2})?$/.test(c.share) || Number(c.share) <= 0) throw new RangeError(`completer ${c.name} needs a positive share, got ${c.share}`);
  const v = policy.version;
  const net = netIncome(gross, deductions);
  const clauseOf = (k: PolicySetting) => floorOf(k).clause;
  const teamValue = percentOf(net.value, policy.teamShareOfNetIncome);
  const retainedValue = sub(net.value, teamValue);
  const officeValue = percentOf(retainedValue, policy.officeShareOfRetained);
  const collegeValue = percentOf(sub(retainedValue, officeValue), policy.collegeShareOfRemainder);
  const institutionValue = sub(sub(retainedValue, officeValue), collegeValue);

  const mains = completers.filter((c) => c.isMainContributor);
  const others = completers.filter((c) => !c.isMainContributor);
  // With no one marked main (or everyone), the whole team pool is split by contribution.
  const mainPool = mains.length && others.length ? percentOf(teamValue, policy.mainContributorsShare) : mains.length ? teamValue : '0.00';
  const otherPool = sub(teamValue, mainPool);
  const people: ReceiptSplit['people'] = [];
  for (const [group, pool, what] of [
    [mains.length ? mains : others, mains.length ? mainPool : otherPool, mains.length ? { zh: '主要贡献人员', en: 'main contributors' } : { zh: '完成人', en: 'completers' }],
    [mains.length ? others : [], otherPool, { zh: '其他完成人', en: 'other completers' }],
  ] as const) {
    if (!group.length) continue;
    const parts = splitByWeights(
      pool,
      group.map((c) => c.share),
    );
    const totalShare = sum(group.map((c) => c.share)).replace(/\.?0+$/, '');
    for (const [i, c] of group.entries()) {
      people.push({
        personId: c.personId,
        name: c.name,
        value: parts[i]!,
        inputs: { pool, share: c.share, groupShares: totalShare },
        rule: {
          zh: `${what.zh}奖励池 ${pool} × ${c.share}/${totalShare}（按贡献比例，最大余数法精确到分）= ${parts[i]}`,
          en: `${what.en}' pool ${pool} × ${c.share}/${totalShare} (by contribution, largest remainder to the fen) = ${parts[i]}`,
        },
        policyVersion: v,
        clause: clauseOf('mainContributorsShare'),
      });
    }
  }
  const explained = (value: Money, inputs: Record<string, string>, zh: string, en: string, clause: { zh: string; en: string } | null): Explained<Money> => ({
    value,
    inputs,
    rule: { zh, en },
    policyVersion: v,
    clause,
  });
  return {
    net,
    team: explained(
      teamValue,
      { net: net.value, ratio: policy.teamShareOfNetIncome },
      `团队奖励 = 净收入 ${net.value} × ${pct(policy.teamShareOfNetIncome)} = ${teamValue}`,
      `team reward = net ${net.value} × ${pct(policy.teamShareOfNetIncome)} = ${teamValue}`,
      clauseOf('teamShareOfNetIncome'),
    ),
    retained: explained(
      retainedValue,
      { net: net.value, team: teamValue },
      `单位留成 = ${net.value} − ${teamValue} = ${retainedValue}`,
      `retained = ${net.value} − ${teamValue} = ${retainedValue}`,
      null,
    ),
    office: explained(
      officeValue,
      { retained: retainedValue, ratio: policy.officeShareOfRetained },
      `技术转移机构 = 留成 ${retainedValue} × ${pct(policy.officeShareOfRetained)} = ${officeValue}`,
      `office = retained ${retainedValue} × ${pct(policy.officeShareOfRetained)} = ${officeValue}`,
      clauseOf('officeShareOfRetained'),
    ),
    college: explained(
      collegeValue,
      { remainder: sub(retainedValue, officeValue), ratio: policy.collegeShareOfRemainder },
      `学院 = (${retainedValue} − ${officeValue}) × ${pct(policy.collegeShareOfRemainder)} = ${collegeValue}`,
      `college = (${retainedValue} − ${officeValue}) × ${pct(policy.collegeShareOfRemainder)} = ${collegeValue}`,
      null,
    ),
    institution: explained(
      institutionValue,
      { retained: retainedValue, office: officeValue, college: collegeValue },
      `学校 = ${retainedValue} − ${officeValue} − ${collegeValue} = ${institutionValue}`,
      `institution = ${retainedValue} − ${officeValue} − ${collegeValue} = ${institutionValue}`,
      null,
    ),
    people,
  };
}

// ------------------------------------------------------------------------------------------
// Equity rewards and tax
// ------------------------------------------------------------------------------------------

/**
 * Equity rewards for 作价入股: shares formed × team share, split by contribution exactly (in
 * millionths of a percentage point, largest remainder). A head of the institution receives no
 * equity (国发〔2016〕16号); their part stays with the institution and is reported.
 */
export function equityRewards(policy: DistributionPolicy, sharesFormedPct: string, completers: readonly Completer[]) {
  const teamMicro = (sharesToMicros(sharesFormedPct) * sharesToMicros(policy.teamShareOfEquity) * 100n + MICRO * 50n) / (MICRO * 100n);
  // splitByWeights splits whole "fen"; here one fen is one millionth of a percentage point.
  const parts = splitByWeights(
    fenToMoney(teamMicro),
    completers.map((c) => c.share),
  ).map(moneyToFen);
  const heads = completers.filter((c) => c.isHead);
  const heldBack = completers.reduce((t, c, i) => (c.isHead ? t + parts[i]! : t), 0n);
  return {
    teamPct: microsToShares(teamMicro),
    heldBackForHeadsPct: microsToShares(heldBack),
    people: completers.flatMap((c, i) => (c.isHead ? [] : [{ personId: c.personId, name: c.name, sharesPct: microsToShares(parts[i]!) }])),
    rule: {
      zh: `团队股权 = 形成股权 ${sharesFormedPct}% × ${pct(policy.teamShareOfEquity)} = ${microsToShares(teamMicro)}%，按贡献比例分配${heads.length ? `；正职领导（${heads.map((h) => h.name).join('、')}）只能获得现金奖励，不得获得股权，其份额 ${microsToShares(heldBack)}% 由单位持有` : ''}`,
      en: `team equity = ${sharesFormedPct}% × ${pct(policy.teamShareOfEquity)} = ${microsToShares(teamMicro)}%, by contribution${heads.length ? `; heads of the institution take cash only, ${microsToShares(heldBack)}% stays with the institution` : ''}`,
    },
    policyVersion: policy.version,
    clause: floorOf('teamShareOfEquity').clause,
  };
}

/** The last day a reward keeps the 50% treatment: three years after the receipt (财税〔2018〕58号). */
export const taxReliefDeadline = (receivedOn: BusinessDate): BusinessDate => addYears(receivedOn, 3);

/** 财税〔2018〕58号: 50% of a cash reward is taxable when paid within three years of the receipt. */
export function rewardTax(amount: Money, receivedOn: BusinessDate, paidOn: BusinessDate): Explained<Money> & { halfRelief: boolean } {
  const deadline = taxReliefDeadline(receivedOn);
  const halfRelief = compareDates(paidOn, deadline) <= 0;
  const taxable = halfRelief ? percentOf(amount, '0.5') : amount;
  return {
    value: taxable,
    halfRelief,
    inputs: { amount, receivedOn, paidOn, deadline },
    rule: halfRelief
      ? {
          zh: `到账 ${receivedOn} 后三年内（${deadline} 前）发放，按 50% 计入当月工资薪金所得：${amount} × 50% = ${taxable}`,
          en: `paid within three years of ${receivedOn} (by ${deadline}): 50% taxable, ${amount} × 50% = ${taxable}`,
        }
      : { zh: `超过到账后三年（${deadline}）发放，不适用减半政策，全额 ${amount} 计税`, en: `paid after three years (${deadline}): no relief, ${amount} taxable in full` },
    policyVersion: null,
    clause: { zh: '财税〔2018〕58号', en: 'Cai Shui [2018] No. 58' },
  };
}
