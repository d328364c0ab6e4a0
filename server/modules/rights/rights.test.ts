import { describe, expect, it } from 'vitest';
import { orgOf } from '../../../test/helpers/achievements.js';
import { setupTestContext, type TestClient, TEST_NOW } from '../../../test/helpers/app.js';
import { verifyLedger } from '../../lib/ledger.js';
import { acceptedAchievement, application } from './rights.fixtures.js';

const t = setupTestContext();

async function counts() {
  const { rows } = await t.db.query<{ grants: number; events: number; policies: number }>(
    'select (select count(*)::int from rights_grants) as grants, (select count(*)::int from ledger_events) as events, (select count(*)::int from rights_policies) as policies',
  );
  return rows[0]!;
}

describe('rights: policy', () => {
  it('an institution versions its rule; a floor below Shandong is refused with the clause; the bureau compares', async () => {
    const admin = await t.loginAs('org_admin');
    const orgId = await orgOf(admin);
    const before = await counts();
    const body = {
      effectiveFrom: '2026-12-01',
      maxTeamShare: '0.7',
      useRightFirstTermYears: 5,
      useRightCumulativeMinYears: 8,
      minAppraisedValue: '2000000.00',
      requireClearTitle: true,
      requireCounterparty: true,
      publicityDays: 15,
      agreedProceedsTriggerReward: false,
    };
    const bad = await admin.request('POST', `/api/v1/orgs/${orgId}/rights/policies`, body);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'body.useRightCumulativeMinYears' })]);
    expect(bad.json().errors[0].message).toContain('10 年');
    expect(await counts()).toEqual(before);

    const past = await admin.request('POST', `/api/v1/orgs/${orgId}/rights/policies`, { ...body, useRightCumulativeMinYears: 10, effectiveFrom: '2026-01-01' });
    expect(past.statusCode).toBe(400);

    const ok = await admin.request('POST', `/api/v1/orgs/${orgId}/rights/policies`, { ...body, useRightCumulativeMinYears: 10, agreedProceedsTriggerReward: true });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().versions).toHaveLength(1);
    // In force from 2026-12-01; today (2026-11-28) the default still applies.
    expect(ok.json().inForce.version).toBe(0);

    const bureau = await t.loginAs('bureau');
    const read = await bureau.request('GET', `/api/v1/orgs/${orgId}/rights/policies`);
    expect(read.statusCode).toBe(200);
    const cmp = (await bureau.request('GET', '/api/v1/rights/policies')).json();
    expect(cmp.items.find((i: { organisationId: string }) => i.organisationId === orgId)).toMatchObject({ versions: 1, isDefault: true });
    const researcher = await t.loginAs('enterprise');
    expect((await researcher.request('GET', `/api/v1/orgs/${orgId}/rights/policies`)).statusCode).toBe(403);

    const { agreedProceedsTriggerReward } = await import('./rights.service.js');
    expect(await agreedProceedsTriggerReward({ db: t.db }, orgId, '2026-11-30')).toBe(false);
    expect(await agreedProceedsTriggerReward({ db: t.db }, orgId, '2026-12-01')).toBe(true);
  });
});

