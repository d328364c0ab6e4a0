import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The module rules of docs/ARCHITECTURE.md, checked on the source:
 * - a module's SQL names only its own tables (and, read-only, the kernel's organisations, users
 *   and memberships for display fields);
 * - a module reaches another only through that module's `index.ts`;
 * - no two modules depend on each other, directly or round a cycle.
 * Test files are exempt: a test may set up whatever it checks.
 */

const MODULES_DIR = 'server/modules';
const MIGRATIONS_DIR = 'server/db/migrations';

/** Owners of the foundation migration's tables (the others' owner is in the migration's name). */
const FOUNDATION_OWNERS: Record<string, string> = {
  organisations: 'orgs',
  users: 'users',
  memberships: 'orgs',
  sessions: 'auth',
  api_tokens: 'auth',
  login_failures: 'auth',
  audit_log: 'audit',
  ledger_streams: 'ledger',
  ledger_events: 'ledger',
  calendar_overrides: 'calendar',
  notifications: 'notifications',
  jobs: 'kernel',
  job_schedules: 'kernel',
  idempotency_keys: 'kernel',
};
/** Kernel tables any module may read (joined for names); only their owners and auth write them. */
const SHARED_READ = new Set(['organisations', 'users', 'memberships']);
const KERNEL_WRITERS = new Set(['orgs', 'users', 'auth']);

const modules = readdirSync(MODULES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    const named = file.replace(/^\d+_/, '').replace(/\.sql$/, '');
    const owner = modules.filter((m) => named === m || named.startsWith(`${m}_`) || `${named}s` === m || named.startsWith(m.replace(/s$/, ''))).sort((a, b) => b.length - a.length)[0];
    for (const [, table] of sql.matchAll(/create table (?:if not exists )?([a-z_][a-z0-9_]*)/gi)) {
      const t = table!.toLowerCase();
      const o = FOUNDATION_OWNERS[t] ?? owner;
      if (!o) throw new Error(`${file}: no owning module for table ${t} (name the migration NNNN_<module>_….sql)`);
      owners.set(t, o);
    }
  }
  return owners;
}

/** Tables a piece of source names in SQL position (after from/join/into/update/table). */
function sqlTables(source: string, tables: ReadonlySet<string>): Array<{ table: string; write: boolean; line: number }> {
  const found: Array<{ table: string; write: boolean; line: number }> = [];
  const re = /\b(from|join|into|update|table)\s+([a-z_][a-z0-9_]*)\b/gi;
  for (const m of source.matchAll(re)) {
    const table = m[2]!.toLowerCase();
    if (!tables.has(table)) continue;
    const keyword = m[1]!.toLowerCase();
    const before = source.slice(Math.max(0, m.index! - 12), m.index!).toLowerCase();
    const write = keyword === 'into' || keyword === 'update' || /delete\s+$/.test(before);
    found.push({ table, write, line: source.slice(0, m.index).split('\n').length });
  }
  return found;
}

function moduleOf(path: string): string | null {
  const m = /^server\/modules\/([^/]+)\//.exec(path);
  return m ? m[1]! : null;
}

/** Imports of another module from a module's file: `../<other>/<file>.js`. */
function moduleImports(file: string, source: string): Array<{ target: string; path: string; line: number }> {
  const own = moduleOf(file)!;
  const out: Array<{ target: string; path: string; line: number }> = [];
  for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'(\.\.\/[^']+)'/g)) {
    const rel = m[1]!;
    const resolved = join(file, '..', rel).replaceAll('\\', '/');
    const target = moduleOf(resolved);
    if (target && target !== own) out.push({ target, path: resolved, line: source.slice(0, m.index).split('\n').length });
  }
  return out;
}

const owners = tableOwners();
const tableNames = new Set(owners.keys());
const files = modules.flatMap((m) => sourceFiles(join(MODULES_DIR, m)));

describe('module boundaries', () => {
  it("a module's SQL names no table of another module", () => {
    const violations: string[] = [];
    for (const file of files) {
      const mod = moduleOf(file)!;
      for (const use of sqlTables(readFileSync(file, 'utf8'), tableNames)) {
        const owner = owners.get(use.table)!;
        if (owner === mod) continue;
        if (SHARED_READ.has(use.table) && (!use.write || KERNEL_WRITERS.has(mod))) continue;
        violations.push(`${file}:${use.line} names ${use.table} (owned by ${owner})`);
      }
    }
    console.info(`cross-module table names: ${violations.length}`);
    expect(violations).toEqual([]);
  });

  it('modules reach each other only through index.ts', () => {
    const violations: string[] = [];
    for (const file of files) {
      for (const imp of moduleImports(file, readFileSync(file, 'utf8'))) {
        if (!/^server\/modules\/[^/]+\/index\.(js|ts)$/.test(imp.path)) violations.push(`${file}:${imp.line} imports ${imp.path}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the modules depend on each other without cycles', () => {
    const deps = new Map<string, Set<string>>(modules.map((m) => [m, new Set<string>()]));
    for (const file of files) for (const imp of moduleImports(file, readFileSync(file, 'utf8'))) deps.get(moduleOf(file)!)!.add(imp.target);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (m: string, path: string[]) => {
      if (state.get(m) === 'done') return;
      if (state.get(m) === 'open') {
        cycles.push([...path.slice(path.indexOf(m)), m].join(' → '));
        return;
      }
      state.set(m, 'open');
      for (const d of deps.get(m) ?? []) visit(d, [...path, m]);
      state.set(m, 'done');
    };
    for (const m of modules) visit(m, []);
    expect(cycles).toEqual([]);
  });

  it('the checks see real SQL and imports (they can fail)', () => {
    expect(sqlTables('select * from contracts c join achievements a on true', new Set(['contracts', 'achievements'])).map((u) => u.table)).toEqual(['contracts', 'achievements']);
    expect(sqlTables('delete from sessions where', new Set(['sessions']))[0]!.write).toBe(true);
    expect(moduleImports('server/modules/deals/deals.service.ts', "import { x } from '../contracts/contracts.service.js';")[0]!.path).toBe('server/modules/contracts/contracts.service.js');
    expect(owners.get('contracts')).toBe('contracts');
    expect(owners.get('achievement_completers')).toBe('achievements');
    expect(owners.get('market_demands')).toBe('market');
  });
});
