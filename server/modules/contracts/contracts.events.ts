import { z } from 'zod';
import { SETTLEMENT_FORMS } from '../../../common/contracts.js';
import { BusinessDateSchema, MoneySchema, UuidSchema } from '../../../common/schemas.js';

/**
 * Ledger events of the contracts module that other modules read. Each contract is the stream
 * `contract:<id>`; the payload schemas below are the contract between contracts (the producer)
 * and its readers, parsed where the event is appended.
 */

export const CONTRACT_RECEIPT_EVENT = 'contract.receipt';

/**
 * A receipt on a contract (`contract.receipt`): money or its equivalent received by the licensor
 * from the licensee, or paid first by a guarantor or insurer on default (先行赔付). Distribution
 * computes the rewards of one receipt from it.
 */
export const ContractReceiptEventSchema = z.strictObject({
  receiptId: UuidSchema,
  form: z.enum(SETTLEMENT_FORMS),
  value: MoneySchema,
  currency: z.string(),
  receivedOn: BusinessDateSchema,
  licensorOrgId: UuidSchema,
  /** Absent on a licensee's payment (older events), `guarantor` on a claim. */
  payer: z.enum(['licensee', 'guarantor']).optional(),
  /** A licensee's payment: what it paid, obligation by obligation, and the credit left over. */
  allocations: z.array(z.strictObject({ key: z.string(), amount: MoneySchema })).optional(),
  credit: MoneySchema.optional(),
  /** A guarantor's claim: the guarantee and the obligations it took over. */
  guaranteeId: UuidSchema.optional(),
  obligationKeys: z.array(z.string()).optional(),
});
export type ContractReceiptEvent = z.infer<typeof ContractReceiptEventSchema>;

/** The stream of one contract. */
export const contractStream = (id: string) => `contract:${id}`;
