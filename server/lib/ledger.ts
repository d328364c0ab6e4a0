import type { Queryable } from '../db/client.js';
import type { TxCtx } from './context.js';
import { type BrokenReason, canonicalize, checkLink, computeEventHash, GENESIS_HASH, type JsonObject, type StoredEvent } from './ledger-hash.js';

/**
 * The append-only, hash-chained ledger (DESIGN.md "Ledger"). Each stream (`achievement:<id>`,
 * `contract:<id>` …) is its own chain; each event stores its predecessor's hash, and the
 * database refuses UPDATE, DELETE and TRUNCATE on ledger_events.
 *
 * Payload rule: numbers must be safe integers; decimals (money, ratios) are strings.
 * See ledger-hash.ts for why.
 */

export interface LedgerEvent {
  /** bigint identity, as a string. */
  id: string;
  stream: string;
  seq: number;
  type: string;
  /** The canonical payload, as stored and hashed. */
  payload: JsonObject;
  actorUserId: string | null;
  reason: string | null;
  occurredAt: Date;
  prevHash: string;
  hash: string;
}

export interface AppendEventInput {
  /** The chain, e.g. `achievement:<uuid>`. */
  stream: string;
  /** What happened, e.g. `achievement.disclosed`. */
  type: string;
  /** Facts of the event: safe integers, decimal strings, text, booleans, arrays, objects. */
  payload: Record<string, unknown>;
  /** Why, when a person gave a reason (rejections, corrections). */
  reason?: string | null | undefined;
}

const NAME_PATTERN = /^[\w.:@/-]{1,200}$/;

