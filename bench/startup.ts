/**
 * Start-up time and idle memory of `keqiao serve` on PGlite: first start (initdb, migrations,
 * demo seed) and warm start (existing data directory), against a baseline in the same run:
 * a bare Node HTTP server started the same way. Run: `npm run bench` (writes bench/results/startup.json).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

async function run(label: string, args: string[], env: Record<string, string>, readyPath: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  const readyMs = Math.round(performance.now() - started);
  await new Promise((r) => setTimeout(r, 5000));
  const idleRss = rssMiB(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { label, readyMs, idleRssMiB: idleRss };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-bench-'));
const baseline = await run('baseline: bare node:http server', ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(process.env.PORT)"], {}, '/');
const keqiaoEnv = { KEQIAO_DATA_DIR: dataDir, KEQIAO_LOG_LEVEL: 'warn', NODE_ENV: 'development' };
const first = await run('keqiao serve, first start (initdb + migrate + demo seed)', ['bin/keqiao.js', 'serve'], keqiaoEnv, '/readyz');
const warm = await run('keqiao serve, warm start', ['bin/keqiao.js', 'serve'], keqiaoEnv, '/readyz');
fs.rmSync(dataDir, { recursive: true, force: true });

const results = [baseline, first, warm].map((r) => ({
  ...r,
  readyVsBaseline: Math.round((r.readyMs / baseline.readyMs) * 10) / 10,
  rssVsBaseline: Math.round((r.idleRssMiB / baseline.idleRssMiB) * 10) / 10,
}));
console.table(results);
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/startup.json'), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, results }, null, 2)}\n`);
