/** The achievements module's surface: what other modules may use. Everything else is private to it. */
import { isOfficeOf } from '../../lib/context.js';

export { canRead } from './achievements.access.rules.js';
export { equityStream, holdingsOfOrganisation, loadHolding, recordDisposal } from './achievements.equity.js';
export { microsToShares, sharesToMicros } from './achievements.equity.rules.js';
export { parseImportFile, planItems, writeImport } from './achievements.exchange.service.js';
export { getAchievement, loadCompleters, loadRow, recordOwnershipGrant, stream, type AchievementRow } from './achievements.service.js';
export { achievementSummaries, achievementSummary, organisationAchievementSummaries, type AchievementSummary } from './achievements.summaries.js';

/** @deprecated The office of an organisation: use isOfficeOf from server/lib/context.ts (the same rule). */
export const isOffice = isOfficeOf;
