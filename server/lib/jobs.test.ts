import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../../test/helpers/db.js';
import { backoffSeconds, createWorker, enqueue, ensureSchedule, findJob, type JobHandler, type Worker } from './jobs.js';

let db: TestDb;
const clock = { now: new Date('2026-11-28T02:00:00.000Z') };
const now = () => clock.now;
const later = (seconds: number) => new Date(clock.now.getTime() + seconds * 1000);

beforeEach(async () => {
  db = await freshDb();
  clock.now = new Date('2026-11-28T02:00:00.000Z');
});
afterEach(async () => {
  await db.drop();
});

const worker = (handlers: Record<string, JobHandler>, workerId = 'w1') => createWorker({ db, handlers, workerId, pollMs: 10, now });

async function drain(w: Worker): Promise<number> {
  let total = 0;
  for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
  return total;
}

describe('job queue', () => {
  it('runs a due job once and marks it completed; a job not yet due waits', async () => {
    const seen: unknown[] = [];
    const job = await enqueue(db, 'mail', { to: 'a@b.cn' }, { runAt: clock.now });
    const future = await enqueue(db, 'mail', { to: 'later@b.cn' }, { runAt: later(60) });
    const w = worker({ mail: async (payload, j) => void seen.push([payload, j.id, j.workerId]) });
    expect(await w.runOnce()).toBe(1);
    expect(seen).toEqual([[{ to: 'a@b.cn' }, job!.id, 'w1']]);
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'completed', attempts: 0, lockedBy: null, completedAt: clock.now });
    expect(await w.runOnce()).toBe(0);
    clock.now = later(60);
    expect(await w.runOnce()).toBe(1);
    expect((await findJob(db, future!.id))!.status).toBe('completed');
  });

  it('enqueues in the caller’s transaction: a rolled-back change leaves no job', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, 'mail', {});
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect((await db.query('select count(*) as n from jobs')).rows[0]).toEqual({ n: 0 });
  });

  it('a singleton key allows one pending job per queue', async () => {
    expect(await enqueue(db, 'report', {}, { singletonKey: '2026-11' })).not.toBeNull();
    expect(await enqueue(db, 'report', {}, { singletonKey: '2026-11' })).toBeNull();
    expect(await enqueue(db, 'other', {}, { singletonKey: '2026-11' })).not.toBeNull();
  });

  it('retries a failed job after 2^attempts seconds, then succeeds', async () => {
    let calls = 0;
    const job = await enqueue(db, 'flaky', {}, { runAt: clock.now });
    const w = worker({
      flaky: async () => {
        calls++;
        if (calls < 3) throw new Error(`upstream timeout #${calls}`);
      },
    });
    await w.runOnce();
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'pending', attempts: 1, runAt: later(2), lockedBy: null });
    expect((await findJob(db, job!.id))!.lastError).toContain('upstream timeout #1');
    expect(await w.runOnce()).toBe(0); // backing off
    clock.now = later(2);
    await w.runOnce();
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'pending', attempts: 2, runAt: later(4) });
    clock.now = later(4);
    await w.runOnce();
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(calls).toBe(3);
  });

  it('a job that fails max_attempts times is failed, with the last error', async () => {
    const job = await enqueue(db, 'broken', {}, { runAt: clock.now, maxAttempts: 3 });
    const w = worker({
      broken: async (_, j) => {
        throw new Error(`bad input on try ${j.attempts + 1}`);
      },
    });
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.now = later(3600);
    }
    const failed = await findJob(db, job!.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed!.lastError).toContain('bad input on try 3');
    expect(await w.runOnce()).toBe(0);
  });

  it('backoff doubles and is capped', () => {
    expect([1, 2, 3, 10].map((n) => backoffSeconds(n))).toEqual([2, 4, 8, 1024]);
    expect(backoffSeconds(20)).toBe(3600);
    expect(backoffSeconds(20, 60)).toBe(60);
  });

  it('a job whose claim expired (crashed worker) is claimed again and run; the lost try counts', async () => {
    const job = await enqueue(db, 'mail', {}, { runAt: clock.now });
    await db.query(`update jobs set status = 'running', locked_by = 'dead-worker', locked_until = $2 where id = $1`, [job!.id, later(60)]);
    const runs: string[] = [];
    const w = worker({ mail: async () => void runs.push('ran') });
    expect(await w.runOnce()).toBe(0); // the claim is still valid
    clock.now = later(61);
    expect(await w.runOnce()).toBe(1);
    expect(runs).toEqual(['ran']);
    const done = await findJob(db, job!.id);
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
    expect(done!.lastError).toContain('dead-worker');
  });

  it('a worker whose claim was taken over does not overwrite the new owner', async () => {
    const job = await enqueue(db, 'slow', {}, { runAt: clock.now });
    let release: () => void = () => {};
    const slow = worker({ slow: () => new Promise<void>((resolve) => (release = resolve)) }, 'slow-worker');
    const first = slow.runOnce();
    await sleep(20);
    // The slow worker's claim lapses (say it was paused) and another worker takes the job and fails it.
    await db.query(`update jobs set locked_by = 'other', locked_until = $2 where id = $1`, [job!.id, later(600)]);
    release();
    await first;
    expect(await findJob(db, job!.id)).toMatchObject({ status: 'running', lockedBy: 'other' });
  });

  it('two workers racing over 50 jobs run each exactly once', async () => {
    const runs = new Map<string, string[]>();
    const handler: JobHandler = async (_, job) => {
      await sleep(1);
      runs.set(job.id, [...(runs.get(job.id) ?? []), job.workerId]);
    };
    for (let i = 0; i < 50; i++) await enqueue(db, 'work', { i }, { runAt: clock.now });
    const a = worker({ work: handler }, 'a');
    const b = worker({ work: handler }, 'b');
    const [ranA, ranB] = await Promise.all([drain(a), drain(b)]);
    expect(ranA + ranB).toBe(50);
    expect(ranA).toBeGreaterThan(0);
    expect(ranB).toBeGreaterThan(0);
    expect(runs.size).toBe(50);
    expect([...runs.values()].every((workers) => workers.length === 1)).toBe(true);
    expect((await db.query(`select count(*) as n from jobs where status = 'completed'`)).rows[0]).toEqual({ n: 50 });
  });

  it('only claims queues the worker has a handler for', async () => {
    await enqueue(db, 'elsewhere', {}, { runAt: clock.now });
    expect(await worker({ mine: async () => {} }).runOnce()).toBe(0);
    expect((await db.query('select status from jobs')).rows).toEqual([{ status: 'pending' }]);
  });

  it('a schedule enqueues once per slot, even with two workers', async () => {
    const runs: Date[] = [];
    const handlers: Record<string, JobHandler> = { tick: async (_, job) => void runs.push(job.now) };
    await ensureSchedule(db, { name: 'tick-every-minute', queue: 'tick', everySeconds: 60, payload: { what: 'tick' }, firstRunAt: clock.now });
    await ensureSchedule(db, { name: 'tick-every-minute', queue: 'tick', everySeconds: 60, payload: { what: 'tick' } }); // a second server starting
    const a = worker(handlers, 'a');
    const b = worker(handlers, 'b');
    await Promise.all([drain(a), drain(b)]);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(1);
    clock.now = later(30);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(1);
    clock.now = later(30);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(2);
    // Servers down for ten minutes: the missed slots collapse into one run.
    clock.now = later(600);
    await Promise.all([drain(a), drain(b)]);
    expect(runs).toHaveLength(3);
    const keys = (await db.query<{ singleton_key: string }>('select singleton_key from jobs order by id')).rows.map((r) => r.singleton_key);
    expect(keys).toEqual(['tick-every-minute@2026-11-28T02:00:00.000Z', 'tick-every-minute@2026-11-28T02:01:00.000Z', 'tick-every-minute@2026-11-28T02:11:00.000Z']);
    const schedule = await db.query<{ next_run_at: Date }>('select next_run_at from job_schedules');
    expect(schedule.rows[0]!.next_run_at).toEqual(new Date('2026-11-28T02:12:00.000Z'));
  });

  it('start() polls in the background; stop() waits for the running job', async () => {
    let finished = false;
    await enqueue(db, 'slow', {}, { runAt: clock.now });
    const w = worker({
      slow: async () => {
        await sleep(50);
        finished = true;
      },
    });
    w.start();
    await sleep(20);
    await w.stop();
    expect(finished).toBe(true);
    expect((await db.query('select status from jobs')).rows).toEqual([{ status: 'completed' }]);
  });
});
