/** The achievements module's surface: what other modules may use. Everything else is private to it. */
export { equityStream, loadHolding, recordDisposal } from './achievements.equity.js';
export { microsToShares, sharesToMicros } from './achievements.equity.rules.js';
export { parseImportFile, planItems, writeImport } from './achievements.exchange.service.js';
export { canRead, getAchievement, isOffice, loadCompleters, loadRow, recordOwnershipGrant, stream, type AchievementRow } from './achievements.service.js';
export { achievementSummaries, achievementSummary, type AchievementSummary } from './achievements.summaries.js';
export { LISTING_COLUMNS, LISTING_EVENT_TYPES, listedAchievementOf, listingRelation, listingSelect, PUBLIC_LISTING } from './achievements.listings.js';
