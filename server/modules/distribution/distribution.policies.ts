import type { BusinessDate } from '../../../common/calendar.js';
import { businessDateOf } from '../../../common/calendar.js';
import { cmp } from '../../../common/money.js';
import { INSTITUTION_KINDS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf } from '../../lib/context.js';
import { fieldErrors, forbidden } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import type { Policy, PolicyComparison, PolicyKey, PolicyList } from '../../../common/api/distribution.js';
import { POLICY_KEYS } from '../../../common/distribution.js';
import { type DistributionPolicy, FLOORS, validatePolicy } from './rules.js';

/**
 * Each institution's distribution policy, in versions with effective dates. A receipt is
 * distributed under the version in force on the day it arrived; with no version in force the
 * law's floors apply (Art. 45 ¶1: no rule, no agreement → the statutory minimums).
 */

/** A policy version as the API shows it; `statutory` is true when no version is in force and the law's floors apply. */
export type PolicyInForce = DistributionPolicy & Policy;

export const DEFAULT_PUBLICITY_WORKING_DAYS = 15;

/** Version 0: the law's floors, used until an institution sets its own policy. */
export const STATUTORY_POLICY: PolicyInForce = {
  version: 0,
  effectiveFrom: '1996-10-01',
  teamShareOfNetIncome: '0.5',
  teamShareOfEquity: '0.5',
  teamShareOfOperatingProfit: '0.05',
  operatingProfitYears: 3,
  mainContributorsShare: '0.5',
  officeShareOfRetained: '0.15',
  collegeShareOfRemainder: '0',
  publicityWorkingDays: DEFAULT_PUBLICITY_WORKING_DAYS,
  note: '单位未制定规定、也未与完成人约定时，适用法定最低标准（《促进科技成果转化法》第四十五条第一款）',
  statutory: true,
};

interface PolicyRow {
  organisation_id: string;
  version: number;
  effective_from: string;
  team_share_of_net_income: string;
  team_share_of_equity: string;
  team_share_of_operating_profit: string;
  operating_profit_years: number;
  main_contributors_share: string;
  office_share_of_retained: string;
  college_share_of_remainder: string;
  publicity_working_days: number;
  note: string;
  created_at: Date;
}

/** Ratios as stored (numeric(7,6)) without trailing zeros: '0.500000' → '0.5'. */
const ratio = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s) || '0';

function fromRow(r: PolicyRow): PolicyInForce {
  return {
    version: r.version,
    effectiveFrom: r.effective_from,
    teamShareOfNetIncome: ratio(r.team_share_of_net_income),
    teamShareOfEquity: ratio(r.team_share_of_equity),
    teamShareOfOperatingProfit: ratio(r.team_share_of_operating_profit),
    operatingProfitYears: r.operating_profit_years,
    mainContributorsShare: ratio(r.main_contributors_share),
    officeShareOfRetained: ratio(r.office_share_of_retained),
    collegeShareOfRemainder: ratio(r.college_share_of_remainder),
    publicityWorkingDays: r.publicity_working_days,
    note: r.note,
    statutory: false,
  };
}

export async function policyInForce(db: Queryable, organisationId: string, on: BusinessDate): Promise<PolicyInForce> {
  const { rows } = await db.query<PolicyRow>('select * from distribution_policies where organisation_id = $1 and effective_from <= $2 order by effective_from desc limit 1', [organisationId, on]);
  return rows[0] ? fromRow(rows[0]) : STATUTORY_POLICY;
}

/** Every version of one institution, newest first, and the one in force today. */
export async function listPolicies(ctx: Ctx, organisationId: string): Promise<PolicyList> {
  const { rows } = await ctx.db.query<PolicyRow>('select * from distribution_policies where organisation_id = $1 order by version desc', [organisationId]);
  const today = businessDateOf(ctx.now);
  return { inForce: await policyInForce(ctx.db, organisationId, today), versions: rows.map(fromRow), floors: [...FLOORS] };
}

export type NewPolicy = Omit<DistributionPolicy, 'version'> & { publicityWorkingDays?: number | undefined; note?: string | undefined };

