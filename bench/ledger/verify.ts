/**
 * verifyLedger over 1,000,000 ledger events (100,000 streams × 10 events of an achievement's
 * lifecycle), on PGlite (temporary data directory) and, when KEQIAO_BENCH_DATABASE_URL names a
 * server, on PostgreSQL. The events are generated in bulk: hashes computed with the real
 * canonicalize/computeEventHash of server/lib/ledger-hash.ts, rows written with multi-row
 * inserts (jsonb_to_recordset), heads in ledger_streams, exactly as appendEvent leaves them.
 *
 * Baselines in the same run: (a) the same batched keyset scan verifyLedger issues (events joined
 * with their heads, 1000 a batch), without hashing; (b) hashing as many events in memory,
 * without the database. Then one event at the very end is altered with SQL (trigger disabled,
 * as server/lib/ledger.test.ts does) and verify must name it: the benchmark measures real work.
 *
 * Run: `npm run bench:ledger:verify` (writes bench/results/ledger-verify.json).
 * KEQIAO_BENCH_STREAMS changes the number of streams (default 100000; 10 events each);
 * KEQIAO_BENCH_RESULTS names another file in bench/results.
 */
import type { Db } from '../../server/db/client.js';
import { verifyLedger } from '../../server/lib/ledger.js';
import { canonicalize, computeEventHash, GENESIS_HASH, type JsonObject } from '../../server/lib/ledger-hash.js';
import { machine, measure, openTarget, type Target, round, rng, rssSampler, targets, writeResults } from './shared.js';

const STREAMS = Number(process.env.KEQIAO_BENCH_STREAMS ?? 100_000);
const PER_STREAM = 10;
const EVENTS = STREAMS * PER_STREAM;
const STREAMS_PER_INSERT = 500;
const START = Date.parse('2024-01-01T00:00:00Z');

const TITLES = ['深远海网箱养殖监测系统', '海水淡化反渗透膜', '船舶防腐涂层', '水下机器人导航算法', '海洋药物提取工艺', '锂电池正极材料', '赤潮预警模型', '港口智能调度平台'];
const NAMES = ['王海洋', '刘波', '陈晓燕', '赵明', '周婷', '马骏', '孙立', '高峰', '李娜', '张伟'];
const FIELDS = ['MAR-BIO', 'MAR-EQP', 'MAR-ENV', 'NEM', 'ICT', 'BIO'];
const LIFECYCLE = [
  'achievement.recorded',
  'achievement.submitted',
  'achievement.accepted',
  'achievement.assessed',
  'achievement.protected',
  'achievement.priced',
  'achievement.publicity_started',
  'achievement.publicity_passed',
  'achievement.decided',
  'achievement.completed',
] as const;

interface GenEvent {
  stream: string;
  seq: number;
  type: string;
  payload: JsonObject;
  actorUserId: string;
  reason: string | null;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

/** Lifecycle payloads like the achievements module writes: content first, then small facts; decimals as strings. */
function payloadOf(r: ReturnType<typeof rng>, i: number, seq: number): Record<string, unknown> {
  const title = `${r.pick(TITLES)}关键技术研究第${i + 1}号`;
  switch (seq) {
    case 1:
      return {
        number: `QD-2025-${String(i + 1).padStart(6, '0')}`,
        organisationId: '7d3c2b1a-0000-4000-8000-000000000001',
        status: 'draft',
        visibility: 'internal',
        source: 'form',
        content: {
          title,
          summary: `本成果面向${r.pick(TITLES)}的产业需求，突破了关键工艺，经中试验证，性能指标达到国内领先水平，具备产业化条件。`,
          keywords: [r.pick(['海洋', '传感器', '养殖', '防腐', '淡化', '电池']), r.pick(['算法', '涂层', '膜', '催化', '监测'])],
          fieldCode: r.pick(FIELDS),
          ipType: 'patent_invention',
          cooperationModes: ['license', 'use_first_pay_later'],
          askingPrice: `${r.int(10, 500) * 10000}.00`,
          completers: [
            { name: r.pick(NAMES), share: '60', userId: null, isHead: true },
            { name: r.pick(NAMES), share: '40', userId: null, isHead: false },
          ],
        },
      };
    case 2:
      return { from: 'draft', to: 'disclosed' };
    case 3:
      return { from: 'disclosed', to: 'accepted' };
    case 4:
      return { from: 'accepted', to: 'assessed', trl: r.int(1, 9), notes: '完成实验室验证，关键指标满足要求。' };
    case 5:
      return { from: 'assessed', to: 'protected', filing: { ipType: 'patent_invention', applicationNo: `CN2025${r.int(10000000, 99999999)}.${r.int(0, 9)}`, nextAnnuityDue: '2027-03-01' } };
    case 6:
      return { from: 'protected', to: 'priced', pricingMethod: 'agreement', price: `${r.int(10, 500) * 10000}.00` };
    case 7:
      return { from: 'priced', to: 'in_publicity', startsOn: '2025-06-01', endsOn: '2025-06-16', price: `${r.int(10, 500) * 10000}.00` };
    case 8:
      return { from: 'in_publicity', to: 'priced', objections: 0 };
    case 9:
      return { from: 'priced', to: 'transforming', mode: r.pick(['transfer', 'license', 'equity']), counterparty: '青岛某海洋科技有限公司' };
    default:
      return { from: 'transforming', to: 'transformed', contractAmount: `${r.int(10, 500) * 10000}.00`, techContractRegNo: `3702${r.int(100000, 999999)}` };
  }
}

/** The events of streams [from, to), chained from the genesis hash as appendEvent would. */
function generate(from: number, to: number, hash = true): GenEvent[] {
  const out: GenEvent[] = [];
  for (let i = from; i < to; i++) {
    const r = rng(i + 1);
    const stream = `achievement:${r.uuid()}`;
    const actorUserId = r.uuid();
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= PER_STREAM; seq++) {
      const payload = canonicalize(payloadOf(r, i, seq)) as JsonObject;
      const occurredAt = new Date(START + i * 60_000 + seq * 3_600_000 + r.int(0, 999));
      const reason = seq === 8 ? '公示期满无异议' : null;
      const e = { stream, seq, type: LIFECYCLE[seq - 1]!, payload, actorUserId, reason, occurredAt, prevHash, hash: '' };
      if (hash) {
        e.hash = computeEventHash(e);
        prevHash = e.hash;
      }
      out.push(e);
    }
  }
  return out;
}

