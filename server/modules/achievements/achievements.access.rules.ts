import { type Performer, PUBLISHABLE_STATUSES, RESEARCHER_EDITABLE, TRANSITIONS } from '../../../common/achievements.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import { type Actor, hasRoleIn, isOfficeOf } from '../../lib/context.js';
import type { AchievementRow, CompleterRow } from './achievements.service.js';

/**
 * Who may do what with one achievement, as pure functions of the caller and the record: its
 * office (isOfficeOf), its completers and creator, and everyone else only when it is public.
 */

type Row = Pick<AchievementRow, 'organisation_id' | 'created_by' | 'status' | 'visibility'>;
type Completers = readonly Pick<CompleterRow, 'user_id'>[];

/** The creator or a completer of the record. */
export function isOwnRecord(actor: Actor | null, row: Row, completers: Completers): boolean {
  if (!actor) return false;
  return row.created_by === actor.userId || completers.some((c) => c.user_id === actor.userId);
}

/** Public records (not withdrawn) for anyone; the others for the office and the completers. */
export function canRead(actor: Actor | null, row: Row, completers: Completers): boolean {
  return row.visibility === 'public' && row.status !== 'withdrawn' ? true : isOfficeOf(actor, row.organisation_id) || isOwnRecord(actor, row, completers);
}

/** The roles the caller plays in the lifecycle of this record. */
export function performerOf(actor: Actor | null, row: Row, completers: Completers): Set<Performer> {
  const p = new Set<Performer>();
  if (isOfficeOf(actor, row.organisation_id)) p.add('office');
  if (isOwnRecord(actor, row, completers) && hasRoleIn(actor, row.organisation_id, ...ROLE_GROUPS.institutionMember)) p.add('researcher');
  // The office may also submit or withdraw on a researcher's behalf (paper disclosures).
  if (p.has('office')) p.add('researcher');
  return p;
}

/** What the caller may do next: the lifecycle actions open to them, and publishing for the office. */
export function allowedActions(actor: Actor | null, row: Row, completers: Completers): string[] {
  const performers = performerOf(actor, row, completers);
  const actions: string[] = Object.entries(TRANSITIONS)
    .filter(([, t]) => t.from.includes(row.status) && performers.has(t.by))
    .map(([a]) => a);
  if (performers.has('office') && PUBLISHABLE_STATUSES.includes(row.status)) actions.push(row.visibility === 'public' ? 'unpublish' : 'publish');
  return actions;
}

/** The office until the record is disposed or withdrawn; a researcher while it is a draft or returned. */
export function canEditContent(actor: Actor | null, row: Row, completers: Completers): boolean {
  const p = performerOf(actor, row, completers);
  if (p.has('office')) return row.status !== 'disposed' && row.status !== 'withdrawn';
  return p.has('researcher') && RESEARCHER_EDITABLE.includes(row.status);
}
