import type { AchievementRow } from './achievements.service.js';

/**
 * The achievements module's read contract for ranked market queries. A public achievement is a
 * listing of the market; the market ranks listings with full text, facets and paging in one SQL
 * statement each, so instead of a read function per query it composes these fragments, which this
 * module owns and keeps in step with its tables:
 *
 * - `listingRelation()` is the relation `achievements a` (with `{ holder: true }` also
 *   `join organisations o on o.id = a.organisation_id`, the holder's name and district);
 * - `PUBLIC_LISTING` is the predicate of a listed achievement (public and not withdrawn);
 * - the columns a market query may read, filter or order on are those of `LISTING_COLUMNS`
 *   below (alias `a`), `a.search_vector` (the full-text vector, weights A–D) and
 *   `a.published_at`, `a.ip_type`, `a.visibility`, `a.status`; renaming one of them is a change of
 *   this contract.
 */

/** `achievements a`, with its holder organisation as `o` when `holder` is set. */
export function listingRelation(options: { holder?: boolean } = {}): string {
  return options.holder ? 'achievements a join organisations o on o.id = a.organisation_id' : 'achievements a';
}

/** The predicate of an achievement listed on the market: public and not withdrawn. */
export const PUBLIC_LISTING = `a.visibility = 'public' and a.status <> 'withdrawn'`;

/** The columns of a listing the market ranks and shows (with the holder's `o.name`, `o.district`). */
export const LISTING_COLUMNS = `a.id, a.number, a.version, a.title, a.title_en, a.summary, a.summary_en, a.problem, a.benefit, a.keywords,
    a.field_code, a.subfield_code, a.trl, a.asking_price, a.cooperation_modes, a.organisation_id, o.name as organisation_name, o.district`;

/** A row of LISTING_COLUMNS. */
export type ListingRow = Pick<
  AchievementRow,
  | 'id'
  | 'number'
  | 'version'
  | 'title'
  | 'title_en'
  | 'summary'
  | 'summary_en'
  | 'problem'
  | 'benefit'
  | 'keywords'
  | 'field_code'
  | 'subfield_code'
  | 'trl'
  | 'asking_price'
  | 'cooperation_modes'
  | 'organisation_id'
> & { organisation_name: string; district: string | null };

/** `select [extra,] <LISTING_COLUMNS> from <listingRelation({ holder: true })>`; append `where …`. */
export function listingSelect(extraColumns: readonly string[] = []): string {
  return `select ${extraColumns.map((c) => `${c}, `).join('')}${LISTING_COLUMNS}
  from ${listingRelation({ holder: true })}`;
}

/** Ledger events after which an achievement may have become a listing: published, or recorded public (imports with --publish). */
export const LISTING_EVENT_TYPES = ['achievement.published', 'achievement.recorded'] as const;

/**
 * The achievement an event of LISTING_EVENT_TYPES may have listed, or null: the reading of this
 * module's event payloads (`visibility` of `achievement.recorded`) and stream names
 * (`achievement:<id>`) stays here. Whether it is still listed is for `PUBLIC_LISTING` to say.
 */
export function listedAchievementOf(e: { stream: string; type: string; payload: Readonly<Record<string, unknown>> }): string | null {
  if (!(LISTING_EVENT_TYPES as readonly string[]).includes(e.type)) return null;
  if (e.type === 'achievement.recorded' && e.payload.visibility !== 'public') return null;
  return e.stream.startsWith('achievement:') ? e.stream.slice('achievement:'.length) : null;
}
