import { FUNDING_TYPE_LABELS, FUNDING_TYPES, IP_TYPE_LABELS, IP_TYPES, TRANSFORMATION_MODE_LABELS, TRANSFORMATION_MODES } from '../../../common/achievements.js';
import type { AnnualReport, ProjectLine } from '../../../common/api/reports.js';
import type { AchievementEventFacts } from '../achievements/index.js';
import { cmp, isMoney, type Money, sub, sum, toFen } from '../../../common/money.js';

/**
 * The 科技成果转化年度报告 (DOMAIN §14) rolled up from the ledger: pure aggregation over the
 * achievements of one institution, their ledger events and its equity holdings. No I/O.
 */

/** Contracts of at least this amount are counted in the ≥100万 band (national statistics, S22c). */
export const LARGE_CONTRACT_THRESHOLD: Money = '1000000.00';

/** Statuses in which a record entered by import counts as obtained (in the ledger, past review). */
const OBTAINED_ON_RECORD = new Set(['accepted', 'assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed', 'disposed']);

export interface ReportAchievement {
  id: string;
  number: string;
  title: string;
  ipType: string;
  fundingType: string;
}

export interface ReportEvent {
  achievementId: string;
  seq: number;
  /** Business date (Asia/Shanghai) of the event. */
  on: string;
  /** What the event says, as the achievements module reads its own payloads. */
  facts: AchievementEventFacts;
}

export interface ReportHolding {
  achievementId: string | null;
  companyName: string;
  companyCreditCode: string;
  acquiredOn: string;
}

export interface AnnualReportInput {
  year: number;
  organisation: { id: string; name: string; creditCode: string };
  achievements: readonly ReportAchievement[];
  events: readonly ReportEvent[];
  holdings: readonly ReportHolding[];
  /** Rewards paid and equity allocated in the year, from the distribution module. */
  rewards: ReportRewards;
}

export interface ReportRewards {
  cash: Money;
  taxable: Money;
  cashPeople: number;
  equity: Money;
  equityPeople: number;
}

/** One transformed project; `received` is cumulative on the achievement by the end of the year. */
export type { AnnualReport, ProjectLine };

/** The cumulative received amount an event sets, when it sets one. */
function receivedIn(e: ReportEvent): Money | null {
  const v = e.facts.receivedAmount;
  return isMoney(v) ? toFen(v) : null;
}

export function annualReport(input: AnnualReportInput): AnnualReport {
  const from = `${input.year}-01-01`;
  const to = `${input.year}-12-31`;
  const inYear = (d: string) => d >= from && d <= to;
  const byId = new Map(input.achievements.map((a) => [a.id, a]));
  const eventsOf = new Map<string, ReportEvent[]>();
  for (const e of [...input.events].sort((a, b) => (a.achievementId === b.achievementId ? a.seq - b.seq : a.achievementId < b.achievementId ? -1 : 1))) {
    eventsOf.set(e.achievementId, [...(eventsOf.get(e.achievementId) ?? []), e]);
  }

  // 1. Achievements obtained in the year: accepted into the ledger (or recorded past review by import).
  const obtained: ReportAchievement[] = [];
  for (const [id, events] of eventsOf) {
    const a = byId.get(id);
    if (!a) continue;
    const first = events.find((e) => e.facts.accepted || (e.facts.recordedStatus !== null && OBTAINED_ON_RECORD.has(e.facts.recordedStatus)));
    if (first && inYear(first.on)) obtained.push(a);
  }

  // 2. Transformations completed in the year, and 3. the money received in the year.
  const counterpartyOf = new Map<string, string>();
  for (const h of input.holdings) if (h.achievementId && !counterpartyOf.has(h.achievementId)) counterpartyOf.set(h.achievementId, h.companyName);
  const projects: ProjectLine[] = [];
  const receivedInYear: Money[] = [];
  for (const [id, events] of eventsOf) {
    const a = byId.get(id);
    if (!a) continue;
    let received: Money = '0.00';
    let receivedAtYearEnd: Money = '0.00';
    for (const e of events) {
      const next = receivedIn(e);
      if (next !== null) {
        if (inYear(e.on)) receivedInYear.push(sub(next, received));
        received = next;
      }
      if (e.on <= to) receivedAtYearEnd = received;
    }
    for (const e of events) {
      if (!e.facts.completed || !inYear(e.on)) continue;
      const mode = e.facts.completed.transformationMode;
      projects.push({
        number: a.number,
        title: a.title,
        mode,
        modeLabel: TRANSFORMATION_MODE_LABELS[mode]?.zh ?? mode,
        counterparty: counterpartyOf.get(id) ?? null,
        contractAmount: toFen(e.facts.completed.contractAmount),
        received: receivedAtYearEnd,
        date: e.on,
      });
    }
  }
  projects.sort((x, y) => (x.date === y.date ? (x.number < y.number ? -1 : 1) : x.date < y.date ? -1 : 1));

  const large = projects.filter((p) => cmp(p.contractAmount, LARGE_CONTRACT_THRESHOLD) >= 0);
  const small = projects.filter((p) => cmp(p.contractAmount, LARGE_CONTRACT_THRESHOLD) < 0);
  const companies = new Map<string, ReportHolding>();
  for (const h of input.holdings) if (inYear(h.acquiredOn) && !companies.has(h.companyCreditCode)) companies.set(h.companyCreditCode, h);

  return {
    year: input.year,
    period: { from, to },
    organisation: input.organisation,
    title: `${input.organisation.name} ${input.year} 年度科技成果转化年度报告`,
    obtained: {
      total: obtained.length,
      basis: '当年受理入账（或以已受理状态导入）的职务科技成果',
      byType: IP_TYPES.map((t) => ({ ipType: t, label: IP_TYPE_LABELS[t].zh, count: obtained.filter((a) => a.ipType === t).length })),
      bySource: FUNDING_TYPES.map((f) => ({ fundingType: f, label: FUNDING_TYPE_LABELS[f].zh, count: obtained.filter((a) => a.fundingType === f).length })),
    },
    transformations: {
      total: projects.length,
      basis: '当年完成转化（签约）的成果，按转化方式',
      byMode: TRANSFORMATION_MODES.map((m) => {
        const ps = projects.filter((p) => p.mode === m);
        return { mode: m, label: TRANSFORMATION_MODE_LABELS[m].zh, count: ps.length, amount: sum(ps.map((p) => p.contractAmount)) };
      }),
    },
    contracts: {
      count: projects.length,
      amount: sum(projects.map((p) => p.contractAmount)),
      bands: [
        { band: 'gte_1m', label: '100万元及以上', count: large.length, amount: sum(large.map((p) => p.contractAmount)) },
        { band: 'lt_1m', label: '100万元以下', count: small.length, amount: sum(small.map((p) => p.contractAmount)) },
      ],
    },
    receivedInYear: { amount: sum(receivedInYear), basis: '当年台账到账金额的增加额（按台账事件逐笔累计）' },
    equityCompanies: {
      count: companies.size,
      basis: '当年作价入股形成股权的公司（按统一社会信用代码去重）',
      items: [...companies.values()].map((h) => ({ companyName: h.companyName, companyCreditCode: h.companyCreditCode, acquiredOn: h.acquiredOn })),
    },
    rewards: {
      ...input.rewards,
      total: sum([input.rewards.cash, input.rewards.equity]),
      basis: '现金奖励按当年实际发放额（收益分配台账），应税额按财税〔2018〕58号计算；股权奖励按当年划转给完成人的股权账面价值',
    },
    projects,
  };
}
