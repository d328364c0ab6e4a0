/**
 * Objections raised in a publicity window (公示): an achievement's agreed price, a distribution
 * of rewards, an ownership grant. Each module keeps its own table; the columns below are the
 * ones they share, and an objection is shown the same way everywhere. The objection's text
 * column (its name differs by module) is the caller's to add.
 */
export interface ObjectionColumns<R extends string> {
  id: string;
  raised_by_name: string;
  raised_at: Date;
  resolution: R | null;
  resolution_note: string | null;
  resolved_at: Date | null;
}

export function presentObjection<R extends string>(o: ObjectionColumns<R>) {
  return {
    id: o.id,
    raisedByName: o.raised_by_name,
    raisedAt: o.raised_at.toISOString(),
    resolution: o.resolution,
    resolutionNote: o.resolution_note,
    resolvedAt: o.resolved_at?.toISOString() ?? null,
  };
}
