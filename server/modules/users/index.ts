/** The users module's surface: what other modules may use. Everything else is private to it. */
export { createUserTx, insertUserTx, type NewUserInput } from './users.service.js';
