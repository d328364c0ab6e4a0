/**
 * The market at scale (issue 6 §7): 100,000 generated achievements (through the ledger importer,
 * published) and 20,000 demands (through `POST /api/v1/market/demands`), on PGlite and — with
 * KEQIAO_BENCH_DATABASE_URL — on a PostgreSQL server. Measures the latency of one demand's top 20
 * (`GET /api/v1/market/demands/{id}/matches?limit=20`) and of listing searches
 * (`GET /api/v1/market/achievements?q=…`, cold and warm), the search endpoint's throughput under
 * autocannon (50 connections, 10 s, load generated in a separate process) against a real
 * listening server, as a ratio to a bare Fastify route measured in the same run, and the
 * process's resident memory.
 *
 * Run: `npm run bench:market`. BENCH_DATABASES=pglite|postgres re-measures one database and keeps
 * the other's last figures; BENCH_ACHIEVEMENTS / BENCH_DEMANDS change the scale.
 * Writes bench/results/market.json.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/client.js';
import type { TxCtx } from '../../server/lib/context.js';
import { appendEvent } from '../../server/lib/ledger.js';
import { segment } from '../../server/lib/text.js';
import { executeImport } from '../../server/modules/achievements/achievements.exchange.service.js';
import { demandStream } from '../../server/modules/market/market.service.js';
import { type DevAchievement, type DevDemand, loadDevSet } from '../matching/devset.js';
import { BENCH_PASSWORD, seedPeople } from '../matching/seed.js';
import { machine, mib, openTarget, quantile, ROOT, rng, round, rssSampler, type Target, writeResults } from '../ledger/shared.js';

const ACHIEVEMENTS = Number(process.env.BENCH_ACHIEVEMENTS ?? 100_000);
const DEMANDS = Number(process.env.BENCH_DEMANDS ?? 20_000);
const MATCH_RUNS = Number(process.env.BENCH_MATCH_RUNS ?? 200);
/** Demands posted one by one through the API (their rate is reported); the rest go in through the bulk path below. */
const POSTED = Number(process.env.BENCH_POSTED_DEMANDS ?? 500);
/** Time budgets: at least MIN_RUNS, at most the run count, stopping when the budget is spent (slow endpoints at 100k). */
const MATCH_BUDGET_MS = 180_000;
const QUERY_BUDGET_MS = 20_000;
const MIN_RUNS = 5;
const MIN_WARM = 3;
const WARM_RUNS = 20;
const CHUNK = 20_000;
const NOW = new Date('2026-11-28T02:00:00Z');
/** The last commit that touched the market module: the matcher these figures describe. */
const marketCommit = () => execFileSync('git', ['log', '-1', '--format=%h %cI', '--', 'server/modules/market'], { cwd: ROOT, encoding: 'utf8' }).trim();
const RESULTS = 'market.json';
const dev = loadDevSet();
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const run = promisify(execFile);

/** Search queries as buyers type them: technical words, firms' words, a pinyin query, a typo, a long sentence, a filter. */
const QUERIES = ['溶解氧', '海水淡化 反渗透', '防污涂料', '网箱 缺氧', '锂电池 低温', '船底 贝壳', 'rongjieyang', '海水谈化', '虾头虾壳怎么处理才能变废为宝', '水下机器人&fieldCode=MAR-EQP'];

const PREFIXES = ['', '', '改进型', '低成本', '一体化', '智能化', '高效', '新型', '便携式', '模块化'];
const SUFFIXES = ['', '', '及其应用', '的研究与示范', '关键技术', '中试验证', '产业化示范', '（二期）', '及装备', '集成应用'];
const PLACES = ['青岛西海岸新区', '即墨', '胶州湾', '烟台', '威海', '日照', '东营', '黄岛', '崂山', '城阳'];
const NAMES = ['王海洋', '刘波', '陈晓燕', '赵明远', '周婷', '马骏', '孙立新', '高峰', '李静', '张伟', '杨帆', '吴琼'];

