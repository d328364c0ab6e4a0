import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../server/db/migrate.js';
import { parseEnv } from '../server/env.js';
import { setupTestContext } from './helpers/app.js';

const t = setupTestContext();

describe('platform', () => {
  it('health, readiness and Prometheus metrics', async () => {
    expect((await t.anonymous.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.anonymous.request('GET', '/readyz')).json()).toMatchObject({ status: 'ready' });
    const metrics = await t.anonymous.request('GET', '/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('keqiao_http_request_duration_seconds');
  });

  it('serves an OpenAPI 3.1 document and a docs page', async () => {
    const doc = (await t.anonymous.request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/auth/login'].post).toBeDefined();
    expect(doc.paths['/api/v1/me'].get.responses['200']).toBeDefined();
    const docs = await t.anonymous.request('GET', '/api/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sets security headers and echoes a request id', async () => {
    const res = await t.anonymous.request('GET', '/healthz', undefined, { 'x-request-id': 'req-123' });
    expect(res.headers['x-request-id']).toBe('req-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('refuses text holding a NUL character anywhere in the body with a 400 naming the field', async () => {
    const res = await t.anonymous.request('POST', '/api/v1/auth/login', { email: 'a\u0000b@example.cn', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.email' })]);
  });

  it('unknown API routes answer a problem+json 404 in the caller’s language', async () => {
    const zh = await t.anonymous.request('GET', '/api/v1/nothing-here');
    expect(zh.statusCode).toBe(404);
    expect(zh.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', detail: '接口不存在：GET /api/v1/nothing-here' });
    const en = await t.anonymous.request('GET', '/api/v1/nothing-here', undefined, { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' });
    expect(en.json().detail).toBe('No such endpoint: GET /api/v1/nothing-here');
  });

  it('migrations are idempotent and refuse an applied migration that was edited', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/edited after it was applied/);
  });

  it('home figures come from the database for each role', async () => {
    const bureau = await t.loginAs('bureau');
    const home = (await bureau.request('GET', '/api/v1/home')).json();
    const orgCount = (await t.db.query<{ n: number }>('select count(*) as n from organisations where is_active')).rows[0]!.n;
    expect(home.figures).toContainEqual({ key: 'organisations', value: orgCount });
    expect(home.series.find((s: { key: string }) => s.key === 'organisationsByKind').points).toContainEqual({ label: 'enterprise', value: 20 });
    const researcher = await t.loginAs('researcher');
    const mine = (await researcher.request('GET', '/api/v1/home')).json();
    expect(mine.role).toBe('researcher');
    expect(mine.figures.map((f: { key: string }) => f.key)).toContain('organisationMembers');
    expect((await researcher.request('GET', '/api/v1/home?role=admin')).statusCode).toBe(403);
  });
});

describe('configuration', () => {
  it('reads the documented settings with their defaults', () => {
    const c = parseEnv({});
    expect(c).toMatchObject({ port: 3000, demo: true, demoPassword: 'keqiao-demo', databaseUrl: undefined });
    expect(c.dataDir).toMatch(/data$/);
    expect(parseEnv({ KEQIAO_DEMO: '0' }).demo).toBe(false);
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h/db', PORT: '8080' })).toMatchObject({ databaseUrl: 'postgres://u@h/db', port: 8080 });
  });
  it('never seeds demo data in production', () => {
    expect(parseEnv({ NODE_ENV: 'production', KEQIAO_DEMO: '1' }).demo).toBe(false);
  });
  it('fails fast with every problem listed', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });
});
