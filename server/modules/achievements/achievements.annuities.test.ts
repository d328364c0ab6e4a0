import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { orgOf, sampleAchievement } from '../../../test/helpers/achievements.js';
import { jobHandlers } from '../../jobs.js';
import { createWorker, enqueue } from '../../lib/jobs.js';
import { ANNUITY_QUEUE } from './achievements.annuities.js';

const t = setupTestContext();

describe('patent annuity reminders', () => {
  it('lists upcoming dues for the office and reminds its tto_officers once per due date and threshold', async () => {
    const office = await t.loginAs('tto_officer');
    const orgId = await orgOf(office);
    const a = (await office.request('POST', `/api/v1/orgs/${orgId}/achievements`, sampleAchievement({ title: '潮流能发电叶片', submit: true, completers: [{ name: '王海洋', share: '100' }] }))).json();
    await office.request('POST', `/api/v1/achievements/${a.id}/accept`);
    await office.request('POST', `/api/v1/achievements/${a.id}/assess`, { trl: 5 });
    // Due on Sunday 2026-12-06: payable on Monday the 7th, 9 days from 2026-11-28.
    const p1 = await office.request('POST', `/api/v1/achievements/${a.id}/protect`, {
      ipType: 'patent_invention',
      applicationNo: 'CN202310000777.1',
      filedOn: '2023-12-06',
      nextAnnuityDue: '2026-12-06',
    });
    expect(p1.statusCode).toBe(200);
    await office.request('POST', `/api/v1/achievements/${a.id}/protect`, { ipType: 'patent_utility', applicationNo: 'CN202320000888.2', filedOn: '2023-01-20', nextAnnuityDue: '2027-01-20' });
    await office.request('POST', `/api/v1/achievements/${a.id}/protect`, { ipType: 'patent_design', applicationNo: 'CN202330000999.3', filedOn: '2023-06-01', nextAnnuityDue: '2027-06-01' });

    const listed = await office.request('GET', `/api/v1/orgs/${orgId}/achievements/annuities?within=90`);
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().items.filter((i: { achievementId: string }) => i.achievementId === a.id);
    expect(mine.map((i: { applicationNo: string; payableBy: string; daysLeft: number }) => [i.applicationNo, i.payableBy, i.daysLeft])).toEqual([
      ['CN202310000777.1', '2026-12-07', 9],
      ['CN202320000888.2', '2027-01-20', 53],
    ]);
    expect((await (await t.loginAs('researcher')).request('GET', `/api/v1/orgs/${orgId}/achievements/annuities`)).statusCode).toBe(403);

    const reminders = async () =>
      (
        await t.db.query<{ dedupe_key: string; title_zh: string }>(
          `select n.dedupe_key, n.title_zh from notifications n join achievement_filings f on n.dedupe_key like 'annuity:' || f.id || ':%'
            where f.achievement_id = $1 order by n.dedupe_key`,
          [a.id],
        )
      ).rows;
    const worker = createWorker({ db: t.db, handlers: jobHandlers, now: () => t.clock.now, pollMs: 10 });
    const runJob = async () => {
      await enqueue(t.db, ANNUITY_QUEUE, { thresholds: [60, 15] }, { runAt: t.clock.now });
      expect(await worker.runOnce()).toBeGreaterThanOrEqual(1);
    };

    await runJob();
    const first = await reminders();
    expect(first).toHaveLength(2);
    expect(first.map((r) => r.dedupe_key.split(':').slice(2).join(':')).sort()).toEqual(['2026-12-06:15', '2027-01-20:60']);
    expect(first.find((r) => r.dedupe_key.endsWith('2026-12-06:15'))!.title_zh).toContain('2026-12-07 到期，还有 9 天');
    // The office's bell shows it.
    const bell = (await office.request('GET', '/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(bell.some((title: string) => title.includes('CN202310000777.1'))).toBe(true);
    const filing = await t.db.query<{ annuity_reminded_for: string }>("select annuity_reminded_for from achievement_filings where application_no = 'CN202310000777.1'");
    expect(filing.rows[0]!.annuity_reminded_for).toBe('2026-12-06');

    // The next day: nothing new.
    t.clock.now = new Date('2026-11-29T02:00:00Z');
    await runJob();
    expect(await reminders()).toHaveLength(2);

    // 2027-01-08: the January due is 12 days away, so its 15-day reminder goes out, once.
    t.clock.now = new Date('2027-01-08T02:00:00Z');
    await runJob();
    await runJob();
    expect((await reminders()).map((r) => r.dedupe_key.split(':').slice(2).join(':')).sort()).toEqual(['2026-12-06:15', '2027-01-20:15', '2027-01-20:60']);
    t.clock.now = new Date('2026-11-28T02:00:00.000Z');
  });
});
