/** The auth module's surface: what other modules may use. Everything else is private to it. */
export { hashPassword } from './password.js';