interface EventRow {
  id: number | string;
  stream: string;
  seq: number;
  type: string;
  payload: JsonObject;
  actor_user_id: string | null;
  reason: string | null;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

const toEvent = (r: EventRow): LedgerEvent => ({
  id: String(r.id),
  stream: r.stream,
  seq: r.seq,
  type: r.type,
  payload: r.payload,
  actorUserId: r.actor_user_id,
  reason: r.reason,
  occurredAt: r.occurred_at,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * Appends one event to a stream inside the caller's transaction, so that the event commits or
 * rolls back with the change it records. The stream head is locked (FOR UPDATE) so that
 * concurrent appends to one stream queue up and get consecutive sequence numbers.
 */
export async function appendEvent(tx: TxCtx, input: AppendEventInput): Promise<LedgerEvent> {
  // A Db handle (not a transaction) would let the event commit without the change it records.
  if (typeof (tx.db as { transaction?: unknown }).transaction === 'function') {
    throw new Error('appendEvent must be called inside a transaction (inTransaction(ctx, (tx) => …))');
  }
  if (!NAME_PATTERN.test(input.stream)) throw new Error(`appendEvent: invalid stream name ${JSON.stringify(input.stream)}`);
  if (!NAME_PATTERN.test(input.type)) throw new Error(`appendEvent: invalid event type ${JSON.stringify(input.type)}`);
  const payload = canonicalize(input.payload);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('appendEvent: payload must be an object');
  const reason = input.reason ?? null;
  if (reason?.includes('\u0000')) throw new Error('appendEvent: reason contains NUL');
  // uuid columns come back lower-case; hash what will be read back.
  const actorUserId = tx.actor?.userId.toLowerCase() ?? null;
  const occurredAt = new Date(tx.now.getTime());

  await tx.db.query('insert into ledger_streams (stream, last_seq, last_hash) values ($1, 0, $2) on conflict (stream) do nothing', [input.stream, GENESIS_HASH]);
  const head = await tx.db.query<{ last_seq: number; last_hash: string }>('select last_seq, last_hash from ledger_streams where stream = $1 for update', [input.stream]);
  const { last_seq: lastSeq, last_hash: prevHash } = head.rows[0]!;
  const seq = lastSeq + 1;
  const hash = computeEventHash({ stream: input.stream, seq, type: input.type, payload, actorUserId, reason, occurredAt, prevHash });
  const { rows } = await tx.db.query<EventRow>(
    `insert into ledger_events (stream, seq, type, payload, actor_user_id, reason, occurred_at, prev_hash, hash)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) returning *`,
    [input.stream, seq, input.type, JSON.stringify(payload), actorUserId, reason, occurredAt, prevHash, hash],
  );
  await tx.db.query('update ledger_streams set last_seq = $2, last_hash = $3 where stream = $1', [input.stream, seq, hash]);
  const event = { ...toEvent(rows[0]!), payload };
  await publish(tx, event);
  return event;
}

// ------------------------------------------------------------------------------------------
// Subscriptions: modules that react to another module's events in the same transaction
// ------------------------------------------------------------------------------------------

/**
 * Reacts to one appended event inside the transaction that appended it. Whatever the handler
 * writes commits with the change that produced the event; a handler that throws rolls the whole
 * change back (the event, the producer's rows and every other handler's work), and the caller
 * sees the error. Handlers run in the order they were subscribed, after the event is inserted.
 */
export type LedgerEventHandler = (tx: TxCtx, event: LedgerEvent) => Promise<void>;

const subscriptions = new Map<string, Map<string, LedgerEventHandler>>();

/**
 * Subscribes `handler` to every appended event of `type`, under a subscriber name. Subscribing the
 * same name again replaces the handler (so a composition root that runs once per app, in a process
 * that builds many apps, never doubles it). Returns a function that removes the subscription.
 */
export function onLedgerEvent(type: string, subscriber: string, handler: LedgerEventHandler): () => void {
  if (!NAME_PATTERN.test(type)) throw new Error(`onLedgerEvent: invalid event type ${JSON.stringify(type)}`);
  const byName = subscriptions.get(type) ?? new Map<string, LedgerEventHandler>();
  subscriptions.set(type, byName);
  byName.set(subscriber, handler);
  return () => {
    if (subscriptions.get(type)?.get(subscriber) === handler) subscriptions.get(type)!.delete(subscriber);
  };
}

/** The subscriber names of an event type, in the order their handlers run. */
export function ledgerSubscribers(type: string): string[] {
  return [...(subscriptions.get(type)?.keys() ?? [])];
}

async function publish(tx: TxCtx, event: LedgerEvent): Promise<void> {
  const handlers = subscriptions.get(event.type);
  if (!handlers?.size) return;
  for (const handler of [...handlers.values()]) await handler(tx, event);
}

/** Every event of one stream, oldest first (modules build their timelines on it). */
export async function readStream(db: Queryable, stream: string): Promise<LedgerEvent[]> {
  const { rows } = await db.query<EventRow>('select * from ledger_events where stream = $1 order by seq', [stream]);
  return rows.map(toEvent);
}

export interface BrokenLink {
  stream: string;
  seq: number;
  /** The offending event; null when the link is an event that is missing (head beyond the last event). */
  eventId: string | null;
  reason: BrokenReason;
}

export interface VerifyResult {
  ok: boolean;
  /** Streams and events checked (up to the first broken link, when there is one). */
  streams: number;
  events: number;
  firstBroken?: BrokenLink;
}

export interface VerifyOptions {
  onProgress?: (progress: { streams: number; events: number }) => void;
  /** Events read per query (default 1000), so a large ledger never loads at once. */
  batchSize?: number;
}

// After a cursor, the join also bounds the streams (s.stream >= $1): without it the planner walks
// the heads from the first stream on every batch, and verification grows with batches × streams.
const verifySelect = (afterCursor: boolean) => `select e.*, s.last_seq as head_seq, s.last_hash as head_hash
  from ledger_events e left join ledger_streams s on s.stream = e.stream${afterCursor ? ' and s.stream >= $1::text' : ''}`;

type VerifyRow = EventRow & { head_seq: number | null; head_hash: string | null };

/** The next events after `after` in (stream, seq) order, each with its stream's head as of the same statement. */
async function readBatch(db: Queryable, after: { stream: string; seq: number } | null, limit: number): Promise<VerifyRow[]> {
  // Two statement texts rather than "$1 is null or …", so that both plans walk the (stream, seq) index.
  const { rows } = after
    ? await db.query<VerifyRow>(`${verifySelect(true)} where (e.stream, e.seq) > ($1::text, $2::integer) order by e.stream, e.seq limit $3`, [after.stream, after.seq, limit])
    : await db.query<VerifyRow>(`${verifySelect(false)} order by e.stream, e.seq limit $1`, [limit]);
  return rows;
}

interface StreamState {
  stream: string;
  prev: { seq: number; hash: string; id: string } | null;
  headSeq: number | null;
  headHash: string | null;
}

/** At the end of a stream the head must name its last event. */
function checkHead(s: StreamState): BrokenLink | null {
  if (!s.prev) return null;
  if (s.headSeq !== s.prev.seq) {
    // A head beyond the last event means events are missing at the tail.
    const missing = s.headSeq !== null && s.headSeq > s.prev.seq;
    return { stream: s.stream, seq: missing ? s.headSeq! : s.prev.seq, eventId: missing ? null : s.prev.id, reason: 'head_mismatch' };
  }
  if (s.headHash !== s.prev.hash) return { stream: s.stream, seq: s.prev.seq, eventId: s.prev.id, reason: 'head_mismatch' };
  return null;
}

/**
 * Recomputes every chain, stream by stream in stream order and each by seq, reading in batches,
 * and names the first broken link: a missing seq, a prev_hash that is not its predecessor's hash,
 * a hash that does not match the event's content, or a stream head that disagrees with its last
 * event. Each batch reads events together with their heads in one statement, so appends running
 * meanwhile are never mistaken for breaks.
 */
export async function verifyLedger(db: Queryable, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 1000;
  let streams = 0;
  let events = 0;
  let cur: StreamState | null = null;
  let broken: BrokenLink | null = null;
  let after: { stream: string; seq: number } | null = null;

  scan: for (;;) {
    const rows = await readBatch(db, after, batchSize);
    for (const row of rows) {
      if (cur && row.stream !== cur.stream) {
        broken = checkHead(cur);
        if (broken) break scan;
        cur = null;
      }
      if (!cur) {
        streams++;
        cur = { stream: row.stream, prev: null, headSeq: null, headHash: null };
      }
      const at = { stream: row.stream, seq: row.seq, eventId: String(row.id) };
      if (row.head_seq === null) {
        broken = { ...at, reason: 'head_mismatch' }; // an event whose stream has no head row
        break scan;
      }
      const stored: StoredEvent = {
        stream: row.stream,
        seq: row.seq,
        type: row.type,
        payload: row.payload,
        actorUserId: row.actor_user_id,
        reason: row.reason,
        occurredAt: row.occurred_at,
        prevHash: row.prev_hash,
        hash: row.hash,
      };
      const reason = checkLink(cur.prev, stored);
      if (reason) {
        broken = { ...at, reason };
        break scan;
      }
      if (row.seq > row.head_seq) {
        broken = { ...at, reason: 'head_mismatch' }; // appended behind the head's back
        break scan;
      }
      cur.prev = { seq: row.seq, hash: row.hash, id: String(row.id) };
      cur.headSeq = row.head_seq;
      cur.headHash = row.head_hash;
      events++;
    }
    options.onProgress?.({ streams, events });
    const last: VerifyRow | undefined = rows[rows.length - 1];
    if (!last || rows.length < batchSize) break;
    after = { stream: last.stream, seq: last.seq };
  }
  if (!broken && cur) broken = checkHead(cur);

  // A head whose events have all gone: ordered against the break found so far by the database's collation.
  const orphan = await db.query<{ stream: string; last_seq: number; is_first: boolean }>(
    `select stream, last_seq, ($2::text is null or stream < $2::text) as is_first from ledger_streams s
      where (last_seq <> 0 or last_hash <> $1) and not exists (select 1 from ledger_events e where e.stream = s.stream)
      order by stream limit 1`,
    [GENESIS_HASH, broken?.stream ?? null],
  );
  const o = orphan.rows[0];
  if (o?.is_first) broken = { stream: o.stream, seq: o.last_seq, eventId: null, reason: 'head_mismatch' };

  return broken ? { ok: false, streams, events, firstBroken: broken } : { ok: true, streams, events };
}

/**
 * Bulk path for imports: the first event of many new streams (one per new record), computed
 * exactly as appendEvent would and written with three statements instead of four per event.
 * Every stream must be new; an existing one makes the statement fail (and the transaction with it).
 * Subscribers are not called, so an event type that has subscribers is refused here.
 */
export async function appendFirstEvents(tx: TxCtx, inputs: readonly AppendEventInput[]): Promise<void> {
  if (!inputs.length) return;
  if (typeof (tx.db as { transaction?: unknown }).transaction === 'function') {
    throw new Error('appendFirstEvents must be called inside a transaction (inTransaction(ctx, (tx) => …))');
  }
  const actorUserId = tx.actor?.userId.toLowerCase() ?? null;
  const occurredAt = new Date(tx.now.getTime());
  const events = inputs.map((input) => {
    if (!NAME_PATTERN.test(input.stream)) throw new Error(`appendFirstEvents: invalid stream name ${JSON.stringify(input.stream)}`);
    if (!NAME_PATTERN.test(input.type)) throw new Error(`appendFirstEvents: invalid event type ${JSON.stringify(input.type)}`);
    if (subscriptions.get(input.type)?.size) throw new Error(`appendFirstEvents: ${input.type} has subscribers; append it with appendEvent`);
    const payload = canonicalize(input.payload);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw new Error('appendFirstEvents: payload must be an object');
    const reason = input.reason ?? null;
    const hash = computeEventHash({ stream: input.stream, seq: 1, type: input.type, payload, actorUserId, reason, occurredAt, prevHash: GENESIS_HASH });
    return { stream: input.stream, type: input.type, payload, reason, hash };
  });
  // A stream that exists already is a conflict here: the primary key refuses it.
  await tx.db.query(`insert into ledger_streams (stream, last_seq, last_hash) select stream, 1, hash from jsonb_to_recordset($1::jsonb) as x(stream text, hash text)`, [
    JSON.stringify(events.map((e) => ({ stream: e.stream, hash: e.hash }))),
  ]);
  await tx.db.query(
    `insert into ledger_events (stream, seq, type, payload, actor_user_id, reason, occurred_at, prev_hash, hash)
     select stream, 1, type, payload, $2, reason, $3, $4, hash from jsonb_to_recordset($1::jsonb) as x(stream text, type text, payload jsonb, reason text, hash text)`,
    [JSON.stringify(events), actorUserId, occurredAt, GENESIS_HASH],
  );
}

// ---------------------------------------------------------------------------------------------
// Following the ledger: generic reads for modules that react to events (jobs, caches)
// ---------------------------------------------------------------------------------------------

/** The id of the newest event ('0' on an empty ledger); it grows with every append. */
export async function latestEventId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string | null }>('select max(id)::text as id from ledger_events');
  return rows[0]?.id ?? '0';
}

/**
 * Events of the given types after event `afterId` (exclusive; default: from the start), oldest
 * first, at most `limit` (default 1000), optionally only those whose payload field `field` equals
 * `value`. Jobs follow the ledger with it (new listings) and repair commands replay it in batches
 * (receipts a subscriber missed); the reader decides, idempotently, what it still has to do.
 */
export async function eventsAfter(db: Queryable, q: { types: readonly string[]; afterId?: string | null; limit?: number; payloadEquals?: { field: string; value: string } }): Promise<LedgerEvent[]> {
  const values: unknown[] = [[...q.types], q.afterId ?? '0', q.limit ?? 1000];
  let filter = '';
  if (q.payloadEquals) {
    values.push(q.payloadEquals.field, q.payloadEquals.value);
    filter = ' and payload->>$4 = $5';
  }
  const { rows } = await db.query<EventRow>(`select * from ledger_events where type = any($1::text[]) and id > $2::bigint${filter} order by id limit $3`, values);
  return rows.map(toEvent);
}

// ------------------------------------------------------------------------------------------
// Reading events of many streams
// ------------------------------------------------------------------------------------------

/**
 * The events of the given types on the given streams, in stream then sequence order (reports
 * roll a year of an institution's streams up from them). No streams or no types: no events.
 */
export async function eventsOfStreams(db: Queryable, streams: readonly string[], types: readonly string[]): Promise<LedgerEvent[]> {
  if (!streams.length || !types.length) return [];
  const { rows } = await db.query<EventRow>('select * from ledger_events where stream = any($1) and type = any($2) order by stream, seq', [streams, types]);
  return rows.map(toEvent);
}

/** How many events the ledger holds, over every stream. */
export async function eventCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*) as n from ledger_events');
  return rows[0]?.n ?? 0;
}