/**
 * Adds a version. A setting below a legal floor is refused citing the clause; versions take
 * effect in order, so a new one may not start on or before the latest one's start.
 */
export async function createPolicy(ctx: Ctx, organisationId: string, input: NewPolicy) {
  if (!isOfficeOf(ctx.actor, organisationId)) throw forbidden();
  const issues = validatePolicy({ ...input, version: 1 }).map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en }));
  const days = input.publicityWorkingDays ?? DEFAULT_PUBLICITY_WORKING_DAYS;
  if (!Number.isInteger(days) || days < 5 || days > 30)
    issues.push({ field: 'body.publicityWorkingDays', zh: '公示期须为 5–30 个工作日（通常不少于 15 个工作日）', en: 'the publicity period is 5–30 working days (commonly at least 15)' });
  if (issues.length) throw fieldErrors(issues);
  return inTransaction(ctx, async (tx) => {
    await tx.db.query('select id from organisations where id = $1 for update', [organisationId]);
    const { rows: last } = await tx.db.query<{ version: number; effective_from: string }>(
      'select version, effective_from from distribution_policies where organisation_id = $1 order by version desc limit 1',
      [organisationId],
    );
    const prev = last[0];
    if (prev && input.effectiveFrom <= prev.effective_from) {
      throw fieldErrors([
        {
          field: 'body.effectiveFrom',
          zh: `生效日期须晚于现行第 ${prev.version} 版的生效日期 ${prev.effective_from}`,
          en: `must be after the start of version ${prev.version} (${prev.effective_from})`,
        },
      ]);
    }
    const version = (prev?.version ?? 0) + 1;
    await tx.db.query(
      `insert into distribution_policies (organisation_id, version, effective_from, team_share_of_net_income, team_share_of_equity, team_share_of_operating_profit,
         operating_profit_years, main_contributors_share, office_share_of_retained, college_share_of_remainder, publicity_working_days, note, created_by, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [
        organisationId,
        version,
        input.effectiveFrom,
        input.teamShareOfNetIncome,
        input.teamShareOfEquity,
        input.teamShareOfOperatingProfit,
        input.operatingProfitYears,
        input.mainContributorsShare,
        input.officeShareOfRetained,
        input.collegeShareOfRemainder,
        days,
        input.note ?? '',
        tx.actor?.userId ?? null,
        tx.now,
      ],
    );
    const payload = { version, ...input, publicityWorkingDays: days };
    await appendEvent(tx, { stream: `distribution-policy:${organisationId}`, type: 'distribution.policy_set', payload });
    await audit(tx, { action: 'distribution.policy', entity: 'organisation', entityId: organisationId, organisationId, after: payload });
    return policyInForce(tx.db, organisationId, input.effectiveFrom);
  });
}

/** Every setting is compared, in the order of the policy form. */
const COMPARED: readonly PolicyKey[] = POLICY_KEYS;

/** The bureau's view: every institution's policy in force today beside the floors, highest first. */
export async function comparePolicies(ctx: Ctx): Promise<PolicyComparison> {
  const today = businessDateOf(ctx.now);
  const { rows } = await ctx.db.query<{ id: string; name: string; kind: string; versions: number }>(
    `select o.id, o.name, o.kind, (select count(*)::int from distribution_policies p where p.organisation_id = o.id) as versions
     from organisations o where o.kind = any($1) and o.is_active order by o.name`,
    [INSTITUTION_KINDS],
  );
  const items = [];
  for (const o of rows) {
    const p = await policyInForce(ctx.db, o.id, today);
    items.push({
      organisation: { id: o.id, name: o.name, kind: o.kind },
      versions: o.versions,
      policy: p,
      aboveFloor: COMPARED.filter((k) => {
        const floor = FLOORS.find((f) => f.key === k);
        return floor && (typeof floor.min === 'number' ? Number(p[k]) > floor.min : cmp(String(p[k]), floor.min) > 0);
      }),
    });
  }
  items.sort((a, b) => cmp(b.policy.teamShareOfNetIncome, a.policy.teamShareOfNetIncome) || a.organisation.name.localeCompare(b.organisation.name, 'zh-CN'));
  return { asOf: today, floors: [...FLOORS], items };
}
