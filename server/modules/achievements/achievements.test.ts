import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { verifyLedger } from '../../lib/ledger.js';

const t = setupTestContext();

describe('achievements ledger: lifecycle', () => {
  it('walks disclosure → acceptance → assessment → protection → price → publicity → decision → transformation, one ledger event per step', async () => {
    let researcher = await t.loginAs('researcher');
    let office = await t.loginAs('tto_officer');
    const orgId = await orgOf(researcher);

    const draft = await researcher.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement());
    expect(draft.statusCode).toBe(201);
    const a = draft.json();
    expect(a.number).toMatch(/^QD-2026-\d{6}$/);
    expect(a.status).toBe('draft');
    expect(a.authorised).toBe(true);
    expect(a.allowedActions).toContain('submit');

    // The office does not see a researcher's draft as something to act on, but it is in its ledger.
    expect((await office.request('POST', `/api/v1/achievements/${a.id}/accept`)).statusCode).toBe(409);
    expect((await researcher.request('POST', `/api/v1/achievements/${a.id}/submit`)).json().status).toBe('disclosed');
    // A researcher cannot accept their own disclosure.
    expect((await researcher.request('POST', `/api/v1/achievements/${a.id}/accept`)).statusCode).toBe(403);

    const ret = await office.request('POST', `/api/v1/achievements/${a.id}/return`, { reason: '请补充专利号' });
    expect(ret.json().status).toBe('returned');
    const edited = await researcher.request('PATCH', `/api/v1/achievements/${a.id}`, { ipNumbers: ['ZL202310000001.X'] });
    expect(edited.statusCode).toBe(200);
    expect((await researcher.request('POST', `/api/v1/achievements/${a.id}/submit`)).json().status).toBe('disclosed');
    expect((await office.request('POST', `/api/v1/achievements/${a.id}/accept`)).json().status).toBe('accepted');
    // Once accepted, the researcher can no longer edit.
    expect((await researcher.request('PATCH', `/api/v1/achievements/${a.id}`, { title: '改名' })).statusCode).toBe(422);

    const assessed = await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 6, notes: '已完成海上中试' });
    expect(assessed.json()).toMatchObject({ status: 'assessed', trl: 6, stage: 'development' });
    const protectedRes = await office.request('POST', `/api/v1/achievements/${a.id}/protect`, {
      ipType: 'patent_invention',
      applicationNo: 'CN202410000002.3',
      filedOn: '2024-03-01',
      nextAnnuityDue: '2027-03-01',
    });
    expect(protectedRes.json().status).toBe('protected');
    expect(protectedRes.json().ipNumbers).toContain('CN202410000002.3');

    // Agreement pricing needs a price.
    expect((await office.request('POST', `/api/v1/achievements/${a.id}/price`, { pricingMethod: 'agreement' })).statusCode).toBe(400);
    const priced = await office.request('POST', `/api/v1/achievements/${a.id}/price`, { pricingMethod: 'agreement', agreedPrice: '800000.00' });
    expect(priced.json()).toMatchObject({ status: 'priced', agreedPrice: '800000.00' });
    // Deciding before publicity is refused.
    const early = await office.request('POST', `/api/v1/achievements/${a.id}/decide`, { transformationMode: 'license' });
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toMatch(/公示/);

    // A window shorter than 15 days is refused, citing the rule.
    const short = await office.request('POST', `/api/v1/achievements/${a.id}/publicity`, { startsOn: '2026-11-28', endsOn: '2026-12-11' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].message).toMatch(/15/);
    const pub = await office.request('POST', `/api/v1/achievements/${a.id}/publicity`, { startsOn: '2026-11-28' });
    expect(pub.json().status).toBe('in_publicity');
    const window = (await office.request('GET', `/api/v1/achievements/${a.id}/publicity`)).json().items[0];
    expect(window).toMatchObject({ startsOn: '2026-11-28', endsOn: '2026-12-12', status: 'running', price: '800000.00' });

    // An objection inside the window blocks the decision until resolved.
    const objection = await researcher.request('POST', `/api/v1/achievements/${a.id}/objections`, { content: '价格偏低' });
    expect(objection.statusCode).toBe(200);
    const objectionId = objection.json().items[0].objections[0].id;
    t.clock.now = new Date('2026-12-13T02:00:00Z');
    office = await t.loginAs('tto_officer');
    researcher = await t.loginAs('researcher');
    const blocked = await office.request('POST', `/api/v1/achievements/${a.id}/decide`, { transformationMode: 'license' });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().detail).toMatch(/异议/);
    await office.request('POST', `/api/v1/achievements/${a.id}/objections/${objectionId}/resolve`, { resolution: 'dismissed', note: '经评估价格合理' });
    const decided = await office.request('POST', `/api/v1/achievements/${a.id}/decide`, { transformationMode: 'license' });
    expect(decided.json()).toMatchObject({ status: 'transforming', transformationMode: 'license', transformationStatus: 'under_negotiation' });
    const published = await office.request('POST', `/api/v1/achievements/${a.id}/publish`);
    expect(published.json().visibility).toBe('public');
    const done = await office.request('POST', `/api/v1/achievements/${a.id}/complete`, { contractAmount: '800000.00', techContractRegNo: '2026370200000123' });
    expect(done.json()).toMatchObject({ status: 'transformed', transformationStatus: 'licensed', contractAmount: '800000.00' });

    const tl = (await researcher.request('GET', `/api/v1/achievements/${a.id}/timeline`)).json().items;
    expect(tl.map((e: { type: string }) => e.type)).toEqual([
      'achievement.drafted',
      'achievement.submit',
      'achievement.return',
      'achievement.updated',
      'achievement.submit',
      'achievement.accept',
      'achievement.assess',
      'achievement.protect',
      'achievement.price',
      'achievement.start_publicity',
      'achievement.objection_raised',
      'achievement.objection_resolved',
      'achievement.decide',
      'achievement.published',
      'achievement.complete',
    ]);
    expect(tl[2]).toMatchObject({ reason: '请补充专利号', actorName: expect.any(String) });
    expect((await verifyLedger(t.db)).ok).toBe(true);
    t.clock.now = new Date('2026-11-28T02:00:00.000Z');
  });

  it('refuses shares that do not sum to 100%, an unknown field and TRL 12, naming each field and writing nothing', async () => {
    const researcher = await t.loginAs('researcher');
    const orgId = await orgOf(researcher);
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from achievements')).rows[0]!.n;
    const shares = await researcher.request(
      'POST',
      `/api/v1/orgs/${orgId}/achievements`,
      sampleAchievement({
        completers: [
          { name: '甲', share: '60' },
          { name: '乙', share: '30' },
        ],
      }),
    );
    expect(shares.statusCode).toBe(400);
    expect(shares.json().errors[0]).toMatchObject({ field: 'body.completers' });
    expect(shares.json().errors[0].message).toMatch(/100%/);
    const field = await researcher.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ fieldCode: 'NOPE', subfieldCode: null }), { 'accept-language': 'en' });
    expect(field.json().errors[0].message).toMatch(/unknown field code/);
    const trl = await researcher.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ trl: 12 }));
    expect(trl.statusCode).toBe(400);
    expect(trl.json().errors[0].field).toBe('body.trl');
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from achievements')).rows[0]!.n).toBe(before);
  });

  it('shows a researcher their own achievements, the office all, and another organisation only what is public', async () => {
    const researcher = await t.loginAs('researcher');
    const office = await t.loginAs('tto_officer');
    const enterprise = await t.loginAs('enterprise');
    const orgId = await orgOf(office);
    const byOffice = (
      await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '海藻酸钠医用敷料制备工艺', completers: [{ name: '张三', share: '100' }] }))
    ).json();
    const mine = (await researcher.request('GET', `/api/v1/orgs/${orgId}/achievements`)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(byOffice.id);
    const all = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements`)).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(byOffice.id);
    expect((await researcher.request('GET', `/api/v1/achievements/${byOffice.id}`)).statusCode).toBe(404);
    expect((await enterprise.request('GET', `/api/v1/achievements/${byOffice.id}`)).statusCode).toBe(404);
    expect((await enterprise.request('GET', `/api/v1/orgs/${orgId}/achievements`)).statusCode).toBe(403);
    // Publishing requires assessment.
    await office.request('POST', `/api/v1/achievements/${byOffice.id}/submit`);
    await office.request('POST', `/api/v1/achievements/${byOffice.id}/accept`);
    expect((await office.request('POST', `/api/v1/achievements/${byOffice.id}/publish`)).statusCode).toBe(422);
    await office.request('POST', `/api/v1/achievements/${byOffice.id}/assess`, { trl: 4 });
    await office.request('POST', `/api/v1/achievements/${byOffice.id}/publish`);
    const seen = await enterprise.request('GET', `/api/v1/achievements/${byOffice.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    // Attachments stay internal even for a public achievement.
    const att = await office.request('POST', `/api/v1/achievements/${byOffice.id}/attachments`, {
      filename: '说明书.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('%PDF-1.4 test').toString('base64'),
    });
    expect(att.statusCode).toBe(201);
    expect((await enterprise.request('GET', `/api/v1/achievements/${byOffice.id}/attachments/${att.json().id}`)).statusCode).toBe(404);
    expect((await office.request('GET', `/api/v1/achievements/${byOffice.id}/attachments/${att.json().id}`)).body).toBe('%PDF-1.4 test');
  });

  it('searches the ledger in Chinese with filters, paging and highlighting', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    await office.request(
      'POST',
      `/api/v1/orgs/${orgId}/achievements`,
      sampleAchievement({
        title: '海上风电基础防腐涂层',
        fieldCode: 'MAR-EQP',
        subfieldCode: null,
        keywords: ['防腐'],
        summary: '适用于海上风电桩基的长效防腐涂层。',
        completers: [{ name: '赵防腐', share: '100' }],
      }),
    );
    const res = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements?q=${encodeURIComponent('溶解氧监测')}`)).json();
    expect(res.total).toBeGreaterThan(0);
    const titles = res.items.map((i: { title: string }) => i.title);
    expect(titles).toContain(sampleAchievement().title);
    expect(titles).not.toContain('海上风电基础防腐涂层');
    expect(res.items[0].headline).toContain('【溶解氧】');
    const byCompleter = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements?q=${encodeURIComponent('赵防腐')}`)).json();
    expect(byCompleter.items.map((i: { title: string }) => i.title)).toEqual(['海上风电基础防腐涂层']);
    const paged = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements?pageSize=1&page=2&sort=title&order=asc`)).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    const filtered = (await office.request('GET', `/api/v1/orgs/${orgId}/achievements?status=transformed`)).json();
    expect(filtered.items.every((i: { status: string }) => i.status === 'transformed')).toBe(true);
    const saved = await office.request('POST', `/api/v1/orgs/${orgId}/achievements/saved-filters`, { name: '已转化', query: { status: 'transformed' } });
    expect(saved.json().items.map((f: { name: string }) => f.name)).toContain('已转化');
  });
});
