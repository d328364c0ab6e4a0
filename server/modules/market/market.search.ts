import type { IpType } from '../../../common/achievements.js';
import type { BUDGET_BAND_KEYS, DemandSearchPage, DemandSearchQuery, ListingSearchPage, ListingSearchQuery, PRICE_BAND_KEYS } from '../../../common/api/market.js';
import { businessDateOf } from '../../../common/calendar.js';
import { PAGE_TOTAL_CAP } from '../../../common/page.js';
import type { Ctx } from '../../lib/context.js';
import { segment } from '../../lib/text.js';
import { listingRelation, listingSelect, PUBLIC_LISTING } from '../achievements/index.js';
import { buildQuery, docStats, type QueryGroup, queryTerms, textScore } from './match.rules.js';
import { DEMAND_SELECT, type DemandRow, demandDoc, demandReadableClause, type ListingRow, listingCorpus, listingDoc } from './market.match.js';
import { synonymIndex } from './market.synonyms.js';
import { pinyinCorrections } from './market.text.js';

/**
 * Market search: the words of a query (jieba + the domain dictionary), corrected by sound
 * (pinyin) and widened by the synonym map, select records through the full-text index; the first
 * RANKED of them are ranked by BM25F over weighted fields (title > keywords > summary > body) and
 * paged; facets count the whole matching set under the current filters. When no word of the query
 * is known, the title's trigram similarity finds near spellings.
 */

export const RANKED = 500;
/** Counting stops here, as on every page of the API. */
export const COUNT_CAP = PAGE_TOTAL_CAP;
/**
 * Ranking pool: on a large corpus the RANKED candidates are drawn from the rows holding at least
 * one selective word (in at most this share of listings) when those alone fill RANKED; rows that
 * hold only common words score below them under BM25 (low idf) and are ranked only when the
 * selective rows run short. Bounds ts_rank to the selective rows instead of every hit.
 */
export const POOL_SHARE = 0.05;

/** The money bands of the facets (yuan) over `column`, as SQL conditions; `none` keys "no amount given". */
function moneyBands<N extends string>(column: string, none: N): Record<N | 'lt100k' | '100k_500k' | '500k_1m' | '1m_5m' | 'gt5m', string> {
  return {
    [none]: `${column} is null`,
    lt100k: `${column} < 100000`,
    '100k_500k': `${column} >= 100000 and ${column} < 500000`,
    '500k_1m': `${column} >= 500000 and ${column} < 1000000`,
    '1m_5m': `${column} >= 1000000 and ${column} < 5000000`,
    gt5m: `${column} >= 5000000`,
  } as Record<N | 'lt100k' | '100k_500k' | '500k_1m' | '1m_5m' | 'gt5m', string>;
}

/** A `case` naming the band of each row, for the facet counts. */
const bandCase = (bands: Record<string, string>) =>
  `case ${Object.entries(bands)
    .map(([k, cond]) => `when ${cond} then '${k}'`)
    .join(' ')} end`;

export const PRICE_BANDS: Record<(typeof PRICE_BAND_KEYS)[number], string> = moneyBands('a.asking_price', 'negotiable');
const PRICE_BAND_CASE = bandCase(moneyBands('asking_price', 'negotiable'));
const BUDGET_BANDS: Record<(typeof BUDGET_BAND_KEYS)[number], string> = moneyBands('d.budget', 'none');
const BUDGET_BAND_CASE = bandCase(moneyBands('budget', 'none'));

const tsq = (t: string) => `'${t.replace(/'/g, "''").replace(/\\/g, '')}'`;

export interface Fragment {
  text: string;
  hit: boolean;
}

