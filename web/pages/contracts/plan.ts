import dayjs, { type Dayjs } from 'dayjs';
import { percentToRatio, ratioToPercent } from '../../../common/money';
import { readMoney } from '../../lib/format';
import type { DueRule, PaymentPlan } from '../../../common/api/contracts';
import type { TriggerEvent } from '../../../common/contracts';

/**
 * The payment-plan builder's form values and their conversion to and from the API's PaymentPlan.
 * The form mirrors the plan's shape (milestones.0.due.date, royalty.tiers.0.rate) so that the
 * server's field errors land on the field they name. Pure apart from dayjs.
 */

export const DATE_FORMAT = 'YYYY-MM-DD';

export interface DueValues {
  date?: Dayjs | null;
  event?: TriggerEvent | null;
  daysAfterEvent?: number | null;
}

export interface PlanFormValues {
  effectiveOn?: Dayjs | null;
  endsOn?: Dayjs | null;
  entryFee?: string;
  entryFeeDueDays?: number | null;
  trialMonths?: number | null;
  milestones?: Array<{ key?: string; label?: string; amount?: string; due?: DueValues }>;
  hasDeferred?: boolean;
  deferred?: { amount?: string; due?: DueValues };
  hasRoyalty?: boolean;
  royalty?: {
    base?: 'net_sales' | 'profit';
    /** Rates are typed as percentages ("3" = 3 %). */
    tiers?: Array<{ upTo?: string | null; rate?: string }>;
    minimumAnnual?: string | null;
    cap?: string | null;
    dueDaysAfterPeriod?: number | null;
  };
}

/** An amount as typed ("5万", "50,000") → "50000.00"; what cannot be read goes as typed, for the server to name. */
export function moneyOf(input: string | null | undefined): string {
  return readMoney(input) ?? (input ?? '').trim();
}

/** "3" (%) → "0.03"; what cannot be read goes as typed. */
export function rateOf(percent: string | null | undefined): string {
  const s = (percent ?? '').trim().replace(/%$/, '');
  try {
    return percentToRatio(s);
  } catch {
    return s;
  }
}

export function isPercentInput(percent: string | null | undefined): boolean {
  const s = (percent ?? '').trim().replace(/%$/, '');
  return /^\d+(\.\d+)?$/.test(s) && Number(s) <= 100;
}

const blank = (s: string | null | undefined) => !s?.trim();
const day = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : null);

function dueOf(v: DueValues | undefined): DueRule {
  const rule: DueRule = {};
  const date = day(v?.date);
  if (date) rule.date = date;
  if (v?.event) {
    rule.event = v.event;
    rule.daysAfterEvent = v.daysAfterEvent ?? 30;
  }
  return rule;
}

/** The plan the form describes, as PUT /contracts/{id}/plan takes it. */
export function formToPlan(v: PlanFormValues): PaymentPlan {
  const plan: PaymentPlan = {
    currency: 'CNY',
    effectiveOn: day(v.effectiveOn) ?? '',
    endsOn: day(v.endsOn) ?? '',
    entryFee: blank(v.entryFee) ? '0.00' : moneyOf(v.entryFee),
  };
  if (v.entryFeeDueDays != null) plan.entryFeeDueDays = v.entryFeeDueDays;
  if (v.trialMonths != null) plan.trialMonths = v.trialMonths;
  const used = new Set<string>();
  plan.milestones = (v.milestones ?? []).map((m, i) => {
    let key = m.key && /^[\w-]{1,40}$/.test(m.key) && !used.has(m.key) ? m.key : `m${i + 1}`;
    while (used.has(key)) key = `${key}-${i + 1}`;
    used.add(key);
    return { key, label: (m.label ?? '').trim(), amount: moneyOf(m.amount), due: dueOf(m.due) };
  });
  plan.deferred = v.hasDeferred && v.deferred ? { amount: moneyOf(v.deferred.amount), due: dueOf(v.deferred.due) } : null;
  if (v.hasRoyalty && v.royalty) {
    const r = v.royalty;
    const tiers = r.tiers?.length ? r.tiers : [{ rate: '' }];
    plan.royalty = {
      base: r.base ?? 'net_sales',
      // The last tier is unbounded whatever its field holds.
      tiers: tiers.map((t, i) => ({ upTo: i === tiers.length - 1 || blank(t.upTo) ? null : moneyOf(t.upTo), rate: rateOf(t.rate) })),
      minimumAnnual: blank(r.minimumAnnual) ? null : moneyOf(r.minimumAnnual),
      cap: blank(r.cap) ? null : moneyOf(r.cap),
    };
    if (r.dueDaysAfterPeriod != null) plan.royalty.dueDaysAfterPeriod = r.dueDaysAfterPeriod;
  } else {
    plan.royalty = null;
  }
  return plan;
}

