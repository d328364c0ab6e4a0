/**
 * Helpers of the benchmarks (ledger and contracts): the target databases (PGlite in a
 * temporary data directory; a fresh database on the PostgreSQL server named by
 * KEQIAO_BENCH_DATABASE_URL), peak-RSS sampling and latency statistics.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrate.js';
import { createScratchDatabase } from '../../server/db/scratch.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type Target = 'pglite' | 'postgres';

/** PGlite, and PostgreSQL when KEQIAO_BENCH_DATABASE_URL is set; KEQIAO_BENCH_TARGETS=postgres,pglite chooses and orders them. */
export function targets(): Target[] {
  const all: Target[] = process.env.KEQIAO_BENCH_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const chosen = process.env.KEQIAO_BENCH_TARGETS?.split(',').map((s) => s.trim());
  return chosen ? (chosen.filter((t) => all.includes(t as Target)) as Target[]) : all;
}

/** A migrated, empty database; drop() closes it and removes its data (temp dir or server database). */
export async function openTarget(kind: Target, label: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keqiao-bench-${label}-`));
    const db = await createDb({ dataDir: dir });
    await migrate(db);
    return {
      db,
      async drop() {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const scratch = await createScratchDatabase(process.env.KEQIAO_BENCH_DATABASE_URL!, `keqiao_bench_${label}`);
  const db = await createDb({ url: scratch.url });
  await migrate(db);
  return {
    db,
    async drop() {
      await db.close();
      await scratch.drop();
    },
  };
}

export const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Runs fn while sampling the process's resident memory every 50 ms; returns the time, the result and the peak. */
export async function measure<T>(fn: () => Promise<T>): Promise<{ seconds: number; peakRssMiB: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const result = await fn();
    const seconds = (performance.now() - started) / 1000;
    return { seconds, peakRssMiB: mib(Math.max(peak, process.memoryUsage().rss)), result };
  } finally {
    clearInterval(timer);
  }
}

/** Peak RSS of the whole process since start (sampled every 50 ms). */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  return {
    peakMiB: () => mib(Math.max(peak, process.memoryUsage().rss)),
    reset: () => {
      peak = process.memoryUsage().rss;
    },
    stop: () => clearInterval(timer),
  };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** A deterministic pseudo-random generator (mulberry32), so that every run generates the same data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    uuid: () => {
      const h = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
      h[12] = '4';
      h[16] = '89ab'[Math.floor(next() * 4)]!;
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}

export function writeResults(file: string, report: unknown) {
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results', file), `${JSON.stringify(report, null, 2)}\n`);
}

export const machine = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  loadAvg1m: round(os.loadavg()[0]!, 2),
});
