import type { DueRule, PaymentPlan, PlanIssue, RoyaltyTier } from '../../../common/api/contracts.js';
import { type ObligationKind, type ObligationState, TRIGGER_EVENT_LABELS, type TriggerEvent } from '../../../common/contracts.js';
import { addDays, addMonths, addYears, type BusinessDate, compareDates, type WorkdayCalendar } from '../../../common/calendar.js';
import { cmp, fenTimesRatio, fenToMoney, isNegative, isPositive, type Money, MONEY_PATTERN, maxFen, minFen, moneyToFen, RATIO_PATTERN, type Ratio, sum } from '../../../common/money.js';

/**
 * Payment plans of licences and transfers (measure 4, DOMAIN §6): entry fee (zero allowed),
 * milestones due on a date or an event, royalties on net sales or profit with tiers, an annual
 * minimum and a cap, deferred payment due at the earlier of a date or an event, and a trial in
 * which the licensee may leave owing nothing. Pure: the schedule of obligations is a function of
 * the plan, the facts recorded so far (events, revenue reports, termination) and the calendar.
 */

export { TRIGGER_EVENTS, type TriggerEvent } from '../../../common/contracts.js';

/** The plan and its parts are the API's (common/api/contracts.ts): one shape for request, rules and web. */
export type { DueRule, PaymentPlan, RoyaltyTerms, RoyaltyTier } from '../../../common/api/contracts.js';

export interface RevenueReport {
  periodStart: BusinessDate;
  periodEnd: BusinessDate;
  /** Net sales or profit of the period, per the royalty base. */
  amount: Money;
}

export interface PlanFacts {
  events: { event: TriggerEvent; on: BusinessDate }[];
  reports: RevenueReport[];
  /** The licence ended early on this date (by exit or termination). */
  terminatedOn?: BusinessDate | null;
  /** The schedule as of this day: minimum-royalty top-ups are only computed for ended years. */
  asOf: BusinessDate;
}

export type { ObligationKind, ObligationState } from '../../../common/contracts.js';

export interface Obligation {
  /** Stable key: the same obligation keeps its key when the schedule is recomputed. */
  key: string;
  kind: ObligationKind;
  label: string;
  amount: Money;
  /** Rolled to a working day; null while it waits for an event. */
  dueOn: BusinessDate | null;
  state: ObligationState;
  /** How the figure and the date were reached, in both languages. */
  explanation: { zh: string; en: string };
}

export type { PlanIssue } from '../../../common/api/contracts.js';

/** Open-licence guidance (DOMAIN §6, S15): warnings, not refusals. Versioned policy values. */
export const OPEN_LICENCE_GUIDANCE = { maxFixed: '20000000.00', maxNetSalesRate: '0.2', maxProfitRate: '0.4' } as const;

const isMoney = (s: unknown): s is Money => typeof s === 'string' && MONEY_PATTERN.test(s);

