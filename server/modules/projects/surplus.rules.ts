import { cmp, isNegative, max, type Money, MONEY_PATTERN, percentOf, type Ratio, RATIO_PATTERN, splitByWeights, sub, sum } from '../../../common/money.js';
import { SHARE_PATTERN, shareHundredths as hundredths } from '../../../common/achievements.js';
import type { AllocationForm } from '../../../common/api/projects.js';
import { type Clause, type Explained, floorOf } from '../../../common/reward-floors.js';
import { microsToFixed6 as fromMicro, SHARE_SCALE as MICRO, sharesToMicros as micro, splitPercentByWeights } from '../../../common/splits.js';

/**
 * Measure 3 — 横向科研项目结余经费 (DOMAIN §5): the surplus of a finished contract-research project
 * counts as transfer income; a share r of it (not below the law's transfer/licence floor) goes to
 * the completers by contribution, as cash or as "现金入股+技术入股" (a cash contribution to a
 * company alongside a technology stake). Pure: no I/O. Every figure explains itself.
 */

export interface Issue {
  field: string;
  zh: string;
  en: string;
}

/** The floor of r: the law's floor for transfer and licence income, which the surplus counts as. */
const TRANSFER_FLOOR = floorOf('teamShareOfNetIncome');
export const ALLOCATION_FLOOR: Ratio = TRANSFER_FLOOR.min as Ratio;
export const ALLOCATION_FLOOR_CLAUSE: Clause = TRANSFER_FLOOR.clause;
/** Heads of an institution take cash only (国发〔2016〕16号, DOMAIN §2.2). */
export const HEAD_CASH_ONLY_CLAUSE: Clause = {
  zh: '国发〔2016〕16号：单位正职领导只能获得现金奖励，原则上不得获得股权激励',
  en: 'State Council [2016] No. 16: the head of an institution may receive cash rewards only, in principle no equity',
};
/** Where the surplus rule itself comes from. */
export const SURPLUS_CLAUSE: Clause = {
  zh: '青政办字〔2024〕53号 措施三：横向科研项目结余经费视为科技成果转化收入，可按比例以现金或“现金入股+技术入股”方式奖励项目完成人',
  en: 'Qingdao measure 3 (2024 No. 53): the surplus of a contract-research project is transfer income, allocated to its completers in cash or as "cash + technology" equity',
};

const pct = (r: Ratio) => `${(Number(r) * 100).toFixed(4).replace(/\.?0+$/, '')}%`;

// ------------------------------------------------------------------------------------------
// Checks of what an office enters
// ------------------------------------------------------------------------------------------

/** Contribution shares: each positive, summing to exactly 100%; the sum is named when it does not. */
export function checkShares(shares: readonly string[]): Issue[] {
  if (!shares.length) return [{ field: 'completers', zh: '至少需要一名项目完成人', en: 'at least one completer is needed' }];
  const issues: Issue[] = [];
  shares.forEach((s, i) => {
    if (!SHARE_PATTERN.test(s) || hundredths(s) <= 0)
      issues.push({ field: `completers.${i}.share`, zh: '贡献比例须为大于 0、至多 100、最多两位小数的百分数', en: 'a share is a percentage above 0 and at most 100, with at most two decimals' });
  });
  if (issues.length) return issues;
  const total = shares.reduce((t, s) => t + hundredths(s), 0);
  if (total !== 10_000) {
    const shown = `${Math.floor(total / 100)}${
      total % 100
        ? `.${String(total % 100)
            .padStart(2, '0')
            .replace(/0$/, '')}`
        : ''
    }`;
    issues.push({ field: 'completers', zh: `完成人贡献比例之和须恰好为 100%，现为 ${shown}%`, en: `completers' shares must sum to exactly 100%; they sum to ${shown}%` });
  }
  return issues;
}

/** r between the floor (0.50) and 1. */
export function checkAllocationRatio(r: string): Issue[] {
  if (!RATIO_PATTERN.test(r)) return [{ field: 'allocationRatio', zh: '分配比例须为 0 到 1 之间的小数（0.7 表示 70%）', en: 'the allocation ratio is a decimal from 0 to 1 (0.7 = 70%)' }];
  if (cmp(r, ALLOCATION_FLOOR) < 0) {
    return [
      {
        field: 'allocationRatio',
        zh: `分配比例 ${pct(r)} 低于法定下限 ${pct(ALLOCATION_FLOOR)}：${ALLOCATION_FLOOR_CLAUSE.zh}`,
        en: `the allocation ratio ${pct(r)} is below the legal floor of ${pct(ALLOCATION_FLOOR)}: ${ALLOCATION_FLOOR_CLAUSE.en}`,
      },
    ];
  }
  return [];
}

