import { describe, expect, it } from 'vitest';
import { setupTestContext, TEST_NOW } from '../../../test/helpers/app.js';
import { createWorker, jobHandlers, registerSchedules } from '../../jobs.js';
import { CALENDAR_CHECK_QUEUE, checkNextYearCalendar } from './calendar.jobs.js';
import { invalidateCalendar } from './calendar.service.js';

const t = setupTestContext();

async function adminIds(): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(`select distinct u.id from users u join memberships m on m.user_id = u.id where m.role = 'admin' and u.is_active order by u.id`);
  return rows.map((r) => r.id);
}

async function reminders() {
  const { rows } = await t.db.query<{ user_id: string; title_zh: string; link: string }>(`select user_id, title_zh, link from notifications where kind = 'calendar.year-unknown' order by user_id`);
  return rows;
}

describe('calendar.check-next-year', () => {
  it('does nothing before 1 November in Shanghai', async () => {
    // 2026-10-31T15:59Z is 23:59 on 31 October in Shanghai.
    expect(await checkNextYearCalendar(t.db, new Date('2026-10-31T15:59:00Z'))).toBeNull();
    expect(await reminders()).toEqual([]);
  });

  it('from 1 November, tells every administrator once that next year is unknown', async () => {
    const admins = await adminIds();
    expect(admins.length).toBeGreaterThan(0);
    // 2026-10-31T16:00Z is already 1 November in Shanghai.
    expect(await checkNextYearCalendar(t.db, new Date('2026-10-31T16:00:00Z'))).toEqual({ year: 2027, notified: admins.length });
    expect(await reminders()).toEqual(admins.map((id) => ({ user_id: id, title_zh: '2027 年工作日历尚未录入', link: '/calendar' })));
    // The next day's check posts nothing new.
    expect(await checkNextYearCalendar(t.db, new Date('2026-11-02T01:00:00Z'))).toEqual({ year: 2027, notified: 0 });
    // Still unknown in March 2027: the year is current now, and admins who were not told yet are told.
    await t.db.query(`delete from notifications where kind = 'calendar.year-unknown' and user_id = $1`, [admins[0]]);
    expect(await checkNextYearCalendar(t.db, new Date('2027-03-01T01:00:00Z'))).toEqual({ year: 2027, notified: 1 });
  });

  it('runs from the schedule through the worker; a known year needs no reminder', async () => {
    await t.db.query(`delete from notifications where kind = 'calendar.year-unknown'`);
    await registerSchedules(t.db);
    await t.db.query('update job_schedules set next_run_at = $1 where name = $2', [TEST_NOW, CALENDAR_CHECK_QUEUE]);
    const worker = createWorker({ db: t.db, handlers: jobHandlers, workerId: 'test', now: () => TEST_NOW });
    expect(await worker.runOnce()).toBe(1);
    const job = await t.db.query<{ status: string }>('select status from jobs where queue = $1', [CALENDAR_CHECK_QUEUE]);
    expect(job.rows).toEqual([{ status: 'completed' }]);
    expect((await reminders()).length).toBe((await adminIds()).length);

    await t.db.query(`insert into calendar_overrides (day, is_workday, name) values ('2027-01-01', false, '元旦')`);
    invalidateCalendar(t.db);
    expect(await checkNextYearCalendar(t.db, TEST_NOW)).toBeNull();
  });
});
