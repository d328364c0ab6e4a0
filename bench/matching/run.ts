/**
 * Matching quality on the labelled development set (issue 6 §6): the achievements go in through
 * the ledger importer (published), the demands through the machine contract
 * (`POST /api/v1/market/demands`), and each demand's top 20 comes from
 * `GET /api/v1/market/demands/{id}/matches?limit=20`. The same run ranks the same achievements for
 * the same demands with two baselines over the same jieba tokens (server/lib/text.ts):
 * PostgreSQL `ts_rank` (OR of the demand's words) and MiniSearch (BM25).
 *
 * Run: `npm run bench:matching` (PGlite; KEQIAO_BENCH_DATABASE_URL=postgres://… for a PostgreSQL
 * server). Writes bench/results/matching.json (KEQIAO_BENCH_RESULTS overrides the file name).
 */
import { execFileSync } from 'node:child_process';
import MiniSearch from 'minisearch';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/client.js';
import { segment, searchText } from '../../server/lib/text.js';
import { executeImport } from '../../server/modules/achievements/achievements.exchange.service.js';
import { machine, openTarget, quantile, ROOT, round, type Target, writeResults } from '../ledger/shared.js';
import { achievementId, type DevDemand, loadDevSet } from './devset.js';
import { agreement, calibrate, halfSplit, leaveOneOut, mean, type NoMatchCase, ndcg, reciprocalRank, recall } from './metrics.js';
import { BENCH_PASSWORD, seedPeople } from './seed.js';

const NOW = new Date('2026-11-28T02:00:00Z');
/** The last commit that touched the market module: the matcher these figures describe. */
const marketCommit = () => execFileSync('git', ['log', '-1', '--format=%h %cI', '--', 'server/modules/market'], { cwd: ROOT, encoding: 'utf8' }).trim();
const K = 20;
const set = loadDevSet();

interface Ranked {
  ids: string[];
  scores: number[];
  /** The system's own verdict (the matcher), or null (baselines: decided by a calibrated threshold). */
  noGoodMatch: boolean | null;
  explanations?: unknown[];
  ms: number;
}

const demandText = (d: DevDemand) => `${d.title} ${d.description}`;
const queryWords = (d: DevDemand) => [...new Set(segment(demandText(d)))].slice(0, 64);

async function importSet(db: Db) {
  const people = await seedPeople(db, NOW);
  const outcome = await executeImport(db, {
    organisationId: people.orgId('hhmu'),
    orgCreditCode: people.creditCode('hhmu'),
    format: 'jsonl',
    data: Buffer.from(set.achievementsRaw),
    mode: 'all_or_nothing',
    publish: true,
    actor: null,
    now: NOW,
  });
  if (outcome.importedRows !== set.achievements.length) throw new Error(`imported ${outcome.importedRows} of ${set.achievements.length}: ${JSON.stringify(outcome).slice(0, 500)}`);
  const { rows } = await db.query<{ id: string; title: string; visibility: string }>('select id, title, visibility from achievements');
  const byTitle = new Map(set.achievements.map((a) => [a.title, achievementId(a)]));
  const devOf = new Map<string, string>();
  for (const r of rows) {
    const dev = byTitle.get(r.title);
    if (dev) devOf.set(r.id, dev);
  }
  const pub = rows.filter((r) => r.visibility === 'public').length;
  if (devOf.size !== set.achievements.length || pub !== set.achievements.length) throw new Error(`mapped ${devOf.size}, public ${pub} of ${set.achievements.length}`);
  return devOf;
}

/** The text both baselines index: the same fields, segmented by the same jieba with the same dictionary. */
const docText = (a: (typeof set.achievements)[number]) => searchText(a.title, a.summary, a.problem, a.benefit, a.keywords);

async function tsRankBaseline(db: Db): Promise<(d: DevDemand) => Promise<Ranked>> {
  await db.exec('create table bench_match_docs (id text primary key, tsv tsvector not null)');
  for (const a of set.achievements) await db.query(`insert into bench_match_docs values ($1, to_tsvector('simple', $2))`, [achievementId(a), docText(a)]);
  return async (d) => {
    const t = performance.now();
    const q = queryWords(d)
      .map((w) => `'${w.replace(/\\/g, '').replace(/'/g, "''")}'`)
      .join(' | ');
    const { rows } = await db.query<{ id: string; r: number }>(`select id, ts_rank(tsv, q) as r from bench_match_docs, to_tsquery('simple', $1) q where tsv @@ q order by r desc, id limit ${K}`, [q]);
    return { ids: rows.map((r) => r.id), scores: rows.map((r) => Number(r.r)), noGoodMatch: null, ms: performance.now() - t };
  };
}

