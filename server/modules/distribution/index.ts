/** The distribution module's surface: what other modules may use. Everything else is private to it. */
export { rewardTotals } from './distribution.service.js';
export { FLOORS, splitPercentByWeights, type Explained } from './rules.js';
