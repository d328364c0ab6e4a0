import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese text for PostgreSQL full-text search: jieba splits the text into words (with a domain
 * dictionary the project keeps in dict/domain.txt), the words are joined with spaces and indexed
 * with the 'simple' configuration, which then only lower-cases. Queries go through the same
 * segmentation, so documents and queries agree on word boundaries.
 */

const DOMAIN_DICT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dict', 'domain.txt');

let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(fs.readFileSync(DOMAIN_DICT));
  }
  return jieba;
}

// Words that carry no meaning for search, and punctuation.
const STOP = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '对', '等', '中', '为', '一种', '基于', '用于', '以及', 'the', 'a', 'of', 'and', 'for', 'in', 'to']);
const NOISE = /^[\s\p{P}\p{S}]+$/u;

/** Search-mode words of a text, lower-cased, without stop words and punctuation, in order. */
export function segment(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const w of segmenter().cutForSearch(text.normalize('NFKC').toLowerCase(), true)) {
    const word = w.trim();
    if (!word || NOISE.test(word) || STOP.has(word)) continue;
    out.push(word);
  }
  return out;
}

/** The space-joined words stored in a `search_text` column. */
export function searchText(...parts: (string | readonly string[] | null | undefined)[]): string {
  return parts
    .flatMap((p) => (p == null ? [] : typeof p === 'string' ? [p] : p))
    .map((p) => segment(p).join(' '))
    .filter(Boolean)
    .join(' ');
}

/**
 * A tsquery string for user input: every word must match (AND), each word may be a prefix.
 * Words are quoted so that tsquery operators in the input mean nothing.
 */
export function toTsQuery(input: string): string | null {
  const words = [...new Set(segment(input))].slice(0, 32);
  if (!words.length) return null;
  return words.map((w) => `'${w.replace(/'/g, "''").replace(/\\/g, '')}':*`).join(' & ');
}
