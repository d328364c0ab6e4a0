/**
 * List and search latency of an institution's ledger at 100,000 achievements, on PGlite
 * (temporary data directory) and, when KEQIAO_BENCH_DATABASE_URL names a server, on PostgreSQL.
 * The data is generated in bulk (Chinese titles, summaries and keywords from a vocabulary over
 * the taxonomy, completers, statuses, TRLs; search_text computed with the real segmentation of
 * server/lib/text.ts, in the order refreshSearchText uses). Every query goes through the HTTP
 * API as production does (app.inject: session cookie, validation, listAchievements with its
 * count(*) for the total, serialisation), as a tto_officer of that institution.
 *
 * Query kinds run round-robin (so that noise from a shared machine spreads over all of them),
 * after a warm-up; median and p95 per kind. Baselines in the same run: `select 1` through the
 * same database handle, a primary-key lookup of one achievement, and `GET /api/v1/me` (the same
 * HTTP stack and session check, no ledger query).
 *
 * Run: `npm run bench:ledger:list` (writes bench/results/ledger-list.json).
 * KEQIAO_BENCH_ACHIEVEMENTS (default 100000), KEQIAO_BENCH_RUNS (default 30),
 * KEQIAO_BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of the ledger queries of every kind,
 * KEQIAO_BENCH_RESULTS names another file in bench/results (e.g. to keep a before/after pair).
 */
import type { FastifyInstance } from 'fastify';
import { makeCreditCode } from '../../common/credit-code.js';
import { FIELDS } from '../../common/taxonomy.js';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/client.js';
import type { Actor, Ctx } from '../../server/lib/context.js';
import { searchText } from '../../server/lib/text.js';
import { hashPassword } from '../../server/modules/auth/password.js';
import { ledgerWhere } from '../../server/modules/achievements/achievements.lists.js';
import { machine, measure, openTarget, quantile, type Target, round, rng, rssSampler, targets, writeResults } from './shared.js';

const N = Number(process.env.KEQIAO_BENCH_ACHIEVEMENTS ?? 100_000);
const RUNS = Number(process.env.KEQIAO_BENCH_RUNS ?? 30);
const WARMUP = 3;
const BATCH = 1000;
const NOW = new Date('2026-11-28T02:00:00Z');
const PASSWORD = 'keqiao-bench-pass';

