import { z } from 'zod';
import { CONTRACT_KINDS } from '../contracts.js';
import { RATIO_PATTERN } from '../money.js';
import { pageOf, pageQuery } from '../page.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, MoneySchema } from '../schemas.js';
import { DEDUCTION_KINDS, DISTRIBUTION_SOURCES, DISTRIBUTION_STATUSES, OBJECTION_RESOLUTIONS, POLICY_KEYS } from '../distribution.js';

export * from '../distribution.js';

/**
 * The distribution API (policies, one distribution per receipt, the notice, payroll, rewards,
 * equity rewards): request and response schemas of server/modules/distribution, and the types the
 * web app uses (`import type`).
 */

const Clause = BilingualTextSchema;

/** A computed figure with its explanation: inputs, the rule, the policy version and the clause. */
export const ExplainedSchema = z.object({
  value: z.string(),
  inputs: z.record(z.string(), z.string()),
  rule: Clause,
  policyVersion: z.number().int().nullable(),
  clause: Clause.nullable(),
});
export type ExplainedFigure = z.infer<typeof ExplainedSchema>;
export const PersonFigureSchema = ExplainedSchema.extend({ personId: z.string(), name: z.string() });
export type PersonFigure = z.infer<typeof PersonFigureSchema>;

// ------------------------------------------------------------------------------------------
// Policies
// ------------------------------------------------------------------------------------------

const Ratio = z.string().regex(RATIO_PATTERN, { message: bilingual('比例须为 0 到 1 之间的小数（0.7 表示 70%）', 'a ratio is a decimal from 0 to 1 (0.7 = 70%)') });

export const PolicySchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  teamShareOfNetIncome: z.string(),
  teamShareOfEquity: z.string(),
  teamShareOfOperatingProfit: z.string(),
  operatingProfitYears: z.number().int(),
  mainContributorsShare: z.string(),
  officeShareOfRetained: z.string(),
  collegeShareOfRemainder: z.string(),
  publicityWorkingDays: z.number().int(),
  note: z.string(),
  statutory: z.boolean(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const FloorSchema = z.object({ key: z.enum(POLICY_KEYS), min: z.union([z.string(), z.number()]), max: z.number().optional(), clause: Clause });
export type Floor = z.infer<typeof FloorSchema>;

export const PolicyListSchema = z.object({ inForce: PolicySchema, versions: z.array(PolicySchema), floors: z.array(FloorSchema) });
export type PolicyList = z.infer<typeof PolicyListSchema>;

export const NewPolicySchema = z.strictObject({
  effectiveFrom: BusinessDateSchema,
  teamShareOfNetIncome: Ratio,
  teamShareOfEquity: Ratio,
  teamShareOfOperatingProfit: Ratio,
  operatingProfitYears: z.number().int(),
  mainContributorsShare: Ratio,
  officeShareOfRetained: Ratio,
  collegeShareOfRemainder: Ratio,
  publicityWorkingDays: z.number().int().optional(),
  note: z.string().max(2000).optional(),
});
export type NewPolicy = z.input<typeof NewPolicySchema>;

export const PolicyComparisonSchema = z.object({
  asOf: z.string(),
  floors: z.array(FloorSchema),
  items: z.array(
    z.object({ organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }), versions: z.number().int(), policy: PolicySchema, aboveFloor: z.array(z.enum(POLICY_KEYS)) }),
  ),
});
export type PolicyComparison = z.infer<typeof PolicyComparisonSchema>;

// ------------------------------------------------------------------------------------------
// Distributions
// ------------------------------------------------------------------------------------------

export const CompleterSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  userId: z.uuid().nullable(),
  share: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, { message: bilingual('贡献比例为百分数，最多两位小数，如 40 或 33.33', 'a share is a percentage with up to two decimals, e.g. 40 or 33.33') }),
  isMainContributor: z.boolean(),
  isHead: z.boolean(),
});
export type Completer = z.infer<typeof CompleterSchema>;

export const DeductionSchema = z.object({ kind: z.enum(DEDUCTION_KINDS), label: z.string(), amount: z.string() });
export type Deduction = z.infer<typeof DeductionSchema>;

