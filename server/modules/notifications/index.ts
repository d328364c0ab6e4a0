/** The notifications module's surface: what other modules may use. Everything else is private to it. */
export { notify } from './notifications.service.js';
