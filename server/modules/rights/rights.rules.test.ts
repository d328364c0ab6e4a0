import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears } from '../../../common/calendar.js';
import {
  applicationIssues,
  approvalBlockers,
  availableActions,
  checkTransition,
  coOwnershipAfter,
  GRANT_ACTIONS,
  GRANT_STATUSES,
  GRANT_TRANSITIONS,
  type GrantPerformer,
  type GrantRequest,
  missingConsents,
} from './grant-machine.js';
import { DEFAULT_RIGHTS_POLICY, policyOn, type RightsPolicy, validateRightsPolicy } from './policy.js';

const policy: RightsPolicy = { ...DEFAULT_RIGHTS_POLICY, version: 2, effectiveFrom: '2026-01-01' };
const completers = ['王海洋', '刘波'];
const consent = (name: string) => ({ name, signedOn: '2026-11-20', evidence: `同意书-${name}.pdf` });
const good: GrantRequest = {
  kind: 'ownership',
  teamShare: '0.8',
  plan: {
    summary: '以赋权后的 80% 份额作价入股青岛蓝鲸海洋科技有限公司，实施产业化',
    counterpartyName: '青岛蓝鲸海洋科技有限公司',
    counterpartyCreditCode: '91370212MA3C0XXX0X',
    appraisedValue: '2500000.00',
    appraisalRef: '青衡评报字〔2026〕第 018 号',
    clearTitle: true,
  },
  consents: completers.map(consent),
};
const all = new Set<GrantPerformer>(['applicant', 'department', 'office', 'approver']);

describe('rights policy', () => {
  it('the default follows DOMAIN §4: 80% to the team, 5 + ≥10 years of use right, 200万 threshold, 15 working days, no second reward', () => {
    expect(DEFAULT_RIGHTS_POLICY).toMatchObject({
      maxTeamShare: '0.8',
      useRightFirstTermYears: 5,
      useRightCumulativeMinYears: 10,
      minAppraisedValue: '2000000.00',
      publicityDays: 15,
      agreedProceedsTriggerReward: false,
    });
    expect(validateRightsPolicy(DEFAULT_RIGHTS_POLICY)).toEqual([]);
  });

  it('refuses a cumulative use-right minimum below the Shandong 10 years, citing the clause', () => {
    const issues = validateRightsPolicy({ ...DEFAULT_RIGHTS_POLICY, useRightCumulativeMinYears: 8 });
    expect(issues).toEqual([expect.objectContaining({ field: 'useRightCumulativeMinYears' })]);
    expect(issues[0]!.zh).toContain('10 年');
    expect(issues[0]!.zh).toContain('S8');
  });

  it('refuses every bad parameter at once', () => {
    const issues = validateRightsPolicy({ ...DEFAULT_RIGHTS_POLICY, maxTeamShare: '0', useRightFirstTermYears: 0, publicityDays: 3, minAppraisedValue: '-1.00', effectiveFrom: '2026/01/01' });
    expect(issues.map((i) => i.field).sort()).toEqual(['effectiveFrom', 'maxTeamShare', 'minAppraisedValue', 'publicityDays', 'useRightFirstTermYears']);
  });

  it('a first term longer than the cumulative minimum is refused', () => {
    expect(validateRightsPolicy({ ...DEFAULT_RIGHTS_POLICY, useRightFirstTermYears: 12 }).map((i) => i.field)).toEqual(['useRightFirstTermYears']);
  });

  it('the version in force is the latest effective on or before the day; the default before any', () => {
    const v1 = { ...policy, version: 1, effectiveFrom: '2026-01-01', maxTeamShare: '0.7' };
    const v2 = { ...policy, version: 2, effectiveFrom: '2027-01-01', maxTeamShare: '0.9' };
    expect(policyOn([v2, v1], '2025-12-31').version).toBe(0);
    expect(policyOn([v2, v1], '2026-01-01').maxTeamShare).toBe('0.7');
    expect(policyOn([v2, v1], '2026-12-31').version).toBe(1);
    expect(policyOn([v2, v1], '2027-01-01').version).toBe(2);
  });
});