function achievementLine(i: number, r: ReturnType<typeof rng>): string {
  const b = dev.achievements[i % dev.achievements.length]! as DevAchievement;
  const other = r.pick(dev.achievements) as DevAchievement;
  const shares = r.pick([['100'], ['60', '40'], ['50', '30', '20']]);
  const trl = r.int(1, 9);
  const rec = {
    number: `GEN-${i}`,
    title: `${r.pick(PREFIXES)}${b.title}${r.pick(SUFFIXES)}`.slice(0, 200),
    summary: `${b.summary}本项目在${r.pick(PLACES)}完成第${r.int(1, 5)}轮验证，并结合${other.keywords.slice(0, 2).join('、')}开展了拓展研究。`,
    ...(b.problem ? { problem: b.problem } : {}),
    keywords: [...b.keywords.slice(0, 4), r.pick(other.keywords)].filter((k, j, a) => a.indexOf(k) === j),
    fieldCode: b.fieldCode,
    subfieldCode: b.subfieldCode,
    ipType: b.ipType,
    trl,
    cooperationModes: b.cooperationModes,
    askingPrice: r.next() < 0.3 ? null : `${r.int(5, 500) * 10_000}.00`,
    completers: shares.map((share, k) => ({ name: NAMES[(i + k) % NAMES.length]!, share })),
    visibility: 'public',
    disclosedOn: `2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  };
  return JSON.stringify(rec);
}

const OPENERS = ['', '', '求助：', '急：', '请教一下，', '我们公司', '老板让问问，'];
const CLOSERS = ['', '预算不多。', '希望尽快解决。', '最好能先试用。', '本地团队优先。', '有成功案例的优先。', '可以来厂里看看。'];

function demandBody(i: number, r: ReturnType<typeof rng>) {
  const d = dev.demands[i % dev.demands.length]! as DevDemand;
  return {
    title: `${r.pick(OPENERS)}${d.title}`.slice(0, 200),
    description: `${d.description}${r.pick(CLOSERS)}（${r.pick(PLACES)}）`,
    ...(d.fieldCode ? { fieldCode: d.fieldCode } : {}),
    ...(d.budget ? { budget: d.budget } : r.next() < 0.3 ? { budget: `${r.int(5, 200) * 10_000}.00` } : {}),
    ...(d.region ? { region: d.region } : {}),
  };
}

async function loadAchievements(db: Db, people: Awaited<ReturnType<typeof seedPeople>>) {
  const r = rng(2026);
  const started = performance.now();
  for (let from = 0; from < ACHIEVEMENTS; from += CHUNK) {
    const n = Math.min(CHUNK, ACHIEVEMENTS - from);
    const data = Buffer.from(Array.from({ length: n }, (_, k) => achievementLine(from + k, r)).join('\n'));
    const outcome = await executeImport(db, {
      organisationId: people.orgId('hhmu'),
      orgCreditCode: people.creditCode('hhmu'),
      format: 'jsonl',
      data,
      mode: 'all_or_nothing',
      publish: true,
      actor: null,
      now: NOW,
    });
    if (outcome.importedRows !== n) throw new Error(`imported ${outcome.importedRows} of ${n}: ${JSON.stringify(outcome).slice(0, 400)}`);
    log(`  achievements ${from + n}/${ACHIEVEMENTS} (${round((performance.now() - started) / 1000)} s)`);
  }
  return (performance.now() - started) / 1000;
}

type App = Awaited<ReturnType<typeof buildApp>>;

async function login(app: App) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'enterprise@demo.keqiao.cn', password: BENCH_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  return {
    cookie: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
    'x-csrf-token': cookies.csrf_token ?? '',
  };
}

/** The first POSTED demands through `POST /api/v1/market/demands`, four at a time. */
async function postDemands(app: App, headers: Record<string, string>, r: ReturnType<typeof rng>) {
  const ids: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < Math.min(POSTED, DEMANDS)) {
      const i = next++;
      const res = await app.inject({ method: 'POST', url: '/api/v1/market/demands', headers, payload: demandBody(i, r) });
      if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`demand ${i}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      ids.push((res.json() as { id: string }).id);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { ids, seconds: (performance.now() - started) / 1000 };
}

/**
 * The other demands in bulk: the same row, search columns (title A, description B, context and
 * targets C, words by server/lib/text.ts) and `demand.posted` ledger event as createDemand writes,
 * 500 a transaction. The market has no bulk path of its own; the API would take half an hour.
 */
async function bulkDemands(db: Db, r: ReturnType<typeof rng>, from: number) {
  const { rows } = await db.query<{ user_id: string; organisation_id: string }>(
    "select u.id as user_id, m.organisation_id from users u join memberships m on m.user_id = u.id where u.email = 'enterprise@demo.keqiao.cn'",
  );
  const { user_id: userId, organisation_id: organisationId } = rows[0]!;
  const ids: string[] = [];
  const started = performance.now();
  const BATCH = 500;
  for (let start = from; start < DEMANDS; start += BATCH) {
    const n = Math.min(BATCH, DEMANDS - start);
    await db.transaction(async (q) => {
      const tx: TxCtx = { db: q, actor: null, now: NOW, locale: 'zh-CN', requestId: 'bench-market', ip: null };
      const values: unknown[] = [];
      const batch = Array.from({ length: n }, (_, k) => {
        const b = demandBody(start + k, r);
        const id = r.uuid();
        const number = `XQ-B-${String(start + k).padStart(6, '0')}`;
        const title = segment(b.title).join(' ');
        const description = segment(b.description).join(' ');
        values.push(id, number, organisationId, userId, b.title, b.description, b.budget ?? null, b.region ? [b.region] : [], b.fieldCode ?? null, NOW, title, description);
        return { id, number, b };
      });
      const cols = 12;
      const tuples = batch.map((_, i) => {
        const p = (c: number) => `$${i * cols + c}`;
        return `(${p(1)},${p(2)},${p(3)},${p(4)},${p(5)},${p(6)},'',''  ,${p(7)},${p(8)},${p(9)},'{}','public',${p(10)},${p(10)},${p(11)},${p(12)},setweight(to_tsvector('simple', ${p(11)}), 'A') || setweight(to_tsvector('simple', ${p(12)}), 'B'))`;
      });
      await q.query(
        `insert into market_demands (id, number, organisation_id, created_by, title, description, context, targets, budget, regions, field_code, cooperation_modes, visibility,
           created_at, updated_at, title_terms, body_terms, search_vector) values ${tuples.join(',')}`,
        values,
      );
      for (const { id, number, b } of batch) {
        await appendEvent(tx, {
          stream: demandStream(id),
          type: 'demand.posted',
          payload: {
            number,
            organisationId,
            title: b.title,
            description: b.description,
            context: '',
            targets: '',
            budget: b.budget ?? null,
            regions: b.region ? [b.region] : [],
            deadline: null,
            fieldCode: b.fieldCode ?? null,
            cooperationModes: [],
            visibility: 'public',
          },
        });
        ids.push(id);
      }
    });
    if ((start + n) % 5000 === 0 || start + n === DEMANDS) log(`  demands ${start + n}/${DEMANDS} (${round((performance.now() - started) / 1000)} s)`);
  }
  return { ids, seconds: (performance.now() - started) / 1000 };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(quantile(s, 0.5), 1), p95: round(quantile(s, 0.95), 1), n: s.length };
};

