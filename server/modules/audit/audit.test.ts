import { describe, expect, it } from 'vitest';
import { setupTestContext } from '../../../test/helpers/app.js';

const t = setupTestContext();

interface Item {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

describe('audit log API', () => {
  it('shows a change with who, what, before and after, newest first', async () => {
    const admin = await t.loginAs('admin');
    const me = (await admin.request('GET', '/api/v1/me')).json();
    await admin.request('PUT', '/api/v1/calendar/overrides/2027-01-01', { isWorkday: false, name: '元旦' });
    const put = await admin.request('PUT', '/api/v1/calendar/overrides/2027-01-01', { isWorkday: false, name: '元旦假期' }, { 'x-request-id': 'req-audit-1' });
    expect(put.statusCode).toBe(200);
    const res = await admin.request('GET', '/api/v1/audit?entity=calendarOverride&entityId=2027-01-01');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items.map((i) => i.action)).toEqual(['calendar.override.updated', 'calendar.override.created']);
    expect(items[0]).toMatchObject({
      actorUserId: me.id,
      actorName: me.name,
      entity: 'calendarOverride',
      entityId: '2027-01-01',
      before: { name: '元旦' },
      after: { name: '元旦假期' },
      requestId: 'req-audit-1',
    });
    expect(items[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  });

  it('filters by actor and pages through rows that share one instant without skipping or repeating', async () => {
    const bureau = await t.loginAs('bureau');
    // Many rows at one instant, and two a microsecond apart: paging must still see each once, in order.
    await t.db.query(
      `insert into audit_log (at, action, entity, entity_id)
       select '2026-11-28T02:00:00.000Z'::timestamptz + (case when g > 8 then g - 8 else 0 end) * interval '1 microsecond', 'test.paged', 'pagingTest', g::text
         from generate_series(1, 10) g`,
    );
    const expected = (await t.db.query<{ id: number }>(`select id from audit_log where entity = 'pagingTest' order by at desc, id desc`)).rows.map((r) => String(r.id));
    expect(expected).toHaveLength(10);
    const seen: string[] = [];
    let more = true;
    for (let n = 1; more; n++) {
      const page = (await bureau.request('GET', `/api/v1/audit?entity=pagingTest&pageSize=3&page=${n}`)).json();
      seen.push(...page.items.map((i: Item) => i.id));
      expect(page.total).toBe(10);
      more = n * 3 < page.total;
    }
    expect(seen).toEqual(expected);

    const adminId = (await (await t.loginAs('admin')).request('GET', '/api/v1/me')).json().id;
    const byAdmin = (await bureau.request('GET', `/api/v1/audit?actorUserId=${adminId}&pageSize=200`)).json().items as Item[];
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((i) => i.actorUserId === adminId)).toBe(true);
  });

  it('is for administrators and the bureau only; bad filters name the field', async () => {
    expect((await (await t.loginAs('researcher')).request('GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await (await t.loginAs('operator')).request('GET', '/api/v1/audit')).statusCode).toBe(403);
    expect((await t.anonymous.request('GET', '/api/v1/audit')).statusCode).toBe(401);
    const admin = await t.loginAs('admin');
    const badActor = await admin.request('GET', '/api/v1/audit?actorUserId=42');
    expect(badActor.statusCode).toBe(400);
    expect(badActor.json().errors[0].field).toBe('query.actorUserId');
    expect((await admin.request('GET', '/api/v1/audit?page=yesterday')).json().errors[0].field).toBe('query.page');
    expect((await admin.request('GET', '/api/v1/audit?pageSize=0')).json().errors[0].field).toBe('query.pageSize');
  });
});
