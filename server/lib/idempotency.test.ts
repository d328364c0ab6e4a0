import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/helpers/db.js';
import type { Db } from '../db/client.js';
import type { Ctx } from './context.js';
import { runIdempotent } from './idempotency.js';

let db: Db & { drop(): Promise<void> };
let ctx: Ctx;

beforeAll(async () => {
  db = await freshDb();
  const { rows } = await db.query<{ id: string }>("insert into users (name, email, password_hash) values ('付款人', 'payer@example.cn', 'x') returning id");
  ctx = {
    db,
    now: new Date('2026-11-28T00:00:00Z'),
    locale: 'zh-CN',
    requestId: 'r',
    ip: null,
    actor: { userId: rows[0]!.id, name: '付款人', via: 'session', tokenId: null, sessionIdHash: null, csrfToken: null, scopes: ['read', 'write'], memberships: [] },
  };
  await db.exec('create table payments_probe (id serial primary key, amount numeric(18,2) not null)');
});
afterAll(() => db.drop());

const pay = (amount: string) => async (tx: { db: { query: Db['query'] } }) => {
  const { rows } = await tx.db.query<{ id: number }>('insert into payments_probe (amount) values ($1) returning id', [amount]);
  return { status: 201, body: { id: rows[0]!.id, amount } };
};
const count = async () => (await db.query<{ n: number }>('select count(*) as n from payments_probe')).rows[0]!.n;

describe('idempotency keys', () => {
  it('a retried request with the same key does nothing twice and replays the first answer', async () => {
    const first = await runIdempotent(ctx, 'pay-0001-abcd', 'POST /payments', { amount: '100.00' }, pay('100.00'));
    const again = await runIdempotent(ctx, 'pay-0001-abcd', 'POST /payments', { amount: '100.00' }, pay('100.00'));
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await count()).toBe(1);
  });

  it('the same key with a different body is refused', async () => {
    await expect(runIdempotent(ctx, 'pay-0001-abcd', 'POST /payments', { amount: '999.00' }, pay('999.00'))).rejects.toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    expect(await count()).toBe(1);
  });

  it('a failure half-way leaves neither the change nor the key, so the retry runs', async () => {
    const failing = async (tx: { db: { query: Db['query'] } }) => {
      await pay('50.00')(tx);
      throw new Error('bank timeout');
    };
    await expect(runIdempotent(ctx, 'pay-0002-abcd', 'POST /payments', { amount: '50.00' }, failing)).rejects.toThrow('bank timeout');
    expect(await count()).toBe(1);
    const retry = await runIdempotent(ctx, 'pay-0002-abcd', 'POST /payments', { amount: '50.00' }, pay('50.00'));
    expect(retry.replayed).toBe(false);
    expect(await count()).toBe(2);
  });
});
