import type { CooperationMode } from '../../../common/achievements.js';
import type { DemandMatches, ListingMatches } from '../../../common/api/market.js';
import { businessDateOf } from '../../../common/calendar.js';
import type { Queryable } from '../../db/client.js';
import { PLATFORM_ROLES } from '../../../common/roles.js';
import { type Ctx, hasRole } from '../../lib/context.js';
import { latestEventId } from '../../lib/ledger.js';
import { segment } from '../../lib/text.js';
import { type ListingRow, listingRelation, listingSelect, PUBLIC_LISTING } from '../achievements/index.js';
import {
  type CorpusStats,
  DOC_FIELDS,
  type DemandFacts,
  type DocField,
  type DocTerms,
  docStats,
  type ListingFacts,
  NO_GOOD_MATCH_THRESHOLD,
  type QueryGroup,
  queryTerms,
  rank,
  scoreMatch,
  buildQuery,
} from './match.rules.js';
import { synonymIndex } from './market.synonyms.js';
import { cachedDocTerms, demandTerms, listingTerms, pinyinCorrections } from './market.text.js';

/**
 * Matching, both ways. Candidates come from PostgreSQL full text (an OR of the query's words and
 * their synonyms over the GIN index), at most CANDIDATES of them by ts_rank; each is then scored
 * by the pure rules of match.rules.ts (BM25F over weighted fields with corpus document
 * frequencies, plus structured fit) and the best `limit` are returned with their explanations.
 */

export { NO_GOOD_MATCH_THRESHOLD };
export const CANDIDATES = 300;
/** Words in more than this share of documents do not select candidates (they still score). */
const COMMON_SHARE = 0.3;

// ---------------------------------------------------------------------------------------------
// Corpus statistics, cached until the ledger moves (every change of a listing or demand is a ledger event)
// ---------------------------------------------------------------------------------------------

interface CorpusCache {
  head: string;
  /** When the counts were taken (ms). */
  at: number;
  n: number;
  avgLen: Record<DocField, number>;
  df: Map<string, number>;
}
const corpusCache = new WeakMap<object, { listings?: CorpusCache; demands?: CorpusCache }>();

/** A large corpus keeps its statistics for this long however little changed. */
export const CORPUS_MAX_AGE_MS = 10 * 60_000;
/** Share of the corpus that may change (in ledger events) before its statistics are recounted. */
export const CORPUS_DRIFT = 0.01;

/**
 * Document frequencies and averages are statistics: a corpus of n documents moves by at most one
 * document per ledger event, so the counts stay within CORPUS_DRIFT of the truth until that many
 * events (of any kind) were appended. Small corpora (under 1 / CORPUS_DRIFT documents) are
 * recounted after every event, as before; large ones after n × CORPUS_DRIFT events or
 * CORPUS_MAX_AGE_MS, whichever comes first, instead of on every unrelated write.
 */
function stale(c: CorpusCache, head: string, now: number): boolean {
  if (c.head === head) return false;
  const moved = BigInt(head) - BigInt(c.head);
  if (moved < 0n) return true;
  return moved > BigInt(Math.floor(c.n * CORPUS_DRIFT)) || now - c.at > CORPUS_MAX_AGE_MS;
}

const tsq = (t: string) => `'${t.replace(/'/g, "''").replace(/\\/g, '')}'`;

const LISTING_PUBLIC = PUBLIC_LISTING;
const DEMAND_OPEN = `d.status = 'open'`;

