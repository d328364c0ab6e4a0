import type { SynonymMap } from '../../../common/api/market.js';
import type { Db, Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, requireActor } from '../../lib/context.js';
import { fieldError, notFound } from '../../lib/errors.js';
import { appendEvent } from '../../lib/ledger.js';
import { segment } from '../../lib/text.js';
import { buildSynonymIndex, type SynonymEntry, type SynonymIndex } from './match.rules.js';
import { seedSynonyms } from './market.text.js';

/**
 * The synonym map from firms' words to technical terms: the seed shipped with the code, with
 * operators' edits on top (a row replaces or disables the seed entry of its term). Every edit
 * raises the map's version, is audited and is a ledger event in the stream 'market:synonyms'.
 * The version a match was scored with is part of its explanation and of stored feedback.
 */

export const SYNONYM_STREAM = 'market:synonyms';

interface SynonymRow {
  term: string;
  expansions: string[];
  weight: string;
  disabled: boolean;
  note: string;
  version: number;
  updated_at: Date;
  updated_by_name: string | null;
}

const cache = new WeakMap<object, { dbVersion: number; index: SynonymIndex }>();

async function dbVersion(db: Queryable): Promise<number> {
  // Resetting a term deletes its row; the floor keeps the version rising all the same.
  const { rows } = await db.query<{ v: number }>(
    `select greatest((select coalesce(max(version), 0) from market_synonyms), (select coalesce(max(value::int), 0) from market_state where key = 'synonym_version_floor'))::int as v`,
  );
  return rows[0]!.v;
}

/** The effective map, as entries, with its version ("seed hash + edit version"). */
async function effective(
  db: Queryable,
): Promise<{ entries: (SynonymEntry & { source: 'seed' | 'operator'; disabled: boolean; note: string; updatedAt: string | null; updatedBy: string | null })[]; version: string; editVersion: number }> {
  const seed = seedSynonyms();
  const { rows } = await db.query<SynonymRow>('select s.*, u.name as updated_by_name from market_synonyms s left join users u on u.id = s.updated_by order by s.term');
  const byTerm = new Map(rows.map((r) => [r.term, r]));
  const entries = seed.entries.map((e) => {
    const r = byTerm.get(e.term);
    return r
      ? {
          term: r.term,
          expansions: r.expansions,
          weight: Number(r.weight),
          source: 'operator' as const,
          disabled: r.disabled,
          note: r.note,
          updatedAt: r.updated_at.toISOString(),
          updatedBy: r.updated_by_name,
        }
      : { ...e, source: 'seed' as const, disabled: false, note: '', updatedAt: null, updatedBy: null };
  });
  const seedTerms = new Set(seed.entries.map((e) => e.term));
  for (const r of rows) {
    if (seedTerms.has(r.term)) continue;
    entries.push({
      term: r.term,
      expansions: r.expansions,
      weight: Number(r.weight),
      source: 'operator',
      disabled: r.disabled,
      note: r.note,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by_name,
    });
  }
  const editVersion = rows.reduce((m, r) => Math.max(m, r.version), 0);
  return { entries, version: `${seed.hash}.${editVersion}`, editVersion };
}

/** The synonym index the matcher uses, rebuilt when an operator edits the map. */
export async function synonymIndex(db: Db | Queryable): Promise<SynonymIndex> {
  const v = await dbVersion(db);
  const hit = cache.get(db);
  if (hit && hit.dbVersion === v) return hit.index;
  const e = await effective(db);
  const index = buildSynonymIndex(
    e.entries.filter((x) => !x.disabled),
    e.version,
  );
  cache.set(db, { dbVersion: v, index });
  return index;
}

export async function listSynonyms(ctx: Ctx, q?: string): Promise<SynonymMap> {
  const e = await effective(ctx.db);
  const needle = q?.trim().toLowerCase();
  const items = needle ? e.entries.filter((x) => x.term.includes(needle) || x.expansions.some((s) => s.includes(needle))) : e.entries;
  return { version: e.version, items: items.map((x) => ({ ...x, expansions: [...x.expansions] })).sort((a, b) => a.term.localeCompare(b.term, 'zh-CN')) };
}

export interface SynonymInput {
  term: string;
  expansions: string[];
  weight?: string | undefined;
  disabled?: boolean | undefined;
  note?: string | undefined;
}

/** Creates or replaces the entry of one term (an operator's edit); returns the new map version. */
export async function putSynonym(ctx: Ctx, input: SynonymInput) {
  const actor = requireActor(ctx);
  const term = input.term.trim().toLowerCase();
  const expansions = [...new Set(input.expansions.map((x) => x.trim().toLowerCase()).filter(Boolean))];
  if (!term) throw fieldError('body.term', '请填写企业用语', 'the term must not be empty');
  if (expansions.includes(term)) throw fieldError('body.expansions', '扩展词不能与企业用语相同', 'an expansion must differ from the term');
  if (!expansions.length && !input.disabled) throw fieldError('body.expansions', '至少填写一个技术术语', 'give at least one technical term');
  // A term the segmenter splits cannot match as one word: say so rather than store a dead entry.
  if (segment(term).length === 0) throw fieldError('body.term', '企业用语不含可检索的词', 'the term has no searchable word');
  const weight = input.weight ?? '0.80';
  await inTransaction(ctx, async (tx) => {
    const { rows: before } = await tx.db.query<SynonymRow>('select * from market_synonyms where term = $1 for update', [term]);
    const version = (await dbVersion(tx.db)) + 1;
    await tx.db.query(
      `insert into market_synonyms (term, expansions, weight, disabled, note, version, updated_by, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (term) do update set expansions = excluded.expansions, weight = excluded.weight, disabled = excluded.disabled, note = excluded.note,
         version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [term, expansions, weight, input.disabled ?? false, input.note ?? '', version, actor.userId, tx.now],
    );
    const after = { term, expansions, weight, disabled: input.disabled ?? false, note: input.note ?? '' };
    await appendEvent(tx, { stream: SYNONYM_STREAM, type: 'market.synonym_set', payload: { ...after, version } });
    await audit(tx, {
      action: 'market.synonym.set',
      entity: 'market_synonym',
      entityId: null,
      before: before[0] ? { expansions: before[0].expansions, weight: before[0].weight, disabled: before[0].disabled } : null,
      after: { ...after, version },
    });
  });
  return listSynonyms(ctx, term);
}

/** Removes an operator's edit of a term: a seed entry comes back as shipped, an operator's own entry goes. */
export async function resetSynonym(ctx: Ctx, rawTerm: string) {
  requireActor(ctx);
  const term = rawTerm.trim().toLowerCase();
  await inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<SynonymRow>('select * from market_synonyms where term = $1 for update', [term]);
    if (!rows[0]) throw notFound('marketSynonym', term);
    const version = (await dbVersion(tx.db)) + 1;
    await tx.db.query('delete from market_synonyms where term = $1', [term]);
    await tx.db.query(`insert into market_state (key, value) values ('synonym_version_floor', $1) on conflict (key) do update set value = excluded.value`, [String(version)]);
    await appendEvent(tx, { stream: SYNONYM_STREAM, type: 'market.synonym_reset', payload: { term, version } });
    await audit(tx, { action: 'market.synonym.reset', entity: 'market_synonym', entityId: null, before: { expansions: rows[0].expansions, weight: rows[0].weight }, after: null });
  });
  return listSynonyms(ctx);
}
