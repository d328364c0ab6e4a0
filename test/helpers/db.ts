import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db, dumpPglite } from '../../server/db/client.js';
import { migrate, readMigrations } from '../../server/db/migrate.js';
import { createScratchDatabase } from '../../server/db/scratch.js';

export type TestDb = Db & { drop(): Promise<void> };

// initdb takes seconds in PGlite; a migrated template, cached per set of migrations, takes well under one.
async function pgliteTemplate(): Promise<Blob> {
  const key = crypto
    .createHash('sha256')
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .digest('hex')
    .slice(0, 16);
  const file = path.join(os.tmpdir(), `keqiao-test-template-${key}.tar`);
  if (!fs.existsSync(file)) {
    const db = await createDb({ dataDir: 'memory' });
    await migrate(db);
    const dump = Buffer.from(await (await dumpPglite(db)).arrayBuffer());
    await db.close();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, dump);
    fs.renameSync(tmp, file); // atomic: parallel test workers never read half a file
  }
  return new Blob([fs.readFileSync(file)]);
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; a new database on the
 * PostgreSQL server named by KEQIAO_TEST_DATABASE_URL when set (the integration run in CI).
 */
export async function freshDb(): Promise<TestDb> {
  const serverUrl = process.env.KEQIAO_TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await createDb({ dataDir: 'memory', loadDataDir: await pgliteTemplate() });
    await migrate(db); // a no-op on the template; proves it matches the migrations
    return Object.assign(db, { drop: () => db.close() });
  }
  const scratch = await createScratchDatabase(serverUrl, 'keqiao_test');
  const db = await createDb({ url: scratch.url });
  await migrate(db);
  return Object.assign(db, {
    async drop() {
      await db.close();
      await scratch.drop();
    },
  });
}