async function populate(db: Db) {
  for (let from = 0; from < STREAMS; from += STREAMS_PER_INSERT) {
    const events = generate(from, Math.min(STREAMS, from + STREAMS_PER_INSERT));
    const heads = events.filter((e) => e.seq === PER_STREAM).map((e) => ({ stream: e.stream, last_seq: e.seq, last_hash: e.hash }));
    await db.transaction(async (tx) => {
      await tx.query(`insert into ledger_streams (stream, last_seq, last_hash) select stream, last_seq, last_hash from jsonb_to_recordset($1::jsonb) as x(stream text, last_seq int, last_hash text)`, [
        JSON.stringify(heads),
      ]);
      await tx.query(
        `insert into ledger_events (stream, seq, type, payload, actor_user_id, reason, occurred_at, prev_hash, hash)
         select stream, seq, type, payload, actor_user_id, reason, occurred_at, prev_hash, hash
           from jsonb_to_recordset($1::jsonb) as x(stream text, seq int, type text, payload jsonb, actor_user_id uuid, reason text, occurred_at timestamptz, prev_hash text, hash text)`,
        [
          JSON.stringify(
            events.map((e) => ({
              stream: e.stream,
              seq: e.seq,
              type: e.type,
              payload: e.payload,
              actor_user_id: e.actorUserId,
              reason: e.reason,
              occurred_at: e.occurredAt.toISOString(),
              prev_hash: e.prevHash,
              hash: e.hash,
            })),
          ),
        ],
      );
    });
    if ((from / STREAMS_PER_INSERT) % 40 === 0) process.stderr.write(`  inserted ${from * PER_STREAM} events\n`);
  }
  await db.exec('analyze ledger_events; analyze ledger_streams');
}

/** Baseline (a): the statements verifyLedger issues, batch by batch, with no hashing. */
async function scanOnly(db: Db, batchSize = 1000): Promise<number> {
  const select = `select e.*, s.last_seq as head_seq, s.last_hash as head_hash from ledger_events e left join ledger_streams s on s.stream = e.stream`;
  let after: { stream: string; seq: number } | null = null;
  let n = 0;
  for (;;) {
    type Row = { stream: string; seq: number };
    const page: { rows: Row[] } = after
      ? await db.query<Row>(`${select} where (e.stream, e.seq) > ($1::text, $2::integer) order by e.stream, e.seq limit $3`, [after.stream, after.seq, batchSize])
      : await db.query<Row>(`${select} order by e.stream, e.seq limit $1`, [batchSize]);
    const rows = page.rows;
    n += rows.length;
    const last: Row | undefined = rows[rows.length - 1];
    if (!last || rows.length < batchSize) break;
    after = { stream: last.stream, seq: last.seq };
  }
  return n;
}

/** Baseline (b): computeEventHash over as many events, in memory, without the database (generation not timed). */
function hashOnly(): { seconds: number; events: number } {
  let ms = 0;
  let events = 0;
  for (let from = 0; from < STREAMS; from += 1000) {
    const chunk = generate(from, Math.min(STREAMS, from + 1000), false);
    const t = performance.now();
    for (const e of chunk) e.hash = computeEventHash(e);
    ms += performance.now() - t;
    events += chunk.length;
  }
  return { seconds: ms / 1000, events };
}

