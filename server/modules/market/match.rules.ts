/**
 * The market matcher's scoring rules, pure (no I/O): a firm's demand against an achievement, or
 * an achievement against a demand, from segmented words, corpus statistics and the structured
 * facts of both sides. Every score explains itself: the words that matched (and through which
 * synonym), the words that did not, and each structured fit feature with its contribution.
 *
 * Text relevance is BM25F (Robertson & Zaragoza): per field, term frequency normalised by the
 * field's length, weighted by the field (title > keywords > summary > body), saturated by k1 and
 * multiplied by the term's inverse document frequency. The query's words are grouped: a word and
 * its synonyms form one group that counts once (the best of them), a synonym counting `weight`
 * of the word itself. The text score is the share of the query's idf-weighted groups that the
 * document covers, 0..1; structured fit then adds or takes off small fixed amounts.
 */

import { cmp, mul } from '../../../common/money.js';

// ---------------------------------------------------------------------------------------------
// Constants (exported: the benchmark and the explanation quote them)
// ---------------------------------------------------------------------------------------------

/** Below this best score a demand (or an achievement) has "no good match". */
export const NO_GOOD_MATCH_THRESHOLD = 0.3;

export const FIELD_WEIGHTS = { title: 3.0, keywords: 2.5, summary: 1.5, body: 1.0 } as const;
export type DocField = keyof typeof FIELD_WEIGHTS;
export const DOC_FIELDS = Object.keys(FIELD_WEIGHTS) as DocField[];
/** Length normalisation per field (BM25 b); keywords are a list, not prose. */
export const FIELD_B: Record<DocField, number> = { title: 0.3, keywords: 0, summary: 0.6, body: 0.75 };
export const K1 = 1.2;
/** A word of the demand's title counts this much more than a word of its description. */
export const QUERY_TITLE_WEIGHT = 1.5;
/** A query word the corpus never uses still says something the documents do not cover: it counts this share of an average word. */
export const UNKNOWN_TERM_SHARE = 0.35;
/** Default weight of a synonym against the word itself. */
export const DEFAULT_SYNONYM_WEIGHT = 0.8;
/** A document covering a single concept of a query of several: its share counts this much. */
export const SINGLE_CONCEPT_FACTOR = 0.3;
/** ...unless that concept alone carries this share of the query's weight. */
export const SOLE_CONCEPT_SHARE = 0.5;

/** Structured fit: fixed contributions added to the text score (only when some text matched). */
export const FIT = {
  fieldSame: 0.08,
  fieldDifferent: -0.04,
  trlMature: 0.04, // TRL 7–9: ready to use
  trlPilot: 0.02, // TRL 5–6
  trlEarly: -0.04, // TRL 1–3: research
  priceWithinBudget: 0.04,
  priceOverBudget: -0.06, // asking price above 1.5 × the budget
  regionSame: 0.02,
  cooperationOverlap: 0.02,
  cooperationNone: -0.02,
} as const;
export const PRICE_TOLERANCE = '1.5';

/**
 * Words firms write that carry no technical meaning ("我们", "需要", "问题"): dropped from
 * queries built from a demand. Single characters are dropped too unless the synonym map knows them.
 */