/** The institution's management fee: a rate of the receipts or a fixed amount. */
export type FeeRule = { kind: 'rate'; rate: Ratio } | { kind: 'amount'; amount: Money };

export function checkFeeRule(rule: FeeRule): Issue[] {
  if (rule.kind === 'rate') {
    return RATIO_PATTERN.test(rule.rate) ? [] : [{ field: 'managementFee.rate', zh: '管理费率须为 0 到 1 之间的小数（0.05 表示 5%）', en: 'the fee rate is a decimal from 0 to 1 (0.05 = 5%)' }];
  }
  return MONEY_PATTERN.test(rule.amount) && !isNegative(rule.amount) ? [] : [{ field: 'managementFee.amount', zh: '管理费金额须为不小于零的金额', en: 'the fee amount must be a non-negative amount' }];
}

// ------------------------------------------------------------------------------------------
// The surplus
// ------------------------------------------------------------------------------------------

export interface Entry {
  label: string;
  amount: Money;
}

export interface SurplusFigures {
  receipts: Explained<Money>;
  directCosts: Explained<Money>;
  managementFee: Explained<Money>;
  surplus: Explained<Money>;
}

const explained = (value: Money, inputs: Record<string, string>, zh: string, en: string, clause: Clause | null): Explained<Money> => ({ value, inputs, rule: { zh, en }, policyVersion: null, clause });

function checkEntries(what: string, list: readonly Entry[]) {
  for (const e of list) if (!MONEY_PATTERN.test(e.amount) || isNegative(e.amount)) throw new RangeError(`${what} ${e.label} must be a non-negative amount, got ${e.amount}`);
}

/**
 * 结余 = 到账经费 − 直接费用 − 管理费, never below zero (DOMAIN §5). The fee is a rate of the
 * receipts or the fixed amount of the institution's rule.
 */
export function computeSurplus(receipts: readonly Entry[], costs: readonly Entry[], fee: FeeRule): SurplusFigures {
  checkEntries('receipt', receipts);
  checkEntries('cost', costs);
  const issues = checkFeeRule(fee);
  if (issues.length) throw new RangeError(issues[0]!.en);
  const received = sum(['0.00', ...receipts.map((r) => r.amount)]);
  const spent = sum(['0.00', ...costs.map((c) => c.amount)]);
  const feeValue = fee.kind === 'rate' ? percentOf(received, fee.rate) : sum([fee.amount]);
  const raw = sub(sub(received, spent), feeValue);
  const value = max('0.00', raw);
  const short = isNegative(raw);
  const itemised = (list: readonly Entry[]) => Object.fromEntries(list.map((e, i) => [`${i + 1}:${e.label}`, e.amount]));
  return {
    receipts: explained(received, itemised(receipts), `到账经费合计 ${received}（${receipts.length} 笔）`, `receipts total ${received} (${receipts.length} entries)`, null),
    directCosts: explained(spent, itemised(costs), `直接费用合计 ${spent}（${costs.length} 项，逐项列支）`, `direct costs total ${spent} (${costs.length} itemised entries)`, null),
    managementFee:
      fee.kind === 'rate'
        ? explained(
            feeValue,
            { receipts: received, rate: fee.rate },
            `管理费 = 到账经费 ${received} × ${pct(fee.rate)}（单位规定费率）= ${feeValue}`,
            `management fee = receipts ${received} × ${pct(fee.rate)} (institution rate) = ${feeValue}`,
            null,
          )
        : explained(feeValue, { amount: feeValue }, `管理费 = 单位规定的定额 ${feeValue}`, `management fee = the institution's fixed amount ${feeValue}`, null),
    surplus: explained(
      value,
      { receipts: received, directCosts: spent, managementFee: feeValue },
      `结余 = 到账经费 ${received} − 直接费用 ${spent} − 管理费 ${feeValue} = ${short ? `${raw}，不足部分不计，按零计` : value}；结题验收并完成决算后确认为科技成果转化收入`,
      `surplus = receipts ${received} − direct costs ${spent} − management fee ${feeValue} = ${short ? `${raw}, a shortfall counts as zero` : value}; recognised as transfer income at acceptance and final accounts`,
      SURPLUS_CLAUSE,
    ),
  };
}

