import type { Objection, ObjectionResolution } from '../../common/objections.js';

/** The columns every objections table has (achievement publicity, ownership grants). */
export interface ObjectionRow {
  id: string;
  raised_by_name: string;
  content: string;
  raised_at: Date;
  resolution: ObjectionResolution | null;
  resolution_note: string | null;
  resolved_at: Date | null;
}

export const presentObjection = (o: ObjectionRow): Objection => ({
  id: o.id,
  raisedByName: o.raised_by_name,
  content: o.content,
  raisedAt: o.raised_at.toISOString(),
  resolution: o.resolution,
  resolutionNote: o.resolution_note,
  resolvedAt: o.resolved_at?.toISOString() ?? null,
});