export const FILLER = new Set([
  '我们',
  '我',
  '我司',
  '公司',
  '本公司',
  '企业',
  '厂',
  '工厂',
  '厂里',
  '需要',
  '需求',
  '希望',
  '想',
  '想要',
  '要',
  '找',
  '寻找',
  '求',
  '有没有',
  '没有',
  '能',
  '能否',
  '能不能',
  '可以',
  '如何',
  '怎么',
  '怎样',
  '什么',
  '哪些',
  '有',
  '问题',
  '解决',
  '办法',
  '方法',
  '方案',
  '技术',
  '一个',
  '一些',
  '一下',
  '老',
  '老是',
  '总是',
  '经常',
  '常常',
  '很',
  '非常',
  '比较',
  '太',
  '特别',
  '就',
  '都',
  '也',
  '还',
  '又',
  '里',
  '上',
  '下',
  '时',
  '时候',
  '现在',
  '目前',
  '今年',
  '去年',
  '每年',
  '一直',
  '已经',
  '帮',
  '帮助',
  '提供',
  '合作',
  '联系',
  '请',
  '谢谢',
  '主要',
  '相关',
  '进行',
  '实现',
  '通过',
  '使用',
  '采用',
  '这个',
  '那个',
  '这种',
  '那种',
  '做',
  '搞',
  '弄',
  '用',
  '让',
  '把',
  '被',
  '给',
  '从',
  '到',
  '跟',
  '比',
  '不',
  '没',
  '会',
  '得',
  '着',
  '过',
  '吗',
  '呢',
  '吧',
  '啊',
  '团队',
  '单位',
  '项目',
  '产品',
  '情况',
  '影响',
  '导致',
  '造成',
  '出现',
  '发生',
  '存在',
  '较',
  '更',
  '最',
  '多',
  '少',
  '大',
  '小',
  '高',
  '低',
  '最近',
  '不少',
  '很多',
  '好多',
  '每天',
  '天天',
  '不想',
  '再',
  '全靠',
  '靠',
  '不到',
  '怎么办',
  '咋办',
  '好',
  '行',
  '一点',
  '有点',
  '左右',
  '大概',
  '几个',
  '知道',
  '早点',
  '一到',
  '里面',
  '这样',
  '那样',
  '变得',
  '越来越',
  '明显',
  '严重',
  '麻烦',
  '困难',
  '难',
  '头疼',
  '着急',
  '急需',
  '急',
  '尽快',
  '马上',
  '今后',
  '以后',
  '将来',
  '之前',
  '以前',
]);

// ---------------------------------------------------------------------------------------------
// Synonyms
// ---------------------------------------------------------------------------------------------

export interface SynonymEntry {
  term: string;
  expansions: readonly string[];
  weight: number;
}

/** The map both ways: firms' words → technical terms (forward) and back (reverse). */
export interface SynonymIndex {
  version: string;
  forward: Map<string, { term: string; weight: number }[]>;
  reverse: Map<string, { term: string; weight: number }[]>;
}

export function buildSynonymIndex(entries: readonly SynonymEntry[], version: string): SynonymIndex {
  const forward = new Map<string, { term: string; weight: number }[]>();
  const reverse = new Map<string, { term: string; weight: number }[]>();
  const add = (map: typeof forward, from: string, to: string, weight: number) => {
    if (from === to) return;
    const list = map.get(from) ?? [];
    const existing = list.find((x) => x.term === to);
    if (existing) existing.weight = Math.max(existing.weight, weight);
    else list.push({ term: to, weight });
    map.set(from, list);
  };
  for (const e of entries) {
    const from = e.term.toLowerCase();
    for (const x of e.expansions) {
      add(forward, from, x.toLowerCase(), e.weight);
      add(reverse, x.toLowerCase(), from, e.weight);
    }
  }
  return { version, forward, reverse };
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export interface Alternative {
  term: string;
  /** 1 for the word itself; the synonym's weight; a corrected spelling's factor. */
  factor: number;
  via: 'exact' | 'synonym' | 'spelling';
}

/** One meaning of the query: a word and its alternatives; counts once. */
export interface QueryGroup {
  term: string;
  weight: number;
  alternatives: Alternative[];
}

/**
 * Query groups from segmented words: title words weigh QUERY_TITLE_WEIGHT, others 1; a word
 * that is part of a longer word of the same query (溶解 in 溶解氧) is dropped, as are filler words;
 * synonyms are added in the given direction ('forward' for a demand's words, 'reverse' for an
 * achievement's technical terms).
 */
export function buildQuery(
  parts: { title: readonly string[]; body: readonly string[] },
  synonyms: SynonymIndex,
  direction: 'forward' | 'reverse',
  options: { dropFiller?: boolean; corrections?: ReadonlyMap<string, string[]> } = {},
): QueryGroup[] {
  const dropFiller = options.dropFiller ?? true;
  const map = direction === 'forward' ? synonyms.forward : synonyms.reverse;
  const weights = new Map<string, number>();
  for (const [words, w] of [
    [parts.title, QUERY_TITLE_WEIGHT],
    [parts.body, 1],
  ] as const) {
    for (const raw of words) {
      const t = raw.toLowerCase();
      if (dropFiller && FILLER.has(t)) continue;
      if ([...t].length < 2 && !map.has(t) && !/^[a-z0-9]$/.test(t)) continue;
      weights.set(t, Math.max(weights.get(t) ?? 0, w));
    }
  }
  const all = [...weights.keys()];
  const groups: QueryGroup[] = [];
  for (const [term, weight] of weights) {
    // 溶解 inside 溶解氧: the longer word carries the meaning (documents hold both).
    if (all.some((o) => o !== term && o.length > term.length && o.includes(term)) && !map.has(term)) continue;
    const alternatives: Alternative[] = [{ term, factor: 1, via: 'exact' }];
    for (const s of map.get(term) ?? []) {
      if (!alternatives.some((a) => a.term === s.term)) alternatives.push({ term: s.term, factor: s.weight, via: 'synonym' });
    }
    for (const c of options.corrections?.get(term) ?? []) {
      if (!alternatives.some((a) => a.term === c)) alternatives.push({ term: c, factor: 0.9, via: 'spelling' });
    }
    groups.push({ term, weight, alternatives });
  }
  return groups;
}

/** Every distinct word a query may match, for candidate retrieval and document frequencies. */
export function queryTerms(groups: readonly QueryGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.alternatives.map((a) => a.term)))];
}

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

