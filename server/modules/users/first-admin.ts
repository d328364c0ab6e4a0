import type { Db } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import type { TxCtx } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { createUserTx } from './users.service.js';

export interface FirstAdminInput {
  email: string;
  name: string;
  mobile?: string | undefined;
  password: string;
  orgCreditCode?: string | undefined;
  orgName?: string | undefined;
  district?: string | undefined;
}

/**
 * `keqiao admin create`: an administrator in the platform operator's organisation, which is
 * created here when the database has none (a fresh production install).
 */
export async function createFirstAdmin(db: Db, input: FirstAdminInput) {
  if (input.password.length < 8) throw new Error('The password needs at least 8 characters');
  return db.transaction(async (q) => {
    const tx: TxCtx = { db: q, actor: null, now: new Date(), locale: 'zh-CN', requestId: 'cli-admin-create', ip: null };
    let org = (
      await q.query<{ id: string; name: string }>(
        input.orgCreditCode
          ? 'select id, name from organisations where credit_code = $1'
          : "select id, name from organisations where kind in ('tech_transfer_agency','science_bureau') order by created_at limit 1",
        input.orgCreditCode ? [input.orgCreditCode.trim().toUpperCase()] : [],
      )
    ).rows[0];
    if (!org) {
      if (!input.orgCreditCode || !input.orgName) {
        throw new AppError('VALIDATION_FAILED', {
          errors: [{ field: 'org-credit-code', zh: '尚无平台运营机构，请提供 --org-credit-code 和 --org-name', en: 'no operator organisation yet: give --org-credit-code and --org-name' }],
        });
      }
      org = (
        await q.query<{ id: string; name: string }>(`insert into organisations (kind, name, credit_code, district) values ('tech_transfer_agency', $1, $2, $3) returning id, name`, [
          input.orgName,
          input.orgCreditCode.trim().toUpperCase(),
          input.district ?? '370214',
        ])
      ).rows[0]!;
    }
    const user = await createUserTx(tx, { name: input.name, email: input.email.trim().toLowerCase(), mobile: input.mobile, password: input.password });
    await q.query(`insert into memberships (user_id, organisation_id, role) values ($1, $2, 'admin')`, [user.id, org.id]);
    await audit(tx, { action: 'admin.created', entity: 'user', entityId: user.id, organisationId: org.id, after: { email: user.email } });
    return { email: user.email, organisationName: org.name };
  });
}