describe('grant application against the policy', () => {
  it('a complete application passes', () => {
    expect(applicationIssues(good, completers, policy)).toEqual([]);
  });

  it('names every completer whose written consent is missing', () => {
    const issues = applicationIssues({ ...good, consents: [consent('王海洋')] }, ['王海洋', '刘波', '赵一'], policy);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'consents' });
    expect(issues[0]!.zh).toContain('刘波、赵一');
    expect(issues[0]!.en).toContain('刘波, 赵一');
    // A consent without its document does not count.
    expect(missingConsents(['王海洋'], [{ name: '王海洋', signedOn: '2026-11-20', evidence: ' ' }])).toEqual(['王海洋']);
  });

  it('refuses a share above the policy maximum, naming the maximum and the version', () => {
    const issues = applicationIssues({ ...good, teamShare: '0.85' }, completers, policy);
    expect(issues).toEqual([expect.objectContaining({ field: 'teamShare' })]);
    expect(issues[0]!.zh).toContain('0.85');
    expect(issues[0]!.zh).toContain('0.8');
    expect(issues[0]!.zh).toContain('第 2 版');
  });

  it('refuses a use-right term below the cumulative minimum', () => {
    const issues = applicationIssues({ ...good, kind: 'use_right', teamShare: null, useRightYears: 8 }, completers, policy);
    expect(issues).toEqual([expect.objectContaining({ field: 'useRightYears' })]);
    expect(issues[0]!.zh).toContain('8 年低于下限 10 年');
    expect(applicationIssues({ ...good, kind: 'use_right', teamShare: null, useRightYears: 10 }, completers, policy)).toEqual([]);
  });

  it('checks eligibility: appraised value threshold, clear title, identified counterparty', () => {
    const issues = applicationIssues({ ...good, plan: { summary: '方案', appraisedValue: '1500000.00', appraisalRef: 'x', clearTitle: false } }, completers, policy);
    expect(issues.map((i) => i.field).sort()).toEqual(['plan.appraisedValue', 'plan.clearTitle', 'plan.counterpartyName']);
    const relaxed = { ...policy, minAppraisedValue: null, requireClearTitle: false, requireCounterparty: false };
    expect(applicationIssues({ ...good, plan: { summary: '方案', clearTitle: false } }, completers, relaxed)).toEqual([]);
  });
});

describe('grant state machine', () => {
  it('the happy path runs applicant → department → office → publicity → approval → agreement → recorded', () => {
    const path = ['dept_check', 'office_review', 'approve', 'sign_agreement', 'record_change'] as const;
    let s: (typeof GRANT_STATUSES)[number] = 'submitted';
    for (const a of path) {
      const r = checkTransition(s, a, all);
      expect(r.ok).toBe(true);
      if (r.ok) s = r.to;
    }
    expect(s).toBe('recorded');
  });

  it('an illegal step is a 409 naming the status; a step by the wrong person a 403', () => {
    expect(checkTransition('submitted', 'approve', all)).toMatchObject({ ok: false, status: 409 });
    expect(checkTransition('recorded', 'record_change', all)).toMatchObject({ ok: false, status: 409 });
    const r = checkTransition('in_publicity', 'approve', new Set<GrantPerformer>(['office']));
    expect(r).toMatchObject({ ok: false, status: 403 });
    const c = checkTransition('in_publicity', 'dept_check', all);
    expect(!c.ok && c.zh).toContain('公示中');
  });

  it('final states allow nothing; every action has a reachable from-state', () => {
    for (const s of ['recorded', 'rejected', 'withdrawn'] as const) expect(availableActions(s, all)).toEqual([]);
    for (const a of GRANT_ACTIONS) expect(GRANT_TRANSITIONS[a].from.length).toBeGreaterThan(0);
  });

  it('property: any sequence of actions only ever moves along the table', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GRANT_ACTIONS), { maxLength: 20 }), (actions) => {
        let s: (typeof GRANT_STATUSES)[number] = 'submitted';
        for (const a of actions) {
          const r = checkTransition(s, a, all);
          if (r.ok) {
            expect(GRANT_TRANSITIONS[a].from).toContain(s);
            s = r.to;
          } else expect(GRANT_TRANSITIONS[a].from).not.toContain(s);
        }
        expect(GRANT_STATUSES).toContain(s);
      }),
    );
  });

  it('approval waits for the day after publicity and for every objection', () => {
    expect(approvalBlockers({ endsOn: '2026-12-18', openObjections: 0 }, '2026-12-18')).toHaveLength(1);
    expect(approvalBlockers({ endsOn: '2026-12-18', openObjections: 1 }, '2026-12-21')).toEqual([expect.objectContaining({ field: 'objections' })]);
    expect(approvalBlockers({ endsOn: '2026-12-18', openObjections: 0 }, '2026-12-19')).toEqual([]);
  });
});

describe('co-ownership after the grant', () => {
  it('80% to the team: the institution keeps 20%, the ledger percentages become 20 / 80', () => {
    const co = coOwnershipAfter({ kind: 'ownership', teamShare: '0.8' }, policy, '2026-12-21', addYears);
    expect(co).toMatchObject({ unitShare: '0.2', teamShare: '0.8', unitPct: '20.00', teamPct: '80.00' });
    expect(co.explanation.zh).toContain('第 2 版');
  });

  it('use right: first term 5 years, cumulative 12, ownership stays with the institution', () => {
    const co = coOwnershipAfter({ kind: 'use_right', useRightYears: 12 }, policy, '2026-12-21', addYears);
    expect(co).toMatchObject({ unitPct: '100.00', teamPct: '0.00', useRightFrom: '2026-12-21', firstTermUntil: '2031-12-21', useRightUntil: '2038-12-21' });
  });

  it('property: institution and team shares always sum to exactly 100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), (n) => {
        const share = n === 10000 ? '1' : `0.${String(n).padStart(4, '0')}`;
        const co = coOwnershipAfter({ kind: 'ownership', teamShare: share }, { ...policy, maxTeamShare: '1' }, '2026-12-21', addYears);
        const cents = (x: string) => Number(x.replace('.', ''));
        expect(cents(co.unitPct) + cents(co.teamPct)).toBe(10000);
        expect(co.unitPct).toMatch(/^\d{1,3}\.\d{2}$/);
      }),
    );
  });
});