// Vocabulary: the taxonomy's own names plus technical words of each kind.
const SUBFIELDS = FIELDS.flatMap((f) => f.subfields.map((s) => ({ fieldCode: f.code, subCode: s.code, field: f.zh, sub: s.zh })));
const OBJECTS = [
  '传感器',
  '涂层',
  '反渗透膜',
  '催化剂',
  '疫苗',
  '算法',
  '电池',
  '机器人',
  '监测系统',
  '制备方法',
  '控制系统',
  '检测试剂盒',
  '复合材料',
  '发酵工艺',
  '提取工艺',
  '数据平台',
  '装置',
  '芯片',
];
const QUALIFIERS = ['高效', '低成本', '智能', '原位', '深远海', '绿色', '高通量', '耐腐蚀', '轻量化', '长寿命', '自主可控', '模块化'];
const TOPICS = ['溶解氧', '海水淡化', '网箱养殖', '海上风电', '岩藻多糖', '壳聚糖', '防污涂料', '水下机器人', '海洋牧场', '锂离子', '石墨烯', '氢燃料', '病原检测', '边缘计算', '数字孪生', '遥感反演'];
/** Appears in about one achievement in 2,000: the rare-word query. */
const RARE = '钙钛矿';
const VERBS = ['突破了', '解决了', '实现了', '优化了', '提出了'];
const PROBLEMS = ['成本高、寿命短', '依赖进口', '精度不足', '能耗高', '难以规模化', '现场检测难'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['海洋', '波', '晓燕', '明', '婷', '骏', '立', '峰', '娜', '伟', '静', '磊', '洋', '敏', '强', '军', '丽', '涛', '鹏', '琳', '建华', '志强', '秀英', '思远', '若溪'];
const IP_TYPES = ['patent_invention', 'patent_invention', 'patent_invention', 'patent_utility', 'software', 'know_how', 'patent_design', 'plant_variety'] as const;
// Most of a mature ledger is accepted or beyond; some drafts and returns.
const STATUSES = [
  'draft',
  'disclosed',
  'returned',
  'accepted',
  'assessed',
  'assessed',
  'protected',
  'protected',
  'priced',
  'in_publicity',
  'transforming',
  'transformed',
  'transformed',
  'disposed',
  'withdrawn',
] as const;
const SHARES: Record<number, string[]> = { 1: ['100'], 2: ['60', '40'], 3: ['50', '30', '20'], 4: ['40', '30', '20', '10'] };

interface Generated {
  row: Record<string, unknown>;
  completers: { achievement_id: string; position: number; name: string; share: string; is_head: boolean }[];
}

function generateOne(i: number, orgId: string, userId: string): Generated {
  const r = rng(1_000_003 + i);
  const f = SUBFIELDS[i % SUBFIELDS.length]!;
  const topic = r.pick(TOPICS);
  const object = r.pick(OBJECTS);
  const rare = i % 2000 === 7;
  const title = `${r.pick(QUALIFIERS)}${rare ? RARE : topic}${object}${r.next() < 0.5 ? '及其应用' : '关键技术'}`;
  const summary = `本成果属于${f.field}领域${f.sub}方向，针对现有${object}${r.pick(PROBLEMS)}的问题，${r.pick(VERBS)}${topic}${r.pick(OBJECTS)}的关键工艺，经${r.pick(['实验室', '中试', '示范工程'])}验证，主要指标达到${r.pick(['国内领先', '国际先进', '行业先进'])}水平，可在${r.pick(['青岛', '山东', '沿海地区'])}推广应用。`;
  const keywords = [topic, object, f.sub];
  const status = STATUSES[i % STATUSES.length]!;
  const created = new Date(Date.parse('2020-01-01T00:00:00Z') + Math.floor(r.next() * (NOW.getTime() - Date.parse('2020-01-10T00:00:00Z'))));
  const updated = new Date(created.getTime() + Math.floor(r.next() * (NOW.getTime() - created.getTime())));
  const id = r.uuid();
  const year = created.getUTCFullYear();
  const number = `QD-${year}-${String(i + 1).padStart(6, '0')}`;
  const nCompleters = r.int(1, 4);
  const names = Array.from({ length: nCompleters }, () => `${r.pick(SURNAMES)}${r.pick(GIVEN)}`);
  const ipType = r.pick(IP_TYPES);
  const trl = status === 'draft' || status === 'disclosed' ? (r.next() < 0.5 ? null : r.int(1, 9)) : r.int(1, 9);
  const row = {
    id,
    number,
    organisation_id: orgId,
    created_by: userId,
    title,
    summary,
    keywords,
    field_code: f.fieldCode,
    subfield_code: f.subCode,
    ip_type: ipType,
    authorised: ipType === 'software' || ipType === 'know_how',
    trl,
    status,
    visibility: r.next() < 0.15 ? 'public' : 'internal',
    asking_price: r.next() < 0.25 ? null : `${r.int(5, 800) * 10000}.00`,
    cooperation_modes: r.next() < 0.5 ? ['license'] : ['transfer', 'use_first_pay_later'],
    search_text: searchText(number, title, null, summary, keywords, names, '', ''),
    disclosed_at: status === 'draft' ? null : created.toISOString(),
    created_at: created.toISOString(),
    updated_at: updated.toISOString(),
  };
  const completers = names.map((name, k) => ({ achievement_id: id, position: k + 1, name, share: SHARES[nCompleters]![k]!, is_head: k === 0 }));
  return { row, completers };
}

async function populate(db: Db, orgId: string, userId: string) {
  for (let from = 0; from < N; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => generateOne(from + k, orgId, userId));
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into achievements (id, number, organisation_id, created_by, title, summary, keywords, field_code, subfield_code, ip_type, authorised,
           trl, status, visibility, asking_price, cooperation_modes, search_text, disclosed_at, created_at, updated_at)
         select id, number, organisation_id, created_by, title, summary, keywords, field_code, subfield_code, ip_type, authorised,
           trl, status, visibility, asking_price, cooperation_modes, search_text, disclosed_at, created_at, updated_at
         from jsonb_to_recordset($1::jsonb) as x(id uuid, number text, organisation_id uuid, created_by uuid, title text, summary text, keywords text[],
           field_code text, subfield_code text, ip_type text, authorised boolean, trl int, status text, visibility text, asking_price numeric,
           cooperation_modes text[], search_text text, disclosed_at timestamptz, created_at timestamptz, updated_at timestamptz)`,
        [JSON.stringify(batch.map((b) => b.row))],
      );
      await tx.query(
        `insert into achievement_completers (achievement_id, position, name, share, is_head)
         select achievement_id, position, name, share, is_head from jsonb_to_recordset($1::jsonb) as x(achievement_id uuid, position int, name text, share numeric, is_head boolean)`,
        [JSON.stringify(batch.flatMap((b) => b.completers))],
      );
    });
    if ((from / BATCH) % 20 === 0) process.stderr.write(`  inserted ${from} achievements\n`);
  }
  await db.exec('analyze achievements; analyze achievement_completers');
}

interface Kind {
  name: string;
  /** The query string of GET /api/v1/orgs/:orgId/achievements. */
  query: Record<string, string>;
}

const KINDS: Kind[] = [
  { name: 'default page (updatedAt desc)', query: {} },
  { name: 'sorted by title', query: { sort: 'title', order: 'asc' } },
  { name: 'field + status', query: { fieldCode: 'MAR-EQP', status: 'protected' } },
  { name: 'TRL 4–6', query: { trlMin: '4', trlMax: '6' } },
  { name: 'full text, common word 海水淡化', query: { q: '海水淡化' } },
  { name: 'full text, two words 海洋 传感器', query: { q: '海洋 传感器' } },
  { name: `full text, rare word ${RARE}`, query: { q: RARE } },
  { name: 'full text, completer name', query: { q: '王建华' } },
  { name: 'page 500 (offset 9980)', query: { page: '500' } },
];

function officer(userId: string, orgId: string): Actor {
  return {
    userId,
    name: '基准测试',
    via: 'session',
    tokenId: null,
    sessionIdHash: null,
    csrfToken: null,
    scopes: ['read', 'write'],
    memberships: [{ membershipId: null, organisationId: orgId, organisationKind: 'university', organisationName: '', creditCode: '', role: 'tto_officer' }],
  };
}

/** EXPLAIN ANALYZE of the count and the page statements listAchievements issues for one kind. */
async function explain(db: Db, orgId: string, userId: string, kind: Kind) {
  const ctx: Ctx = { db, actor: officer(userId, orgId), now: NOW, locale: 'zh-CN', requestId: 'bench', ip: null };
  const q = kind.query;
  const values: unknown[] = [];
  const where = ledgerWhere(
    ctx,
    orgId,
    { q: q.q, fieldCode: q.fieldCode, status: q.status as never, trlMin: q.trlMin ? Number(q.trlMin) : undefined, trlMax: q.trlMax ? Number(q.trlMax) : undefined },
    values,
  );
  const sortCol = q.sort === 'title' ? 'a.title' : 'a.updated_at';
  const order = q.order ?? 'desc';
  const page = Number(q.page ?? 1);
  const count = await db.query<{ 'QUERY PLAN': string }>(`explain analyze select count(*)::int as n from achievements a where ${where}`, values);
  const list = await db.query<{ 'QUERY PLAN': string }>(
    `explain analyze select a.* from achievements a where ${where} order by ${sortCol} ${order} nulls last, a.id ${order} limit 20 offset ${(page - 1) * 20}`,
    values,
  );
  process.stderr.write(`\n=== ${kind.name}\n-- count\n${count.rows.map((r) => r['QUERY PLAN']).join('\n')}\n-- page\n${list.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { runs: s.length, medianMs: round(quantile(s, 0.5), 2), p95Ms: round(quantile(s, 0.95), 2), maxMs: round(s[s.length - 1]!, 2) };
}

async function benchTarget(kind: Target) {
  const { db, drop } = await openTarget(kind, 'list');
  let app: FastifyInstance | null = null;
  try {
    const org = await db.query<{ id: string }>(
      `insert into organisations (kind, name, name_en, credit_code, district, created_at, updated_at) values ('university', '青岛基准测试大学', 'Bench University', $1, '370212', $2, $2) returning id`,
      [makeCreditCode('12370212MB0000001'), NOW],
    );
    const orgId = org.rows[0]!.id;
    const email = 'tto@bench.keqiao.test';
    const user = await db.query<{ id: string }>(`insert into users (name, email, password_hash) values ('成果办基准', $1, $2) returning id`, [email, await hashPassword(PASSWORD)]);
    const userId = user.rows[0]!.id;
    await db.query(`insert into memberships (user_id, organisation_id, role) values ($1, $2, 'tto_officer')`, [userId, orgId]);

    process.stderr.write(`${kind}: generating and inserting ${N} achievements\n`);
    const pop = await measure(() => populate(db, orgId, userId));
    const size = await db.query<{ bytes: number }>(`select pg_total_relation_size('achievements')::bigint as bytes`);

    app = await buildApp({ db, now: () => NOW, serveWeb: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const anyId = (await db.query<{ id: string }>('select id from achievements limit 1')).rows[0]!.id;

    const inject = async (url: string) => {
      const res = await app!.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res;
    };
    const runners: { name: string; baseline: boolean; run: () => Promise<unknown> }[] = [
      { name: 'baseline: select 1', baseline: true, run: () => db.query('select 1') },
      { name: 'baseline: primary-key lookup', baseline: true, run: () => db.query('select * from achievements where id = $1', [anyId]) },
      { name: 'baseline: GET /api/v1/me', baseline: true, run: () => inject('/api/v1/me') },
      ...KINDS.map((k) => ({
        name: k.name,
        baseline: false,
        run: () => inject(`/api/v1/orgs/${orgId}/achievements?${new URLSearchParams(k.query).toString()}`),
      })),
    ];

    // What each kind finds (and a check that it answers at all).
    const totals: Record<string, number> = {};
    for (const k of KINDS) {
      const res = await inject(`/api/v1/orgs/${orgId}/achievements?${new URLSearchParams(k.query).toString()}`);
      const body = res.json() as { total: number; items: unknown[] };
      if (!k.query.page && body.total > 0 && body.items.length === 0) throw new Error(`${k.name}: total ${body.total} but no items`);
      totals[k.name] = body.total;
    }
    if (process.env.KEQIAO_BENCH_EXPLAIN === '1') for (const k of KINDS) await explain(db, orgId, userId, k);

    process.stderr.write(`${kind}: ${RUNS} runs of ${runners.length} queries\n`);
    const times = new Map(runners.map((r) => [r.name, [] as number[]]));
    const timed = await measure(async () => {
      for (let round = 0; round < WARMUP + RUNS; round++) {
        for (const r of runners) {
          const t = performance.now();
          await r.run();
          if (round >= WARMUP) times.get(r.name)!.push(performance.now() - t);
        }
      }
    });
    const baseSelect = stats(times.get('baseline: select 1')!);
    const baseMe = stats(times.get('baseline: GET /api/v1/me')!);
    const rows = runners.map((r) => {
      const s = stats(times.get(r.name)!);
      return {
        query: r.name,
        total: r.baseline ? null : totals[r.name]!,
        ...s,
        medianOverSelect1: round(s.medianMs / baseSelect.medianMs, 1),
        medianOverGetMe: round(s.medianMs / baseMe.medianMs, 1),
      };
    });
    return {
      database: kind,
      achievements: N,
      completers: (await db.query<{ n: number }>('select count(*)::int as n from achievement_completers')).rows[0]!.n,
      tableMiB: Math.round(size.rows[0]!.bytes / 1024 / 1024),
      populate: { seconds: round(pop.seconds), rowsPerSecond: Math.round(N / pop.seconds), peakRssMiB: pop.peakRssMiB },
      queriesPeakRssMiB: timed.peakRssMiB,
      queries: rows,
    };
  } finally {
    await app?.close();
    await drop();
  }
}

async function main() {
  const rss = rssSampler();
  const results: Awaited<ReturnType<typeof benchTarget>>[] = [];
  const report = () => ({
    benchmark: 'ledger list/search latency (bench/ledger/list.ts)',
    command: 'npm run bench:ledger:list',
    at: new Date().toISOString(),
    machine: machine(),
    runsPerQuery: RUNS,
    warmupRuns: WARMUP,
    pageSize: 20,
    results,
    peakRssMiBWholeRun: rss.peakMiB(),
  });
  // Written after each database, so that a long run leaves its figures so far.
  for (const kind of targets()) {
    results.push(await benchTarget(kind));
    writeResults(process.env.KEQIAO_BENCH_RESULTS ?? 'ledger-list.json', report());
  }
  rss.stop();
  for (const r of results) {
    console.log(`\n${r.database}: ${r.achievements} achievements, ${r.completers} completers; queries peak RSS ${r.queriesPeakRssMiB} MiB`);
    console.table(r.queries.map((q) => ({ query: q.query, total: q.total, 'median ms': q.medianMs, 'p95 ms': q.p95Ms, '×select 1': q.medianOverSelect1, '×GET /me': q.medianOverGetMe })));
  }
}

await main();