export const RewardSchema = z.object({
  position: z.number().int(),
  userId: z.uuid().nullable(),
  name: z.string(),
  amount: z.string(),
  paidOn: z.string().nullable(),
  taxable: z.string().nullable(),
  taxReliefDeadline: z.string(),
  taxReliefLost: z.boolean(),
});
export type Reward = z.infer<typeof RewardSchema>;

export const ObjectionSchema = z.object({
  id: z.uuid(),
  raisedByName: z.string(),
  text: z.string(),
  raisedAt: z.string(),
  resolution: z.enum(OBJECTION_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

export const ReceiptSplitSchema = z.object({
  net: ExplainedSchema,
  team: ExplainedSchema,
  retained: ExplainedSchema,
  office: ExplainedSchema,
  college: ExplainedSchema,
  institution: ExplainedSchema,
  people: z.array(PersonFigureSchema),
});

export const DistributionSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  source: z.enum(DISTRIBUTION_SOURCES),
  receiptId: z.uuid().nullable(),
  contract: z.object({ id: z.uuid(), number: z.string(), kind: z.enum(CONTRACT_KINDS).nullable(), registrationNo: z.string().nullable() }).nullable(),
  achievementIds: z.array(z.uuid()),
  title: z.string(),
  receivedOn: z.string(),
  gross: z.string(),
  deductions: z.array(DeductionSchema),
  completers: z.array(CompleterSchema),
  policyVersion: z.number().int(),
  result: ReceiptSplitSchema.nullable(),
  excludedReason: Clause.nullable(),
  status: z.enum(DISTRIBUTION_STATUSES),
  publicityFrom: z.string().nullable(),
  publicityUntil: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rewards: z.array(RewardSchema),
  objections: z.array(ObjectionSchema),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const DistributionListQuerySchema = z.strictObject({ ...pageQuery(['receivedOn', 'updatedAt', 'gross']), status: z.enum(DISTRIBUTION_STATUSES).optional() });
export type DistributionListQuery = z.infer<typeof DistributionListQuerySchema>;
export type DistributionSort = DistributionListQuery['sort'];
export const DistributionPageSchema = pageOf(DistributionSchema);
export type DistributionPage = z.infer<typeof DistributionPageSchema>;

export const DistributionChangeSchema = z.strictObject({
  version: z.number().int(),
  deductions: z
    .array(z.strictObject({ kind: z.enum(DEDUCTION_KINDS), label: z.string().trim().min(1).max(100), amount: MoneySchema }))
    .max(50)
    .optional(),
  completers: z.array(CompleterSchema).max(100).optional(),
});
export type DistributionChange = z.input<typeof DistributionChangeSchema>;

export const ObjectionBodySchema = z.strictObject({ text: z.string().trim().min(5).max(2000) });
export const ResolveObjectionSchema = z.strictObject({ resolution: z.enum(OBJECTION_RESOLUTIONS), note: z.string().trim().min(2).max(2000) });
export type ResolveObjection = z.input<typeof ResolveObjectionSchema>;
export const RewardPaymentSchema = z.strictObject({ paidOn: BusinessDateSchema, positions: z.array(z.number().int().min(0)).max(100).optional() });
export type RewardPayment = z.input<typeof RewardPaymentSchema>;

export const TimelineEventSchema = z.object({ seq: z.number().int(), type: z.string(), payload: z.unknown(), reason: z.string().nullable(), occurredAt: z.string(), hash: z.string() });
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;
export const TimelineSchema = z.object({ items: z.array(TimelineEventSchema) });

/** The public notice (公示), DOMAIN §2.5. */
export const NoticeSchema = z.object({
  id: z.uuid(),
  institution: z.string(),
  title: z.string(),
  achievements: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), ipType: z.string() })),
  transformation: z.object({ mode: Clause.nullable(), contractNumber: z.string().nullable(), receivedOn: z.string(), gross: z.string(), net: z.string().nullable() }),
  registration: z.object({ registrationNo: z.string().nullable() }),
  recipients: z.array(z.object({ name: z.string(), amount: z.string(), isHead: z.boolean() })),
  total: z.string(),
  period: z.object({ from: z.string().nullable(), until: z.string().nullable() }),
  objectionProcedure: z.string(),
  objections: z.array(z.object({ id: z.uuid(), raisedAt: z.string(), resolution: z.enum(OBJECTION_RESOLUTIONS).nullable(), resolutionNote: z.string().nullable() })),
  status: z.enum(DISTRIBUTION_STATUSES),
});
export type Notice = z.infer<typeof NoticeSchema>;