/** Hard errors: the plan cannot be used. Every problem is listed, with its field. */
export function validatePlan(plan: PaymentPlan): PlanIssue[] {
  const errors: PlanIssue[] = [];
  const money = (field: string, v: unknown) => {
    if (!isMoney(v)) errors.push({ field, zh: '金额须为最多两位小数的数字（元）', en: 'amount must be a decimal in yuan with at most two decimals' });
    else if (isNegative(v)) errors.push({ field, zh: '金额不能为负数', en: 'amount must not be negative' });
  };
  if (plan.currency !== 'CNY') errors.push({ field: 'currency', zh: '目前仅支持人民币（CNY）', en: 'only CNY is supported' });
  if (compareDates(plan.endsOn, plan.effectiveOn) <= 0) errors.push({ field: 'endsOn', zh: '合同终止日须晚于生效日', en: 'the term must end after it takes effect' });
  money('entryFee', plan.entryFee);
  if (plan.trialMonths !== undefined && (!Number.isInteger(plan.trialMonths) || plan.trialMonths < 0 || plan.trialMonths > 60)) {
    errors.push({ field: 'trialMonths', zh: '试用期须为 0–60 个月的整数', en: 'the trial must be 0–60 whole months' });
  }
  const keys = new Set<string>();
  for (const [i, m] of (plan.milestones ?? []).entries()) {
    const f = `milestones[${i}]`;
    money(`${f}.amount`, m.amount);
    if (keys.has(m.key)) errors.push({ field: `${f}.key`, zh: '里程碑标识重复', en: 'duplicate milestone key' });
    keys.add(m.key);
    dueErrors(`${f}.due`, m.due, plan, errors);
  }
  if (plan.deferred) {
    money('deferred.amount', plan.deferred.amount);
    dueErrors('deferred.due', plan.deferred.due, plan, errors);
  }
  const r = plan.royalty;
  if (r) {
    if (!r.tiers.length) errors.push({ field: 'royalty.tiers', zh: '提成至少要有一档费率', en: 'a royalty needs at least one tier' });
    let previous: Money | null = null;
    for (const [i, t] of r.tiers.entries()) {
      const f = `royalty.tiers[${i}]`;
      if (typeof t.rate !== 'string' || !RATIO_PATTERN.test(t.rate)) {
        errors.push({ field: `${f}.rate`, zh: '费率须在 0% 到 100% 之间', en: 'the rate must be between 0% and 100%' });
      }
      const last = i === r.tiers.length - 1;
      if (t.upTo === null && !last) errors.push({ field: `${f}.upTo`, zh: '只有最后一档可以不设上限', en: 'only the last tier may be unbounded' });
      if (t.upTo !== null) {
        money(`${f}.upTo`, t.upTo);
        if (isMoney(t.upTo) && previous !== null && cmp(t.upTo, previous) <= 0) errors.push({ field: `${f}.upTo`, zh: '各档上限须递增', en: 'tier bounds must increase' });
        if (isMoney(t.upTo)) previous = t.upTo;
      }
      if (last && t.upTo !== null) errors.push({ field: `${f}.upTo`, zh: '最后一档须不设上限', en: 'the last tier must be unbounded' });
    }
    if (r.minimumAnnual != null) money('royalty.minimumAnnual', r.minimumAnnual);
    if (r.cap != null) money('royalty.cap', r.cap);
    if (r.minimumAnnual != null && r.cap != null && isMoney(r.minimumAnnual) && isMoney(r.cap) && cmp(r.minimumAnnual, r.cap) > 0) {
      errors.push({ field: 'royalty.minimumAnnual', zh: '年度最低提成不能高于提成总上限', en: 'the annual minimum cannot exceed the cap' });
    }
  }
  return errors;
}

function dueErrors(field: string, due: DueRule, plan: PaymentPlan, errors: PlanIssue[]) {
  if (!due.date && !due.event) errors.push({ field, zh: '须指定到期日期或触发事件', en: 'give a due date or a trigger event' });
  if (due.date && (compareDates(due.date, plan.endsOn) > 0 || compareDates(due.date, plan.effectiveOn) < 0)) {
    errors.push({ field: `${field}.date`, zh: `到期日须在合同期内（${plan.effectiveOn} 至 ${plan.endsOn}）`, en: `the due date must fall within the term (${plan.effectiveOn} to ${plan.endsOn})` });
  }
  if (due.daysAfterEvent !== undefined && (!Number.isInteger(due.daysAfterEvent) || due.daysAfterEvent < 0 || due.daysAfterEvent > 365)) {
    errors.push({ field: `${field}.daysAfterEvent`, zh: '事件后付款天数须为 0–365', en: 'days after the event must be 0–365' });
  }
}

