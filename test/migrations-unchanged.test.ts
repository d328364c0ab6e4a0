import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * .ci/migrations-unchanged.sh against throwaway git repositories: it passes on new migrations and
 * fails when a migration of the previous main commit is edited, deleted or renamed — on main, on
 * a branch (against the merge-base) and in a shallow clone.
 */

const SCRIPT = path.resolve(import.meta.dirname, '../.ci/migrations-unchanged.sh');
const roots: string[] = [];
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Keqiao',
  GIT_AUTHOR_EMAIL: 'ci@keqiao.invalid',
  GIT_COMMITTER_NAME: 'Keqiao',
  GIT_COMMITTER_EMAIL: 'ci@keqiao.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  KEQIAO_MIGRATIONS_BASE: '',
};

function repo(): { dir: string; git: (...args: string[]) => string; write: (name: string, sql: string) => void; commit: (msg: string) => void; check: () => { code: number; out: string } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-migrations-'));
  roots.push(dir);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const migrations = path.join(dir, 'server/db/migrations');
  fs.mkdirSync(migrations, { recursive: true });
  return {
    dir,
    git,
    write: (name, sql) => fs.writeFileSync(path.join(migrations, name), sql),
    commit: (msg) => {
      git('add', '-A');
      git('commit', '-q', '-m', msg);
    },
    check: () => check(dir),
  };
}

function check(dir: string) {
  const r = spawnSync('bash', [SCRIPT, dir], { env, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

afterAll(() => {
  for (const d of roots) fs.rmSync(d, { recursive: true, force: true });
});

describe('.ci/migrations-unchanged.sh', () => {
  it('passes on the first commit and on a new migration', () => {
    const r = repo();
    r.write('0001_a.sql', 'create table a (id int);\n');
    r.commit('first');
    expect(r.check().code).toBe(0);
    r.write('0002_b.sql', 'create table b (id int);\n');
    r.commit('second');
    const result = r.check();
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('ok');
  });

  it('fails when a migration of the previous commit is edited, deleted or renamed', () => {
    const r = repo();
    r.write('0001_a.sql', 'create table a (id int);\n');
    r.write('0002_b.sql', 'create table b (id int);\n');
    r.commit('first');

    r.write('0001_a.sql', 'create table a (id bigint);\n');
    r.commit('edit');
    let result = r.check();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/M\s+server\/db\/migrations\/0001_a\.sql/);

    r.write('0001_a.sql', 'create table a (id int);\n');
    r.commit('restore');
    fs.rmSync(path.join(r.dir, 'server/db/migrations/0002_b.sql'));
    r.commit('delete');
    result = r.check();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/D\s+server\/db\/migrations\/0002_b\.sql/);

    r.write('0002_b.sql', 'create table b (id int);\n');
    r.commit('back');
    r.git('mv', 'server/db/migrations/0002_b.sql', 'server/db/migrations/0003_b.sql');
    r.commit('rename');
    result = r.check();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/R\d*\s+server\/db\/migrations\/0002_b\.sql/);
  });

  it('on a branch, compares with the merge-base too (an edit two commits back is caught)', () => {
    const r = repo();
    r.write('0001_a.sql', 'create table a (id int);\n');
    r.commit('first');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('0001_a.sql', 'create table a (id text);\n');
    r.commit('edit on the branch');
    fs.writeFileSync(path.join(r.dir, 'README.md'), 'unrelated\n');
    r.commit('unrelated');
    const result = r.check();
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('0001_a.sql');
  });

  it('deepens a shallow clone to find the previous commit', () => {
    const r = repo();
    r.write('0001_a.sql', 'create table a (id int);\n');
    r.commit('first');
    r.write('0001_a.sql', 'create table a (id bigint);\n');
    r.commit('edit');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'keqiao-migrations-clone-'));
    roots.push(clone);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone], { env });
    const result = check(clone);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('shallow clone');
  });
  it('on main, checks every commit since the check was added, merges by their first parent', () => {
    const r = repo();
    r.write('0001_a.sql', 'create table a (id int);\n');
    r.commit('first');
    // Before the check exists, history is not judged.
    r.write('0001_a.sql', 'create table a (id bigint);\n');
    r.commit('old edit');
    r.git('checkout', '-q', '-b', 'habits');
    fs.mkdirSync(path.join(r.dir, '.ci'), { recursive: true });
    fs.copyFileSync(SCRIPT, path.join(r.dir, '.ci/migrations-unchanged.sh'));
    r.commit('add the check');
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-ff', '-m', 'merge habits', 'habits');
    let result = r.check();
    expect(result.code, result.out).toBe(0);

    r.git('checkout', '-q', '-b', 'edit');
    r.write('0001_a.sql', 'create table a (id text);\n');
    r.commit('edit a migration');
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-ff', '-m', 'merge edit', 'edit');
    fs.writeFileSync(path.join(r.dir, 'README.md'), 'later\n');
    r.commit('a later commit on main');
    result = r.check();
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain('merge edit');
    expect(result.out).not.toContain('old edit');
  });
});