export type DocTerms = Record<DocField, readonly string[]>;

export interface DocStats {
  tf: Map<string, Record<DocField, number>>;
  len: Record<DocField, number>;
}

export function docStats(doc: DocTerms): DocStats {
  const tf = new Map<string, Record<DocField, number>>();
  const len = { title: 0, keywords: 0, summary: 0, body: 0 };
  for (const f of DOC_FIELDS) {
    len[f] = doc[f].length;
    for (const raw of doc[f]) {
      const t = raw.toLowerCase();
      const e = tf.get(t) ?? { title: 0, keywords: 0, summary: 0, body: 0 };
      e[f]++;
      tf.set(t, e);
    }
  }
  return { tf, len };
}

export interface CorpusStats {
  /** Documents in the corpus. */
  n: number;
  /** Documents containing each word. */
  df: ReadonlyMap<string, number>;
  /** Average length of each field, in words. */
  avgLen: Record<DocField, number>;
}

export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Saturated, field-weighted term frequency of one word in one document, 0..1. */
export function saturation(stats: DocStats, term: string, avgLen: Record<DocField, number>): { sat: number; fields: DocField[] } {
  const e = stats.tf.get(term);
  if (!e) return { sat: 0, fields: [] };
  let tf = 0;
  const fields: DocField[] = [];
  for (const f of DOC_FIELDS) {
    if (!e[f]) continue;
    fields.push(f);
    const norm = 1 - FIELD_B[f] + FIELD_B[f] * (stats.len[f] / Math.max(avgLen[f], 1));
    tf += (FIELD_WEIGHTS[f] * e[f]) / norm;
  }
  return { sat: tf / (tf + K1), fields };
}

/** A word once in a title of average length: the saturation that counts as "covered" (1). */
const SAT_REF = FIELD_WEIGHTS.title / (FIELD_WEIGHTS.title + K1);

export interface TermMatch {
  term: string;
  matched: string;
  via: Alternative['via'];
  fields: DocField[];
  contribution: number;
}

export interface TextScore {
  score: number;
  terms: TermMatch[];
  unmatched: string[];
  /** Concepts (groups) of the query the document covers, of how many, and their share of the query's weight. */
  concepts: { covered: number; of: number; share: number };
}

/**
 * How much a group of the query matters: the idf of its most common known alternative (a
 * concept is as specific as its broadest wording), or null when the corpus knows none of them.
 */
export function groupIdf(g: QueryGroup, corpus: CorpusStats): number | null {
  const dfs = g.alternatives.map((a) => corpus.df.get(a.term) ?? 0).filter((df) => df > 0);
  return dfs.length ? idf(corpus.n, Math.max(...dfs)) : null;
}

