import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

/** What repositories need: run one SQL statement with positional parameters. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations, test setup). */
  exec(sql: string): Promise<void>;
}

/** A database handle: PGlite (embedded) or a PostgreSQL server, with the same SQL on both. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; any throw rolls everything back. Use only `tx` inside. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Type OIDs whose default parsing we change so both drivers return the same JS values.
const OID_INT8 = 20;
const OID_DATE = 1082;

export interface DbOptions {
  /** postgres:// URL of a server; without it, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; 'memory' for an in-memory database (tests). */
  dataDir?: string;
  /** PGlite only: start from this dump (`dumpDataDir`) instead of running initdb, which takes seconds. */
  loadDataDir?: Blob | undefined;
}

/** PGlite only: the database as a tarball, to start other databases from (`loadDataDir`). */
export async function dumpPglite(db: Db): Promise<Blob> {
  const lite = (db as Db & { lite?: PGlite }).lite;
  if (!lite) throw new Error('dumpPglite: not a PGlite database');
  return lite.dumpDataDir('none');
}

export async function createDb(options: DbOptions): Promise<Db> {
  return options.url ? createPostgresDb(options.url) : createPgliteDb(options.dataDir ?? 'memory', options.loadDataDir);
}

async function createPgliteDb(dataDir: string, loadDataDir: Blob | undefined): Promise<Db & { lite: PGlite }> {
  if (dataDir !== 'memory') fs.mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir === 'memory' ? undefined : dataDir, {
    loadDataDir,
    extensions: { pg_trgm },
    parsers: {
      [OID_INT8]: (v: string) => Number(v),
      [OID_DATE]: (v: string) => v,
    },
  });
  const params = (p?: readonly unknown[]) => (p ? [...p] : undefined);
  return {
    kind: 'pglite',
    lite,
    async query<T>(sql: string, p?: readonly unknown[]) {
      const r = await lite.query<T>(sql, params(p));
      return { rows: r.rows };
    },
    async exec(sql: string) {
      await lite.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return lite.transaction((tx) =>
        fn({
          async query<R>(sql: string, p?: readonly unknown[]) {
            const r = await tx.query<R>(sql, params(p));
            return { rows: r.rows };
          },
          async exec(sql: string) {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      await lite.close();
    },
  };
}

async function createPostgresDb(url: string): Promise<Db> {
  const types = {
    getTypeParser(oid: number, format?: string) {
      if (oid === OID_INT8) return (v: string) => Number(v);
      if (oid === OID_DATE) return (v: string) => v;
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle connection that the server ends (restart, failover, a dropped scratch database) is
  // reported through the pool; without a listener that error would end the process. The pool
  // discards the connection and opens a new one when needed.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`, 'KeqiaoDatabaseWarning'));
  // Surface the server's unreachability at start-up, not on the first request.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    async query<T>(sql: string, p?: readonly unknown[]) {
      const r = await pool.query(sql, p ? [...p] : undefined);
      return { rows: r.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, p?: readonly unknown[]) {
            const r = await client.query(sql, p ? [...p] : undefined);
            return { rows: r.rows as R[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