/** Guidance warnings (DOMAIN §6: fixed fees above 2000万, royalties above 20% of net sales or 40% of profit). */
export function guidanceWarnings(plan: PaymentPlan): PlanIssue[] {
  const warnings: PlanIssue[] = [];
  const fixed = sum([plan.entryFee, ...(plan.milestones ?? []).map((m) => m.amount), ...(plan.deferred ? [plan.deferred.amount] : [])]);
  if (cmp(fixed, OPEN_LICENCE_GUIDANCE.maxFixed) > 0) {
    warnings.push({ field: 'entryFee', zh: `固定费用合计 ${fixed} 元，超过开放许可指导的 2000 万元`, en: `fixed fees total ${fixed} yuan, above the open-licence guidance of 20 million` });
  }
  const r = plan.royalty;
  if (r) {
    const limit = r.base === 'net_sales' ? OPEN_LICENCE_GUIDANCE.maxNetSalesRate : OPEN_LICENCE_GUIDANCE.maxProfitRate;
    for (const [i, t] of r.tiers.entries()) {
      if (RATIO_PATTERN.test(t.rate) && cmp(t.rate, limit) > 0) {
        const what = r.base === 'net_sales' ? { zh: '净销售额的 20%', en: '20% of net sales' } : { zh: '利润的 40%', en: '40% of profit' };
        warnings.push({ field: `royalty.tiers[${i}].rate`, zh: `提成费率高于开放许可指导的${what.zh}`, en: `the royalty rate is above the open-licence guidance of ${what.en}` });
      }
    }
  }
  return warnings;
}

/** Royalty on one increment of the year's cumulative base, by marginal tiers (each tier rounded to the fen). */
export function tieredRoyalty(tiers: readonly RoyaltyTier[], cumulativeBefore: Money, increment: Money): Money {
  return fenToMoney(tieredRoyaltyFen(tiers, moneyToFen(cumulativeBefore), moneyToFen(increment)));
}

function tieredRoyaltyFen(tiers: readonly RoyaltyTier[], from: bigint, increment: bigint): bigint {
  const to = from + increment;
  let owed = 0n;
  let lower = 0n;
  for (const t of tiers) {
    const upper = t.upTo === null ? to : moneyToFen(t.upTo);
    const a = maxFen(from, lower);
    const b = minFen(to, upper);
    if (b > a) owed += fenTimesRatio(b - a, t.rate);
    lower = upper;
    if (lower >= to) break;
  }
  return owed;
}

/** The contract year (0-based) a date falls in, counted from the effective date. */
function contractYear(plan: PaymentPlan, d: BusinessDate): number {
  let y = 0;
  while (compareDates(addYears(plan.effectiveOn, y + 1), d) <= 0) y++;
  return y;
}

const fmtRate = (r: Ratio) => `${(Number(r) * 100).toFixed(4).replace(/\.?0+$/, '')}%`;

/**
 * The schedule of obligations as of `facts.asOf`. Rules (DOMAIN §6.3):
 * - an event-triggered amount waits for its event; with a date as well, the earlier one decides;
 * - exit within the trial with nothing earned waives everything; with revenue earned, the
 *   royalties on it and whatever its events triggered stay due, the rest is waived;
 * - termination after the trial keeps what has accrued and ends future obligations;
 * - due dates on non-working days roll to the next Chinese working day.
 */