/** The completers' pool: surplus × r, r not below the floor. */
export function completersPool(surplus: Money, r: Ratio): Explained<Money> {
  const issues = checkAllocationRatio(r);
  if (issues.length) throw new RangeError(issues[0]!.en);
  const value = percentOf(surplus, r);
  return explained(
    value,
    { surplus, allocationRatio: r, floor: ALLOCATION_FLOOR },
    `奖励总额 = 结余 ${surplus} × 分配比例 ${pct(r)}（不低于 ${pct(ALLOCATION_FLOOR)}）= ${value}`,
    `completers' pool = surplus ${surplus} × ratio ${pct(r)} (floor ${pct(ALLOCATION_FLOOR)}) = ${value}`,
    ALLOCATION_FLOOR_CLAUSE,
  );
}

// ------------------------------------------------------------------------------------------
// Allocation to the completers
// ------------------------------------------------------------------------------------------

export interface ProjectCompleter {
  personId: string;
  name: string;
  /** Contribution share, percent string ("50"). */
  share: string;
  /** 正职领导: cash only. */
  isHead: boolean;
}

export { ALLOCATION_FORMS, type AllocationForm } from '../../../common/api/projects.js';

export interface AllocationRequest {
  form: AllocationForm;
  /** For cash_and_technology: the stake (percent of the company) formed by the technology. */
  techStakeFormedPct?: string | undefined;
  /** For cash_and_technology: completers who take their part in cash instead of shares. */
  cashTakers?: readonly string[] | undefined;
}

export interface AllocationLine {
  personId: string;
  name: string;
  share: string;
  isHead: boolean;
  /** 'cash': paid to the person; 'shares': contributed to the company in the person's name (现金入股) with a technology stake. */
  takes: 'cash' | 'shares';
  /** Money: the person's part of the pool (paid in cash, or contributed as cash to the company). */
  cashPart: Money;
  /** Percent of the company from the technology stake (技术入股), 6 decimals; "0.000000" for cash takers. */
  techPartPct: string;
  explanation: { inputs: Record<string, string>; rule: Clause; clause: Clause };
}

export interface Allocation {
  form: AllocationForm;
  pool: Explained<Money>;
  techStake: null | { formedPct: string; teamPct: string; heldBackPct: string; rule: Clause; clause: Clause };
  lines: AllocationLine[];
  totals: { cashPaid: Money; cashContributed: Money; techPct: string };
}

const STAKE_PATTERN = /^(?:100(?:\.0{1,6})?|\d{1,2}(?:\.\d{1,6})?)$/;

export type AllocationResult = { ok: true; allocation: Allocation } | { ok: false; issues: Issue[] };

/**
 * Splits surplus × r among the completers by contribution, to the fen (largest remainder). In
 * cash_and_technology form each person's part is contributed as cash to the company in their name
 * and the technology stake × r is split by contribution exactly (millionths of a percentage
 * point); a person may take cash instead, and a head of the institution must (refused otherwise);
 * the technology stake of cash takers stays with the institution.
 */