async function corpus(db: Queryable, kind: 'listings' | 'demands', terms: readonly string[]): Promise<CorpusStats> {
  const head = await latestEventId(db);
  const holder = corpusCache.get(db) ?? {};
  corpusCache.set(db, holder);
  let c = holder[kind];
  if (!c || stale(c, head, Date.now())) {
    const table = kind === 'listings' ? `${listingRelation()} where ${LISTING_PUBLIC}` : `market_demands d where ${DEMAND_OPEN}`;
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    c = { head, at: Date.now(), n: rows[0]!.n, avgLen: await averageLengths(db, kind), df: new Map() };
    holder[kind] = c;
  }
  const missing = terms.filter((t) => !c.df.has(t));
  if (missing.length) {
    const vector = kind === 'listings' ? 'a.search_vector' : 'd.search_vector';
    const from = kind === 'listings' ? `${listingRelation()} where ${LISTING_PUBLIC}` : `market_demands d where ${DEMAND_OPEN}`;
    const { rows } = await db.query<{ term: string; df: number }>(
      `select x.term, (select count(*)::int from ${from} and ${vector} @@ to_tsquery('simple', x.q)) as df
         from unnest($1::text[], $2::text[]) as x(term, q)`,
      [missing, missing.map(tsq)],
    );
    for (const r of rows) c.df.set(r.term, r.df);
  }
  return { n: Math.max(c.n, 1), df: c.df, avgLen: c.avgLen };
}

/** Corpus statistics of the live listings for these words (cached until the ledger moves). */
export const listingCorpus = (db: Queryable, terms: readonly string[]) => corpus(db, 'listings', terms);

