import { stageOfTrl } from '../../../common/achievements.js';
import type { Achievement, ListItem, TimelineEntry } from '../../../common/api/achievements.js';
import type { Actor } from '../../lib/context.js';
import type { LedgerEvent } from '../../lib/ledger.js';
import { allowedActions, canEditContent } from './achievements.access.rules.js';
import { pct } from './achievements.content.rules.js';
import { highlight } from './achievements.search.rules.js';
import type { AchievementRow, CompleterRow } from './achievements.service.js';

/** Rows as API objects (common/api/achievements.ts): the whole record, a list item, a ledger event. */

/** The whole record, with what the caller may do next. */
export function present(actor: Actor | null, row: AchievementRow, completers: readonly CompleterRow[]): Achievement {
  return {
    id: row.id,
    number: row.number,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name ?? '',
    title: row.title,
    titleEn: row.title_en,
    summary: row.summary,
    summaryEn: row.summary_en,
    problem: row.problem,
    benefit: row.benefit,
    keywords: row.keywords,
    fieldCode: row.field_code,
    subfieldCode: row.subfield_code,
    ipType: row.ip_type,
    ipNumbers: row.ip_numbers,
    ipStatus: row.ip_status,
    authorised: row.authorised,
    sourceProject: row.source_project,
    sourceProjectNo: row.source_project_no,
    fundingType: row.funding_type,
    attribute: row.attribute,
    stage: row.trl == null ? null : stageOfTrl(row.trl),
    trl: row.trl,
    trlNotes: row.trl_notes,
    ownershipUnitPct: pct(row.ownership_unit_pct),
    ownershipTeamPct: pct(row.ownership_team_pct),
    status: row.status,
    transformationStatus: row.transformation_status,
    transformationMode: row.transformation_mode,
    pricingMethod: row.pricing_method,
    askingPrice: row.asking_price,
    agreedPrice: row.agreed_price,
    cooperationModes: row.cooperation_modes,
    contractAmount: row.contract_amount,
    receivedAmount: row.received_amount,
    maintenanceCosts: row.maintenance_costs,
    techContractRegNo: row.tech_contract_reg_no,
    visibility: row.visibility,
    publishedAt: row.published_at?.toISOString() ?? null,
    disclosedAt: row.disclosed_at?.toISOString() ?? null,
    transformedAt: row.transformed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    completers: completers.map((c) => ({ name: c.name, userId: c.user_id, share: pct(c.share), isHead: c.is_head })),
    allowedActions: allowedActions(actor, row, completers),
    canEdit: canEditContent(actor, row, completers),
  };
}

/** One row of the ledger list; `q` marks the matched words in an excerpt of the summary. */
export function presentListItem(r: AchievementRow, completers: readonly CompleterRow[], q: string | undefined): ListItem {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    fieldCode: r.field_code,
    ipType: r.ip_type,
    trl: r.trl,
    status: r.status,
    transformationStatus: r.transformation_status,
    visibility: r.visibility,
    askingPrice: r.asking_price,
    agreedPrice: r.agreed_price,
    updatedAt: r.updated_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    completerNames: completers.map((c) => c.name),
    headline: q ? highlight(r.summary, q) : null,
  };
}

/** One event of the achievement's stream, with the name of whoever caused it. */
export function presentEvent(e: LedgerEvent, names: ReadonlyMap<string, string>): TimelineEntry {
  return {
    seq: e.seq,
    type: e.type,
    at: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    actorName: e.actorUserId ? (names.get(e.actorUserId) ?? null) : null,
    reason: e.reason,
    payload: e.payload as Record<string, unknown>,
    hash: e.hash,
  };
}
