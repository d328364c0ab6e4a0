/** The projects module's surface: what other modules may use. Everything else is private to it. */
export { surplusCashRewards } from './projects.service.js';