/** Average words per field over a sample of recent records (stable enough for length normalisation). */
async function averageLengths(db: Queryable, kind: 'listings' | 'demands'): Promise<Record<DocField, number>> {
  const docs: DocTerms[] = [];
  if (kind === 'listings') {
    const { rows } = await db.query<ListingRow>(`${LISTING_SELECT} where ${LISTING_PUBLIC} order by a.published_at desc limit 200`);
    for (const r of rows) docs.push(listingDoc(r));
  } else {
    const { rows } = await db.query<DemandRow>(`${DEMAND_SELECT} where ${DEMAND_OPEN} order by d.created_at desc limit 200`);
    for (const r of rows) docs.push(demandDoc(r));
  }
  const avg = { title: 1, keywords: 1, summary: 1, body: 1 };
  if (!docs.length) return avg;
  for (const f of DOC_FIELDS) avg[f] = Math.max(1, docs.reduce((s, d) => s + d[f].length, 0) / docs.length);
  return avg;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

export type { ListingRow };

/** The listing columns with the holder (the achievements module's read contract); append `where …`. */
export const LISTING_SELECT = listingSelect();

export function listingDoc(r: ListingRow): DocTerms {
  return cachedDocTerms(`a:${r.id}:${r.version}`, () =>
    listingTerms({ title: r.title, keywords: r.keywords, summary: r.summary, problem: r.problem, benefit: r.benefit, titleEn: r.title_en, summaryEn: r.summary_en }),
  );
}

export const listingFacts = (r: ListingRow): ListingFacts => ({
  fieldCode: r.field_code,
  subfieldCode: r.subfield_code,
  trl: r.trl,
  askingPrice: r.asking_price,
  district: r.district,
  cooperationModes: r.cooperation_modes,
});

export interface DemandRow {
  id: string;
  number: string;
  version: number;
  organisation_id: string;
  organisation_name: string;
  created_by: string | null;
  title: string;
  description: string;
  context: string;
  targets: string;
  budget: string | null;
  regions: string[];
  deadline: string | null;
  field_code: string | null;
  cooperation_modes: CooperationMode[];
  visibility: 'public' | 'platform';
  status: 'open' | 'closed';
  closed_reason: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export const DEMAND_COLUMNS = `d.*, to_char(d.deadline, 'YYYY-MM-DD') as deadline, o.name as organisation_name`;
export const DEMAND_FROM = 'from market_demands d join organisations o on o.id = d.organisation_id';
export const DEMAND_SELECT = `select ${DEMAND_COLUMNS}
  ${DEMAND_FROM}`;

export function demandDoc(r: Pick<DemandRow, 'id' | 'version' | 'title' | 'description' | 'context' | 'targets'>): DocTerms {
  return cachedDocTerms(`d:${r.id}:${r.version}`, () => demandTerms(r));
}

export const demandFacts = (r: Pick<DemandRow, 'field_code' | 'budget' | 'regions' | 'cooperation_modes'>): DemandFacts => ({
  fieldCode: r.field_code,
  budget: r.budget,
  regions: r.regions,
  cooperationModes: r.cooperation_modes,
});

// ---------------------------------------------------------------------------------------------
// Queries from records
// ---------------------------------------------------------------------------------------------

/** The query groups of a demand: its words, their synonyms (firm → technical) and spelling corrections. */
export async function demandQuery(db: Queryable, d: { title: string; description: string; context?: string; targets?: string }) {
  const syn = await synonymIndex(db);
  const title = segment(d.title);
  const body = segment([d.description, d.context ?? '', d.targets ?? ''].join('\n'));
  const corrections = pinyinCorrections([...title, ...body]);
  return { groups: buildQuery({ title, body }, syn, 'forward', { corrections }), synonymVersion: syn.version };
}

/** The query groups of a listing: title and keywords weigh as a title; technical terms map back to firms' words. */
export async function listingQuery(db: Queryable, r: ListingRow) {
  const syn = await synonymIndex(db);
  const doc = listingDoc(r);
  return { groups: buildQuery({ title: [...doc.title, ...doc.keywords], body: [...doc.summary, ...doc.body] }, syn, 'reverse'), synonymVersion: syn.version };
}

/**
 * On a large corpus (at least POOL_MIN_N documents) candidates are first drawn from the documents
 * holding a rare word (in at most POOL_SHARE of them), ranked by the full query; only when those
 * do not fill CANDIDATES is every hit ranked. Bounds ts_rank to the rare-word hits instead of the
 * OR of every query word, which on a long demand text reaches most of the corpus.
 */
const POOL_SHARE = 0.05;
const POOL_MIN_N = 1000;

function poolQuery(groups: readonly QueryGroup[], c: CorpusStats): string | null {
  if (c.n < POOL_MIN_N) return null;
  const rare = queryTerms(groups).filter((t) => {
    const df = c.df.get(t) ?? 0;
    return df > 0 && df <= c.n * POOL_SHARE;
  });
  return rare.length ? rare.slice(0, 64).map(tsq).join(' | ') : null;
}

/** The candidates of `sql` (with `$pool` standing for the pool condition): the rare-word pool when it fills `limit`, else every hit. */
async function pooled<T>(db: Queryable, sql: (poolCondition: string) => string, values: unknown[], pool: string | null, limit: number): Promise<T[]> {
  if (pool) {
    const { rows } = await db.query<T & object>(sql(`$${values.length + 1}`), [...values, pool]);
    if (rows.length >= limit) return rows;
  }
  return (await db.query<T & object>(sql(''), values)).rows;
}

/** The words that select candidates: known to the corpus and not in most documents. */
function retrievalQuery(groups: readonly QueryGroup[], c: CorpusStats): string | null {
  const known = queryTerms(groups).filter((t) => (c.df.get(t) ?? 0) > 0);
  const selective = c.n >= 50 ? known.filter((t) => c.df.get(t)! <= c.n * COMMON_SHARE) : known;
  const use = selective.length ? selective : known;
  return use.length ? use.slice(0, 64).map(tsq).join(' | ') : null;
}

// ---------------------------------------------------------------------------------------------
// Demand → listings
// ---------------------------------------------------------------------------------------------

/** Listings that are public and not past their expiry day. */
const LISTING_LIVE = `${LISTING_PUBLIC} and (((a.published_at at time zone 'Asia/Shanghai')::date + 365 >= $2::date
    and not exists (select 1 from market_listings ml where ml.achievement_id = a.id and ml.expires_on < $2::date))
  or exists (select 1 from market_listings ml where ml.achievement_id = a.id and ml.expires_on >= $2::date))`;

export async function matchListings(db: Queryable, query: { groups: QueryGroup[]; synonymVersion: string }, facts: DemandFacts, limit: number, today: string): Promise<ListingMatches> {
  const terms = queryTerms(query.groups);
  const c = await corpus(db, 'listings', terms);
  const q = retrievalQuery(query.groups, c);
  if (!q) return { items: [], noGoodMatch: true };
  const rows = await pooled<ListingRow>(
    db,
    (p) => `${LISTING_SELECT} where ${LISTING_LIVE} and a.search_vector @@ to_tsquery('simple', $1)
     ${p ? `and a.search_vector @@ to_tsquery('simple', ${p})` : ''}
     order by ts_rank(a.search_vector, to_tsquery('simple', $1)) desc, a.id limit ${CANDIDATES}`,
    [q, today],
    poolQuery(query.groups, c),
    CANDIDATES,
  );
  const scored = rows
    .map((r) => {
      const s = scoreMatch(query.groups, docStats(listingDoc(r)), c, facts, listingFacts(r), query.synonymVersion);
      return {
        id: r.id,
        score: s.score,
        item: {
          achievementId: r.id,
          score: s.score,
          explanation: s.explanation,
          title: r.title,
          number: r.number,
          organisationName: r.organisation_name,
          fieldCode: r.field_code,
          trl: r.trl,
          askingPrice: r.asking_price,
        },
      };
    })
    .filter((x) => x.score > 0);
  const ranked = rank(scored, limit);
  return { items: ranked.items.map((x) => x.item), noGoodMatch: ranked.noGoodMatch };
}

// ---------------------------------------------------------------------------------------------
// Listing → demands
// ---------------------------------------------------------------------------------------------

/** Demands the caller may read: public ones, their own organisation's, all for platform staff. */
export function demandReadableClause(ctx: Pick<Ctx, 'actor'>, values: unknown[]): string {
  if (hasRole(ctx.actor, ...PLATFORM_ROLES, 'broker')) return 'true';
  values.push(ctx.actor ? ctx.actor.memberships.map((m) => m.organisationId) : []);
  return `(d.visibility = 'public' or d.organisation_id = any($${values.length}::uuid[]))`;
}

export async function matchDemands(
  ctx: { actor: Ctx['actor']; db: Queryable; now: Date },
  listing: ListingRow,
  limit: number,
  options: { extraWhere?: string; extraValues?: unknown[]; allDemands?: boolean } = {},
): Promise<DemandMatches> {
  const query = await listingQuery(ctx.db, listing);
  const terms = queryTerms(query.groups);
  const c = await corpus(ctx.db, 'demands', terms);
  const q = retrievalQuery(query.groups, c);
  if (!q) return { items: [], noGoodMatch: true };
  const values: unknown[] = [q, ...(options.extraValues ?? [])];
  const readable = options.allDemands ? 'true' : demandReadableClause(ctx, values);
  const rows = await pooled<DemandRow>(
    ctx.db,
    (p) => `${DEMAND_SELECT} where ${DEMAND_OPEN} and ${readable} ${options.extraWhere ? `and ${options.extraWhere}` : ''} and d.search_vector @@ to_tsquery('simple', $1)
     ${p ? `and d.search_vector @@ to_tsquery('simple', ${p})` : ''}
     order by ts_rank(d.search_vector, to_tsquery('simple', $1)) desc, d.id limit ${CANDIDATES}`,
    values,
    poolQuery(query.groups, c),
    CANDIDATES,
  );
  const facts = listingFacts(listing);
  const scored = rows
    .map((d) => {
      const s = scoreMatch(query.groups, docStats(demandDoc(d)), c, demandFacts(d), facts, query.synonymVersion);
      return {
        id: d.id,
        score: s.score,
        item: { demandId: d.id, score: s.score, explanation: s.explanation, title: d.title, number: d.number, organisationName: d.organisation_name, budget: d.budget, deadline: d.deadline },
      };
    })
    .filter((x) => x.score > 0);
  const ranked = rank(scored, limit);
  return { items: ranked.items.map((x) => x.item), noGoodMatch: ranked.noGoodMatch };
}

export const todayOf = (now: Date) => businessDateOf(now);
