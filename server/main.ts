import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { validateCreditCode } from '../common/credit-code.js';
import { buildApp } from './app.js';
import { createDb, type Db } from './db/client.js';
import { migrate } from './db/migrate.js';
import { env } from './env.js';
import { createWorker, jobHandlers, registerSchedules } from './jobs.js';
import { verifyLedger } from './lib/ledger.js';
import { exportAchievements, importAchievements } from './modules/achievements/achievements.cli.js';
import { reconcileDistributions } from './modules/distribution/distribution.cli.js';
import { createFirstAdmin } from './modules/users/first-admin.js';
import { demoAccounts, seedDemo } from './modules/demo/seed-demo.js';

const HELP = `keqiao — 科桥 青岛科技成果转化服务平台

Usage:
  keqiao serve                 serve the platform (migrates; seeds demo data on first start unless KEQIAO_DEMO=0)
  keqiao migrate               apply pending database migrations
  keqiao seed demo             seed the demo ecosystem (never in production)
  keqiao admin create --email E --name N [--mobile M] [--password P]
                      [--org-credit-code C --org-name O [--district D]]
                               create an administrator (password from --password, KEQIAO_ADMIN_PASSWORD or a prompt)
  keqiao openapi               print the OpenAPI 3.1 document
  keqiao ledger verify         recompute every ledger chain; exit 1 and name the first broken link
  keqiao import achievements FILE --org CREDIT_CODE [--publish] [--valid-only]
                               import a ledger (.xlsx or .jsonl): every row is checked first; nothing is
                               written unless all rows are valid (--valid-only: the valid ones); exit 1 if rejected
  keqiao export achievements --org CREDIT_CODE --format xlsx|jsonl [--out FILE]
                               export an institution's ledger (jsonl to stdout unless --out)
  keqiao distribution reconcile [--org CREDIT_CODE]
                               create the distribution of every contract receipt that has none (idempotent repair)

Environment: PORT, DATABASE_URL, KEQIAO_DATA_DIR, KEQIAO_DEMO, KEQIAO_DEMO_PASSWORD (see README).`;

async function openDb(): Promise<Db> {
  const config = env();
  const db = await createDb({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(db);
  return db;
}

async function serve() {
  const config = env();
  const started = performance.now();
  const db = await openDb();
  if (config.demo && (await seedDemo(db, config.demoPassword))) {
    console.log('\n演示数据已生成 / Demo data seeded. 演示账号 / Demo logins (password: %s):', config.demoPassword);
    for (const a of demoAccounts()) console.log(`  ${a.role.padEnd(12)} ${a.login.padEnd(28)} ${a.mobile ?? ''}  ${a.name} · ${a.organisation}`);
    console.log('');
  }
  const app = await buildApp({ db, logger: { level: config.logLevel } });
  await registerSchedules(db);
  const worker = config.runWorker ? createWorker({ db, handlers: jobHandlers }) : null;
  worker?.start();
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: db.kind, dataDir: config.databaseUrl ? undefined : config.dataDir, startupMs: Math.round(performance.now() - started) },
    `Keqiao 科桥 serving at http://localhost:${config.port}`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await app.close();
    await worker?.stop();
    await db.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function adminCreate(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      mobile: { type: 'string' },
      password: { type: 'string' },
      'org-credit-code': { type: 'string' },
      'org-name': { type: 'string' },
      district: { type: 'string' },
    },
  });
  if (!values.email || !values.name) throw new Error('--email and --name are required');
  let password = values.password ?? process.env.KEQIAO_ADMIN_PASSWORD;
  if (!password) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('密码 / Password (at least 8 characters): ');
    rl.close();
  }
  if (values['org-credit-code']) {
    const check = validateCreditCode(values['org-credit-code']);
    if (!check.ok) throw new Error(`--org-credit-code: ${check.messageZh} / ${check.messageEn}`);
  }
  const db = await openDb();
  try {
    const result = await createFirstAdmin(db, {
      email: values.email,
      name: values.name,
      mobile: values.mobile,
      password,
      orgCreditCode: values['org-credit-code'],
      orgName: values['org-name'],
      district: values.district,
    });
    console.log(`管理员已创建 / Administrator created: ${result.email} (${result.organisationName})`);
  } finally {
    await db.close();
  }
}

async function ledgerVerify() {
  const db = await openDb();
  try {
    const result = await verifyLedger(db);
    if (result.ok) {
      console.log(`台账校验通过 / Ledger verified: ${result.streams} streams, ${result.events} events`);
      return 0;
    }
    const b = result.firstBroken!;
    console.error(`台账链断裂 / Ledger chain broken: stream ${b.stream}, seq ${b.seq}${b.eventId ? ` (event ${b.eventId})` : ' (event missing)'}: ${b.reason}`);
    return 1;
  } finally {
    await db.close();
  }
}

/** What the CLI talks to; tests pass their own database and streams. */
export interface CliIo {
  openDb: () => Promise<Db>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  now: () => Date;
}

const defaultIo = (): CliIo => ({ openDb, stdout: process.stdout, stderr: process.stderr, now: () => new Date() });

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [command = 'serve', sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      await serve();
      return -1; // keeps running
    case 'migrate': {
      const db = await openDb();
      await db.close();
      console.log('迁移完成 / Migrations applied');
      return 0;
    }
    case 'seed': {
      if (sub !== 'demo') break;
      const config = env();
      if (config.nodeEnv === 'production') throw new Error('Demo data is never seeded when NODE_ENV=production');
      const db = await openDb();
      const seeded = await seedDemo(db, config.demoPassword);
      await db.close();
      console.log(seeded ? '演示数据已生成 / Demo data seeded' : '演示数据已存在 / Demo data already present');
      return 0;
    }
    case 'admin':
      if (sub === 'create') {
        await adminCreate(rest);
        return 0;
      }
      break;
    case 'ledger':
      if (sub === 'verify') return ledgerVerify();
      break;
    case 'import':
      if (sub === 'achievements') return importAchievements(rest, io);
      break;
    case 'export':
      if (sub === 'achievements') return exportAchievements(rest, io);
      break;
    case 'distribution':
      if (sub === 'reconcile') return reconcileDistributions(rest, io);
      break;
    case 'openapi': {
      // The OpenAPI document, for validators in CI; needs no data, so an in-memory database serves.
      const db = await createDb({ dataDir: 'memory' });
      const app = await buildApp({ db, serveWeb: false });
      await app.ready();
      process.stdout.write(`${JSON.stringify(app.swagger(), null, 2)}\n`);
      await app.close();
      await db.close();
      return 0;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
  }
  console.error(HELP);
  return 2;
}

/** Runs the CLI as a program: bin/keqiao.js, or `tsx server/main.ts`. Importing this module runs nothing. */
export function runCli(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

// `tsx server/main.ts …` (npm run dev) runs it directly; bin/keqiao.js calls runCli().
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) runCli();
