import type { CalendarOverride, DayInfoView, Overrides } from '../../../common/api/calendar.js';
import { type BusinessDate, createWorkdayCalendar, officialCalendarYears, type WorkdayCalendar, type WorkdayOverride } from '../../../common/calendar.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';

interface OverrideRow {
  day: string;
  is_workday: boolean;
  name: string;
}

const presentOverride = (r: OverrideRow): CalendarOverride => ({ day: r.day, isWorkday: r.is_workday, name: r.name });
export type OverrideView = ReturnType<typeof presentOverride>;

// Due-date computations ask for the calendar often: keep one per database handle, rebuilt on a
// write here and at least every minute, so that other app servers' writes are seen soon.
const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<object, { loadedAt: number; calendar: Promise<WorkdayCalendar> }>();

async function readOverrides(db: Queryable): Promise<WorkdayOverride[]> {
  const { rows } = await db.query<OverrideRow>('select day, is_workday, name from calendar_overrides order by day');
  return rows.map((r) => ({ day: r.day, isWorkday: r.is_workday, name: r.name }));
}

/**
 * The working-day calendar: the official holiday data of the bundled package, overridden by the
 * administrators' rows in calendar_overrides. Cached per database handle; a transaction handle
 * gets its own (short-lived) copy, which also sees the transaction's own writes.
 */
export function loadCalendar(db: Queryable): Promise<WorkdayCalendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CACHE_TTL_MS) return hit.calendar;
  const calendar = readOverrides(db).then((rows) => createWorkdayCalendar(rows));
  cache.set(db, { loadedAt: Date.now(), calendar });
  // A failed load must not stay cached.
  calendar.catch(() => {
    if (cache.get(db)?.calendar === calendar) cache.delete(db);
  });
  return calendar;
}

/** Drops the cached calendar of a database handle; called after an override is written. */
export function invalidateCalendar(db: Queryable): void {
  cache.delete(db);
}

/** Years the calendar knows: the package's official years plus any year with an override. */
function knownYears(overrides: readonly { day: string }[]): number[] {
  const years = new Set(officialCalendarYears());
  for (const o of overrides) years.add(Number(o.day.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

/** The administrators' overrides (optionally of one year) and the years the calendar knows. */
export async function listOverrides(ctx: Ctx, query: { year?: number | undefined }): Promise<Overrides> {
  const all = await readOverrides(ctx.db);
  const items = all.filter((o) => query.year === undefined || o.day.startsWith(`${query.year}-`));
  return { items: items.map((o) => ({ day: o.day, isWorkday: o.isWorkday, name: o.name })), knownYears: knownYears(all) };
}

async function findOverride(db: Queryable, day: BusinessDate): Promise<OverrideRow | null> {
  const { rows } = await db.query<OverrideRow>('select day, is_workday, name from calendar_overrides where day = $1', [day]);
  return rows[0] ?? null;
}

/**
 * Sets whether a day is worked (a holiday, or an adjusted working day 调休上班) when the bundled
 * official data lacks or misstates it; audited with before and after.
 */
export async function putOverride(ctx: Ctx, day: BusinessDate, input: { isWorkday: boolean; name: string }): Promise<OverrideView> {
  const result = await inTransaction(ctx, async (tx) => {
    const before = await findOverride(tx.db, day);
    const { rows } = await tx.db.query<OverrideRow>(
      `insert into calendar_overrides (day, is_workday, name, updated_by, updated_at) values ($1, $2, $3, $4, $5)
       on conflict (day) do update set is_workday = excluded.is_workday, name = excluded.name,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       returning day, is_workday, name`,
      [day, input.isWorkday, input.name, tx.actor?.userId ?? null, tx.now],
    );
    const after = presentOverride(rows[0]!);
    await audit(tx, {
      action: before ? 'calendar.override.updated' : 'calendar.override.created',
      entity: 'calendarOverride',
      entityId: day,
      before: before ? presentOverride(before) : null,
      after,
    });
    return after;
  });
  invalidateCalendar(ctx.db); // after commit, so no reader caches the old rows again
  return result;
}

/** Removes an override: the day falls back to the official data (or the weekend rule); audited. */
export async function deleteOverride(ctx: Ctx, day: BusinessDate): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<OverrideRow>('delete from calendar_overrides where day = $1 returning day, is_workday, name', [day]);
    if (!rows[0]) throw notFound('calendarOverride', day);
    await audit(tx, { action: 'calendar.override.deleted', entity: 'calendarOverride', entityId: day, before: presentOverride(rows[0]) });
  });
  invalidateCalendar(ctx.db);
}

/** One day: worked or not, why (holiday name, source), and the working day a due date on it rolls to. */
export async function describeDay(ctx: Ctx, day: BusinessDate): Promise<DayInfoView> {
  const calendar = await loadCalendar(ctx.db);
  return { ...calendar.dayInfo(day), nextWorkday: calendar.rollToWorkday(day) };
}
