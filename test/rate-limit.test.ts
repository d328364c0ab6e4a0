import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.js';
import { parseEnv } from '../server/env.js';
import { freshDb, type TestDb } from './helpers/db.js';

/**
 * @fastify/rate-limit on the public and authentication routes (server/plugins/rate-limit.ts):
 * the limits come from the settings, a client over the limit gets 429 problem+json with
 * Retry-After, and other clients, other groups and signed-in routes are not affected.
 */

let db: TestDb;
let app: FastifyInstance;

const login = (ip: string, n: number) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: { 'accept-language': 'en-US' }, payload: { email: `nobody-${n}@example.cn`, password: 'wrong-password' } });
const get = (ip: string, url: string) => app.inject({ method: 'GET', url, remoteAddress: ip });

beforeAll(async () => {
  db = await freshDb();
  app = await buildApp({ db, serveWeb: false, rateLimits: { authPerMin: 3, publicPerMin: 4 } });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('rate limits', () => {
  it('answers the sign-in over the limit with 429 problem+json and Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await login('10.0.0.1', i);
      expect(res.statusCode).toBe(401);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await login('10.0.0.1', 3);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'RATE_LIMITED' });
    expect(limited.json().detail).toMatch(/Too many requests; try again in \d+ seconds/);
    // Sign-out and password change count against the same budget.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
  });

  it('leaves other clients, the public group, signed-in routes and the probes alone', async () => {
    expect((await login('10.0.0.2', 0)).statusCode).toBe(401);
    expect((await get('10.0.0.1', '/api/v1/districts')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) {
      const me = await get('10.0.0.1', '/api/v1/me');
      expect(me.statusCode).toBe(401);
      expect(me.headers['x-ratelimit-limit']).toBeUndefined();
      expect((await get('10.0.0.1', '/healthz')).statusCode).toBe(200);
    }
  });

  it('limits the public routes together, per client', async () => {
    const ip = '10.0.0.3';
    for (let i = 0; i < 2; i++) expect((await get(ip, '/api/v1/districts')).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(ip, '/api/v1/taxonomy/fields')).statusCode).toBe(200);
    const limited = await get(ip, '/api/v1/districts');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await get(ip, '/api/v1/taxonomy/fields')).statusCode).toBe(429);
    // Its sign-in budget is separate, and so is another client's public budget.
    expect((await login(ip, 0)).statusCode).toBe(401);
    expect((await get('10.0.0.4', '/api/v1/districts')).statusCode).toBe(200);
  });

  it('turns a group off with 0', async () => {
    const off = await buildApp({ db, serveWeb: false, rateLimits: { authPerMin: 0, publicPerMin: 0 } });
    try {
      for (let i = 0; i < 8; i++) {
        const res = await off.inject({ method: 'GET', url: '/api/v1/districts', remoteAddress: '10.0.0.5' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await off.close();
    }
  });

  it('reads the limits from the environment settings', () => {
    expect(parseEnv({})).toMatchObject({ rateLimitAuthPerMin: 30, rateLimitPublicPerMin: 300 });
    expect(parseEnv({ NODE_ENV: 'test' })).toMatchObject({ rateLimitAuthPerMin: 0, rateLimitPublicPerMin: 0 });
    expect(parseEnv({ NODE_ENV: 'test', KEQIAO_RATE_LIMIT_AUTH_PER_MIN: '5', KEQIAO_RATE_LIMIT_PUBLIC_PER_MIN: '60' })).toMatchObject({ rateLimitAuthPerMin: 5, rateLimitPublicPerMin: 60 });
    expect(() => parseEnv({ KEQIAO_RATE_LIMIT_AUTH_PER_MIN: '-1' })).toThrow(/KEQIAO_RATE_LIMIT_AUTH_PER_MIN/);
  });
});