// ------------------------------------------------------------------------------------------
// Payroll and each person's rewards
// ------------------------------------------------------------------------------------------

const Flags = { countedInPerformancePayTotal: z.boolean(), cappedByPerformancePayTotal: z.boolean(), inNextYearBase: z.boolean(), inSocialInsuranceBase: z.boolean() };
export const PayrollFlagsSchema = z.object(Flags);
export type PayrollFlags = z.infer<typeof PayrollFlagsSchema>;

export const PayrollQuerySchema = z.strictObject({ from: BusinessDateSchema, to: BusinessDateSchema });

export const PayrollLineSchema = z.object({
  source: z.enum(['receipt', 'surplus']).describe('a receipt of a transfer or licence, or contract-research surplus (measure 3)'),
  distributionId: z.uuid().nullable(),
  projectId: z.uuid().nullable(),
  name: z.string(),
  userId: z.uuid().nullable(),
  title: z.string(),
  contractNumber: z.string().nullable(),
  receivedOn: z.string(),
  amount: z.string(),
  paidOn: z.string().nullable(),
  taxable: z.string().nullable(),
  halfTaxRelief: z.boolean(),
  taxReliefDeadline: z.string(),
  ...Flags,
});
export type PayrollLine = z.infer<typeof PayrollLineSchema>;

export const PayrollSchema = z.object({
  organisationId: z.uuid(),
  period: z.object({ from: z.string(), to: z.string() }),
  flags: PayrollFlagsSchema,
  people: z.array(z.object({ name: z.string(), userId: z.uuid().nullable(), amount: z.string(), taxable: z.string(), count: z.number().int(), ...Flags })),
  lines: z.array(PayrollLineSchema),
  unpaid: z.array(PayrollLineSchema),
  totals: z.object({ amount: z.string(), taxable: z.string() }),
});
export type Payroll = z.infer<typeof PayrollSchema>;

export const MyRewardItemSchema = z.object({
  distributionId: z.uuid(),
  organisationId: z.uuid(),
  title: z.string(),
  contractNumber: z.string().nullable(),
  receivedOn: z.string(),
  status: z.enum(DISTRIBUTION_STATUSES),
  net: ExplainedSchema.nullable(),
  team: ExplainedSchema.nullable(),
  policyVersion: z.number().int(),
  rewards: z.array(RewardSchema),
  explanation: z.array(PersonFigureSchema),
});
export type MyRewardItem = z.infer<typeof MyRewardItemSchema>;
export const MyRewardsSchema = z.object({ name: z.string(), total: z.string(), items: z.array(MyRewardItemSchema) });
export type MyRewards = z.infer<typeof MyRewardsSchema>;

// ------------------------------------------------------------------------------------------
// Equity rewards
// ------------------------------------------------------------------------------------------

export const EquityRewardSchema = z.object({
  holdingId: z.uuid(),
  reward: z
    .object({
      id: z.uuid(),
      policyVersion: z.number().int(),
      teamPct: z.string(),
      heldBackForHeadsPct: z.string(),
      people: z.array(z.object({ name: z.string(), userId: z.uuid().nullable(), sharesPct: z.string() })),
      rule: Clause,
      clause: Clause,
      createdAt: z.string(),
    })
    .nullable(),
});
export type EquityReward = z.infer<typeof EquityRewardSchema>;

export const EquityRewardBodySchema = z.strictObject({
  decisionDocNo: z.string().trim().min(2).max(100),
  decisionDate: BusinessDateSchema,
  completers: z.array(CompleterSchema).max(100).optional(),
  confirmHeadsExcluded: z.boolean().optional(),
});
export type EquityRewardBody = z.input<typeof EquityRewardBodySchema>;
