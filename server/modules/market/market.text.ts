import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { segment } from '../../lib/text.js';
import type { DocTerms, SynonymEntry } from './match.rules.js';
import { DEFAULT_SYNONYM_WEIGHT } from './match.rules.js';

/**
 * Text helpers of the market: the seed synonym map, per-field segmentation of listings and
 * demands (cached by record version), and spelling tolerance through pinyin — a word typed by
 * its sound (rongjieyang) or with a homophone character (容解氧) is corrected to the dictionary
 * word that sounds the same (溶解氧).
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED_FILE = path.join(HERE, 'synonyms.json');
const DICT_FILE = path.join(HERE, '..', '..', 'lib', 'dict', 'domain.txt');

let seed: { entries: SynonymEntry[]; hash: string } | null = null;

/** The synonym map shipped with the code (synonyms.json), and a short hash of it for the map's version. */
export function seedSynonyms(): { entries: SynonymEntry[]; hash: string } {
  if (!seed) {
    const raw = fs.readFileSync(SEED_FILE);
    const parsed = JSON.parse(raw.toString('utf8')) as { entries: { term: string; expansions: string[]; weight?: number }[] };
    seed = {
      entries: parsed.entries.map((e) => ({ term: e.term.toLowerCase(), expansions: e.expansions.map((x) => x.toLowerCase()), weight: e.weight ?? DEFAULT_SYNONYM_WEIGHT })),
      hash: createHash('sha256').update(raw).digest('hex').slice(0, 8),
    };
  }
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Per-field segmentation, cached
// ---------------------------------------------------------------------------------------------

const CACHE_MAX = 50_000;
const docCache = new Map<string, DocTerms>();

/** Segments a record's fields once per version (a bounded cache, oldest out first). */
export function cachedDocTerms(key: string, make: () => DocTerms): DocTerms {
  const hit = docCache.get(key);
  if (hit) return hit;
  const terms = make();
  if (docCache.size >= CACHE_MAX) docCache.delete(docCache.keys().next().value!);
  docCache.set(key, terms);
  return terms;
}

export interface ListingText {
  title: string;
  keywords: readonly string[];
  summary: string;
  problem: string;
  benefit: string;
  titleEn: string | null;
  summaryEn: string | null;
}

export function listingTerms(t: ListingText): DocTerms {
  return {
    title: segment(t.title),
    keywords: t.keywords.flatMap((k) => segment(k)),
    summary: segment(t.summary),
    body: segment([t.problem, t.benefit, t.titleEn ?? '', t.summaryEn ?? ''].join('\n')),
  };
}

export interface DemandText {
  title: string;
  description: string;
  context: string;
  targets: string;
}

export function demandTerms(t: DemandText): DocTerms {
  return {
    title: segment(t.title),
    keywords: [],
    summary: segment(t.description),
    body: segment(`${t.context}\n${t.targets}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Pinyin
// ---------------------------------------------------------------------------------------------

const key = (s: string) =>
  pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

let vocab: { byKey: Map<string, string[]>; words: Set<string> } | null = null;

/** Dictionary words and synonym-map words by their toneless pinyin. */
function vocabulary() {
  if (!vocab) {
    const words = new Set<string>();
    for (const line of fs.readFileSync(DICT_FILE, 'utf8').split('\n')) {
      const w = line.trim().split(/\s+/)[0];
      if (w && [...w].length >= 2) words.add(w.toLowerCase());
    }
    for (const e of seedSynonyms().entries) {
      for (const w of [e.term, ...e.expansions]) if ([...w].length >= 2 && /\p{Script=Han}/u.test(w)) words.add(w);
    }
    const byKey = new Map<string, string[]>();
    for (const w of words) {
      const k = key(w);
      if (k.length < 4) continue;
      byKey.set(k, [...(byKey.get(k) ?? []), w]);
    }
    vocab = { byKey, words };
  }
  return vocab;
}

/**
 * Spelling corrections for query words, by sound: a word in Latin letters that is the pinyin of a
 * dictionary word, or a word (alone or with the next one) that sounds like a dictionary word it is
 * not. Returns word → corrected words.
 */
export function pinyinCorrections(words: readonly string[]): Map<string, string[]> {
  const { byKey, words: known } = vocabulary();
  const out = new Map<string, string[]>();
  const add = (w: string, list: readonly string[]) => {
    const fresh = list.filter((x) => x !== w && !words.includes(x));
    if (fresh.length) out.set(w, [...new Set([...(out.get(w) ?? []), ...fresh])]);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (known.has(w)) continue;
    if (/^[a-z]{4,}$/.test(w)) {
      add(w, byKey.get(w) ?? []);
      continue;
    }
    if (!/\p{Script=Han}/u.test(w)) continue;
    add(w, byKey.get(key(w)) ?? []);
    const next = words[i + 1];
    if (next && /\p{Script=Han}/u.test(next)) add(w, byKey.get(key(w + next)) ?? []);
  }
  return out;
}
