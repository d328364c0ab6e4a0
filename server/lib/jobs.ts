import crypto from 'node:crypto';
import os from 'node:os';
import type { Db, Queryable } from '../db/client.js';

/**
 * A job queue in PostgreSQL, safe with several app servers working it at once: jobs are claimed
 * with `FOR UPDATE SKIP LOCKED`, so each due job goes to exactly one worker; a claim carries a
 * lock deadline that the worker extends while the job runs, so a crashed worker's jobs become
 * claimable again. Scheduled jobs (`job_schedules`) are turned into jobs by whichever worker
 * claims the schedule row first.
 *
 * PGlite is one connection: workers there interleave rather than run in parallel, which is
 * still correct; true parallelism needs a PostgreSQL server.
 */

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed';
export type JobPayload = Record<string, unknown>;

export interface Job {
  /** bigint identity, as a string. */
  id: string;
  queue: string;
  payload: JobPayload;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  singletonKey: string | null;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** What a handler receives besides its payload: the job row, the database and the worker's clock. */
export interface RunningJob extends Job {
  db: Db;
  now: Date;
  workerId: string;
}

export type JobHandler = (payload: JobPayload, job: RunningJob) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this instant (default: now). */
  runAt?: Date | undefined;
  /** At most one pending or running job per queue and key; a second enqueue is a no-op returning null. */
  singletonKey?: string | undefined;
  /** Tries before the job is marked failed (default 5). */
  maxAttempts?: number | undefined;
}

interface JobRow {
  id: number | string;
  queue: string;
  payload: JobPayload;
  status: JobStatus;
  run_at: Date;
  attempts: number;
  max_attempts: number;
  singleton_key: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const toJob = (r: JobRow): Job => ({
  id: String(r.id),
  queue: r.queue,
  payload: r.payload,
  status: r.status,
  runAt: r.run_at,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  singletonKey: r.singleton_key,
  lockedBy: r.locked_by,
  lockedUntil: r.locked_until,
  lastError: r.last_error,
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

/**
 * Adds a job. Pass a transaction handle to enqueue in the same transaction as the change that
 * needs it (the job then exists exactly when the change commits). Returns null when a job with
 * the same singleton key is already pending or running.
 */
export async function enqueue(db: Queryable, queue: string, payload: JobPayload = {}, options: EnqueueOptions = {}): Promise<Job | null> {
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('enqueue: maxAttempts must be a positive integer');
  const { rows } = await db.query<JobRow>(
    `insert into jobs (queue, payload, run_at, max_attempts, singleton_key)
     values ($1, $2::jsonb, coalesce($3::timestamptz, now()), $4, $5)
     on conflict (queue, singleton_key) where singleton_key is not null and status in ('pending', 'running') do nothing
     returning *`,
    [queue, JSON.stringify(payload), options.runAt ?? null, maxAttempts, options.singletonKey ?? null],
  );
  return rows[0] ? toJob(rows[0]) : null;
}

/** One job by id (for tests and administration); null when absent. */
export async function findJob(db: Queryable, id: string): Promise<Job | null> {
  const { rows } = await db.query<JobRow>('select * from jobs where id = $1', [id]);
  return rows[0] ? toJob(rows[0]) : null;
}

/** How many jobs are in a status (e.g. 'failed', for the administrator's home page). */
export async function jobCount(db: Queryable, status: JobStatus): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*) as n from jobs where status = $1', [status]);
  return rows[0]?.n ?? 0;
}

export interface ScheduleInput {
  /** Unique name of the schedule, e.g. 'calendar.check-next-year'. */
  name: string;
  queue: string;
  everySeconds: number;
  payload?: JobPayload;
  /** First run (default: now), used only when the schedule is new. */
  firstRunAt?: Date;
}

/**
 * Creates or updates a recurring schedule; safe to call on every start of every server. An
 * existing schedule keeps its next run; when its interval changes, the next run comes no later
 * than one new interval from now.
 */
export async function ensureSchedule(db: Queryable, input: ScheduleInput): Promise<void> {
  if (!Number.isInteger(input.everySeconds) || input.everySeconds < 1) throw new RangeError('ensureSchedule: everySeconds must be a positive integer');
  await db.query(
    `insert into job_schedules (name, queue, every_seconds, payload, next_run_at)
     values ($1, $2, $3, $4::jsonb, coalesce($5::timestamptz, now()))
     on conflict (name) do update set queue = excluded.queue, every_seconds = excluded.every_seconds, payload = excluded.payload,
       next_run_at = case when job_schedules.every_seconds = excluded.every_seconds then job_schedules.next_run_at
         else least(job_schedules.next_run_at, coalesce($5::timestamptz, now()) + make_interval(secs => excluded.every_seconds)) end`,
    [input.name, input.queue, input.everySeconds, JSON.stringify(input.payload ?? {}), input.firstRunAt ?? null],
  );
}

export interface WorkerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** Names the worker in locked_by; default host:pid:random. */
  workerId?: string;
  /** Pause between polls when there was nothing to do (default 1000 ms). */
  pollMs?: number;
  now?: () => Date;
  /** Jobs claimed and run together per round (default 5). */
  batchSize?: number;
  /** How long a claim lasts without a heartbeat (default 300 s). */
  lockSeconds?: number;
  /** Longest retry delay (default 3600 s); the delay is 2^attempts seconds up to this. */
  maxBackoffSeconds?: number;
  /** Where errors of the polling loop itself go (a handler's error is stored on its job). */
  onError?: (err: unknown) => void;
}

