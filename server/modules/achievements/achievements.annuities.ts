import { addDays, type BusinessDate, businessDateOf, diffDays, type WorkdayCalendar } from '../../../common/calendar.js';
import type { Annuities, AnnuitiesQueryInput } from '../../../common/api/achievements.js';
import { pageOfArray } from '../../../common/page.js';
import type { Queryable } from '../../db/client.js';
import type { Ctx } from '../../lib/context.js';
import type { JobHandler } from '../../lib/jobs.js';
import { loadCalendar } from '../calendar/index.js';
import { notify } from '../notifications/index.js';
import { peopleHolding } from '../orgs/index.js';

/**
 * Patent annuities (年费) must not lapse: a daily job reminds the institution's tech-transfer
 * officers before each due date, once per due date and threshold (60 and again 15 days before,
 * by default). A due date on a non-working day is payable on the next Chinese working day
 * (调休 included), and the days left are counted to that day.
 */

export const ANNUITY_QUEUE = 'achievements.annuity-reminders';
/** Policy: remind this many calendar days before the (rolled) due date; each threshold once. */
export const DEFAULT_ANNUITY_THRESHOLDS: readonly number[] = [60, 15];

export interface FilingDue {
  filingId: string;
  nextAnnuityDue: BusinessDate;
}

export interface AnnuityReminder {
  filingId: string;
  dueOn: BusinessDate;
  payableBy: BusinessDate;
  daysLeft: number;
  threshold: number;
}

/**
 * Which reminders are due today: for each filing whose payable date is today or later, the
 * tightest threshold it has reached (a filing 10 days out gets the 15-day reminder, not also the
 * 60-day one). Pure: the caller records which were sent.
 */
export function annuityRemindersDue(filings: readonly FilingDue[], today: BusinessDate, calendar: WorkdayCalendar, thresholds: readonly number[] = DEFAULT_ANNUITY_THRESHOLDS): AnnuityReminder[] {
  const sorted = [...thresholds].sort((a, b) => a - b);
  const out: AnnuityReminder[] = [];
  for (const f of filings) {
    const payableBy = calendar.rollToWorkday(f.nextAnnuityDue);
    const daysLeft = diffDays(today, payableBy);
    if (daysLeft < 0) continue;
    const threshold = sorted.find((t) => daysLeft <= t);
    if (threshold === undefined) continue;
    out.push({ filingId: f.filingId, dueOn: f.nextAnnuityDue, payableBy, daysLeft, threshold });
  }
  return out;
}

function thresholdsOf(payload: Record<string, unknown>): number[] {
  const t = payload.thresholds;
  return Array.isArray(t) && t.length && t.every((n) => Number.isInteger(n) && n > 0 && n <= 366) ? (t as number[]) : [...DEFAULT_ANNUITY_THRESHOLDS];
}

interface FilingRow {
  filing_id: string;
  achievement_id: string;
  number: string;
  title: string;
  organisation_id: string;
  application_no: string;
  ip_type: string;
  next_annuity_due: string;
  annuity_reminded_for: string | null;
}

async function upcomingFilings(db: Queryable, today: BusinessDate, horizonDays: number, organisationId: string | null): Promise<FilingRow[]> {
  // A due date up to a fortnight back may still be payable (rolled over a long holiday).
  const { rows } = await db.query<FilingRow>(
    `select f.id as filing_id, f.achievement_id, a.number, a.title, a.organisation_id, f.application_no, f.ip_type, f.next_annuity_due, f.annuity_reminded_for
       from achievement_filings f join achievements a on a.id = f.achievement_id
      where f.status <> 'lapsed' and f.next_annuity_due is not null and a.status not in ('disposed', 'withdrawn')
        and f.next_annuity_due between $1 and $2 and ($3::uuid is null or a.organisation_id = $3)
      order by f.next_annuity_due, a.number`,
    [addDays(today, -14), addDays(today, horizonDays), organisationId],
  );
  return rows;
}

/** The daily job: notifies tto_officers of each institution; returns how many reminders went out. */
export async function remindAnnuities(db: Queryable, now: Date, thresholds: readonly number[] = DEFAULT_ANNUITY_THRESHOLDS): Promise<number> {
  const today = businessDateOf(now);
  const calendar = await loadCalendar(db);
  const rows = await upcomingFilings(db, today, Math.max(...thresholds), null);
  const byId = new Map(rows.map((r) => [r.filing_id, r]));
  const due = annuityRemindersDue(
    rows.map((r) => ({ filingId: r.filing_id, nextAnnuityDue: r.next_annuity_due })),
    today,
    calendar,
    thresholds,
  );
  let sent = 0;
  for (const d of due) {
    const f = byId.get(d.filingId)!;
    const officers = await peopleHolding(db, ['tto_officer'], f.organisation_id);
    const rolled = d.payableBy !== d.dueOn;
    const posted = await notify(
      { db, now },
      officers.map((o) => o.userId),
      {
        kind: 'achievement.annuity-due',
        titleZh: `专利 ${f.application_no}（${f.number}）年费将于 ${d.payableBy} 到期，还有 ${d.daysLeft} 天`,
        titleEn: `The annuity of ${f.application_no} (${f.number}) is due on ${d.payableBy}, in ${d.daysLeft} days`,
        bodyZh: `成果“${f.title}”的年费应缴日为 ${d.dueOn}${rolled ? `，遇节假日顺延至 ${d.payableBy}` : ''}。逾期未缴将导致专利权终止，请及时缴纳。`,
        bodyEn: `The annuity of "${f.title}" is due on ${d.dueOn}${rolled ? `, rolled to the working day ${d.payableBy}` : ''}. Unpaid, the patent lapses.`,
        link: `/achievements/${f.achievement_id}`,
        dedupeKey: `annuity:${d.filingId}:${d.dueOn}:${d.threshold}`,
      },
    );
    await db.query('update achievement_filings set annuity_reminded_for = $2 where id = $1', [d.filingId, d.dueOn]);
    if (posted > 0) sent++;
  }
  return sent;
}

export const annuityJobHandler: JobHandler = async (payload, job) => {
  await remindAnnuities(job.db, job.now, thresholdsOf(payload));
};

/** Upcoming annuity dues of an institution, for its office: a page, by the day they are payable. */
export async function listAnnuities(ctx: Ctx, organisationId: string, query: AnnuitiesQueryInput): Promise<Annuities> {
  const { within } = query;
  const today = businessDateOf(ctx.now);
  const calendar = await loadCalendar(ctx.db);
  const rows = await upcomingFilings(ctx.db, today, within, organisationId);
  const items = rows
    .map((r) => {
      const payableBy = calendar.rollToWorkday(r.next_annuity_due);
      return {
        filingId: r.filing_id,
        achievementId: r.achievement_id,
        number: r.number,
        title: r.title,
        ipType: r.ip_type,
        applicationNo: r.application_no,
        nextAnnuityDue: r.next_annuity_due,
        payableBy,
        daysLeft: diffDays(today, payableBy),
        remindedFor: r.annuity_reminded_for,
      };
    })
    .filter((i) => i.daysLeft >= 0 && i.daysLeft <= within);
  if (query.order === 'desc') items.reverse();
  return { ...pageOfArray(items, query), today, within };
}
