/** The auth module's surface: what other modules may use. Everything else is private to it. */
export { activeSessionCount, endSessionsOf } from './auth.service.js';
export { hashPassword } from './password.js';
