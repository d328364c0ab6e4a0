/** The contracts module's surface: what other modules may use. Everything else is private to it. */
export { addFixedObligation, openCollectionContract } from './contracts.collection.js';
export { CONTRACT_RECEIPT_EVENT, type ContractReceiptEvent, ContractReceiptEventSchema } from './contracts.events.js';
export { insertContract, type NewContract } from './contracts.lifecycle.js';
export { getContract } from './contracts.present.js';
export { contractNumbers, contractSummary, type ContractSummary } from './contracts.reads.js';
export { CONTRACT_OVERDUE_QUEUE, remindOverdue } from './contracts.receipts.js';
export { contractRegistrationNo } from './contracts.registration.js';
