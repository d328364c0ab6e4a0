import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../common/roles.js';
import { buildApp } from '../../server/app.js';
import type { Db } from '../../server/db/client.js';
import { DEMO_PEOPLE } from '../../server/modules/demo/demo-data.js';
import { seedDemo } from '../../server/modules/demo/seed-demo.js';
import { freshDb } from './db.js';

export const TEST_PASSWORD = 'keqiao-test-pass';
/** A fixed clock, so that tests never depend on the day they run. */
export const TEST_NOW = new Date('2026-11-28T02:00:00.000Z');

export interface TestClient {
  cookies: Record<string, string>;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  /** Sign in as the demo account of a role (or any demo email) and get a client that carries the cookies and CSRF header. */
  loginAs(roleOrEmail: Role | string): Promise<TestClient>;
  anonymous: TestClient;
  clock: { now: Date };
}

export function demoEmail(roleOrEmail: Role | string): string {
  if (roleOrEmail.includes('@')) return roleOrEmail;
  const person = DEMO_PEOPLE.find((p) => p.demoFor === roleOrEmail);
  if (!person) throw new Error(`no demo account for ${roleOrEmail}`);
  return person.email;
}

function client(app: FastifyInstance, cookies: Record<string, string>): TestClient {
  return {
    cookies,
    request(method, url, body, headers = {}) {
      const cookieHeader = Object.entries(cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      return app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(cookieHeader ? { cookie: cookieHeader } : {}),
          ...(cookies.csrf_token && method !== 'GET' ? { 'x-csrf-token': cookies.csrf_token } : {}),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
}

/** Builds the app on a fresh database with the demo ecosystem, for one test file. */
export async function createTestContext(): Promise<TestContext> {
  const db = await freshDb();
  await seedDemo(db, TEST_PASSWORD, TEST_NOW);
  const clock = { now: TEST_NOW };
  const app = await buildApp({ db, now: () => clock.now, serveWeb: false });
  await app.ready();
  return {
    app,
    db,
    clock,
    anonymous: client(app, {}),
    async loginAs(roleOrEmail) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: demoEmail(roleOrEmail), password: TEST_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
      return client(app, cookies);
    },
  };
}

/** The usual vitest wiring: one context per file, closed afterwards. */
export function setupTestContext(): TestContext {
  const holder = {} as TestContext;
  beforeAll(async () => {
    Object.assign(holder, await createTestContext());
  }, 60_000);
  afterAll(async () => {
    await holder.app?.close();
    await (holder.db as Db & { drop?: () => Promise<void> })?.drop?.();
  });
  return holder;
}