/**
 * Idf-weighted share of the query's groups that a document covers (0..1), with the words that
 * did it. A group is covered (1) by one of its words once in a title of average length; more
 * occurrences and better fields earn up to 1/SAT_REF, weaker ones less; a synonym earns its weight.
 *
 * Concept coverage: a document that covers only one of the query's concepts (one word and its
 * synonyms) is not a match to a query of several concepts, however rare that word is; its share
 * is multiplied by SINGLE_CONCEPT_FACTOR, unless that one concept carries at least
 * SOLE_CONCEPT_SHARE of the query's weight (a short query: "海水淡化").
 */
export function textScore(groups: readonly QueryGroup[], stats: DocStats, corpus: CorpusStats): TextScore {
  const idfs = groups.map((g) => groupIdf(g, corpus));
  const known = idfs.filter((r): r is number => r !== null);
  if (!known.length) return { score: 0, terms: [], unmatched: groups.map((g) => g.term), concepts: { covered: 0, of: groups.length, share: 0 } };
  const meanIdf = known.reduce((a, b) => a + b, 0) / known.length;
  let denominator = 0;
  const gains: { group: QueryGroup; mass: number; best: { alt: Alternative; value: number; fields: DocField[] } | null }[] = [];
  groups.forEach((g, i) => {
    const gi = idfs[i] ?? meanIdf * UNKNOWN_TERM_SHARE;
    const mass = g.weight * gi;
    denominator += mass;
    let best: { alt: Alternative; value: number; fields: DocField[] } | null = null;
    for (const a of g.alternatives) {
      if (!(corpus.df.get(a.term) ?? 0)) continue;
      const { sat, fields } = saturation(stats, a.term, corpus.avgLen);
      if (!sat) continue;
      const value = mass * a.factor * (sat / SAT_REF);
      if (!best || value > best.value) best = { alt: a, value, fields };
    }
    gains.push({ group: g, mass, best });
  });
  const terms: TermMatch[] = [];
  const unmatched: string[] = [];
  let numerator = 0;
  let covered = 0;
  let coveredMass = 0;
  let heaviest = 0;
  for (const { group, mass, best } of gains) {
    if (!best) {
      unmatched.push(group.term);
      continue;
    }
    numerator += best.value;
    covered++;
    coveredMass += mass;
    heaviest = Math.max(heaviest, mass);
    terms.push({ term: group.term, matched: best.alt.term, via: best.alt.via, fields: best.fields, contribution: round4(best.value / denominator) });
  }
  const single = covered < 2 && heaviest / denominator < SOLE_CONCEPT_SHARE;
  const factor = single ? SINGLE_CONCEPT_FACTOR : 1;
  for (const t of terms) t.contribution = round4(t.contribution * factor);
  terms.sort((a, b) => b.contribution - a.contribution);
  return {
    score: round4(Math.min(1, (numerator / denominator) * factor)),
    terms,
    unmatched,
    concepts: { covered, of: groups.length, share: round4(coveredMass / denominator) },
  };
}

// ---------------------------------------------------------------------------------------------
// Structured fit
// ---------------------------------------------------------------------------------------------

export interface DemandFacts {
  fieldCode: string | null;
  budget: string | null;
  regions: readonly string[];
  cooperationModes: readonly string[];
}

export interface ListingFacts {
  fieldCode: string;
  subfieldCode: string | null;
  trl: number | null;
  askingPrice: string | null;
  district: string | null;
  cooperationModes: readonly string[];
}

export type FitFeature = 'field' | 'trl' | 'price' | 'region' | 'cooperation';

export interface FitItem {
  feature: FitFeature;
  contribution: number;
  zh: string;
  en: string;
}

const topField = (code: string) => (code.split('-').length > 1 && /-\d+$/.test(code) ? code.replace(/-\d+$/, '') : code);

