/** The achievements module's surface: what other modules may use. Everything else is private to it. */
export { canRead } from './achievements.access.rules.js';
export { equityStream, holdingsOfOrganisation, loadHolding, recordDisposal } from './achievements.equity.js';
export { parseImportFile, planItems, writeImport } from './achievements.exchange.service.js';
export { getAchievement, loadCompleters, loadRow, recordOwnershipGrant, stream, type AchievementRow } from './achievements.service.js';
export { achievementSummaries, organisationAchievementSummaries, type AchievementSummary } from './achievements.summaries.js';

export { LISTING_COLUMNS, LISTING_EVENT_TYPES, type ListingRow, listedAchievementOf, listingRelation, listingSelect, PUBLIC_LISTING } from './achievements.listings.js';
export { type AchievementEventFacts, achievementEventFacts, FACT_EVENT_TYPES } from './achievements.events.js';
