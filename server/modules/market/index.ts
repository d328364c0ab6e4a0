/** The market module's surface: what other modules may use. Everything else is private to it. */
export { registerFunnelSource } from './market.listings.js';
