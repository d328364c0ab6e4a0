import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';

/**
 * The office people of an organisation: active users holding an office role (ROLE_GROUPS.office)
 * in it, each once, by name. The one query behind "notify the office", "the office's officers".
 * Deactivated users are skipped.
 */
export async function officePeople(db: Queryable, orgId: string): Promise<Array<{ userId: string; name: string }>> {
  const { rows } = await db.query<{ user_id: string; name: string }>(
    `select distinct u.id as user_id, u.name
       from memberships m join users u on u.id = m.user_id
      where m.organisation_id = $1 and m.role = any($2::text[]) and u.is_active
      order by u.name, u.id`,
    [orgId, [...ROLE_GROUPS.office]],
  );
  return rows.map((r) => ({ userId: r.user_id, name: r.name }));
}
