import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  BUSINESS_TZ,
  businessDateOf,
  compareDates,
  createWorkdayCalendar,
  dayOfWeek,
  diffDays,
  endOfMonth,
  formatBusinessDate,
  isBusinessDate,
  officialCalendarYears,
  officialWorkdayCalendar as cal,
  rollToWorkday,
  startOfBusinessDate,
  startOfMonth,
} from './calendar.js';

describe('business dates', () => {
  it('uses Asia/Shanghai', () => {
    expect(BUSINESS_TZ).toBe('Asia/Shanghai');
  });
  it('accepts real calendar dates only', () => {
    for (const d of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31']) expect(isBusinessDate(d), d).toBe(true);
    for (const d of ['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-01T00:00', 20260101]) {
      expect(isBusinessDate(d), String(d)).toBe(false);
    }
  });
  it('derives the Shanghai date of an instant: 2025-01-31T16:30Z is 2025-02-01', () => {
    expect(businessDateOf(new Date('2025-01-31T16:30:00Z'))).toBe('2025-02-01');
    expect(businessDateOf(new Date('2025-01-31T15:59:59.999Z'))).toBe('2025-01-31');
    expect(businessDateOf(new Date('2025-01-31T16:00:00Z'))).toBe('2025-02-01');
    expect(businessDateOf(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(() => businessDateOf(new Date('nope'))).toThrow(RangeError);
  });
  it('gives the instant a Shanghai day starts', () => {
    expect(startOfBusinessDate('2025-02-01').toISOString()).toBe('2025-01-31T16:00:00.000Z');
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 365)).toBe('2027-03-29');
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
  it('adds months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('differences, comparisons and month bounds', () => {
    expect(diffDays('2025-01-01', '2026-01-01')).toBe(365);
    expect(diffDays('2026-01-01', '2025-01-01')).toBe(-365);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDates('2026-02-01', '2026-01-31')).toBe(1);
    expect(startOfMonth('2026-02-17')).toBe('2026-02-01');
    expect(endOfMonth('2024-02-17')).toBe('2024-02-29');
    expect(dayOfWeek('2025-09-28')).toBe(0);
  });
  it('addDays and diffDays agree (property)', () => {
    const date = fc.integer({ min: 0, max: 200_000 }).map((n) => addDays('1900-01-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        const e = addDays(d, n);
        expect(isBusinessDate(e)).toBe(true);
        expect(diffDays(d, e)).toBe(n);
      }),
    );
  });
  it('formats for people', () => {
    expect(formatBusinessDate('2026-11-28')).toBe('2026年11月28日');
    expect(formatBusinessDate('2026-11-28', 'en-US')).toBe('28 Nov 2026');
    expect(formatBusinessDate('2026-09-05', 'en-US')).toBe('5 Sep 2026');
  });
});

