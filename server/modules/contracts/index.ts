/** The contracts module's surface: what other modules may use. Everything else is private to it. */
export { contractNumbers, contractSummary, type ContractSummary } from './contracts.reads.js';
export { addFixedObligation, getContract, insertContract, openCollectionContract } from './contracts.service.js';
