/**
 * Contracts at scale (issue 4 §9): schedules for 100,000 contracts and allocation of 1,000,000
 * payments (pure engine, each against a same-run baseline), and statement latency through the
 * HTTP API with 100,000 contracts stored, on PGlite and — with KEQIAO_BENCH_DATABASE_URL — on a
 * PostgreSQL server. Run: `npm run bench:contracts` (writes bench/results/contracts.json).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { officialWorkdayCalendar } from '../../common/calendar.js';
import { add } from '../../common/money.js';
import { buildApp } from '../../server/app.js';
import { allocate } from '../../server/modules/contracts/contracts.allocation.rules.js';
import { buildSchedule, type PaymentPlan } from '../../server/modules/contracts/contracts.payment-plan.rules.js';
import { seedDemo } from '../../server/modules/demo/seed-demo.js';
import { openTarget } from '../ledger/shared.js';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 1_000_000);
const STATEMENT_RUNS = 200;
const ROOT = path.resolve(import.meta.dirname, '../..');
const NOW = new Date('2028-06-30T02:00:00Z');

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mib = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;

function rand(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const r = rand(42);
const money = (max: number) => (Math.floor(r() * max * 100) / 100).toFixed(2);

function makePlan(i: number): PaymentPlan {
  const start = new Date(Date.UTC(2026, i % 12, 1 + (i % 27)));
  const eff = start.toISOString().slice(0, 10);
  return {
    currency: 'CNY',
    effectiveOn: eff,
    endsOn: `${2029 + (i % 3)}${eff.slice(4)}`,
    entryFee: i % 3 === 0 ? '0.00' : money(100_000),
    trialMonths: i % 2 ? 12 : 0,
    milestones: [{ key: 'm1', label: '首笔收入', amount: money(200_000), due: { event: 'first_revenue', daysAfterEvent: 30 } }],
    deferred: i % 4 === 0 ? { amount: money(300_000), due: { date: `${2027 + (i % 2)}${eff.slice(4)}`, event: 'certification', daysAfterEvent: 0 } } : null,
    royalty: {
      base: i % 5 ? 'net_sales' : 'profit',
      tiers: [
        { upTo: '1000000.00', rate: '0.05' },
        { upTo: null, rate: '0.03' },
      ],
      minimumAnnual: i % 7 ? null : '10000.00',
    },
  };
}

function facts(plan: PaymentPlan, i: number) {
  const reports = Array.from({ length: 4 }, (_, q) => {
    const y = Number(plan.effectiveOn.slice(0, 4)) + 1;
    const start = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const end = `${y}-${String(q * 3 + 3).padStart(2, '0')}-${q === 0 || q === 3 ? '31' : '30'}`;
    return { periodStart: start, periodEnd: end, amount: money(800_000) };
  });
  return { events: i % 2 ? [{ event: 'first_revenue' as const, on: reports[0]!.periodEnd }] : [], reports, asOf: '2028-06-30' };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

function pureBenchmarks() {
  const plans = Array.from({ length: CONTRACTS }, (_, i) => makePlan(i));
  const allFacts = plans.map((p, i) => facts(p, i));
  // Baseline: the same number of decimal additions a schedule needs at least (one per obligation).
  const baseline = time(() => {
    let t = '0.00';
    for (const p of plans) t = add(t, p.entryFee, p.milestones![0]!.amount);
    return t;
  });
  const schedules = time(() => plans.map((p, i) => buildSchedule(p, allFacts[i]!, officialWorkdayCalendar)));
  const obligations = schedules.value.reduce((n, s) => n + s.length, 0);

  const perContract = Math.max(1, Math.round(PAYMENTS / CONTRACTS));
  const receiptsOf = (i: number) => Array.from({ length: perContract }, (_, k) => ({ id: `${i}-${k}`, value: money(60_000), receivedOn: `2027-${String((k % 12) + 1).padStart(2, '0')}-15` }));
  const allReceipts = plans.map((_, i) => receiptsOf(i));
  const payBaseline = time(() => {
    let t = '0.00';
    for (const rs of allReceipts) for (const x of rs) t = add(t, x.value);
    return t;
  });
  const allocation = time(() =>
    schedules.value.map((s, i) =>
      allocate(
        s.filter((o) => o.state === 'scheduled').map((o) => ({ key: o.key, amount: o.amount, dueOn: o.dueOn })),
        allReceipts[i]!,
      ),
    ),
  );
  return {
    schedules: {
      contracts: CONTRACTS,
      obligations,
      ms: Math.round(schedules.ms),
      perSecond: Math.round(CONTRACTS / (schedules.ms / 1000)),
      baselineMs: Math.round(baseline.ms),
      vsBaseline: +(schedules.ms / baseline.ms).toFixed(1),
    },
    allocation: {
      payments: CONTRACTS * perContract,
      ms: Math.round(allocation.ms),
      perSecond: Math.round((CONTRACTS * perContract) / (allocation.ms / 1000)),
      baselineMs: Math.round(payBaseline.ms),
      vsBaseline: +(allocation.ms / payBaseline.ms).toFixed(1),
    },
    plans,
    schedules_: schedules.value,
  };
}

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
};

async function statementBenchmark(kind: 'pglite' | 'postgres', plans: PaymentPlan[], schedules: ReturnType<typeof buildSchedule>[]) {
  const { db, drop } = await openTarget(kind, 'contracts');
  try {
    await seedDemo(db, 'bench-password', NOW);
    const org = async (email: string) =>
      (await db.query<{ organisation_id: string }>('select m.organisation_id from memberships m join users u on u.id = m.user_id where u.email = $1', [email])).rows[0]!.organisation_id;
    const licensor = await org('tto@demo.keqiao.cn');
    const licensee = await org('enterprise@demo.keqiao.cn');
    const t0 = performance.now();
    const ids: string[] = [];
    const BATCH = 500;
    for (let from = 0; from < plans.length; from += BATCH) {
      const batch = plans.slice(from, from + BATCH);
      const cRows: unknown[] = [];
      const oRows: unknown[] = [];
      const rRows: unknown[] = [];
      batch.forEach((p, k) => {
        const i = from + k;
        const id = crypto.randomUUID();
        ids.push(id);
        cRows.push(id, `HT-B-${String(i).padStart(7, '0')}`, 'ufpl_license', `基准合同 ${i}`, licensor, licensee, 'in_force', JSON.stringify(p), NOW, NOW);
        for (const o of schedules[i]!) oRows.push(id, o.key, o.kind, o.label, o.amount, o.dueOn, o.state, JSON.stringify(o.explanation));
        for (let j = 0; j < 10; j++) rRows.push(crypto.randomUUID(), id, 'licensee', 'cash', money(60_000), 'CNY', `2027-${String(j + 1).padStart(2, '0')}-15`, NOW);
      });
      const values = (n: number, cols: number) => Array.from({ length: n }, (_, i) => `(${Array.from({ length: cols }, (_, c) => `$${i * cols + c + 1}`).join(',')})`).join(',');
      await db.transaction(async (tx) => {
        await tx.query(`insert into contracts (id, number, kind, title, licensor_org_id, licensee_org_id, status, plan, created_at, updated_at) values ${values(batch.length, 10)}`, cRows);
        for (let s = 0; s < oRows.length; s += 8 * 1000) {
          const chunk = oRows.slice(s, s + 8 * 1000);
          await tx.query(`insert into obligations (contract_id, key, kind, label, amount, due_on, state, explanation) values ${values(chunk.length / 8, 8)}`, chunk);
        }
        for (let s = 0; s < rRows.length; s += 8 * 1000) {
          const chunk = rRows.slice(s, s + 8 * 1000);
          await tx.query(`insert into receipts (id, contract_id, payer, form, value, currency, received_on, recorded_at) values ${values(chunk.length / 8, 8)}`, chunk);
        }
      });
    }
    const loadMs = performance.now() - t0;
    await db.exec('analyze');

    const app = await buildApp({ db, now: () => NOW, serveWeb: false, logger: false });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'tto@demo.keqiao.cn', password: 'bench-password' } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const get = async (url: string) => {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return performance.now() - t;
    };
    const pick = rand(7);
    const baseline: number[] = [];
    const statement: number[] = [];
    for (let i = 0; i < 20; i++) await get(`/api/v1/contracts/${ids[0]}/statement`); // warm-up
    for (let i = 0; i < STATEMENT_RUNS; i++) {
      baseline.push(await get('/api/v1/me'));
      statement.push(await get(`/api/v1/contracts/${ids[Math.floor(pick() * ids.length)]}/statement`));
    }
    await app.close();
    return {
      database: kind,
      contractsStored: ids.length,
      receiptsStored: ids.length * 10,
      loadSeconds: Math.round(loadMs / 100) / 10,
      statementMs: { median: q(statement, 0.5), p95: q(statement, 0.95) },
      baselineMeMs: { median: q(baseline, 0.5), p95: q(baseline, 0.95) },
      medianVsBaseline: +(q(statement, 0.5) / q(baseline, 0.5)).toFixed(1),
    };
  } finally {
    await drop();
  }
}

const pure = pureBenchmarks();
console.log(`schedules: ${pure.schedules.contracts} contracts in ${pure.schedules.ms} ms; allocation: ${pure.allocation.payments} payments in ${pure.allocation.ms} ms`);
// BENCH_DATABASES=postgres re-measures the server only and keeps the last PGlite figures.
const wanted = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');
const RESULTS = path.join(ROOT, 'bench/results/contracts.json');
const previous = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')).statements as { database: string }[]) : [];
const statements = [];
for (const kind of ['pglite', 'postgres'] as const) {
  if (kind === 'postgres' && !process.env.KEQIAO_BENCH_DATABASE_URL) continue;
  if (wanted.includes(kind)) statements.push(await statementBenchmark(kind, pure.plans, pure.schedules_));
  else statements.push(...(previous.filter((s) => s.database === kind) as Awaited<ReturnType<typeof statementBenchmark>>[]));
}
clearInterval(sampler);
const result = { at: new Date().toISOString(), node: process.version, schedules: pure.schedules, allocation: pure.allocation, statements, peakRssMiB: mib(peakRss) };
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
fs.writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
console.table([pure.schedules, pure.allocation]);
console.table(
  statements.map((s) => ({
    database: s.database,
    contracts: s.contractsStored,
    loadSeconds: s.loadSeconds,
    medianMs: s.statementMs.median,
    p95Ms: s.statementMs.p95,
    baselineMedianMs: s.baselineMeMs.median,
    ratio: s.medianVsBaseline,
  })),
);
console.log(`peak RSS ${mib(peakRss)} MiB`);
