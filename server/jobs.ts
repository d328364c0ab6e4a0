import type { Db } from './db/client.js';
import { ensureSchedule, type JobHandler } from './lib/jobs.js';
import { ANNUITY_QUEUE, annuityJobHandler } from './modules/achievements/achievements.annuities.js';
import { IMPORT_QUEUE, importJobHandler } from './modules/achievements/achievements.exchange.service.js';
import { CALENDAR_CHECK_QUEUE, checkNextYearCalendar } from './modules/calendar/calendar.jobs.js';
import { CONTRACT_OVERDUE_QUEUE, remindOverdue } from './modules/contracts/index.js';
import { EXPIRY_QUEUE, expiryJobHandler } from './modules/market/market.listings.js';
import { MATCH_NOTIFY_QUEUE, matchNotifyJobHandler } from './modules/market/market.notify.js';

export { createWorker } from './lib/jobs.js';

/** Every background job the platform runs: queue name → handler. */
export const jobHandlers: Record<string, JobHandler> = {
  [CALENDAR_CHECK_QUEUE]: async (_payload, job) => {
    await checkNextYearCalendar(job.db, job.now);
  },
  [IMPORT_QUEUE]: importJobHandler,
  [ANNUITY_QUEUE]: annuityJobHandler,
  [CONTRACT_OVERDUE_QUEUE]: async (_payload, job) => {
    await remindOverdue(job.db, job.now);
  },
  [EXPIRY_QUEUE]: expiryJobHandler,
  [MATCH_NOTIFY_QUEUE]: matchNotifyJobHandler,
};

/** Recurring jobs; safe to call on every start of every app server. */
export async function registerSchedules(db: Db): Promise<void> {
  await ensureSchedule(db, { name: CALENDAR_CHECK_QUEUE, queue: CALENDAR_CHECK_QUEUE, everySeconds: 24 * 60 * 60 });
  await ensureSchedule(db, { name: ANNUITY_QUEUE, queue: ANNUITY_QUEUE, everySeconds: 24 * 60 * 60, payload: { thresholds: [60, 15] } });
  await ensureSchedule(db, { name: CONTRACT_OVERDUE_QUEUE, queue: CONTRACT_OVERDUE_QUEUE, everySeconds: 24 * 60 * 60 });
  await ensureSchedule(db, { name: EXPIRY_QUEUE, queue: EXPIRY_QUEUE, everySeconds: 24 * 60 * 60 });
  await ensureSchedule(db, { name: MATCH_NOTIFY_QUEUE, queue: MATCH_NOTIFY_QUEUE, everySeconds: 5 * 60 });
}