/** Text cut into plain fragments, those equal to a query word marked as hits (rendered as text, never HTML). */
export function fragments(text: string, words: readonly string[], window?: number): Fragment[] {
  const ws = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  let source = text;
  if (window && text.length > window) {
    const lower = text.toLowerCase();
    const first =
      ws
        .map((w) => lower.indexOf(w))
        .filter((i) => i >= 0)
        .sort((a, b) => a - b)[0] ?? 0;
    const start = Math.max(0, first - 30);
    source = (start > 0 ? '…' : '') + text.slice(start, start + window) + (start + window < text.length ? '…' : '');
  }
  if (!ws.length) return source ? [{ text: source, hit: false }] : [];
  const pattern = new RegExp(ws.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const out: Fragment[] = [];
  let last = 0;
  for (const m of source.matchAll(pattern)) {
    if (m.index > last) out.push({ text: source.slice(last, m.index), hit: false });
    out.push({ text: m[0], hit: true });
    last = m.index + m[0].length;
  }
  if (last < source.length) out.push({ text: source.slice(last), hit: false });
  return out;
}

async function parseQuery(ctx: Ctx, q: string | undefined) {
  const words = q ? segment(q) : [];
  const corrections = pinyinCorrections(words);
  const syn = await synonymIndex(ctx.db);
  const groups: QueryGroup[] = words.length ? buildQuery({ title: [], body: words }, syn, 'forward', { dropFiller: false, corrections }) : [];
  const meta = {
    words,
    corrections: [...corrections].map(([from, to]) => ({ from, to })),
    synonyms: groups.map((g) => ({ from: g.term, to: g.alternatives.filter((a) => a.via === 'synonym').map((a) => a.term) })).filter((s) => s.to.length),
    fuzzy: false,
  };
  return { groups, meta };
}

const bandCount = (rows: { facet: string; key: string | null; n: number }[], facet: string) =>
  rows
    .filter((r) => r.facet === facet && r.key != null)
    .map((r) => ({ key: r.key!, count: r.n }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

// ---------------------------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------------------------

/** A search's query: its filters and page fields; `sort` and `order` default to relevance. */
export type ListingSearch = Omit<ListingSearchQuery, 'sort' | 'order'> & Partial<Pick<ListingSearchQuery, 'sort' | 'order'>>;

/**
 * One page of public listings. `sort=relevance` (the default) ranks the first RANKED text hits by
 * BM25F, or shows the newest first without a text query; `sort=publishedAt` orders the matching
 * set by publication (`order`), unranked.
 */
export async function searchListings(ctx: Ctx, s: ListingSearch): Promise<ListingSearchPage> {
  const { groups, meta } = await parseQuery(ctx, s.q);
  const values: unknown[] = [businessDateOf(ctx.now)];
  const where = [
    PUBLIC_LISTING,
    // Live: within a year of publication unless the office set another expiry day (an anti-join on a small table).
    `(((a.published_at at time zone 'Asia/Shanghai')::date + 365 >= $1::date
    and not exists (select 1 from market_listings ml where ml.achievement_id = a.id and ml.expires_on < $1::date))
  or exists (select 1 from market_listings ml where ml.achievement_id = a.id and ml.expires_on >= $1::date))`,
  ];
  const push = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (s.fieldCode) {
    const p = push(s.fieldCode);
    where.push(`(a.field_code = ${p} or a.subfield_code = ${p})`);
  }
  if (s.trlMin) where.push(`a.trl >= ${push(s.trlMin)}`);
  if (s.trlMax) where.push(`a.trl <= ${push(s.trlMax)}`);
  if (s.priceBand) where.push(`(${PRICE_BANDS[s.priceBand]})`);
  if (s.region) where.push(`o.district = ${push(s.region)}`);
  if (s.ipType) where.push(`a.ip_type = ${push(s.ipType)}`);
  if (s.mode) where.push(`${push(s.mode)} = any(a.cooperation_modes)`);

  let hitWords: string[] = [];
  let tsParam = '';
  let poolParam = '';
  const corpus = groups.length ? await listingCorpus(ctx.db, queryTerms(groups)) : null;
  if (groups.length && corpus) {
    const known = queryTerms(groups).filter((t) => (corpus.df.get(t) ?? 0) > 0);
    if (known.length) {
      tsParam = push(known.map(tsq).join(' | '));
      where.push(`a.search_vector @@ to_tsquery('simple', ${tsParam})`);
      hitWords = known;
      const selective = corpus.n >= 1000 ? known.filter((t) => corpus.df.get(t)! <= corpus.n * POOL_SHARE) : [];
      if (selective.length && selective.length < known.length) poolParam = selective.map(tsq).join(' | ');
    } else {
      // No word of the query is in any listing: near spellings of the title (trigrams).
      const p = push(s.q!.trim());
      where.push(`(a.title % ${p} or a.title ilike ${push(`%${s.q!.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)})`);
      meta.fuzzy = true;
      hitWords = [s.q!.trim()];
    }
  } else if (s.q?.trim()) {
    const p = push(`%${s.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`a.title ilike ${p}`);
    hitWords = [s.q.trim()];
  }
  const whereSql = where.join(' and ');
  const base = `from ${listingRelation({ holder: true })} where ${whereSql}`;

  // One pass over the matching set (at most COUNT_CAP + 1 rows) gives the total and every facet;
  // the page is read at the same time (in parallel on a PostgreSQL pool).
  const facetsQuery = ctx.db.query<{ facet: string; key: string | null; n: number }>(
    `with m as (select a.field_code, a.trl, a.asking_price, o.district, a.ip_type, a.cooperation_modes ${base} limit ${COUNT_CAP + 1})
     select 'total' as facet, null as key, count(*)::int as n from m
     union all select 'field', field_code, count(*)::int from m group by field_code
     union all select 'trl', trl::text, count(*)::int from m group by trl
     union all select 'priceBand', ${PRICE_BAND_CASE}, count(*)::int from m group by 2
     union all select 'region', district, count(*)::int from m group by district
     union all select 'ipType', ip_type, count(*)::int from m group by ip_type
     union all select 'mode', x.mode, count(*)::int from m cross join unnest(m.cooperation_modes) as x(mode) group by x.mode`,
    values,
  );

  type Row = ListingRow & { ip_type: IpType; published_at: Date | null };
  const scores = new Map<string, number>();
  const offset = (s.page - 1) * s.pageSize;
  const select = listingSelect(['a.ip_type', 'a.published_at']);
  const ranked = async (pool: boolean) =>
    (
      await ctx.db.query<Row>(
        `${select} where ${whereSql} ${pool ? `and a.search_vector @@ to_tsquery('simple', $${values.length + 1})` : ''}
         order by ts_rank(a.search_vector, to_tsquery('simple', ${tsParam})) desc, a.id limit ${RANKED}`,
        pool ? [...values, poolParam] : values,
      )
    ).rows;
  const candidates = async () => {
    if (poolParam) {
      const rows = await ranked(true);
      if (rows.length >= RANKED) return rows;
    }
    return ranked(false);
  };
  const dir = s.order === 'asc' ? 'asc' : 'desc';
  const byDate = s.sort === 'publishedAt' ? `a.published_at ${dir}, a.id ${dir}` : 'a.published_at desc, a.id desc';
  const pageQuery: Promise<Row[]> =
    tsParam && corpus && s.sort !== 'publishedAt'
      ? candidates().then((rows) => {
          for (const r of rows) scores.set(r.id, textScore(groups, docStats(listingDoc(r)), corpus).score);
          return rows.sort((x, y) => scores.get(y.id)! - scores.get(x.id)! || (x.id < y.id ? -1 : 1)).slice(offset, offset + s.pageSize);
        })
      : ctx.db.query<Row>(`${select} where ${whereSql} order by ${byDate} limit ${s.pageSize} offset ${offset}`, values).then((r) => {
          if (tsParam && corpus) for (const row of r.rows) scores.set(row.id, textScore(groups, docStats(listingDoc(row)), corpus).score);
          return r.rows;
        });
  const [{ rows: facetRows }, pageRows] = await Promise.all([facetsQuery, pageQuery]);
  const total = facetRows.find((r) => r.facet === 'total')!.n;
  return {
    items: pageRows.map((r) => ({
      achievementId: r.id,
      number: r.number,
      title: r.title,
      titleEn: r.title_en,
      organisationName: r.organisation_name,
      district: r.district,
      fieldCode: r.field_code,
      trl: r.trl,
      ipType: r.ip_type,
      askingPrice: r.asking_price,
      cooperationModes: r.cooperation_modes,
      publishedAt: r.published_at?.toISOString() ?? null,
      score: scores.get(r.id) ?? 0,
      titleHighlight: fragments(r.title, hitWords),
      snippet: fragments(r.summary || r.problem || r.benefit, hitWords, 120),
    })),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    page: s.page,
    pageSize: s.pageSize,
    facets: {
      field: bandCount(facetRows, 'field'),
      trl: bandCount(facetRows, 'trl'),
      priceBand: bandCount(facetRows, 'priceBand'),
      region: bandCount(facetRows, 'region'),
      ipType: bandCount(facetRows, 'ipType'),
      mode: bandCount(facetRows, 'mode'),
    },
    query: meta,
  };
}

// ---------------------------------------------------------------------------------------------
// Demands
// ---------------------------------------------------------------------------------------------

export type DemandSearch = Omit<DemandSearchQuery, 'sort' | 'order'> & Partial<Pick<DemandSearchQuery, 'sort' | 'order'>>;

/** One page of open demands the caller may read: by relevance (the default) or by `createdAt` with `order`. */
export async function searchDemands(ctx: Ctx, s: DemandSearch): Promise<DemandSearchPage> {
  const { groups, meta } = await parseQuery(ctx, s.q);
  const values: unknown[] = [];
  const where = [`d.status = 'open'`, demandReadableClause(ctx, values)];
  const push = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (s.fieldCode) where.push(`d.field_code = ${push(s.fieldCode)}`);
  if (s.region) where.push(`${push(s.region)} = any(d.regions)`);
  if (s.budgetBand) where.push(`(${BUDGET_BANDS[s.budgetBand]})`);
  const terms = queryTerms(groups);
  let hitWords: string[] = [];
  let tsIndex = 0;
  if (terms.length) {
    where.push(`(d.search_vector @@ to_tsquery('simple', ${push(terms.map(tsq).join(' | '))}) or d.title % ${push(s.q!.trim())})`);
    tsIndex = values.length - 1;
    hitWords = terms;
  } else if (s.q?.trim()) {
    where.push(`d.title ilike ${push(`%${s.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)}`);
    hitWords = [s.q.trim()];
  }
  const whereSql = where.join(' and ');
  const base = `from market_demands d join organisations o on o.id = d.organisation_id where ${whereSql}`;
  const { rows: countRows } = await ctx.db.query<{ n: number }>(`select count(*)::int as n from (select 1 ${base} limit ${COUNT_CAP + 1}) c`, values);
  const { rows: facetRows } = await ctx.db.query<{ facet: string; key: string | null; n: number }>(
    `with m as (select d.field_code, d.regions, d.budget ${base} limit ${COUNT_CAP})
     select 'field' as facet, field_code as key, count(*)::int as n from m group by field_code
     union all select 'region', x.r, count(*)::int from m cross join unnest(m.regions) as x(r) group by x.r
     union all select 'budgetBand', ${BUDGET_BAND_CASE}, count(*)::int from m group by 2`,
    values,
  );
  const offset = (s.page - 1) * s.pageSize;
  const dir = s.order === 'asc' ? 'asc' : 'desc';
  const order =
    s.sort === 'createdAt'
      ? `d.created_at ${dir}, d.id ${dir}`
      : tsIndex
        ? `ts_rank('{0.1, 0.2, 0.6, 1.0}', d.search_vector, to_tsquery('simple', $${tsIndex})) desc, d.created_at desc, d.id`
        : 'd.created_at desc, d.id';
  const { rows } = await ctx.db.query<DemandRow>(`${DEMAND_SELECT} where ${whereSql} order by ${order} limit ${s.pageSize} offset ${offset}`, values);
  const n = countRows[0]!.n;
  return {
    items: rows.map((r) => ({
      demandId: r.id,
      number: r.number,
      title: r.title,
      organisationName: r.organisation_name,
      fieldCode: r.field_code,
      region: r.regions,
      budget: r.budget,
      deadline: r.deadline,
      createdAt: r.created_at.toISOString(),
      score: groups.length
        ? textScore(groups, docStats(demandDoc(r)), { n: Math.max(n, 1), df: new Map(terms.map((t) => [t, 1])), avgLen: { title: 8, keywords: 1, summary: 30, body: 20 } }).score
        : 0,
      titleHighlight: fragments(r.title, hitWords),
      snippet: fragments(r.description, hitWords, 120),
    })),
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    page: s.page,
    pageSize: s.pageSize,
    facets: { field: bandCount(facetRows, 'field'), region: bandCount(facetRows, 'region'), budgetBand: bandCount(facetRows, 'budgetBand') },
    query: meta,
  };
}
