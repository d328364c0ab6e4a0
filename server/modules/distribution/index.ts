/** The distribution module's surface: what other modules may use. Everything else is private to it. */
export { reconcileReceipts, subscribeDistributionToReceipts } from './distribution.receipts.js';
export { rewardTotals } from './distribution.service.js';
