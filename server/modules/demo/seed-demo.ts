import type { Db } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { hashPassword } from '../auth/index.js';
import { insertMembershipTx, insertOrganisationTx, orgIdByCreditCode } from '../orgs/index.js';
import { insertUserTx } from '../users/index.js';
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
  const bureauCode = demoCreditCode(
    DEMO_ORGS.find((o) => o.key === 'bureau')!,
    DEMO_ORGS.findIndex((o) => o.key === 'bureau'),
  );
  if (await orgIdByCreditCode(db, bureauCode)) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const ctx: Omit<Ctx, 'db'> & { db: typeof tx } = { db: tx, actor: null, now, locale: 'zh-CN', requestId: 'seed-demo', ip: null };
    const orgIds = new Map<string, string>();
    for (const [index, org] of DEMO_ORGS.entries()) {
      const parentId = org.parentKey ? orgIds.get(org.parentKey) : null;
      orgIds.set(org.key, await insertOrganisationTx(ctx, { kind: org.kind, name: org.name, nameEn: org.nameEn, creditCode: demoCreditCode(org, index), district: org.district, parentId }));
    }
    for (const person of DEMO_PEOPLE) {
      const userId = await insertUserTx(ctx, { name: person.name, email: person.email, mobile: person.mobile ?? null, passwordHash });
      for (const m of person.memberships) await insertMembershipTx(ctx, { userId, organisationId: orgIds.get(m.org)!, role: m.role });
    }
    const hhmu = DEMO_ORGS.findIndex((o) => o.key === 'hhmu');
    await seedDemoAchievements(ctx, orgIds.get('hhmu')!, demoCreditCode(DEMO_ORGS[hhmu]!, hhmu));
    await audit(ctx, { action: 'demo.seeded', entity: 'system', after: { organisations: DEMO_ORGS.length, people: DEMO_PEOPLE.length } });
  });
  return true;
}
