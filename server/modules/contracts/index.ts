/** The contracts module's surface: what other modules may use. Everything else is private to it. */
export { addFixedObligation, getContract, insertContract, openCollectionContract } from './contracts.service.js';
