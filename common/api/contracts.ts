import { z } from 'zod';
import { CONTRACT_KINDS, CONTRACT_STATUSES, LICENSE_TYPES, OBLIGATION_KINDS, OBLIGATION_STATES, SETTLEMENT_FORMS, TRIGGER_EVENTS } from '../contracts.js';
import { pageOf, pageQuery, pageQueryFields } from '../page.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, CreditCodeSchema, MoneySchema, OrgRefSchema } from '../schemas.js';

/**
 * The contracts API (server/modules/contracts/contracts.routes.ts): every request and response
 * object once. The server's presenters return these types; the web app imports them.
 */

// ------------------------------------------------------------------------------------------
// Payment plans
// ------------------------------------------------------------------------------------------

const RateSchema = z.string().regex(/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/, {
  message: bilingual('费率须为 0 到 1 之间的小数（如 0.03 表示 3%），不能超过 100%', 'a rate is a decimal from 0 to 1 (0.03 = 3%), at most 100%'),
});

/** When an obligation falls due: a date, an event, or the earlier of the two. */
export const DueRuleSchema = z.strictObject({
  /** A fixed date. */
  date: BusinessDateSchema.nullable().optional(),
  /** An event; when both are given the obligation falls due at the earlier of the two. */
  event: z.enum(TRIGGER_EVENTS).nullable().optional(),
  /** Days after the event to pay (default 30). */
  daysAfterEvent: z.number().int().min(0).max(365).optional(),
});
export type DueRule = z.infer<typeof DueRuleSchema>;

export const RoyaltyTierSchema = z.strictObject({
  /** Upper bound of the tier on the contract year's cumulative base; null = no bound (last tier). */
  upTo: MoneySchema.nullable(),
  rate: RateSchema,
});
export type RoyaltyTier = z.infer<typeof RoyaltyTierSchema>;

export const RoyaltyTermsSchema = z.strictObject({
  base: z.enum(['net_sales', 'profit']),
  /** Marginal tiers on the cumulative base of each contract year. */
  tiers: z.array(RoyaltyTierSchema).min(1).max(10),
  /** 最低年度提成: topped up at the end of each contract year after the trial. */
  minimumAnnual: MoneySchema.nullable().optional(),
  /** Cap on all royalties over the contract. */
  cap: MoneySchema.nullable().optional(),
  /** Days after a reporting period ends to pay its royalty (default 30). */
  dueDaysAfterPeriod: z.number().int().min(0).max(365).optional(),
});
export type RoyaltyTerms = z.infer<typeof RoyaltyTermsSchema>;

/** The payment terms of a contract (PUT /contracts/{id}/plan, and `plan` of a contract). */
export const PlanSchema = z.strictObject({
  currency: z.literal('CNY'),
  /** The licence takes effect. */
  effectiveOn: BusinessDateSchema,
  /** The term ends (inclusive). */
  endsOn: BusinessDateSchema,
  entryFee: MoneySchema,
  /** Days after the effective date to pay the entry fee (default 30). */
  entryFeeDueDays: z.number().int().min(0).max(365).optional(),
  /** Months from the effective date during which the licensee may leave owing nothing earned. */
  trialMonths: z.number().int().min(0).max(60).optional(),
  milestones: z
    .array(z.strictObject({ key: z.string().regex(/^[\w-]{1,40}$/), label: z.string().trim().min(1).max(100), amount: MoneySchema, due: DueRuleSchema }))
    .max(50)
    .optional(),
  deferred: z.strictObject({ amount: MoneySchema, due: DueRuleSchema }).nullable().optional(),
  royalty: RoyaltyTermsSchema.nullable().optional(),
});
export type PaymentPlan = z.infer<typeof PlanSchema>;

/** A problem with a plan or a guidance warning, naming its field. */
export const PlanIssueSchema = z.object({ field: z.string(), zh: z.string(), en: z.string() });
export type PlanIssue = z.infer<typeof PlanIssueSchema>;

// ------------------------------------------------------------------------------------------
// Contracts
// ------------------------------------------------------------------------------------------

export const CONTRACT_PARTY_ROLES = ['licensor', 'licensee'] as const;
export type ContractPartyRole = (typeof CONTRACT_PARTY_ROLES)[number];

