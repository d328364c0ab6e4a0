/** The notifications module's surface: what other modules may use. Everything else is private to it. */
export { notify, unreadCount } from './notifications.service.js';
