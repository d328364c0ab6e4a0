import type { Db } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { hashPassword } from '../auth/index.js';
import { DEMO_ORGS, DEMO_PEOPLE, demoCreditCode } from './demo-data.js';
import { seedDemoAchievements } from './seed-achievements.js';

export interface DemoAccount {
  role: string;
  name: string;
  login: string;
  mobile: string | null;
  organisation: string;
}

/** The accounts listed in the README, one per role. */
export function demoAccounts(): DemoAccount[] {
  return DEMO_PEOPLE.filter((p) => p.demoFor).map((p) => ({
    role: p.demoFor!,
    name: p.name,
    login: p.email,
    mobile: p.mobile ?? null,
    organisation: DEMO_ORGS.find((o) => o.key === p.memberships[0]!.org)!.name,
  }));
}

/**
 * Seeds the demo ecosystem once, in one transaction. Returns false when it is already there.
 * Every demo person shares the demo password, so one hash serves them all.
 */
export async function seedDemo(db: Db, password: string, now = new Date()): Promise<boolean> {
  const bureauCode = demoCreditCode(DEMO_ORGS.find((o) => o.key === 'bureau')!, DEMO_ORGS.findIndex((o) => o.key === 'bureau'));
  const existing = await db.query('select 1 from organisations where credit_code = $1', [bureauCode]);
  if (existing.rows.length) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const ctx: Omit<Ctx, 'db'> & { db: typeof tx } = { db: tx, actor: null, now, locale: 'zh-CN', requestId: 'seed-demo', ip: null };
    const orgIds = new Map<string, string>();
    for (const [index, org] of DEMO_ORGS.entries()) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into organisations (kind, name, name_en, credit_code, district, parent_id, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
        [org.kind, org.name, org.nameEn, demoCreditCode(org, index), org.district, org.parentKey ? orgIds.get(org.parentKey) : null, now],
      );
      orgIds.set(org.key, rows[0]!.id);
    }
    for (const person of DEMO_PEOPLE) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into users (name, email, mobile, password_hash, created_at, updated_at, password_changed_at)
         values ($1, $2, $3, $4, $5, $5, $5) returning id`,
        [person.name, person.email, person.mobile ?? null, passwordHash, now],
      );
      for (const m of person.memberships) {
        await tx.query('insert into memberships (user_id, organisation_id, role, created_at) values ($1, $2, $3, $4)', [
          rows[0]!.id,
          orgIds.get(m.org),
          m.role,
          now,
        ]);
      }
    }
    const hhmu = DEMO_ORGS.findIndex((o) => o.key === 'hhmu');
    await seedDemoAchievements(ctx, orgIds.get('hhmu')!, demoCreditCode(DEMO_ORGS[hhmu]!, hhmu));
    await audit(ctx, { action: 'demo.seeded', entity: 'system', after: { organisations: DEMO_ORGS.length, people: DEMO_PEOPLE.length } });
  });
  return true;
}
