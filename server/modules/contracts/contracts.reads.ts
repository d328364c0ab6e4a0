import type { ContractKind } from '../../../common/contracts.js';
import type { Queryable } from '../../db/client.js';

/**
 * What other modules may know of a contract without reading its tables: its number, kind, title,
 * parties and achievements (distribution, rights). No access check: callers decide who sees what.
 */
export interface ContractSummary {
  id: string;
  number: string;
  kind: ContractKind;
  title: string;
  licensorOrgId: string;
  licenseeOrgId: string;
  achievementIds: string[];
}

/** One contract's summary, or null. */
export async function contractSummary(db: Queryable, id: string): Promise<ContractSummary | null> {
  const { rows } = await db.query<Omit<ContractSummary, 'achievementIds'>>(
    `select id, number, kind, title, licensor_org_id as "licensorOrgId", licensee_org_id as "licenseeOrgId" from contracts where id = $1`,
    [id],
  );
  const c = rows[0];
  if (!c) return null;
  const { rows: links } = await db.query<{ achievement_id: string }>('select achievement_id from contract_achievements where contract_id = $1 order by achievement_id', [id]);
  return { ...c, achievementIds: links.map((l) => l.achievement_id) };
}

/** Contract numbers by id; missing ids are absent from the map. */
export async function contractNumbers(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (!ids.length) return map;
  const { rows } = await db.query<{ id: string; number: string }>('select id, number from contracts where id = any($1::uuid[])', [[...new Set(ids)]]);
  for (const r of rows) map.set(r.id, r.number);
  return map;
}
