/** The rights module's surface: what other modules may use. Everything else is private to it. */
export { isAgreedProceedsContract } from './proceeds.service.js';
export { agreedProceedsTriggerReward } from './rights.service.js';