/** Each structured feature that applies, with its fixed contribution and the reason in both languages. */
export function fitFeatures(d: DemandFacts, l: ListingFacts): FitItem[] {
  const out: FitItem[] = [];
  if (d.fieldCode) {
    const same = topField(d.fieldCode) === l.fieldCode || d.fieldCode === l.subfieldCode;
    out.push(
      same
        ? { feature: 'field', contribution: FIT.fieldSame, zh: `技术领域一致（${l.fieldCode}）`, en: `same field (${l.fieldCode})` }
        : { feature: 'field', contribution: FIT.fieldDifferent, zh: `技术领域不同（需求 ${d.fieldCode}，成果 ${l.fieldCode}）`, en: `different field (demand ${d.fieldCode}, listing ${l.fieldCode})` },
    );
  }
  if (l.trl != null) {
    if (l.trl >= 7) out.push({ feature: 'trl', contribution: FIT.trlMature, zh: `技术成熟度 TRL ${l.trl}，可直接应用`, en: `TRL ${l.trl}: ready to apply` });
    else if (l.trl >= 5) out.push({ feature: 'trl', contribution: FIT.trlPilot, zh: `技术成熟度 TRL ${l.trl}，已在相关环境验证`, en: `TRL ${l.trl}: validated in a relevant environment` });
    else if (l.trl <= 3) out.push({ feature: 'trl', contribution: FIT.trlEarly, zh: `技术成熟度 TRL ${l.trl}，尚处研究阶段`, en: `TRL ${l.trl}: still research` });
  }
  if (d.budget != null && l.askingPrice != null) {
    if (cmp(l.askingPrice, d.budget) <= 0) {
      out.push({ feature: 'price', contribution: FIT.priceWithinBudget, zh: `报价 ${l.askingPrice} 元在预算 ${d.budget} 元以内`, en: `asking price ${l.askingPrice} within the budget ${d.budget}` });
    } else if (cmp(l.askingPrice, mul(d.budget, PRICE_TOLERANCE)) > 0) {
      out.push({
        feature: 'price',
        contribution: FIT.priceOverBudget,
        zh: `报价 ${l.askingPrice} 元超过预算 ${d.budget} 元的 ${PRICE_TOLERANCE} 倍`,
        en: `asking price ${l.askingPrice} above ${PRICE_TOLERANCE} × the budget ${d.budget}`,
      });
    }
  }
  if (d.regions.length && l.district && d.regions.includes(l.district)) {
    out.push({ feature: 'region', contribution: FIT.regionSame, zh: `成果持有方位于需求所选区域（${l.district}）`, en: `holder located in a region the demand names (${l.district})` });
  }
  if (d.cooperationModes.length && l.cooperationModes.length) {
    const common = d.cooperationModes.filter((m) => l.cooperationModes.includes(m));
    out.push(
      common.length
        ? { feature: 'cooperation', contribution: FIT.cooperationOverlap, zh: `合作方式一致：${common.join('、')}`, en: `cooperation modes in common: ${common.join(', ')}` }
        : { feature: 'cooperation', contribution: FIT.cooperationNone, zh: '合作方式不一致', en: 'no cooperation mode in common' },
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole score
// ---------------------------------------------------------------------------------------------

export interface MatchExplanation {
  textScore: number;
  terms: TermMatch[];
  synonymsUsed: { from: string; to: string }[];
  unmatched: string[];
  fit: FitItem[];
  threshold: number;
  synonymVersion: string;
}

export interface ScoredMatch {
  score: number;
  explanation: MatchExplanation;
}

/** Text relevance plus structured fit, clamped to 0..1; no text match means no fit either. */
export function scoreMatch(groups: readonly QueryGroup[], stats: DocStats, corpus: CorpusStats, demand: DemandFacts, listing: ListingFacts, synonymVersion: string): ScoredMatch {
  const text = textScore(groups, stats, corpus);
  const fit = text.score > 0 ? fitFeatures(demand, listing) : [];
  const score = round4(Math.max(0, Math.min(1, text.score + fit.reduce((s, f) => s + f.contribution, 0))));
  return {
    score,
    explanation: {
      textScore: text.score,
      terms: text.terms,
      synonymsUsed: text.terms.filter((t) => t.via !== 'exact').map((t) => ({ from: t.term, to: t.matched })),
      unmatched: text.unmatched,
      fit,
      threshold: NO_GOOD_MATCH_THRESHOLD,
      synonymVersion,
    },
  };
}

/** Top `limit` by score (ties by id, stable), and whether the best clears the threshold. */
export function rank<T extends { id: string; score: number }>(items: readonly T[], limit: number): { items: T[]; noGoodMatch: boolean } {
  const sorted = [...items].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const best = sorted[0]?.score ?? 0;
  return { items: sorted.slice(0, limit), noGoodMatch: best < NO_GOOD_MATCH_THRESHOLD };
}

export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