export interface Worker {
  readonly workerId: string;
  /** Polls in the background until stop(). */
  start(): void;
  /** Stops polling and waits for the jobs that are running to finish. */
  stop(): Promise<void>;
  /** One round: enqueue due schedules, release expired claims, claim and run due jobs. Returns the number of jobs run. */
  runOnce(): Promise<number>;
}

const MAX_ERROR_LENGTH = 4000;

function describeError(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** The retry delay after the n-th failed attempt: 2^n seconds, capped. */
export function backoffSeconds(attempts: number, maxSeconds = 3600): number {
  return Math.min(2 ** attempts, maxSeconds);
}

/** A worker for the given queues (one handler per queue); only queues it can handle are claimed. */
export function createWorker(options: WorkerOptions): Worker {
  const db = options.db;
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 5;
  const lockMs = (options.lockSeconds ?? 300) * 1000;
  const maxBackoff = options.maxBackoffSeconds ?? 3600;
  const onError = options.onError ?? ((err: unknown) => console.error(`[jobs ${workerId}]`, err));
  const queues = Object.keys(options.handlers);

  async function enqueueDueSchedules(at: Date): Promise<void> {
    await db.transaction(async (tx) => {
      // SKIP LOCKED: a schedule another server is enqueueing right now is left to it.
      const { rows } = await tx.query<{ name: string; queue: string; every_seconds: number; payload: JobPayload; next_run_at: Date }>(
        `select * from job_schedules where next_run_at <= $1 and queue = any($2::text[])
          order by next_run_at limit 20 for update skip locked`,
        [at, queues],
      );
      for (const s of rows) {
        const every = s.every_seconds * 1000;
        // Missed slots (servers were down) collapse into one run: the latest due slot.
        const missed = Math.floor((at.getTime() - s.next_run_at.getTime()) / every);
        const slot = new Date(s.next_run_at.getTime() + missed * every);
        await tx.query('update job_schedules set next_run_at = $2 where name = $1', [s.name, new Date(slot.getTime() + every)]);
        await enqueue(tx, s.queue, s.payload, { singletonKey: `${s.name}@${slot.toISOString()}`, runAt: at });
      }
    });
  }

  /** Claims whose deadline passed belong to a worker that stopped or crashed: that try counts as failed. */
  async function releaseExpired(at: Date): Promise<void> {
    await db.query(
      `update jobs set attempts = attempts + 1,
              status = case when attempts + 1 >= max_attempts then 'failed' else 'pending' end,
              last_error = 'claim by ' || coalesce(locked_by, '?') || ' expired at ' || locked_until || ' (worker stopped or crashed)',
              run_at = $1, locked_by = null, locked_until = null
        where status = 'running' and locked_until < $1 and queue = any($2::text[])`,
      [at, queues],
    );
  }

  async function claim(at: Date): Promise<Job[]> {
    const { rows } = await db.query<JobRow>(
      `update jobs set status = 'running', locked_by = $1, locked_until = $2
        where id in (select id from jobs where status = 'pending' and run_at <= $3 and queue = any($4::text[])
                      order by run_at, id limit $5 for update skip locked)
        returning *`,
      [workerId, new Date(at.getTime() + lockMs), at, queues, batchSize],
    );
    return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || Number(a.id) - Number(b.id));
  }

  async function run(job: Job): Promise<void> {
    const handler = options.handlers[job.queue]!;
    try {
      await handler(job.payload, { ...job, db, now: now(), workerId });
    } catch (err) {
      const attempts = job.attempts + 1;
      const isFinal = attempts >= job.maxAttempts;
      const at = now();
      await db.query(
        `update jobs set attempts = $3, last_error = $4, status = $5, run_at = $6, locked_by = null, locked_until = null, completed_at = $7
          where id = $1 and locked_by = $2 and status = 'running'`,
        [
          job.id,
          workerId,
          attempts,
          describeError(err),
          isFinal ? 'failed' : 'pending',
          isFinal ? job.runAt : new Date(at.getTime() + backoffSeconds(attempts, maxBackoff) * 1000),
          isFinal ? at : null,
        ],
      );
      return;
    }
    // Guarded by locked_by: a worker whose claim expired and was taken over does not overwrite the new owner.
    await db.query(
      `update jobs set status = 'completed', completed_at = $3, locked_by = null, locked_until = null
        where id = $1 and locked_by = $2 and status = 'running'`,
      [job.id, workerId, now()],
    );
  }

  async function runOnce(): Promise<number> {
    if (!queues.length) return 0;
    const at = now();
    await enqueueDueSchedules(at);
    await releaseExpired(at);
    const jobs = await claim(at);
    if (!jobs.length) return 0;
    // Heartbeat: long jobs keep their claim, so no other worker starts them again.
    const heartbeat = setInterval(
      () => {
        db.query(`update jobs set locked_until = $3 where id = any($1::bigint[]) and locked_by = $2 and status = 'running'`, [
          jobs.map((j) => j.id),
          workerId,
          new Date(now().getTime() + lockMs),
        ]).catch(onError);
      },
      Math.max(1000, lockMs / 3),
    );
    heartbeat.unref();
    try {
      await Promise.all(jobs.map((job) => run(job).catch(onError)));
    } finally {
      clearInterval(heartbeat);
    }
    return jobs.length;
  }

  let loop: Promise<void> | null = null;
  let stopping = false;
  let wake: (() => void) | null = null;

  return {
    workerId,
    runOnce,
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          let ran = 0;
          try {
            ran = await runOnce();
          } catch (err) {
            onError(err);
          }
          if (ran === 0 && !stopping) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, pollMs);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            wake = null;
          }
        }
      })();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