export const ContractSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  licenseType: z.enum(LICENSE_TYPES).nullable(),
  fieldOfUse: z.string(),
  territory: z.string(),
  title: z.string(),
  licensor: OrgRefSchema,
  licensee: OrgRefSchema,
  status: z.enum(CONTRACT_STATUSES),
  currency: z.string(),
  plan: PlanSchema.nullable(),
  planVersion: z.number().int(),
  planWarnings: z.array(PlanIssueSchema),
  totalAmount: z.string(),
  licensorSignedAt: z.string().nullable(),
  licenseeSignedAt: z.string().nullable(),
  signedOn: z.string().nullable(),
  registrationNo: z.string().nullable(),
  registeredOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  hasSignedScan: z.boolean(),
  achievementIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** The caller's side(s) of the contract. */
  myRoles: z.array(z.enum(CONTRACT_PARTY_ROLES)),
});
export type Contract = z.infer<typeof ContractSchema>;

export const CONTRACT_SORT_KEYS = ['updatedAt', 'number', 'createdAt'] as const;
export const ContractListQuerySchema = z.strictObject({ status: z.enum(CONTRACT_STATUSES).optional(), ...pageQuery(CONTRACT_SORT_KEYS) });
export type ContractListQuery = z.infer<typeof ContractListQuerySchema>;
export const ContractPageSchema = pageOf(ContractSchema);
export type ContractPage = z.infer<typeof ContractPageSchema>;

export const NewContractBodySchema = z.strictObject({
  kind: z.enum(CONTRACT_KINDS),
  title: z.string().trim().min(2).max(200),
  licenseeOrgId: z.uuid(),
  achievementIds: z.array(z.uuid()).max(50),
  licenseType: z.enum(LICENSE_TYPES).nullable().optional(),
  fieldOfUse: z.string().max(500).optional(),
  territory: z.string().max(200).optional(),
});
export type NewContractBody = z.infer<typeof NewContractBodySchema>;

export const LicenceApplicationBodySchema = z.strictObject({ licenseeOrgId: z.uuid().optional(), note: z.string().max(2000).optional() });
export type LicenceApplicationBody = z.infer<typeof LicenceApplicationBodySchema>;

export const RegistrationCheckSchema = z.object({ ready: z.boolean(), items: z.array(z.object({ ok: z.boolean(), zh: z.string(), en: z.string() })), registrationNo: z.string().nullable() });
export type RegistrationCheck = z.infer<typeof RegistrationCheckSchema>;

export const RegistrationBodySchema = z.strictObject({ registrationNo: z.string().trim().min(4).max(50), registeredOn: BusinessDateSchema });
export type RegistrationBody = z.infer<typeof RegistrationBodySchema>;

export const SignedScanBodySchema = z.strictObject({ filename: z.string().min(1).max(200), dataBase64: z.string().max(14_000_000) });
export type SignedScanBody = z.infer<typeof SignedScanBodySchema>;

export const TriggerEventBodySchema = z.strictObject({ event: z.enum(TRIGGER_EVENTS), occurredOn: BusinessDateSchema, evidence: z.string().max(1000).optional() });
export type TriggerEventBody = z.infer<typeof TriggerEventBodySchema>;

export const RevenueReportBodySchema = z.strictObject({ periodStart: BusinessDateSchema, periodEnd: BusinessDateSchema, amount: MoneySchema, note: z.string().max(1000).optional() });
export type RevenueReportBody = z.infer<typeof RevenueReportBodySchema>;

/** Ending a contract (exit, terminate): why, and from when (default today). */
export const ReasonBodySchema = z.strictObject({ reason: z.string().trim().min(2).max(1000), on: BusinessDateSchema.optional() });
export type ReasonBody = z.infer<typeof ReasonBodySchema>;

// ------------------------------------------------------------------------------------------
// Receipts and the statement
// ------------------------------------------------------------------------------------------

export const PaymentBodySchema = z.strictObject({
  form: z.enum(SETTLEMENT_FORMS),
  value: MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') }),
  currency: z.string().regex(/^[A-Z]{3}$/, { message: bilingual('币种须为三位大写代码，如 CNY', 'currency is a 3-letter code such as CNY') }),
  receivedOn: BusinessDateSchema,
  valuationNote: z.string().max(1000).optional().describe('How a non-cash settlement was valued'),
  evidence: z.string().max(1000).optional(),
});
export type PaymentBody = z.infer<typeof PaymentBodySchema>;

