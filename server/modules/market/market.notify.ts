import type { Queryable } from '../../db/client.js';
import type { JobHandler } from '../../lib/jobs.js';
import { eventsAfter } from '../../lib/ledger.js';
import { LISTING_EVENT_TYPES, listedAchievementOf, listingSelect, PUBLIC_LISTING } from '../achievements/index.js';
import { notify } from '../notifications/index.js';
import { NO_GOOD_MATCH_THRESHOLD } from './match.rules.js';
import { type ListingRow, matchDemands } from './market.match.js';

/**
 * New listings are pushed to the owners of open demands they match: a job follows the ledger
 * (achievement.published, and achievement.recorded with visibility public — imports with
 * --publish), matches each new listing against the demands posted before it, and notifies each
 * demand's author once per listing when the score clears the threshold.
 */

export const MATCH_NOTIFY_QUEUE = 'market.match-new-listings';
const STATE_KEY = 'match_notify_ledger_id';
/** At most this many demands are told about one listing (the best ones). */
export const NOTIFY_PER_LISTING = 50;

/** Processes up to `batch` publication events after the last one handled; returns notifications posted. */
export async function notifyNewListingMatches(db: Queryable, now: Date, batch = 200): Promise<number> {
  const { rows: state } = await db.query<{ value: string }>('select value from market_state where key = $1', [STATE_KEY]);
  const after = state[0]?.value ?? '0';
  const events = await eventsAfter(db, { afterId: after, types: LISTING_EVENT_TYPES, limit: batch });
  let posted = 0;
  for (const e of events) {
    const achievementId = listedAchievementOf(e);
    if (!achievementId) continue;
    // Still listed (public and not withdrawn) when the job gets to it.
    const { rows } = await db.query<ListingRow & { published_at: Date | null }>(`${listingSelect(['a.published_at'])} where a.id = $1 and ${PUBLIC_LISTING}`, [achievementId]);
    const listing = rows[0];
    if (!listing) continue;
    const result = await matchDemands({ db, now, actor: null }, listing, NOTIFY_PER_LISTING, {
      allDemands: true,
      extraWhere: 'd.created_at <= $2 and d.created_by is not null',
      extraValues: [listing.published_at ?? now],
    });
    for (const m of result.items) {
      if (m.score < NO_GOOD_MATCH_THRESHOLD) continue;
      const { rows: owner } = await db.query<{ created_by: string }>('select created_by from market_demands where id = $1', [m.demandId]);
      const words = m.explanation.terms.slice(0, 4).map((t) => (t.via === 'exact' ? t.term : `${t.term}→${t.matched}`));
      posted += await notify({ db, now }, [owner[0]!.created_by], {
        kind: 'market.new-match',
        titleZh: `新挂牌成果可能解决您的需求“${m.title}”`,
        titleEn: `A new listing may answer your demand "${m.title}"`,
        bodyZh: `成果“${listing.title}”（${listing.organisation_name}），匹配度 ${m.score.toFixed(2)}；匹配词：${words.join('、')}。`,
        bodyEn: `"${listing.title}" (${listing.organisation_name}), score ${m.score.toFixed(2)}; matched: ${words.join(', ')}.`,
        link: `/market/demands/${m.demandId}`,
        dedupeKey: `market-match:${m.demandId}:${listing.id}`,
      });
    }
  }
  const last = events.at(-1)?.id;
  if (last) {
    await db.query(`insert into market_state (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [STATE_KEY, last]);
  }
  return posted;
}

export const matchNotifyJobHandler: JobHandler = async (_payload, job) => {
  // Drain the backlog in batches; each batch records its progress.
  for (let i = 0; i < 20; i++) {
    const before = await job.db.query<{ value: string }>('select value from market_state where key = $1', [STATE_KEY]);
    await notifyNewListingMatches(job.db, job.now);
    const after = await job.db.query<{ value: string }>('select value from market_state where key = $1', [STATE_KEY]);
    if (before.rows[0]?.value === after.rows[0]?.value) break;
  }
};
