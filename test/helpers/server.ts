import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, WEB_DIST } from '../../server/app.js';
import { demoAccounts } from '../../server/modules/demo/seed-demo.js';
import { seedDemo } from '../../server/modules/demo/seed-demo.js';
import { freshDb } from './db.js';
import { TEST_PASSWORD } from './app.js';

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
