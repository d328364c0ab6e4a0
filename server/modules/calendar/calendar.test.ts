import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';
import { invalidateCalendar, loadCalendar } from './calendar.service.js';

const t = setupTestContext();

describe('working-day calendar', () => {
  it('anyone may ask about a day: a National Day holiday rolls to the first working day after it', async () => {
    const res = await t.anonymous.request('GET', '/api/v1/calendar/days/2026-10-01');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      day: '2026-10-01',
      isWorkday: false,
      kind: 'holiday',
      name: '国庆节',
      nameEn: 'National Day',
      source: 'official',
      nextWorkday: '2026-10-08',
    });
    // 调休: a Saturday worked in exchange for the holiday.
    expect((await t.anonymous.request('GET', '/api/v1/calendar/days/2026-10-10')).json()).toMatchObject({ isWorkday: true, kind: 'adjusted-workday', nextWorkday: '2026-10-10' });
  });

  it('refuses dates that do not exist, naming the field, in the caller’s language', async () => {
    for (const day of ['2026-02-30', '2026-13-01', '20260101', 'tomorrow']) {
      const res = await t.anonymous.request('GET', `/api/v1/calendar/days/${day}`, undefined, { 'accept-language': 'en-US' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors).toEqual([{ field: 'params.day', message: expect.stringContaining('must be a real date') }]);
    }
    const zh = await t.anonymous.request('GET', '/api/v1/calendar/days/2026-02-30');
    expect(zh.json().errors[0].message).toContain('须为有效日期');
  });

  it('a year the package does not know falls back to the weekend rule, and says so', async () => {
    expect((await t.anonymous.request('GET', '/api/v1/calendar/days/2027-01-01')).json()).toMatchObject({ isWorkday: true, source: 'weekend-rule' });
    const list = (await (await t.loginAs('researcher')).request('GET', '/api/v1/calendar/overrides')).json();
    expect(list.knownYears).toContain(2026);
    expect(list.knownYears).not.toContain(2027);
  });

  it('an administrator enters next year’s holiday; the day answers from the override at once, audited with before and after', async () => {
    const admin = await t.loginAs('admin');
    const created = await admin.request('PUT', '/api/v1/calendar/overrides/2027-01-01', { isWorkday: false, name: '元旦' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toEqual({ day: '2027-01-01', isWorkday: false, name: '元旦' });
    // 2027-01-01 is a Friday: the due date rolls over the weekend to Monday.
    expect((await t.anonymous.request('GET', '/api/v1/calendar/days/2027-01-01')).json()).toMatchObject({
      isWorkday: false,
      kind: 'holiday',
      name: '元旦',
      source: 'override',
      nextWorkday: '2027-01-04',
    });
    const updated = await admin.request('PUT', '/api/v1/calendar/overrides/2027-01-01', { isWorkday: false, name: '元旦（新年）' });
    expect(updated.json().name).toBe('元旦（新年）');

    const list = (await admin.request('GET', '/api/v1/calendar/overrides?year=2027')).json();
    expect(list.items).toEqual([{ day: '2027-01-01', isWorkday: false, name: '元旦（新年）' }]);
    expect(list.knownYears).toContain(2027);

    const audits = await t.db.query<{ action: string; before: unknown; after: unknown }>(
      `select action, before, after from audit_log where entity = 'calendarOverride' and entity_id = '2027-01-01' order by id`,
    );
    expect(audits.rows).toEqual([
      { action: 'calendar.override.created', before: null, after: { day: '2027-01-01', isWorkday: false, name: '元旦' } },
      {
        action: 'calendar.override.updated',
        before: { day: '2027-01-01', isWorkday: false, name: '元旦' },
        after: { day: '2027-01-01', isWorkday: false, name: '元旦（新年）' },
      },
    ]);
  });

  it('deleting an override restores the official answer; deleting it again is 404', async () => {
    const admin = await t.loginAs('admin');
    // Say the office works on a National Day holiday (a correction), then take it back.
    await admin.request('PUT', '/api/v1/calendar/overrides/2026-10-02', { isWorkday: true, name: '值班' });
    expect((await t.anonymous.request('GET', '/api/v1/calendar/days/2026-10-01')).json().nextWorkday).toBe('2026-10-02');
    const del = await admin.request('DELETE', '/api/v1/calendar/overrides/2026-10-02');
    expect(del.statusCode).toBe(204);
    expect((await t.anonymous.request('GET', '/api/v1/calendar/days/2026-10-01')).json().nextWorkday).toBe('2026-10-08');
    const again = await admin.request('DELETE', '/api/v1/calendar/overrides/2026-10-02');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('NOT_FOUND');
    const audit = await t.db.query(`select before, after from audit_log where action = 'calendar.override.deleted' and entity_id = '2026-10-02'`);
    expect(audit.rows).toEqual([{ before: { day: '2026-10-02', isWorkday: true, name: '值班' }, after: null }]);
  });

  it('only administrators write; bad bodies name the field and change nothing', async () => {
    const researcher = await t.loginAs('researcher');
    expect((await researcher.request('PUT', '/api/v1/calendar/overrides/2027-02-06', { isWorkday: false, name: '春节' })).statusCode).toBe(403);
    expect((await researcher.request('DELETE', '/api/v1/calendar/overrides/2027-01-01')).statusCode).toBe(403);
    const admin = await t.loginAs('admin');
    const blank = await admin.request('PUT', '/api/v1/calendar/overrides/2027-02-06', { isWorkday: false, name: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('body.name');
    const wrongType = await admin.request('PUT', '/api/v1/calendar/overrides/2027-02-06', { isWorkday: 'no', name: '春节' });
    expect(wrongType.json().errors[0].field).toBe('body.isWorkday');
    const badDay = await admin.request('PUT', '/api/v1/calendar/overrides/2027-02-29', { isWorkday: false, name: '春节' });
    expect(badDay.json().errors[0].field).toBe('params.day');
    expect((await t.db.query(`select 1 from calendar_overrides where day in ('2027-02-06')`)).rows).toEqual([]);
  });

  it('loadCalendar caches per database handle until a write invalidates it', async () => {
    const first = await loadCalendar(t.db);
    expect(await loadCalendar(t.db)).toBe(first);
    await t.db.query(`insert into calendar_overrides (day, is_workday, name) values ('2027-05-03', false, '劳动节')`);
    expect((await loadCalendar(t.db)).isWorkday('2027-05-03')).toBe(true); // still cached
    invalidateCalendar(t.db);
    const fresh = await loadCalendar(t.db);
    expect(fresh).not.toBe(first);
    expect(fresh.isWorkday('2027-05-03')).toBe(false);
  });
});
