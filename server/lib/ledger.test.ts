import { afterEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../../test/helpers/db.js';
import type { Actor, TxCtx } from './context.js';
import { appendEvent, type AppendEventInput, appendFirstEvents, eventsAfter, ledgerSubscribers, onLedgerEvent, readStream, verifyLedger } from './ledger.js';
import { computeEventHash, GENESIS_HASH } from './ledger-hash.js';

const NOW = new Date('2026-11-28T02:00:00.123Z');
const ACTOR: Actor = {
  userId: '0A1B2C3D-0000-4000-8000-000000000001',
  name: '测试',
  via: 'session',
  tokenId: null,
  sessionIdHash: null,
  csrfToken: null,
  scopes: [],
  memberships: [],
};

let db: TestDb;
afterEach(async () => {
  await db?.drop();
});

function append(input: AppendEventInput, now = NOW) {
  return db.transaction((tx) => appendEvent({ db: tx, actor: ACTOR, now, locale: 'zh-CN', requestId: 't', ip: null } satisfies TxCtx, input));
}

async function tamper(sql: string, params: unknown[] = []) {
  await db.exec('alter table ledger_events disable trigger ledger_events_no_update');
  await db.query(sql, params);
  await db.exec('alter table ledger_events enable trigger ledger_events_no_update');
}

async function threeEvents(stream: string) {
  await append({ stream, type: 'contract.signed', payload: { amount: '100000.00', parties: ['甲', '乙'] } });
  await append({ stream, type: 'contract.paid', payload: { amount: '25000.00', instalment: 1 } }, new Date(NOW.getTime() + 1000));
  await append({ stream, type: 'contract.paid', payload: { amount: '25000.00', instalment: 2 }, reason: '提前付款' }, new Date(NOW.getTime() + 2000));
}

describe('ledger kernel', () => {
  it('appends three events as a chain from the genesis hash, and verifies', async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    const events = await readStream(db, 'contract:a');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    expect(events[1]!.prevHash).toBe(events[0]!.hash);
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    expect(events[2]!.reason).toBe('提前付款');
    expect(events[0]!.actorUserId).toBe(ACTOR.userId.toLowerCase());
    expect(events[0]!.occurredAt.toISOString()).toBe('2026-11-28T02:00:00.123Z');
    const head = await db.query('select last_seq, last_hash from ledger_streams where stream = $1', ['contract:a']);
    expect(head.rows[0]).toEqual({ last_seq: 3, last_hash: events[2]!.hash });
    expect(await verifyLedger(db)).toEqual({ ok: true, streams: 1, events: 3 });
  });

  it('a payload hashes the same after the jsonb round trip (key order, nesting, unicode)', async () => {
    db = await freshDb();
    const payload = { zeta: 1, alpha: { long_key_name: [3, 2, 1], b: null, a: true }, 中文: '海洋😀', amount: '0.10', big: 9007199254740991 };
    const appended = await append({ stream: 'achievement:x', type: 'achievement.disclosed', payload });
    const [stored] = await readStream(db, 'achievement:x');
    expect(stored!.payload).toEqual(payload);
    expect(stored!.hash).toBe(appended.hash);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('refuses a float payload and an append outside a transaction, writing nothing', async () => {
    db = await freshDb();
    await expect(append({ stream: 's:1', type: 't', payload: { ratio: 0.7 } })).rejects.toThrow(/safe integer/);
    const notTx = { db, actor: null, now: NOW, locale: 'zh-CN', requestId: 't', ip: null } as const;
    await expect(appendEvent(notTx, { stream: 's:1', type: 't', payload: {} })).rejects.toThrow(/inside a transaction/);
    expect((await db.query('select count(*) as n from ledger_streams')).rows[0]).toEqual({ n: 0 });
  });

  it('an event rolls back with its transaction', async () => {
    db = await freshDb();
    await expect(
      db.transaction(async (tx) => {
        await appendEvent({ db: tx, actor: null, now: NOW, locale: 'zh-CN', requestId: 't', ip: null }, { stream: 's:1', type: 't', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await readStream(db, 's:1')).toEqual([]);
    expect((await db.query('select count(*) as n from ledger_streams')).rows[0]).toEqual({ n: 0 });
  });

  it('an event altered with SQL (trigger disabled) is named by stream and seq: hash_mismatch', async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    await threeEvents('contract:b');
    await tamper(`update ledger_events set payload = '{"amount": "99999.00", "instalment": 1}' where stream = 'contract:b' and seq = 2`);
    const result = await verifyLedger(db);
    const eventId = (await readStream(db, 'contract:b'))[1]!.id;
    expect(result).toEqual({ ok: false, streams: 2, events: 4, firstBroken: { stream: 'contract:b', seq: 2, eventId, reason: 'hash_mismatch' } });
  });

  it("a forger who also recomputes the altered event's hash breaks the next link: prev_hash_mismatch", async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    const [, second] = await readStream(db, 'contract:a');
    const forgedPayload = { amount: '1.00', instalment: 1 };
    const forgedHash = computeEventHash({ ...second!, payload: forgedPayload });
    await tamper(`update ledger_events set payload = $1::jsonb, hash = $2 where id = $3`, [JSON.stringify(forgedPayload), forgedHash, second!.id]);
    expect((await verifyLedger(db)).firstBroken).toMatchObject({ stream: 'contract:a', seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('names a deleted event (seq_gap), a stale head (head_mismatch) and a head whose events are gone', async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    await threeEvents('contract:b');
    await tamper(`delete from ledger_events where stream = 'contract:b' and seq = 2`);
    expect((await verifyLedger(db)).firstBroken).toMatchObject({ stream: 'contract:b', seq: 3, reason: 'seq_gap' });

    await db.query(`update ledger_streams set last_hash = repeat('c', 64) where stream = 'contract:a'`);
    expect((await verifyLedger(db)).firstBroken).toMatchObject({ stream: 'contract:a', seq: 3, reason: 'head_mismatch' });

    await db.query(`insert into ledger_streams (stream, last_seq, last_hash) values ('aaa:empty', 4, repeat('d', 64))`);
    expect((await verifyLedger(db)).firstBroken).toEqual({ stream: 'aaa:empty', seq: 4, eventId: null, reason: 'head_mismatch' });
  });

  it('names a deleted last event: the head is ahead of the chain', async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    await tamper(`delete from ledger_events where stream = 'contract:a' and seq = 3`);
    expect((await verifyLedger(db)).firstBroken).toEqual({ stream: 'contract:a', seq: 3, eventId: null, reason: 'head_mismatch' });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of events', async () => {
    db = await freshDb();
    await threeEvents('contract:a');
    await expect(db.query(`update ledger_events set payload = '{}' where seq = 1`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query('delete from ledger_events where seq = 1')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query('truncate ledger_events')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('20 concurrent appends to one stream get seq 1..20 with a valid chain', async () => {
    db = await freshDb();
    await Promise.all(Array.from({ length: 20 }, (_, i) => append({ stream: 'broker:points', type: 'points.awarded', payload: { points: i } })));
    const events = await readStream(db, 'broker:points');
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.payload.points)).size).toBe(20);
    expect(await verifyLedger(db)).toEqual({ ok: true, streams: 1, events: 20 });
  });

  it('verifies in batches across streams, reporting progress, and finds a break in a later batch', async () => {
    db = await freshDb();
    for (const s of ['s:1', 's:2', 's:3', 's:4']) await threeEvents(s);
    const progress: number[] = [];
    const ok = await verifyLedger(db, { batchSize: 2, onProgress: (p) => progress.push(p.events) });
    expect(ok).toEqual({ ok: true, streams: 4, events: 12 });
    expect(progress).toEqual([2, 4, 6, 8, 10, 12, 12]);
    await tamper(`update ledger_events set type = 'contract.refunded' where stream = 's:4' and seq = 3`);
    expect(await verifyLedger(db, { batchSize: 2 })).toMatchObject({ ok: false, streams: 4, events: 11, firstBroken: { stream: 's:4', seq: 3, reason: 'hash_mismatch' } });
  });
});

describe('ledger subscriptions', () => {
  it('runs the handlers of an event type inside the appending transaction, once per subscriber name', async () => {
    db = await freshDb();
    await db.exec('create table seen (stream text, seq int)');
    const seen: string[] = [];
    const handler = async (tx: TxCtx, e: { stream: string; seq: number; type: string }) => {
      seen.push(`${e.type}@${e.stream}#${e.seq}`);
      await tx.db.query('insert into seen values ($1, $2)', [e.stream, e.seq]);
    };
    onLedgerEvent('test.happened', 'test-subscriber', handler);
    const off = onLedgerEvent('test.happened', 'test-subscriber', handler); // again: replaces, does not double
    expect(ledgerSubscribers('test.happened')).toEqual(['test-subscriber']);
    await append({ stream: 'thing:a', type: 'test.happened', payload: { n: 1 } });
    await append({ stream: 'thing:a', type: 'test.other', payload: { n: 2 } });
    expect(seen).toEqual(['test.happened@thing:a#1']);
    expect((await db.query('select * from seen')).rows).toEqual([{ stream: 'thing:a', seq: 1 }]);
    // Bulk first events bypass subscribers, so a subscribed type is refused there.
    await expect(
      db.transaction((tx) => appendFirstEvents({ db: tx, actor: ACTOR, now: NOW, locale: 'zh-CN', requestId: 't', ip: null }, [{ stream: 'thing:b', type: 'test.happened', payload: {} }])),
    ).rejects.toThrow(/subscribers/);
    off();
    expect(ledgerSubscribers('test.happened')).toEqual([]);
    await append({ stream: 'thing:a', type: 'test.happened', payload: { n: 3 } });
    expect(seen).toHaveLength(1);
  });

  it('rolls the whole change back when a handler fails', async () => {
    db = await freshDb();
    const off = onLedgerEvent('test.failing', 'test-subscriber', async () => {
      throw new Error('handler failed');
    });
    try {
      await expect(append({ stream: 'thing:c', type: 'test.failing', payload: {} })).rejects.toThrow('handler failed');
      expect(await readStream(db, 'thing:c')).toEqual([]);
      expect((await db.query('select * from ledger_streams where stream = $1', ['thing:c'])).rows).toEqual([]);
      expect((await verifyLedger(db)).ok).toBe(true);
    } finally {
      off();
    }
  });

  it('reads the events of one type, optionally by a payload field, in batches after an id', async () => {
    db = await freshDb();
    await append({ stream: 'contract:x', type: 'contract.receipt', payload: { orgId: 'a', n: 1 } });
    await append({ stream: 'contract:y', type: 'contract.receipt', payload: { orgId: 'b', n: 2 } });
    await append({ stream: 'contract:x', type: 'contract.signed', payload: { orgId: 'a' } });
    await append({ stream: 'contract:x', type: 'contract.receipt', payload: { orgId: 'a', n: 3 } });
    expect((await eventsAfter(db, { types: ['contract.receipt'] })).map((e) => e.payload.n)).toEqual([1, 2, 3]);
    const mine = await eventsAfter(db, { types: ['contract.receipt'], payloadEquals: { field: 'orgId', value: 'a' } });
    expect(mine.map((e) => e.payload.n)).toEqual([1, 3]);
    const first = await eventsAfter(db, { types: ['contract.receipt'], limit: 1 });
    expect((await eventsAfter(db, { types: ['contract.receipt'], afterId: first[0]!.id })).map((e) => e.payload.n)).toEqual([2, 3]);
  });
});