export function buildSchedule(plan: PaymentPlan, facts: PlanFacts, calendar: WorkdayCalendar): Obligation[] {
  const roll = (d: BusinessDate) => calendar.rollToWorkday(d);
  const trialEnd = plan.trialMonths ? addMonths(plan.effectiveOn, plan.trialMonths) : null;
  const end = facts.terminatedOn ?? null;
  const exitInTrial = !!(end && trialEnd && compareDates(end, trialEnd) < 0);
  const earned = facts.reports.some((r) => isPositive(r.amount));
  const eventOn = (e: TriggerEvent) =>
    facts.events
      .filter((x) => x.event === e)
      .map((x) => x.on)
      .sort()[0] ?? null;
  const out: Obligation[] = [];

  /** When a due rule resolves, and why; null while waiting. */
  const resolve = (due: DueRule): { on: BusinessDate; why: { zh: string; en: string } } | null => {
    const happened = due.event ? eventOn(due.event) : null;
    const byEvent = happened ? addDays(happened, due.daysAfterEvent ?? 30) : null;
    const candidates = [
      ...(due.date ? [{ on: due.date, why: { zh: `约定日期 ${due.date}`, en: `agreed date ${due.date}` } }] : []),
      ...(byEvent
        ? [
            {
              on: byEvent,
              why: {
                zh: `${TRIGGER_EVENT_LABELS[due.event!].zh}于 ${happened}，其后 ${due.daysAfterEvent ?? 30} 日`,
                en: `${TRIGGER_EVENT_LABELS[due.event!].en} on ${happened}, plus ${due.daysAfterEvent ?? 30} days`,
              },
            },
          ]
        : []),
    ].sort((a, b) => compareDates(a.on, b.on));
    return candidates[0] ?? null;
  };

  /** Whether an obligation falling due on `on` survives an early end. */
  const survives = (on: BusinessDate | null, triggeredByEvent: boolean) => {
    if (!end) return true;
    if (exitInTrial) return earned && triggeredByEvent && on !== null;
    return on !== null && (compareDates(on, end) <= 0 || triggeredByEvent);
  };

  const fixed = (key: string, kind: ObligationKind, label: string, amount: Money, due: DueRule) => {
    const r = resolve(due);
    const byEvent = !!(r && due.event && eventOn(due.event) && (!due.date || compareDates(addDays(eventOn(due.event)!, due.daysAfterEvent ?? 30), due.date) <= 0));
    const keep = survives(r?.on ?? null, byEvent);
    const waived = !!end && !keep;
    out.push({
      key,
      kind,
      label,
      amount,
      dueOn: r && !waived ? roll(r.on) : null,
      state: waived ? 'waived' : r ? 'scheduled' : 'awaiting_event',
      explanation: waived
        ? exitInTrial
          ? {
              zh: `试用期内（${trialEnd} 前）于 ${end} 退出${earned ? '，未由已发生事件触发' : '且无收入'}，免付`,
              en: `exit on ${end} within the trial (before ${trialEnd})${earned ? ', not triggered by an event that occurred' : ' with nothing earned'}: waived`,
            }
          : { zh: `合同于 ${end} 终止，此前未到期，免付`, en: `the contract ended on ${end} before this fell due: waived` }
        : r
          ? { zh: `${r.why.zh}；遇非工作日顺延至 ${roll(r.on)}`, en: `${r.why.en}; rolled to the working day ${roll(r.on)}` }
          : {
              zh: `待“${due.event ? TRIGGER_EVENT_LABELS[due.event].zh : ''}”${due.date ? `或 ${due.date}` : ''}`,
              en: `awaiting ${due.event ? TRIGGER_EVENT_LABELS[due.event].en : ''}${due.date ? ` or ${due.date}` : ''}`,
            },
    });
  };

  if (isPositive(plan.entryFee)) {
    fixed('entry', 'entry_fee', '入门费', plan.entryFee, { date: addDays(plan.effectiveOn, plan.entryFeeDueDays ?? 30) });
  }
  for (const m of plan.milestones ?? []) fixed(`milestone:${m.key}`, 'milestone', m.label, m.amount, m.due);
  if (plan.deferred && isPositive(plan.deferred.amount)) fixed('deferred', 'deferred', '延期支付', plan.deferred.amount, plan.deferred.due);

  const r = plan.royalty;
  if (r) {
    const dueDays = r.dueDaysAfterPeriod ?? 30;
    const cap = r.cap != null ? moneyToFen(r.cap) : null;
    const cumulative = new Map<number, bigint>();
    const byYear = new Map<number, bigint>();
    let total = 0n;
    const reports = [...facts.reports].sort((a, b) => compareDates(a.periodEnd, b.periodEnd));
    const rates = r.tiers.map((t) => `${t.upTo ? `≤${t.upTo}` : '以上'} ${fmtRate(t.rate)}`).join('，');
    for (const rep of reports) {
      const year = contractYear(plan, rep.periodEnd);
      const before = cumulative.get(year) ?? 0n;
      const base = isNegative(rep.amount) ? 0n : moneyToFen(rep.amount);
      cumulative.set(year, before + base);
      let owed = tieredRoyaltyFen(r.tiers, before, base);
      const capped = cap !== null && total + owed > cap;
      if (capped) owed = maxFen(cap - total, 0n);
      total += owed;
      byYear.set(year, (byYear.get(year) ?? 0n) + owed);
      const [baseS, beforeS, owedS] = [fenToMoney(base), fenToMoney(before), fenToMoney(owed)];
      out.push({
        key: `royalty:${rep.periodStart}:${rep.periodEnd}`,
        kind: 'royalty',
        label: `提成 ${rep.periodStart}～${rep.periodEnd}`,
        amount: owedS,
        dueOn: roll(addDays(rep.periodEnd, dueDays)),
        state: 'scheduled',
        explanation: {
          zh: `${r.base === 'net_sales' ? '净销售额' : '利润'} ${baseS} 元 × 分档费率（${rates}；本合同年度此前累计 ${beforeS} 元）= ${owedS} 元${capped ? `；已达提成总上限 ${r.cap} 元` : ''}；报告期结束后 ${dueDays} 日到期`,
          en: `${r.base === 'net_sales' ? 'net sales' : 'profit'} ${baseS} × tiered rates (year-to-date before: ${beforeS}) = ${owedS}${capped ? `; capped at ${r.cap}` : ''}; due ${dueDays} days after the period`,
        },
      });
    }
    // Annual minimum: for each contract year that has ended (by asOf, or by termination after the trial).
    if (r.minimumAnnual != null && isPositive(r.minimumAnnual) && !exitInTrial) {
      const minimum = moneyToFen(r.minimumAnnual);
      for (let y = 0; ; y++) {
        const yearStart = addYears(plan.effectiveOn, y);
        const yearEnd = addDays(addYears(plan.effectiveOn, y + 1), -1);
        if (compareDates(yearStart, plan.endsOn) > 0) break;
        const closes = end && compareDates(end, yearEnd) < 0 ? end : yearEnd;
        if (compareDates(closes, facts.asOf) >= 0) break;
        if (trialEnd && compareDates(yearEnd, trialEnd) < 0) continue;
        const paid = byYear.get(y) ?? 0n;
        let topUp = maxFen(minimum - paid, 0n);
        if (cap !== null) topUp = minFen(topUp, maxFen(cap - total, 0n));
        total += topUp;
        if (topUp > 0n) {
          const [paidS, topUpS] = [fenToMoney(paid), fenToMoney(topUp)];
          out.push({
            key: `minimum:${y + 1}`,
            kind: 'minimum_royalty',
            label: `第 ${y + 1} 合同年度最低提成补足`,
            amount: topUpS,
            dueOn: roll(addDays(closes, dueDays)),
            state: 'scheduled',
            explanation: {
              zh: `年度最低提成 ${r.minimumAnnual} 元 − 本年度已计提成 ${paidS} 元 = ${topUpS} 元（${yearStart}～${closes}）`,
              en: `annual minimum ${r.minimumAnnual} − royalties of the year ${paidS} = ${topUpS} (${yearStart} to ${closes})`,
            },
          });
        }
        if (end && compareDates(end, yearEnd) <= 0) break;
      }
    }
  }
  return out;
}

/** The total still owed by the schedule (waived and awaiting obligations excluded). */
export function scheduledTotal(obligations: readonly Obligation[]): Money {
  return sum(obligations.filter((o) => o.state === 'scheduled').map((o) => o.amount));
}

/** The fixed part of a plan (entry, milestones, deferred): the contract amount known at signing. */
export const fixedAmount = (p: PaymentPlan): Money => sum([p.entryFee, ...(p.milestones ?? []).map((m) => m.amount), ...(p.deferred ? [p.deferred.amount] : [])]);
