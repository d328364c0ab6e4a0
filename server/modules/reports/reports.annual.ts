import type { AnnualReport } from '../../../common/api/reports.js';
import { businessDateOf } from '../../../common/calendar.js';
import type { Ctx } from '../../lib/context.js';
import { eventsOfStreams } from '../../lib/ledger.js';
import { achievementEventFacts, FACT_EVENT_TYPES, holdingsOfOrganisation, organisationAchievementSummaries, stream } from '../achievements/index.js';
import { rewardTotals } from '../distribution/index.js';
import { getOrg } from '../orgs/index.js';
import { annualReport, type ReportAchievement, type ReportEvent } from './reports.annual.rules.js';

/**
 * The annual report (DOMAIN §14) of one institution and year, read through the modules that own
 * its facts: the achievements and their equity holdings (achievements), the hash-chained events of
 * their streams (the ledger), the rewards paid (distribution). The pure annualReport() rolls them
 * up (reports.annual.rules.ts); reports.annual.files.ts writes it as .xlsx or PDF.
 */

export async function buildAnnualReport(ctx: Ctx, organisationId: string, year: number): Promise<AnnualReport> {
  const org = await getOrg(ctx, organisationId);
  const achievements = await organisationAchievementSummaries(ctx.db, organisationId);
  const ids = new Map(achievements.map((a) => [stream(a.id), a.id]));
  const events = await eventsOfStreams(ctx.db, [...ids.keys()], FACT_EVENT_TYPES);
  return annualReport({
    year,
    organisation: { id: org.id, name: org.name, creditCode: org.credit_code },
    achievements: achievements.map<ReportAchievement>((a) => ({ id: a.id, number: a.number, title: a.title, ipType: a.ipType ?? '', fundingType: a.fundingType ?? '' })),
    events: events.map<ReportEvent>((e) => ({
      achievementId: ids.get(e.stream)!,
      seq: e.seq,
      on: businessDateOf(e.occurredAt),
      facts: achievementEventFacts(e),
    })),
    holdings: await holdingsOfOrganisation(ctx.db, organisationId),
    rewards: await rewardTotals(ctx.db, organisationId, `${year}-01-01`, `${year}-12-31`),
  });
}