export function allocateSurplus(surplus: Money, r: Ratio, completers: readonly ProjectCompleter[], req: AllocationRequest): AllocationResult {
  const issues: Issue[] = [...checkAllocationRatio(r), ...checkShares(completers.map((c) => c.share))];
  const cashTakers = new Set(req.form === 'cash' ? completers.map((c) => c.personId) : (req.cashTakers ?? []));
  if (req.form === 'cash_and_technology') {
    if (!req.techStakeFormedPct || !STAKE_PATTERN.test(req.techStakeFormedPct) || micro(req.techStakeFormedPct) <= 0n) {
      issues.push({
        field: 'techStakeFormedPct',
        zh: '技术入股形成的股权比例须为大于 0、至多 100 的百分数（最多 6 位小数）',
        en: 'the technology stake is a percentage above 0 and at most 100 (at most 6 decimals)',
      });
    }
    for (const id of cashTakers) if (!completers.some((c) => c.personId === id)) issues.push({ field: 'cashTakers', zh: `${id} 不是本项目的完成人`, en: `${id} is not a completer of this project` });
    for (const c of completers) {
      if (c.isHead && !cashTakers.has(c.personId)) {
        issues.push({
          field: 'cashTakers',
          zh: `${c.name} 为单位正职领导，只能获得现金奖励，不得获得股权（${HEAD_CASH_ONLY_CLAUSE.zh}）`,
          en: `${c.name} heads the institution and may take cash only, never shares (${HEAD_CASH_ONLY_CLAUSE.en})`,
        });
      }
    }
  } else if (req.techStakeFormedPct || req.cashTakers?.length) {
    issues.push({ field: 'form', zh: '现金分配不涉及技术入股股权，请选择“现金入股+技术入股”', en: 'a cash allocation has no technology stake; choose cash + technology' });
  }
  if (!MONEY_PATTERN.test(surplus) || isNegative(surplus)) issues.push({ field: 'surplus', zh: '结余须为不小于零的金额', en: 'the surplus must be a non-negative amount' });
  if (issues.length) return { ok: false, issues };

  const pool = completersPool(surplus, r);
  const weights = completers.map((c) => c.share);
  const cashParts = splitByWeights(pool.value, weights);
  let techStake: Allocation['techStake'] = null;
  let techParts: string[] = completers.map(() => '0.000000');
  if (req.form === 'cash_and_technology') {
    const formed = req.techStakeFormedPct!;
    const teamMicro = (micro(formed) * micro(r) + MICRO / 2n) / MICRO;
    const teamPct = fromMicro(teamMicro);
    techParts = splitPercentByWeights(teamPct, weights);
    const heldBack = completers.reduce((t, c, i) => (cashTakers.has(c.personId) ? t + micro(techParts[i]!) : t), 0n);
    techParts = techParts.map((p, i) => (cashTakers.has(completers[i]!.personId) ? '0.000000' : p));
    const heads = completers.filter((c) => cashTakers.has(c.personId));
    techStake = {
      formedPct: fromMicro(micro(formed)),
      teamPct,
      heldBackPct: fromMicro(heldBack),
      rule: {
        zh: `完成人技术股权 = 技术入股形成股权 ${formed}% × 分配比例 ${pct(r)} = ${teamPct}%，按贡献比例精确分配（百万分之一个百分点，最大余数法）${heads.length ? `；${heads.map((h) => h.name).join('、')} 领取现金，其技术股权 ${fromMicro(heldBack)}% 由单位持有` : ''}`,
        en: `completers' technology stake = ${formed}% × ${pct(r)} = ${teamPct}%, split by contribution exactly (millionths of a point, largest remainder)${heads.length ? `; ${heads.length} completer(s) take cash and their ${fromMicro(heldBack)}% stays with the institution` : ''}`,
      },
      clause: floorOf('teamShareOfEquity').clause,
    };
  }
  const totalShare = sum(weights).replace(/\.?0+$/, '');
  const lines: AllocationLine[] = completers.map((c, i) => {
    const takes = cashTakers.has(c.personId) ? 'cash' : 'shares';
    const cashPart = cashParts[i]!;
    const how = takes === 'cash' ? { zh: '以现金发放', en: 'paid in cash' } : { zh: '以其名义现金入股', en: 'contributed to the company in their name' };
    return {
      personId: c.personId,
      name: c.name,
      share: c.share,
      isHead: c.isHead,
      takes,
      cashPart,
      techPartPct: techParts[i]!,
      explanation: {
        inputs: { pool: pool.value, share: c.share, totalShare, ...(takes === 'shares' ? { techPartPct: techParts[i]! } : {}) },
        rule: {
          zh: `奖励总额 ${pool.value} × ${c.share}/${totalShare}（按贡献比例，最大余数法精确到分）= ${cashPart}，${how.zh}${takes === 'shares' ? `；技术股权 ${techParts[i]}%` : ''}${c.isHead ? '；正职领导只领取现金' : ''}`,
          en: `pool ${pool.value} × ${c.share}/${totalShare} (by contribution, largest remainder to the fen) = ${cashPart}, ${how.en}${takes === 'shares' ? `; technology stake ${techParts[i]}%` : ''}${c.isHead ? '; heads take cash only' : ''}`,
        },
        clause: c.isHead ? HEAD_CASH_ONLY_CLAUSE : SURPLUS_CLAUSE,
      },
    };
  });
  const total = (takes: 'cash' | 'shares') => sum(['0.00', ...lines.filter((l) => l.takes === takes).map((l) => l.cashPart)]);
  return {
    ok: true,
    allocation: {
      form: req.form,
      pool,
      techStake,
      lines,
      totals: { cashPaid: total('cash'), cashContributed: total('shares'), techPct: fromMicro(lines.reduce((t, l) => t + micro(l.techPartPct), 0n)) },
    },
  };
}