export const PaymentResultSchema = z.object({ receiptId: z.uuid(), allocations: z.array(z.object({ obligationKey: z.string(), amount: z.string() })), credit: z.string(), replayed: z.boolean() });
export type PaymentResult = z.infer<typeof PaymentResultSchema>;

export const RefundBodySchema = z.strictObject({ amount: MoneySchema, refundedOn: BusinessDateSchema, note: z.string().max(500).optional() });
export type RefundBody = z.infer<typeof RefundBodySchema>;

export const StatementLineSchema = z.object({
  key: z.string(),
  kind: z.enum(OBLIGATION_KINDS),
  label: z.string(),
  amount: z.string(),
  dueOn: z.string().nullable(),
  state: z.enum(OBLIGATION_STATES),
  /** `licensee`, or `guarantor:<guaranteeId>` once a guarantor paid it. */
  debtor: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  overdue: z.boolean(),
  explanation: BilingualTextSchema,
});
export type StatementLine = z.infer<typeof StatementLineSchema>;

export const StatementTotalsSchema = z.object({ owed: z.string(), paid: z.string(), outstanding: z.string(), overdue: z.string(), received: z.string(), refunded: z.string(), credit: z.string() });
export type StatementTotals = z.infer<typeof StatementTotalsSchema>;

export const ReceiptSchema = z.object({
  id: z.uuid(),
  form: z.enum(SETTLEMENT_FORMS),
  value: z.string(),
  receivedOn: z.string(),
  payer: z.enum(['licensee', 'guarantor']),
  valuationNote: z.string(),
  evidence: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const StatementSchema = z.object({
  contractId: z.uuid(),
  number: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  asOf: z.string(),
  settled: z.boolean(),
  lines: z.array(StatementLineSchema),
  receipts: z.array(ReceiptSchema),
  refunds: z.array(z.object({ amount: z.string(), refundedOn: z.string(), note: z.string() })),
  totals: StatementTotalsSchema,
});
export type Statement = z.infer<typeof StatementSchema>;

/** One organisation's position across its contracts (GET /orgs/{orgId}/contracts/statement). */
export const OrgPositionSchema = z.object({
  organisationId: z.uuid(),
  items: z.array(z.object({ contractId: z.uuid(), number: z.string(), status: z.enum(CONTRACT_STATUSES), totals: StatementTotalsSchema, settled: z.boolean() })),
  outstanding: z.string(),
  overdue: z.string(),
});
export type OrgPosition = z.infer<typeof OrgPositionSchema>;

// ------------------------------------------------------------------------------------------
// Guarantees
// ------------------------------------------------------------------------------------------

export const GUARANTEE_KINDS = ['insurance', 'guarantee'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const GuaranteeSchema = z.object({
  id: z.uuid(),
  kind: z.enum(GUARANTEE_KINDS),
  providerName: z.string(),
  providerCreditCode: z.string(),
  policyNo: z.string(),
  coverLimit: z.string(),
  claimedTotal: z.string(),
  remainingCover: z.string(),
});
export type Guarantee = z.infer<typeof GuaranteeSchema>;

/** The guarantees behind a contract, as a page (oldest first). */
export const GuaranteesSchema = pageOf(GuaranteeSchema);
export type Guarantees = z.infer<typeof GuaranteesSchema>;

export const GuaranteeBodySchema = z.strictObject({
  kind: z.enum(GUARANTEE_KINDS),
  providerName: z.string().trim().min(2).max(200),
  providerCreditCode: CreditCodeSchema,
  policyNo: z.string().max(100).optional(),
  coverLimit: MoneySchema,
});
export type GuaranteeBody = z.infer<typeof GuaranteeBodySchema>;

/** Page parameters of the guarantees list, which keeps the order they were recorded in. */
export const GuaranteesQuerySchema = z.strictObject({ page: pageQueryFields.page, pageSize: pageQueryFields.pageSize });
export type GuaranteesQuery = z.infer<typeof GuaranteesQuerySchema>;

// ------------------------------------------------------------------------------------------
// Timeline
// ------------------------------------------------------------------------------------------

/** Every event of the contract's ledger stream, oldest first (a contract's life, not a list of records): the common timeline. */
export { type Timeline, type TimelineEvent, TimelineEventSchema, TimelineSchema } from '../timeline.js';
