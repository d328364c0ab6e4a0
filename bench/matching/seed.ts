/**
 * The demo organisations and people without the demo achievements, so that a benchmark's
 * market holds exactly the achievements it imports (the demo ledger would add unlabelled ones).
 */
import type { Db } from '../../server/db/client.js';
import { hashPassword } from '../../server/modules/auth/password.js';
import { DEMO_ORGS, DEMO_PEOPLE, demoCreditCode } from '../../server/modules/demo/demo-data.js';

export const BENCH_PASSWORD = 'bench-password';

export async function seedPeople(db: Db, now: Date): Promise<{ orgId: (key: string) => string; creditCode: (key: string) => string }> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const ids = new Map<string, string>();
  await db.transaction(async (tx) => {
    for (const [index, org] of DEMO_ORGS.entries()) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into organisations (kind, name, name_en, credit_code, district, parent_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
        [org.kind, org.name, org.nameEn, demoCreditCode(org, index), org.district, org.parentKey ? ids.get(org.parentKey) : null, now],
      );
      ids.set(org.key, rows[0]!.id);
    }
    for (const person of DEMO_PEOPLE) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into users (name, email, mobile, password_hash, created_at, updated_at, password_changed_at) values ($1, $2, $3, $4, $5, $5, $5) returning id`,
        [person.name, person.email, person.mobile ?? null, hash, now],
      );
      for (const m of person.memberships) {
        await tx.query('insert into memberships (user_id, organisation_id, role, created_at) values ($1, $2, $3, $4)', [rows[0]!.id, ids.get(m.org), m.role, now]);
      }
    }
  });
  return {
    orgId: (key) => ids.get(key)!,
    creditCode: (key) => {
      const index = DEMO_ORGS.findIndex((o) => o.key === key);
      return demoCreditCode(DEMO_ORGS[index]!, index);
    },
  };
}