async function benchTarget(kind: Target) {
  const { db, drop } = await openTarget(kind, 'verify');
  try {
    process.stderr.write(`${kind}: generating and inserting ${EVENTS} events\n`);
    const pop = await measure(() => populate(db));
    const { rows } = await db.query<{ n: number; streams: number }>('select (select count(*)::int from ledger_events) as n, (select count(*)::int from ledger_streams) as streams');
    if (rows[0]!.n !== EVENTS || rows[0]!.streams !== STREAMS) throw new Error(`expected ${EVENTS} events in ${STREAMS} streams, found ${JSON.stringify(rows[0])}`);
    const size = await db.query<{ bytes: number }>(`select pg_total_relation_size('ledger_events')::bigint as bytes`);

    process.stderr.write(`${kind}: scan baseline\n`);
    const scan = await measure(() => scanOnly(db));
    if (scan.result !== EVENTS) throw new Error(`scan read ${scan.result} events`);

    process.stderr.write(`${kind}: verifyLedger\n`);
    const verify = await measure(() => verifyLedger(db));
    if (!verify.result.ok || verify.result.events !== EVENTS || verify.result.streams !== STREAMS) throw new Error(`verify: ${JSON.stringify(verify.result)}`);

    // Alter the last event of the last stream (in verify's order) and verify again: it must be found.
    const last = await db.query<{ id: number; stream: string; seq: number }>('select id, stream, seq from ledger_events order by stream desc, seq desc limit 1');
    const target = last.rows[0]!;
    await db.exec('alter table ledger_events disable trigger ledger_events_no_update');
    await db.query(`update ledger_events set payload = jsonb_set(payload, '{contractAmount}', '"1.00"') where id = $1`, [target.id]);
    await db.exec('alter table ledger_events enable trigger ledger_events_no_update');
    process.stderr.write(`${kind}: verifyLedger after tampering with ${target.stream} seq ${target.seq}\n`);
    const tampered = await measure(() => verifyLedger(db));
    const found = tampered.result.firstBroken;
    const detected = !tampered.result.ok && found?.stream === target.stream && found.seq === target.seq && found.reason === 'hash_mismatch';
    if (!detected) throw new Error(`tampering not detected as expected: ${JSON.stringify(tampered.result)}`);

    return {
      database: kind,
      events: EVENTS,
      streams: STREAMS,
      tableMiB: Math.round(size.rows[0]!.bytes / 1024 / 1024),
      populate: { seconds: round(pop.seconds), eventsPerSecond: Math.round(EVENTS / pop.seconds), peakRssMiB: pop.peakRssMiB },
      verify: { seconds: round(verify.seconds), eventsPerSecond: Math.round(EVENTS / verify.seconds), peakRssMiB: verify.peakRssMiB },
      baselineScan: { seconds: round(scan.seconds), eventsPerSecond: Math.round(EVENTS / scan.seconds), peakRssMiB: scan.peakRssMiB },
      verifyOverScan: round(verify.seconds / scan.seconds, 2),
      tamperedAtEnd: {
        detected,
        firstBroken: found,
        seconds: round(tampered.seconds),
        eventsCheckedBeforeBreak: tampered.result.events,
        peakRssMiB: tampered.peakRssMiB,
      },
    };
  } finally {
    await drop();
  }
}

async function main() {
  const rss = rssSampler();
  process.stderr.write(`hash-only baseline: ${EVENTS} events in memory\n`);
  const hash = hashOnly();
  const results: Awaited<ReturnType<typeof benchTarget>>[] = [];
  const report = () => ({
    benchmark: 'ledger verify (bench/ledger/verify.ts)',
    command: 'npm run bench:ledger:verify',
    at: new Date().toISOString(),
    machine: machine(),
    baselineHashOnly: { events: hash.events, seconds: round(hash.seconds), eventsPerSecond: Math.round(hash.events / hash.seconds) },
    results: results.map((r) => ({ ...r, verifyOverHashOnly: round(r.verify.seconds / hash.seconds, 2) })),
    peakRssMiBWholeRun: rss.peakMiB(),
  });
  // Written after each database, so that a long run leaves its figures so far.
  for (const kind of targets()) {
    results.push(await benchTarget(kind));
    writeResults(process.env.KEQIAO_BENCH_RESULTS ?? 'ledger-verify.json', report());
  }
  const final = report();
  rss.stop();
  console.table(
    final.results.map((r) => ({
      database: r.database,
      events: r.events,
      'verify s': r.verify.seconds,
      'verify ev/s': r.verify.eventsPerSecond,
      'verify peak RSS MiB': r.verify.peakRssMiB,
      'scan s (baseline)': r.baselineScan.seconds,
      'verify/scan': r.verifyOverScan,
      'hash-only s (baseline)': final.baselineHashOnly.seconds,
      'verify/hash-only': r.verifyOverHashOnly,
      'tamper detected': r.tamperedAtEnd.detected,
      'populate s': r.populate.seconds,
    })),
  );
}

await main();
