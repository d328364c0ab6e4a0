import { describe, expect, it } from 'vitest';
import { setupTestContext, TEST_NOW } from '../../../test/helpers/app.js';
import { appendEvent } from '../../lib/ledger.js';

const t = setupTestContext();

async function append(stream: string, type: string, payload: Record<string, unknown>) {
  return t.db.transaction((tx) => appendEvent({ db: tx, actor: null, now: TEST_NOW, locale: 'zh-CN', requestId: 'test', ip: null }, { stream, type, payload }));
}

describe('POST /ledger/verify', () => {
  it('administrators and the bureau verify every chain; others may not', async () => {
    await append('achievement:demo-1', 'achievement.disclosed', { title: '海水淡化膜' });
    await append('achievement:demo-1', 'achievement.approved', { by: 'tto' });
    await append('contract:demo-1', 'contract.signed', { amount: '500000.00' });
    const before = (await t.db.query<{ n: number }>('select count(*) as n from ledger_events')).rows[0]!.n;
    for (const role of ['admin', 'bureau'] as const) {
      const res = await (await t.loginAs(role)).request('POST', '/api/v1/ledger/verify');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, events: before });
      expect(res.json().firstBroken).toBeUndefined();
    }
    expect((await (await t.loginAs('tto_officer')).request('POST', '/api/v1/ledger/verify')).statusCode).toBe(403);
    expect((await t.anonymous.request('POST', '/api/v1/ledger/verify')).statusCode).toBe(401);
  });

  it('names the first broken link after an event is altered behind the triggers', async () => {
    await t.db.exec('alter table ledger_events disable trigger ledger_events_no_update');
    await t.db.query(`update ledger_events set payload = '{"by": "someone else"}' where stream = 'achievement:demo-1' and seq = 2`);
    await t.db.exec('alter table ledger_events enable trigger ledger_events_no_update');
    const eventId = (await t.db.query<{ id: number }>(`select id from ledger_events where stream = 'achievement:demo-1' and seq = 2`)).rows[0]!.id;
    const res = await (await t.loginAs('admin')).request('POST', '/api/v1/ledger/verify');
    expect(res.json()).toMatchObject({ ok: false, firstBroken: { stream: 'achievement:demo-1', seq: 2, eventId: String(eventId), reason: 'hash_mismatch' } });
  });
});
