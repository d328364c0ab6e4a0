import type { Queryable } from '../../db/client.js';

/**
 * What other modules may know of an achievement without reading its tables: the identifying
 * fields, for contracts, distributions, reports and notices. Missing ids are absent from the map.
 */
export interface AchievementSummary {
  id: string;
  organisationId: string;
  number: string;
  title: string;
  status: string;
  visibility: string;
  ipType: string | null;
  ipNumbers: string[];
  fundingType: string | null;
}

const SUMMARY_COLUMNS = `id, organisation_id as "organisationId", number, title, status, visibility, ip_type as "ipType",
            ip_numbers as "ipNumbers", funding_type as "fundingType"`;

export async function achievementSummaries(db: Queryable, ids: readonly string[]): Promise<Map<string, AchievementSummary>> {
  const map = new Map<string, AchievementSummary>();
  if (!ids.length) return map;
  const { rows } = await db.query<AchievementSummary>(`select ${SUMMARY_COLUMNS} from achievements where id = any($1::uuid[])`, [[...new Set(ids)]]);
  for (const r of rows) map.set(r.id, r);
  return map;
}

/** Every achievement of an institution (any status), by number: the annual report rolls them up. */
export async function organisationAchievementSummaries(db: Queryable, organisationId: string): Promise<AchievementSummary[]> {
  const { rows } = await db.query<AchievementSummary>(`select ${SUMMARY_COLUMNS} from achievements where organisation_id = $1 order by number, id`, [organisationId]);
  return rows;
}