function dueValues(d: DueRule | undefined): DueValues {
  return { date: d?.date ? dayjs(d.date) : null, event: d?.event ?? null, daysAfterEvent: d?.event ? (d.daysAfterEvent ?? 30) : null };
}

const percent = (ratio: string) => {
  try {
    return ratioToPercent(ratio);
  } catch {
    return ratio;
  }
};

/** The form's values for a stored plan, or a use-first-pay-later starting point when there is none. */
export function planToForm(plan: PaymentPlan | null, today: string): PlanFormValues {
  if (!plan) {
    const start = dayjs(today);
    return {
      effectiveOn: start,
      endsOn: start.add(3, 'year').subtract(1, 'day'),
      entryFee: '0',
      trialMonths: 12,
      milestones: [],
      hasDeferred: false,
      deferred: { due: { daysAfterEvent: 30 } },
      hasRoyalty: false,
      royalty: { base: 'net_sales', tiers: [{ upTo: null, rate: '' }] },
    };
  }
  return {
    effectiveOn: dayjs(plan.effectiveOn),
    endsOn: dayjs(plan.endsOn),
    entryFee: plan.entryFee,
    entryFeeDueDays: plan.entryFeeDueDays ?? null,
    trialMonths: plan.trialMonths ?? null,
    milestones: (plan.milestones ?? []).map((m) => ({ key: m.key, label: m.label, amount: m.amount, due: dueValues(m.due) })),
    hasDeferred: !!plan.deferred,
    deferred: plan.deferred ? { amount: plan.deferred.amount, due: dueValues(plan.deferred.due) } : { due: { daysAfterEvent: 30 } },
    hasRoyalty: !!plan.royalty,
    royalty: plan.royalty
      ? {
          base: plan.royalty.base,
          tiers: plan.royalty.tiers.map((t) => ({ upTo: t.upTo, rate: percent(t.rate) })),
          minimumAnnual: plan.royalty.minimumAnnual ?? null,
          cap: plan.royalty.cap ?? null,
          dueDaysAfterPeriod: plan.royalty.dueDaysAfterPeriod ?? null,
        }
      : { base: 'net_sales', tiers: [{ upTo: null, rate: '' }] },
  };
}

export type FieldPath = Array<string | number>;

const KNOWN_FIELDS = [
  /^(effectiveOn|endsOn|entryFee|entryFeeDueDays|trialMonths)$/,
  /^milestones\.\d+\.(label|amount|due\.(date|event|daysAfterEvent))$/,
  /^deferred\.(amount|due\.(date|event|daysAfterEvent))$/,
  /^royalty\.(base|minimumAnnual|cap|dueDaysAfterPeriod)$/,
  /^royalty\.tiers\.\d+\.(upTo|rate)$/,
];

/**
 * The form field a server path names, or null when no single field fits. Both spellings arrive:
 * `body.royalty.tiers.0.rate` (schema errors) and `body.milestones[0].due.date` (plan rules).
 * A due rule as a whole (`milestones[0].due`) lands on its date; a milestone's key on its name.
 */
export function formFieldOf(serverField: string): FieldPath | null {
  const parts: FieldPath = serverField
    .replace(/^(body|query|params)\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[parts.length - 1] === 'due') parts.push('date');
  if (parts[0] === 'milestones' && parts[2] === 'key') parts[2] = 'label';
  const joined = parts.join('.');
  return KNOWN_FIELDS.some((re) => re.test(joined)) ? parts : null;
}

/** The first day after the trial (an exit before it is within the trial), when the plan has one. */
export function trialEnd(plan: PaymentPlan | null): string | null {
  if (!plan?.trialMonths) return null;
  return dayjs(plan.effectiveOn).add(plan.trialMonths, 'month').format(DATE_FORMAT);
}