describe('official working-day calendar (chinese-days)', () => {
  it('knows 2004–2026 and not 2027 yet', () => {
    expect(officialCalendarYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.knowsYear(2003)).toBe(false);
    expect(cal.knowsYear(2004)).toBe(true);
    expect(cal.knowsYear(2025)).toBe(true);
    expect(cal.knowsYear(2026)).toBe(true);
    expect(cal.knowsYear(2027)).toBe(false);
  });
  it('National Day 2025: 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked (调休)', () => {
    for (let d = '2025-10-01'; d <= '2025-10-08'; d = addDays(d, 1)) {
      expect(cal.isWorkday(d), d).toBe(false);
      expect(cal.dayInfo(d).kind).toBe('holiday');
    }
    expect(cal.dayInfo('2025-10-01')).toEqual({
      day: '2025-10-01',
      isWorkday: false,
      kind: 'holiday',
      name: '国庆节',
      nameEn: 'National Day',
      source: 'official',
    });
    expect(cal.dayInfo('2025-09-28')).toMatchObject({ isWorkday: true, kind: 'adjusted-workday', source: 'official' });
    expect(cal.isWorkday('2025-10-11')).toBe(true);
    expect(cal.dayInfo('2025-10-12')).toMatchObject({ isWorkday: false, kind: 'weekend', name: '', source: 'official' });
    expect(cal.dayInfo('2025-10-09')).toMatchObject({ isWorkday: true, kind: 'workday', name: '', source: 'official' });
  });
  it('Spring Festival 2026: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(cal.dayInfo('2026-02-14')).toMatchObject({ isWorkday: true, kind: 'adjusted-workday', name: '春节' });
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday worked for New Year 2026
  });
  it('rolls due dates on non-working days to the next working day', () => {
    expect(rollToWorkday('2025-10-01')).toBe('2025-10-09');
    expect(rollToWorkday('2025-09-28')).toBe('2025-09-28');
    expect(rollToWorkday('2026-02-14')).toBe('2026-02-14');
    expect(rollToWorkday('2026-02-15')).toBe('2026-02-24');
    expect(rollToWorkday('2025-10-12')).toBe('2025-10-13'); // ordinary Sunday
    expect(rollToWorkday('2026-12-31')).toBe('2026-12-31');
    expect(cal.nextWorkday('2026-10-01')).toBe('2026-10-08');
  });
  it('adds and counts working days', () => {
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkdays('2025-10-09', -1)).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-09-26', 1)).toBe('2025-09-28'); // Friday → adjusted Sunday
    expect(cal.addWorkdays('2025-10-01', 0)).toBe('2025-10-09');
    expect(cal.workdaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(cal.workdaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
    expect(cal.workdaysBetween('2025-09-26', '2025-10-12')).toBe(6); // 09-28, 09-29, 09-30, 10-09, 10-10, 10-11
    expect(cal.workdaysBetween('2026-01-01', '2026-01-01')).toBe(0);
    expect(cal.workdaysBetween('2025-12-31', '2026-12-31')).toBe(248); // 242 weekdays + 6 adjusted weekend days
  });
  it('workdaysBetween(d, addWorkdays(d, n)) === n, and −n steps back from a working day (property)', () => {
    const date = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-06-01', n));
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const e = cal.addWorkdays(d, n);
        expect(cal.isWorkday(e)).toBe(true);
        expect(cal.workdaysBetween(d, e)).toBe(n);
        expect(cal.workdaysBetween(e, d)).toBe(-n);
        const w = cal.nextWorkday(d);
        expect(cal.addWorkdays(cal.addWorkdays(w, n), -n)).toBe(w);
        expect(cal.addWorkdays(cal.addWorkdays(w, -n), n)).toBe(w);
      }),
      { numRuns: 200 },
    );
  });
  it('answers the same in any machine time zone (chinese-days functions would not, west of UTC)', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
        process.env.TZ = tz;
        expect(cal.isWorkday('2025-10-01'), tz).toBe(false);
        expect(cal.isWorkday('2025-09-30'), tz).toBe(true);
        expect(cal.isWorkday('2025-09-28'), tz).toBe(true);
        expect(rollToWorkday('2025-10-01'), tz).toBe('2025-10-09');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('years the package does not know, and overrides', () => {
  it('falls back to the weekend rule and says so', () => {
    expect(cal.dayInfo('2027-10-01')).toEqual({
      day: '2027-10-01',
      isWorkday: true,
      kind: 'workday',
      name: '',
      nameEn: '',
      source: 'weekend-rule',
    });
    expect(cal.dayInfo('2027-10-02')).toMatchObject({ isWorkday: false, kind: 'weekend', source: 'weekend-rule' });
  });

  const nationalDay2027 = [
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2027-10-${d}`, isWorkday: false, name: '国庆节' })),
    { day: '2027-09-26', isWorkday: true, name: '国庆节调休上班' },
  ];

  it('honours an override making 2027-10-01..07 holidays', () => {
    const withOverrides = createWorkdayCalendar(nationalDay2027);
    expect(withOverrides.knowsYear(2027)).toBe(true);
    expect(withOverrides.hasOfficialYear(2027)).toBe(false);
    expect(withOverrides.dayInfo('2027-10-01')).toEqual({
      day: '2027-10-01',
      isWorkday: false,
      kind: 'holiday',
      name: '国庆节',
      nameEn: '',
      source: 'override',
    });
    expect(withOverrides.rollToWorkday('2027-10-01')).toBe('2027-10-08');
    expect(rollToWorkday('2027-10-03', withOverrides)).toBe('2027-10-08');
    expect(withOverrides.dayInfo('2027-09-26')).toMatchObject({ isWorkday: true, kind: 'adjusted-workday' });
    expect(withOverrides.dayInfo('2027-10-09')).toMatchObject({ isWorkday: false, source: 'weekend-rule' });
    expect(withOverrides.workdaysBetween('2027-09-30', '2027-10-08')).toBe(1);
  });
  it('lets overrides correct a year the package knows', () => {
    const corrected = createWorkdayCalendar([{ day: '2026-02-14', isWorkday: false, name: '春节（更正）', nameEn: 'Spring Festival (corrected)' }]);
    expect(corrected.dayInfo('2026-02-14')).toMatchObject({ isWorkday: false, kind: 'holiday', source: 'override' });
    expect(corrected.rollToWorkday('2026-02-14')).toBe('2026-02-24');
    // The shared official calendar is untouched.
    expect(cal.isWorkday('2026-02-14')).toBe(true);
  });
  it('refuses invalid and duplicate override rows', () => {
    expect(() => createWorkdayCalendar([{ day: '2027-02-30', isWorkday: false, name: 'x' }])).toThrow(RangeError);
    expect(() =>
      createWorkdayCalendar([
        { day: '2027-10-01', isWorkday: false, name: 'a' },
        { day: '2027-10-01', isWorkday: true, name: 'b' },
      ]),
    ).toThrow(/Duplicate/);
  });
});