function miniSearchBaseline(): (d: DevDemand) => Promise<Ranked> {
  const ms = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], tokenize: (s) => s.split(' ').filter(Boolean), processTerm: (t) => t });
  ms.addAll(set.achievements.map((a) => ({ id: achievementId(a), text: docText(a) })));
  return async (d) => {
    const t = performance.now();
    const hits = ms.search(queryWords(d).join(' '), { combineWith: 'OR' }).slice(0, K);
    return { ids: hits.map((h) => String(h.id)), scores: hits.map((h) => h.score), noGoodMatch: null, ms: performance.now() - t };
  };
}

async function matcher(db: Db, devOf: Map<string, string>): Promise<{ rank: ((d: DevDemand) => Promise<Ranked>) | null; close: () => Promise<void>; note?: string }> {
  const app = await buildApp({ db, now: () => NOW, serveWeb: false, logger: false });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'enterprise@demo.keqiao.cn', password: BENCH_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
  const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
  const headers = {
    cookie: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    'x-csrf-token': cookies.csrf_token ?? '',
  };
  const probe = await app.inject({ method: 'POST', url: '/api/v1/market/demands', headers, payload: {} });
  if (probe.statusCode === 404) return { rank: null, close: () => app.close(), note: 'POST /api/v1/market/demands answered 404: the market module is not in this build' };
  return {
    close: () => app.close(),
    rank: async (d) => {
      const payload = {
        title: d.title,
        description: d.description,
        ...(d.fieldCode ? { fieldCode: d.fieldCode } : {}),
        ...(d.budget ? { budget: d.budget } : {}),
        ...(d.region ? { region: d.region } : {}),
      };
      const created = await app.inject({ method: 'POST', url: '/api/v1/market/demands', headers, payload });
      if (created.statusCode !== 201 && created.statusCode !== 200) throw new Error(`${d.id}: POST demands ${created.statusCode} ${created.body.slice(0, 300)}`);
      const id = (created.json() as { id: string }).id;
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/market/demands/${id}/matches?limit=${K}`, headers });
      const ms = performance.now() - t;
      if (res.statusCode !== 200) throw new Error(`${d.id}: matches ${res.statusCode} ${res.body.slice(0, 300)}`);
      const body = res.json() as { items: { achievementId: string; score: number; explanation: unknown }[]; noGoodMatch: boolean };
      return {
        ids: body.items.map((i) => devOf.get(i.achievementId) ?? i.achievementId),
        scores: body.items.map((i) => Number(i.score)),
        noGoodMatch: body.noGoodMatch,
        explanations: body.items.slice(0, 3).map((i) => i.explanation),
        ms,
      };
    },
  };
}

/** How many of the demand's words the matcher's first listing matched (its explanation's terms); a diagnostic, not the shipped rule. */
const matchedWords = (r: Ranked) => ((r.explanations?.[0] as { terms?: unknown[] } | undefined)?.terms ?? []).length;

function evaluate(name: string, runs: Map<string, Ranked>) {
  const answerable = set.demands.filter((d) => set.answerable(d.id));
  const per = answerable.map((d) => {
    const r = runs.get(d.id)!;
    const g = set.qrels.get(d.id)!;
    return { ndcg: ndcg(r.ids, g, 10), recall: recall(r.ids, g, K), rr: reciprocalRank(r.ids, g, K) };
  });
  const cases: NoMatchCase[] = set.demands.map((d) => ({ top: runs.get(d.id)!.scores[0] ?? 0, noAnswer: !set.answerable(d.id) }));
  const tuned = calibrate(cases);
  const own = set.demands.every((d) => runs.get(d.id)!.noGoodMatch !== null)
    ? agreement(
        set.demands.map((d) => runs.get(d.id)!.noGoodMatch!),
        cases,
      )
    : null;
  const r3 = (a: { accuracy: number; balanced: number }) => ({ accuracy: round(a.accuracy, 3), balanced: round(a.balanced, 3) });
  const ms = [...runs.values()].map((r) => r.ms).sort((a, b) => a - b);
  return {
    system: name,
    ndcgAt10: round(mean(per.map((p) => p.ndcg)), 3),
    recallAt20: round(mean(per.map((p) => p.recall)), 3),
    mrr: round(mean(per.map((p) => p.rr)), 3),
    noMatch: {
      ...(own ? { asShipped: r3(own) } : {}),
      calibratedThreshold: Number(tuned.threshold.toPrecision(4)),
      tunedOnSet: r3(tuned),
      leaveOneOut: r3(leaveOneOut(cases)),
      halfSplit: r3(halfSplit(cases)),
      ...(own
        ? {
            diagnosticFewerThanTwoWords: r3(
              agreement(
                set.demands.map((d) => matchedWords(runs.get(d.id)!) < 2),
                cases,
              ),
            ),
          }
        : {}),
    },
    latencyMs: { median: round(quantile(ms, 0.5), 2), p95: round(quantile(ms, 0.95), 2) },
  };
}

async function main() {
  const kind: Target = process.env.KEQIAO_BENCH_DATABASE_URL ? 'postgres' : 'pglite';
  const { db, drop } = await openTarget(kind, 'matching');
  try {
    process.stderr.write(`importing ${set.achievements.length} achievements (${kind})\n`);
    const devOf = await importSet(db);
    const systems: [string, (d: DevDemand) => Promise<Ranked>][] = [
      ['ts_rank (PostgreSQL, OR of the demand words)', await tsRankBaseline(db)],
      ['MiniSearch (BM25, OR)', miniSearchBaseline()],
    ];
    const m = await matcher(db, devOf);
    if (m.rank) systems.unshift(['Keqiao matcher', m.rank]);
    const runs = new Map<string, Map<string, Ranked>>();
    for (const [name, rank] of systems) {
      const r = new Map<string, Ranked>();
      for (const d of set.demands) r.set(d.id, await rank(d));
      runs.set(name, r);
      process.stderr.write(`  ${name}: done\n`);
    }
    await m.close();
    const results = systems.map(([name]) => evaluate(name, runs.get(name)!));
    const perDemand = set.demands.map((d) => {
      const g = set.qrels.get(d.id)!;
      return {
        id: d.id,
        title: d.title,
        answerable: set.answerable(d.id),
        relevant: [...g].filter(([, x]) => x >= 2).map(([id, x]) => `${id}:${x}`),
        ...Object.fromEntries(
          systems.map(([name]) => {
            const r = runs.get(name)!.get(d.id)!;
            return [
              name,
              {
                top5: r.ids.slice(0, 5).map((id, i) => `${id}:${g.get(id) ?? 0}@${Number(r.scores[i]!.toPrecision(3))}`),
                ...(r.noGoodMatch === null ? {} : { noGoodMatch: r.noGoodMatch }),
                rr: round(reciprocalRank(r.ids, g, K), 2),
                ...(r.explanations ? { explanations: r.explanations } : {}),
              },
            ];
          }),
        ),
      };
    });
    const report = {
      benchmark: 'matching quality on the development set (bench/matching/run.ts)',
      command: 'npm run bench:matching',
      at: new Date().toISOString(),
      machine: machine(),
      marketCode: marketCommit(),
      database: kind,
      ...(m.note ? { note: m.note } : {}),
      set: {
        achievements: set.achievements.length,
        demands: set.demands.length,
        answerable: set.demands.filter((d) => set.answerable(d.id)).length,
        withoutAnswer: set.demands.filter((d) => !set.answerable(d.id)).length,
        gradedPairs: [...set.qrels.values()].reduce((n, g) => n + g.size, 0),
      },
      definitions: {
        relevant: 'grade ≥ 2 (solves the problem, possibly with a gap); grade 1 is related only',
        ndcgAt10: 'exponential gain 2^g − 1, log2 discount, ideal from all graded pairs of the demand; mean over answerable demands',
        recallAt20: 'share of the relevant achievements in the top 20; mean over answerable demands',
        mrr: '1 / rank of the first relevant achievement in the top 20 (0 if none); mean over answerable demands',
        noMatch:
          'accuracy (share of demands judged right) and balanced accuracy (mean of the recall on demands without and with an answer) of "no good match" (true for a demand without a grade-2 answer, false otherwise). asShipped: the matcher’s own noGoodMatch. calibrated: noGoodMatch = top score < threshold, the threshold maximising balanced accuracy on the whole set (tunedOnSet, optimistic), leaveOneOut: each demand judged with a threshold calibrated on the others; halfSplit: calibrated on odd-numbered demands and judged on even-numbered ones and the other way round (pooled). diagnosticFewerThanTwoWords (matcher only, not its shipped rule): "no good match" when its first listing matches fewer than two of the demand’s words, from the explanation’s terms',
        tokens:
          'jieba search-mode words with the domain dictionary (server/lib/text.ts segment); documents: title, summary, problem, benefit, keywords; queries: demand title + description, distinct words',
      },
      results,
      perDemand,
    };
    writeResults(process.env.KEQIAO_BENCH_RESULTS ?? 'matching.json', report);
    console.table(
      results.map((r) => ({
        system: r.system,
        'nDCG@10': r.ndcgAt10,
        'Recall@20': r.recallAt20,
        MRR: r.mrr,
        threshold: r.noMatch.calibratedThreshold,
        ...Object.fromEntries(
          Object.entries(r.noMatch)
            .filter(([k]) => k !== 'calibratedThreshold')
            .map(([k, v]) => [`noMatch ${k}`, typeof v === 'number' ? v : `${(v as { accuracy: number }).accuracy} / ${(v as { balanced: number }).balanced}`]),
        ),
        medianMs: r.latencyMs.median,
      })),
    );
    if (m.note) console.log(m.note);
  } finally {
    await drop();
  }
}

await main();