describe('rights: ownership grant workflow', () => {
  it('bad applications are refused with the reason and change nothing', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '赋权拒绝测试成果');
    const researcher = await t.loginAs('researcher');
    const before = await counts();

    // Without every completer's written consent.
    const noConsent = await researcher.request(
      'POST',
      `/api/v1/orgs/${orgId}/rights/grants`,
      application(achievementId, { consents: [{ name: '王海洋', signedOn: '2026-11-20', evidence: '意见.pdf' }] }),
    );
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors).toEqual([expect.objectContaining({ field: 'body.consents' })]);
    expect(noConsent.json().errors[0].message).toContain('刘波');

    // A share above the policy maximum (default 0.8).
    const tooMuch = await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId, { teamShare: '0.9' }));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0]).toMatchObject({ field: 'body.teamShare' });
    expect(tooMuch.json().errors[0].message).toContain('0.8');

    // A use-right term below the cumulative minimum (10 years).
    const shortTerm = await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId, { kind: 'use_right', teamShare: null, useRightYears: 6 }));
    expect(shortTerm.statusCode).toBe(400);
    expect(shortTerm.json().errors[0]).toMatchObject({ field: 'body.useRightYears' });
    expect(shortTerm.json().errors[0].message).toContain('10 年');

    // Below the appraisal threshold; a bad counterparty credit code.
    const cheap = await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId, { plan: { ...application(achievementId).plan, appraisedValue: '1000000.00' } }));
    expect(cheap.statusCode).toBe(400);
    expect(cheap.json().errors[0].field).toBe('body.plan.appraisedValue');
    const badCode = await researcher.request(
      'POST',
      `/api/v1/orgs/${orgId}/rights/grants`,
      application(achievementId, { plan: { ...application(achievementId).plan, counterpartyCreditCode: '91370212MA3C0XKW10' } }),
    );
    expect(badCode.statusCode).toBe(400);

    // Someone outside the team, a member of another organisation (a college): it is not revealed to them (404).
    const other = await t.loginAs('wu.chaosheng@demo.keqiao.cn');
    expect((await other.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId))).statusCode).toBe(404);

    expect(await counts()).toEqual(before);
  });

  it('application → department → office → publicity with an objection → approval → agreement PDF → ownership recorded', async () => {
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '赋权流程测试成果');
    const researcher = await t.loginAs('researcher');
    const applied = await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId));
    expect(applied.statusCode).toBe(201);
    const g = applied.json();
    expect(g).toMatchObject({ status: 'submitted', kind: 'ownership', teamShare: '0.8', policyVersion: 0 });
    expect(g.number).toMatch(/^FQ-2026-\d{6}$/);
    expect(g.completers.every((c: { consented: boolean }) => c.consented)).toBe(true);
    expect(g.coOwnership).toMatchObject({ unitPct: '20.00', teamPct: '80.00' });

    // A second application for the same achievement while one is open.
    expect((await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId))).statusCode).toBe(409);
    // Direct edits of ownership are refused and point to the grant path.
    const patch = await office.request('PATCH', `/api/v1/achievements/${achievementId}`, { ownershipUnitPct: '20' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors[0]).toMatchObject({ field: 'body.ownershipUnitPct' });
    expect(patch.json().errors[0].message).toContain('赋权');

    const step = (c: TestClient, path: string, body?: unknown) => c.request('POST', `/api/v1/rights/grants/${g.id}/${path}`, body);
    // The researcher cannot check their own application; approval before the office review is an illegal step.
    expect((await step(researcher, 'department-check')).statusCode).toBe(403);
    const admin = await t.loginAs('org_admin');
    expect((await step(admin, 'approve')).statusCode).toBe(409);

    expect((await step(office, 'department-check')).json().status).toBe('dept_checked');
    const inPublicity = (await step(office, 'office-review')).json();
    expect(inPublicity.status).toBe('in_publicity');
    // 2026-11-28 is a Saturday: 15 working days from Monday 2026-11-30.
    expect(inPublicity.publicity).toEqual({ startsOn: '2026-11-30', endsOn: '2026-12-18' });
    expect((await step(office, 'office-review')).statusCode).toBe(409);

    // An objection during publicity blocks approval until resolved.
    t.clock.now = new Date('2026-12-02T02:00:00Z');
    const colleague = await t.loginAs('researcher');
    const objected = await colleague.request('POST', `/api/v1/rights/grants/${g.id}/objections`, { content: '完成人排序有误，请核实' });
    expect(objected.statusCode).toBe(200);
    const objectionId = objected.json().objections[0].id;
    t.clock.now = new Date('2026-12-21T02:00:00Z');
    const admin2 = await t.loginAs('org_admin');
    const blocked = await admin2.request('POST', `/api/v1/rights/grants/${g.id}/approve`);
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().detail ?? blocked.json().title).toBeDefined();
    const office2 = await t.loginAs('tto_officer');
    const resolved = await office2.request('POST', `/api/v1/rights/grants/${g.id}/objections/${objectionId}/resolve`, { resolution: 'dismissed', note: '经核实排序无误' });
    expect(resolved.json().status).toBe('in_publicity');
    // Objections close with the window.
    const late = await t.loginAs('researcher');
    expect((await late.request('POST', `/api/v1/rights/grants/${g.id}/objections`, { content: '迟到的异议' })).statusCode).toBe(422);

    // The office cannot approve; the institution head can.
    expect((await office2.request('POST', `/api/v1/rights/grants/${g.id}/approve`)).statusCode).toBe(403);
    expect((await admin2.request('POST', `/api/v1/rights/grants/${g.id}/approve`)).json().status).toBe('approved');
    const pdf = await office2.request('GET', `/api/v1/rights/grants/${g.id}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await office2.request('POST', `/api/v1/rights/grants/${g.id}/agreement`, { agreementNo: 'HHMU-FQ-2026-01' })).json()).toMatchObject({
      status: 'agreement_signed',
      agreementNo: 'HHMU-FQ-2026-01',
      agreementSignedOn: '2026-12-21',
    });
    const recorded = (await office2.request('POST', `/api/v1/rights/grants/${g.id}/record-change`, { registrationRef: 'CNIPA 著录项目变更 2026-12-21' })).json();
    expect(recorded).toMatchObject({ status: 'recorded', recordedOn: '2026-12-21' });
    expect(recorded.achievement).toMatchObject({ ownershipUnitPct: '20.00', ownershipTeamPct: '80.00' });

    // The achievement's own stream carries the change; the ledger verifies.
    const timeline = (await office2.request('GET', `/api/v1/achievements/${achievementId}/timeline`)).json();
    const granted = timeline.items.find((e: { type: string }) => e.type === 'achievement.ownership_granted');
    expect(granted.payload).toMatchObject({ unitPct: '20.00', teamPct: '80.00', unitPctBefore: '100', grantId: g.id });
    const grantEvents = (await office2.request('GET', `/api/v1/rights/grants/${g.id}/timeline`)).json().items.map((e: { type: string }) => e.type);
    expect(grantEvents).toEqual([
      'rights.applied',
      'rights.dept_check',
      'rights.office_review',
      'rights.objection_raised',
      'rights.objection_resolved',
      'rights.approve',
      'rights.sign_agreement',
      'rights.record_change',
    ]);
    expect((await verifyLedger(t.db)).ok).toBe(true);
    // A recorded grant is final, and the achievement cannot be granted twice.
    expect((await office2.request('POST', `/api/v1/rights/grants/${g.id}/record-change`)).statusCode).toBe(409);
    const researcher2 = await t.loginAs('researcher');
    expect((await researcher2.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId))).statusCode).toBe(409);
    t.clock.now = TEST_NOW;
  });

  it('an upheld objection returns the application to the team, who may resubmit', async () => {
    t.clock.now = TEST_NOW;
    const office = await t.loginAs('tto_officer');
    const { orgId, achievementId } = await acceptedAchievement(office, '赋权异议测试成果');
    const researcher = await t.loginAs('researcher');
    const g = (await researcher.request('POST', `/api/v1/orgs/${orgId}/rights/grants`, application(achievementId, { kind: 'use_right', teamShare: null, useRightYears: 12 }))).json();
    expect(g.coOwnership).toMatchObject({ kind: 'use_right', unitPct: '100.00' });
    await office.request('POST', `/api/v1/rights/grants/${g.id}/department-check`);
    await office.request('POST', `/api/v1/rights/grants/${g.id}/office-review`);
    t.clock.now = new Date('2026-12-01T02:00:00Z');
    const r2 = await t.loginAs('researcher');
    const o = (await r2.request('POST', `/api/v1/rights/grants/${g.id}/objections`, { content: '尚有完成人未列入' })).json().objections[0];
    const o2 = await t.loginAs('tto_officer');
    const upheld = (await o2.request('POST', `/api/v1/rights/grants/${g.id}/objections/${o.id}/resolve`, { resolution: 'upheld', note: '异议成立，请补充完成人' })).json();
    expect(upheld).toMatchObject({ status: 'returned', publicity: null });
    expect(upheld.actions).toEqual([]);
    // Resubmitted on 2026-12-01, the institution's version 1 (max 0.7, first test) is in force: 0.8 is now too much.
    const amended = { ...application(achievementId), achievementId: undefined };
    const tooMuch = await r2.request('POST', `/api/v1/rights/grants/${g.id}/resubmit`, { application: amended });
    expect(tooMuch.json().errors[0].message).toContain('上限 0.7（赋权规定第 1 版）');
    const again = await r2.request('POST', `/api/v1/rights/grants/${g.id}/resubmit`, { application: { ...amended, teamShare: '0.7' } });
    expect(again.json(), again.body).toMatchObject({ status: 'submitted', kind: 'ownership', teamShare: '0.7', policyVersion: 1 });
    t.clock.now = TEST_NOW;
  });
});
