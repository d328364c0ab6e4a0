import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, WEB_DIST } from '../../server/app.js';
import { demoAccounts } from '../../server/modules/demo/seed-demo.js';
import { seedDemo } from '../../server/modules/demo/seed-demo.js';
import { freshDb } from './db.js';
import { TEST_PASSWORD } from './app.js';
import { expect } from 'vitest';

const ROOT = path.resolve(WEB_DIST, '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when dist/web is missing or older than its sources. */
export function ensureWebBuilt() {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web')), newestMtime(path.join(ROOT, 'common')));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * The server's clock in tests: real time shifted by an offset, so that a browser test can jump
 * past a deadline (a 15-day publicity) while requests keep their real order. Test-only.
 */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advanceDays(days: number) {
    this.offsetMs += days * 86_400_000;
  }
  reset() {
    this.offsetMs = 0;
  }
}

/** The whole platform on a free port: built web app + API on a fresh database with the demo ecosystem. */
export async function startTestServer() {
  ensureWebBuilt();
  const db = await freshDb();
  await seedDemo(db, TEST_PASSWORD);
  const clock = new TestClock();
  const app = await buildApp({ db, now: clock.now });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    db,
    clock,
    demoAccounts: demoAccounts().map((a) => ({ role: a.role, login: a.login, password: TEST_PASSWORD })),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/** A signed-in HTTP client against the test server (cookies and the CSRF header), for setting up a journey. */
export async function httpLogin(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status, `login ${email}`).toBe(200);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  return async <T = Record<string, unknown>>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        cookie: Object.entries(cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        ...(method === 'GET' ? {} : { 'x-csrf-token': decodeURIComponent(cookies.csrf_token ?? '') }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    expect(r.ok, `${method} ${url}: ${r.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
