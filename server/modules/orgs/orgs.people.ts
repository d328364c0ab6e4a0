import { ROLE_GROUPS, type Role } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';

/**
 * The active users holding one of `roles`, in organisation `orgs` (one id, several, or any
 * organisation when null), each once, by name. The one query behind "notify the office", "the
 * office's officers", "tell every bidder", "tell every administrator". Deactivated users are skipped.
 */
export async function peopleHolding(db: Queryable, roles: readonly Role[], orgs: string | readonly string[] | null): Promise<Array<{ userId: string; name: string }>> {
  const orgIds = orgs === null ? null : typeof orgs === 'string' ? [orgs] : [...orgs];
  const { rows } = await db.query<{ user_id: string; name: string }>(
    `select distinct u.id as user_id, u.name
       from memberships m join users u on u.id = m.user_id
      where ($1::uuid[] is null or m.organisation_id = any($1::uuid[])) and m.role = any($2::text[]) and u.is_active
      order by u.name, u.id`,
    [orgIds, [...roles]],
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.name }));
}

/** The office people of an organisation: active users holding an office role (ROLE_GROUPS.office) in it. */
export const officePeople = (db: Queryable, orgId: string) => peopleHolding(db, ROLE_GROUPS.office, orgId);
