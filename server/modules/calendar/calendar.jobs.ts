import { businessDateOf } from '../../../common/calendar.js';
import type { Queryable } from '../../db/client.js';
import { notify } from '../notifications/index.js';
import { peopleHolding } from '../orgs/index.js';
import { loadCalendar } from './calendar.service.js';

export const CALENDAR_CHECK_QUEUE = 'calendar.check-next-year';

/** The State Council usually publishes next year's holidays in late October or November. */
const CHECK_FROM_MONTH_DAY = '11-01';

/**
 * Daily: when the working-day calendar does not know the current year, or (from 1 November,
 * Shanghai) next year, because neither the bundled package nor the overrides have it, tells every
 * active administrator to enter it, once per year (dedupeKey); otherwise due dates in that year
 * would roll over weekends only. Returns the year and how many were told, or null when all is known.
 */
export async function checkNextYearCalendar(db: Queryable, now: Date): Promise<{ year: number; notified: number } | null> {
  const today = businessDateOf(now);
  const thisYear = Number(today.slice(0, 4));
  // The current year matters too: a server whose package is older than the year it runs in.
  const years = today.slice(5) >= CHECK_FROM_MONTH_DAY ? [thisYear, thisYear + 1] : [thisYear];
  const calendar = await loadCalendar(db);
  const year = years.find((y) => !calendar.knowsYear(y));
  if (year === undefined) return null;
  const admins = await peopleHolding(db, ['admin'], null);
  const notified = await notify(
    { db, now },
    admins.map((p) => p.userId),
    {
      kind: 'calendar.year-unknown',
      titleZh: `${year} 年工作日历尚未录入`,
      titleEn: `The ${year} working-day calendar is missing`,
      bodyZh: `系统还没有 ${year} 年的法定节假日和调休安排，届时到期日只能按周末顺延。国务院办公厅公布安排后，请在“工作日历”中逐日录入。`,
      bodyEn: `The platform does not know ${year}'s public holidays and adjusted working days yet, so due dates would roll over weekends only. Once the State Council publishes them, enter them under "Working-day calendar".`,
      link: '/calendar',
      dedupeKey: `calendar.year-unknown:${year}`,
    },
  );
  return { year, notified };
}
