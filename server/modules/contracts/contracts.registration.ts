import type { Queryable } from '../../db/client.js';

/**
 * A contract's technical-contract registration number (技术合同认定登记), or null while it is not
 * registered: what distribution prints on a reward notice. No access check: callers decide.
 */
export async function contractRegistrationNo(db: Queryable, id: string): Promise<string | null> {
  const { rows } = await db.query<{ registration_no: string | null }>('select registration_no from contracts where id = $1', [id]);
  return rows[0]?.registration_no ?? null;
}