async function timed(app: App, url: string, headers?: Record<string, string>) {
  const t = performance.now();
  const res = await app.inject({ method: 'GET', url, ...(headers ? { headers } : {}) });
  const ms = performance.now() - t;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { ms, body: res.json() as { items: unknown[]; total?: number } };
}

const searchUrl = (q: string) => {
  const [text, ...filters] = q.split('&');
  return `/api/v1/market/achievements?q=${encodeURIComponent(text!)}${filters.length ? `&${filters.join('&')}` : ''}&pageSize=20`;
};

async function cannon(url: string, paths: string[]) {
  const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'bench/market/cannon.ts'), JSON.stringify({ url, paths, connections: 50, duration: 10 })], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { requestsPerSecond: number; latencyMs: Record<string, number>; requests: number; non2xx: number; errors: number; timeouts: number };
}

async function benchDatabase(kind: Target) {
  log(`${kind}: ${ACHIEVEMENTS} achievements, ${DEMANDS} demands`);
  const rss = rssSampler();
  const { db, drop } = await openTarget(kind, 'market');
  try {
    const people = await seedPeople(db, NOW);
    const achievementSeconds = await loadAchievements(db, people);
    const app = await buildApp({ db, now: () => NOW, serveWeb: false, logger: false });
    await app.ready();
    const headers = await login(app);
    const r0 = rng(620);
    const posted = await postDemands(app, headers, r0);
    log(`  demands ${posted.ids.length} through the API: ${round(posted.ids.length / posted.seconds)} a second`);
    const bulk = await bulkDemands(db, r0, posted.ids.length);
    const demands = { ids: [...posted.ids, ...bulk.ids] };
    await db.exec('analyze');
    const rssAfterLoad = mib(process.memoryUsage().rss);

    // One demand's top 20: a different demand each time; the first request after loading noted apart.
    const r = rng(7);
    const first = await timed(app, `/api/v1/market/demands/${demands.ids[0]}/matches?limit=20`, headers);
    const matchMs: number[] = [];
    let empty = 0;
    const matchStarted = performance.now();
    for (let i = 0; i < MATCH_RUNS && (i < MIN_RUNS || performance.now() - matchStarted < MATCH_BUDGET_MS); i++) {
      const { ms, body } = await timed(app, `/api/v1/market/demands/${r.pick(demands.ids)}/matches?limit=20`, headers);
      matchMs.push(ms);
      if (!body.items.length) empty++;
    }
    log(`  matches: median ${stats(matchMs).median} ms`);

    // Searches: the first run of each query (cold: nothing of it cached by the app or the database), then warm repeats.
    const searches = [];
    for (const q of QUERIES) {
      const cold = await timed(app, searchUrl(q));
      const warm: number[] = [];
      const qStarted = performance.now();
      for (let i = 0; i < WARM_RUNS && (i < MIN_WARM || performance.now() - qStarted < QUERY_BUDGET_MS); i++) warm.push((await timed(app, searchUrl(q))).ms);
      searches.push({ query: q, coldMs: round(cold.ms, 1), warm: stats(warm), hits: cold.body.total ?? cold.body.items.length });
    }
    const allWarm = searches.flatMap((s) => s.warm);
    log(`  search: ${searches.map((s) => `${s.query} ${s.coldMs}/${s.warm.median}`).join('; ')}`);

    // Throughput: the search endpoint of the real server against a bare Fastify route, both listening on loopback.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const bare = Fastify({ logger: false });
    bare.get('/bare', async () => ({ ok: true }));
    const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
    const bareLoad = await cannon(bareAddress, ['/bare']);
    const searchLoad = await cannon(address, QUERIES.slice(0, 6).map(searchUrl));
    await bare.close();
    await app.close();
    log(`  throughput: search ${round(searchLoad.requestsPerSecond)} req/s, bare ${round(bareLoad.requestsPerSecond)} req/s`);
    const size = kind === 'postgres' ? (await db.query<{ s: string }>('select pg_database_size(current_database())::text as s')).rows[0]!.s : null;
    return {
      database: kind,
      marketCode: marketCommit(),
      at: new Date().toISOString(),
      achievements: ACHIEVEMENTS,
      demands: DEMANDS,
      load: {
        achievementsSeconds: round(achievementSeconds),
        achievementsPath: 'ledger importer (executeImport, JSON Lines, publish), 20,000 rows an import',
        demandsPostedThroughApi: posted.ids.length,
        postedPerSecond: round(posted.ids.length / posted.seconds),
        demandsBulk: bulk.ids.length,
        bulkSeconds: round(bulk.seconds),
        bulkPath: 'bench bulk insert: the row, search columns and demand.posted ledger event createDemand writes, 500 a transaction',
      },
      topMatches: { firstRequestMs: round(first.ms, 1), ...stats(matchMs), emptyResults: empty },
      search: {
        coldMs: stats(searches.map((s) => s.coldMs)),
        warm: {
          median: round(
            quantile(
              [...allWarm.map((w) => w.median)].sort((a, b) => a - b),
              0.5,
            ),
            1,
          ),
          p95OfQueries: round(Math.max(...allWarm.map((w) => w.p95)), 1),
        },
        queries: searches,
      },
      throughput: {
        connections: 50,
        seconds: 10,
        searchRequestsPerSecond: round(searchLoad.requestsPerSecond),
        bareRequestsPerSecond: round(bareLoad.requestsPerSecond),
        ratio: round(searchLoad.requestsPerSecond / bareLoad.requestsPerSecond, 4),
        search: searchLoad,
        bare: bareLoad,
      },
      memory: {
        rssAfterLoadMiB: rssAfterLoad,
        peakRssMiB: rss.peakMiB(),
        ...(size
          ? { postgresDatabaseMiB: mib(Number(size)), note: 'RSS is the Node process only; the PostgreSQL server runs apart' }
          : { note: 'PGlite runs inside the Node process: RSS includes the database' }),
      },
    };
  } finally {
    rss.stop();
    await drop();
  }
}

async function main() {
  const wanted = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
  const file = path.join(ROOT, 'bench/results', RESULTS);
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).results as { database: string }[]) : [];
  const results: unknown[] = [];
  const save = () =>
    writeResults(RESULTS, {
      benchmark: 'market at scale (bench/market/run.ts)',
      command: 'npm run bench:market',
      at: new Date().toISOString(),
      machine: machine(),
      queries: QUERIES,
      results,
    });
  for (const kind of ['pglite', 'postgres'] as const) {
    // Without a PostgreSQL server the last PostgreSQL figures are kept, not dropped.
    const runnable = kind === 'pglite' || !!process.env.KEQIAO_BENCH_DATABASE_URL;
    if (wanted.includes(kind) && runnable) results.push(await benchDatabase(kind));
    else results.push(...previous.filter((p) => p.database === kind));
    save();
  }
  console.log(JSON.stringify(results, null, 2));
}

await main();
