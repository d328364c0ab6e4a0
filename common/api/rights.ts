import { z } from 'zod';
import { RATIO_PATTERN } from '../money.js';
import { pageOf, pageQuery } from '../page.js';
import { CORPORATE_EVENT_KINDS, GRANT_ACTIONS, GRANT_KINDS, GRANT_STATUSES, PRICE_PATTERN, RECTIFICATION_STATUSES } from '../rights.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, CreditCodeSchema, MoneySchema } from '../schemas.js';
import { type Timeline, TimelineSchema } from '../timeline.js';

/**
 * The rights API (server/modules/rights/*.routes.ts): ownership grants and the institution's rule,
 * agreed proceeds, rectification of past spin-offs. Every request and response object once; the
 * server's presenters return these types and the web app imports them.
 */

const Ratio = z.string().regex(RATIO_PATTERN, { message: bilingual('须为 0 到 1 之间的小数（如 0.8 表示 80%）', 'must be a decimal from 0 to 1 (0.8 = 80%)') });
const Shares = z.string().regex(/^[1-9]\d{0,15}$/, { message: bilingual('股数须为正整数', 'shares must be a positive whole number') });
const Price = z.string().regex(PRICE_PATTERN, { message: bilingual('价格须为最多四位小数的数字（元/股）', 'a price is a decimal in yuan per share with at most 4 decimals') });
const Reason = z.string().trim().min(2).max(1000);

export const OrgParamsSchema = z.strictObject({ orgId: z.uuid() });
export const GrantParamsSchema = z.strictObject({ grantId: z.uuid() });
export const GrantObjectionParamsSchema = z.strictObject({ grantId: z.uuid(), objectionId: z.uuid() });
export const CaseParamsSchema = z.strictObject({ caseId: z.uuid() });

/** The ledger events of a grant or a case, as its timeline shows them. */
export const RightsTimelineSchema = TimelineSchema;
export type RightsTimeline = Timeline;

// ------------------------------------------------------------------------------------------
// The institution's grant rule
// ------------------------------------------------------------------------------------------

export const PolicyBodySchema = z.strictObject({
  effectiveFrom: BusinessDateSchema,
  maxTeamShare: Ratio.describe('Largest share of ownership granted to the team, e.g. "0.8"'),
  useRightFirstTermYears: z.number().int(),
  useRightCumulativeMinYears: z.number().int().describe('Shandong: at least 10'),
  minAppraisedValue: MoneySchema.nullable(),
  requireClearTitle: z.boolean(),
  requireCounterparty: z.boolean(),
  publicityDays: z.number().int().describe('Working days (default 15)'),
  agreedProceedsTriggerReward: z.boolean().describe('Whether agreed proceeds trigger a second reward (default false)'),
  note: z.string().max(2000).optional(),
});
export type PolicyBody = z.infer<typeof PolicyBodySchema>;

export const RightsPolicySchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  maxTeamShare: z.string(),
  useRightFirstTermYears: z.number().int(),
  useRightCumulativeMinYears: z.number().int(),
  minAppraisedValue: z.string().nullable(),
  requireClearTitle: z.boolean(),
  requireCounterparty: z.boolean(),
  publicityDays: z.number().int(),
  agreedProceedsTriggerReward: z.boolean(),
});
export type RightsPolicyView = z.infer<typeof RightsPolicySchema>;

export const PoliciesSchema = z.object({
  organisationId: z.uuid(),
  inForce: RightsPolicySchema,
  versions: z.array(RightsPolicySchema.extend({ id: z.uuid(), note: z.string() })),
  default: RightsPolicySchema,
  asOf: z.string(),
});
export type Policies = z.infer<typeof PoliciesSchema>;

export const PolicyComparisonSchema = z.object({
  asOf: z.string(),
  items: z.array(z.object({ organisationId: z.uuid(), organisationName: z.string(), versions: z.number().int(), isDefault: z.boolean(), policy: RightsPolicySchema })),
});
export type PolicyComparison = z.infer<typeof PolicyComparisonSchema>;

// ------------------------------------------------------------------------------------------
// Grants
// ------------------------------------------------------------------------------------------

export const ConsentSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  signedOn: BusinessDateSchema,
  evidence: z
    .string()
    .trim()
    .min(1, { message: bilingual('请注明书面同意意见的凭证（扫描件名或档案号）', 'name the signed consent (scan or archive number)') })
    .max(300),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const GrantPlanSchema = z.strictObject({
  summary: z.string().trim().min(1).max(5000).describe('转化实施方案'),
  counterpartyName: z.string().trim().max(200).nullable().optional(),
  counterpartyCreditCode: CreditCodeSchema.nullable().optional(),
  appraisedValue: MoneySchema.nullable().optional(),
  appraisalRef: z.string().trim().max(200).nullable().optional(),
  clearTitle: z.boolean(),
});
export type GrantPlan = z.infer<typeof GrantPlanSchema>;

export const GrantRequestSchema = z.strictObject({
  kind: z.enum(GRANT_KINDS),
  teamShare: Ratio.nullable().optional().describe('ownership: share granted to the team, e.g. "0.8"'),
  useRightYears: z.number().int().nullable().optional().describe('use right: cumulative term in years'),
  plan: GrantPlanSchema,
  consents: z.array(ConsentSchema).max(50),
});
export type GrantRequest = z.infer<typeof GrantRequestSchema>;

export const GrantApplicationSchema = GrantRequestSchema.extend({ achievementId: z.uuid() });
export type GrantApplicationBody = z.infer<typeof GrantApplicationSchema>;

export const CoOwnershipSchema = z.object({
  kind: z.enum(GRANT_KINDS),
  unitShare: z.string(),
  teamShare: z.string(),
  unitPct: z.string(),
  teamPct: z.string(),
  useRightFrom: z.string().nullable(),
  useRightUntil: z.string().nullable(),
  firstTermUntil: z.string().nullable(),
  explanation: BilingualTextSchema,
});

export const GrantObjectionSchema = z.object({
  id: z.uuid(),
  raisedByName: z.string(),
  content: z.string(),
  raisedAt: z.string(),
  resolution: z.enum(['upheld', 'dismissed']).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

/** The plan as stored with the application (validated by GrantPlanSchema when it was sent). */
const GrantPlanViewSchema = z.object({
  summary: z.string(),
  counterpartyName: z.string().nullable().optional(),
  counterpartyCreditCode: z.string().nullable().optional(),
  appraisedValue: z.string().nullable().optional(),
  appraisalRef: z.string().nullable().optional(),
  clearTitle: z.boolean(),
});

export const GrantSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string(), ownershipUnitPct: z.string(), ownershipTeamPct: z.string() }),
  completers: z.array(z.object({ name: z.string(), share: z.string(), consented: z.boolean() })),
  applicant: z.object({ userId: z.string().nullable(), name: z.string() }),
  status: z.enum(GRANT_STATUSES),
  statusLabel: BilingualTextSchema,
  kind: z.enum(GRANT_KINDS),
  teamShare: z.string().nullable(),
  useRightYears: z.number().int().nullable(),
  firstTermYears: z.number().int().nullable(),
  plan: GrantPlanViewSchema,
  consents: z.array(z.object({ name: z.string(), signedOn: z.string(), evidence: z.string() })),
  policy: RightsPolicySchema,
  policyVersion: z.number().int(),
  coOwnership: CoOwnershipSchema,
  publicity: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
  objections: z.array(GrantObjectionSchema),
  agreementNo: z.string().nullable(),
  agreementSignedOn: z.string().nullable(),
  recordedOn: z.string().nullable(),
  registrationRef: z.string().nullable(),
  rectificationCaseId: z.string().nullable(),
  actions: z.array(z.enum(GRANT_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Grant = z.infer<typeof GrantSchema>;

export const GRANT_SORTS = ['updatedAt', 'number'] as const;
export const GrantListQuerySchema = z.strictObject({ status: z.enum(GRANT_STATUSES).optional(), ...pageQuery(GRANT_SORTS) });
export type GrantListQuery = z.infer<typeof GrantListQuerySchema>;
export const GrantPageSchema = pageOf(GrantSchema);
export type GrantPage = z.infer<typeof GrantPageSchema>;

/** The bodies of the grant's steps (POST /rights/grants/{id}/<path>). */
export const GrantStepBodies = {
  resubmit: z.strictObject({ application: GrantRequestSchema }),
  withdraw: z.strictObject({ reason: Reason.optional() }).nullish(),
  dept_check: z.strictObject({ reason: Reason.optional() }).nullish(),
  dept_return: z.strictObject({ reason: Reason }),
  office_review: z.strictObject({ reason: Reason.optional() }).nullish(),
  office_return: z.strictObject({ reason: Reason }),
  reject: z.strictObject({ reason: Reason }),
  approve: z.strictObject({ reason: Reason.optional() }).nullish(),
  sign_agreement: z.strictObject({ agreementNo: z.string().trim().min(1).max(100).optional(), signedOn: BusinessDateSchema.optional() }).nullish(),
  record_change: z.strictObject({ registrationRef: z.string().trim().max(200).optional() }).nullish(),
} as const;

export const GrantObjectionBodySchema = z.strictObject({ content: z.string().trim().min(2).max(2000) });
export const GrantObjectionResolutionSchema = z.strictObject({ resolution: z.enum(['upheld', 'dismissed']), note: z.string().trim().min(2).max(2000) });

// ------------------------------------------------------------------------------------------
// Agreed proceeds
// ------------------------------------------------------------------------------------------

export const AgreementEventSchema = z.object({
  id: z.uuid(),
  kind: z.enum(CORPORATE_EVENT_KINDS),
  label: BilingualTextSchema,
  occurredOn: z.string(),
  evidence: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  proceeds: z.string(),
  due: z.string(),
  teamPart: z.string(),
  heldBefore: z.string(),
  heldAfter: z.string(),
  trackedShares: z.string(),
  trackedValue: z.string().nullable(),
  rule: BilingualTextSchema,
  explanation: BilingualTextSchema,
  policyVersion: z.number().int(),
  obligationKey: z.string().nullable(),
  recordedAt: z.string(),
});

export const AgreementSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string() }),
  grantId: z.string().nullable(),
  rectificationCaseId: z.string().nullable(),
  company: z.object({ organisationId: z.uuid(), name: z.string(), creditCode: z.string() }),
  equityShares: z.string(),
  institutionShare: z.string(),
  agreedOn: z.string(),
  policyVersion: z.number().int(),
  status: z.enum(['active', 'closed']),
  contract: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  position: z.object({
    heldShares: z.string(),
    trackedShares: z.string(),
    proceedsToDate: z.string(),
    dueToDate: z.string(),
    lastPrice: z.string().nullable(),
    listed: z.boolean(),
    closed: z.boolean(),
  }),
  events: z.array(AgreementEventSchema),
});
export type Agreement = z.infer<typeof AgreementSchema>;

export const AgreementListQuerySchema = z.strictObject(pageQuery(['updatedAt']));
export type AgreementListQuery = z.infer<typeof AgreementListQuerySchema>;
export const AgreementPageSchema = pageOf(AgreementSchema);
export type AgreementPage = z.infer<typeof AgreementPageSchema>;

export const NewAgreementBodySchema = z.strictObject({
  achievementId: z.uuid(),
  companyName: z.string().trim().min(2).max(200),
  companyCreditCode: CreditCodeSchema,
  equityShares: Shares.describe('E: shares formed by investing the achievement'),
  institutionShare: z
    .string()
    .regex(RATIO_PATTERN, { message: bilingual('单位约定份额须为 0 到 1 之间的小数（如 0.2）', "the institution's share is a decimal from 0 to 1 (e.g. 0.2)") })
    .describe('s_u, e.g. "0.2"'),
  agreedOn: BusinessDateSchema,
  evidence: z.string().trim().min(1).max(500).describe('The agreement document (number or file)'),
});
export type NewAgreementBody = z.infer<typeof NewAgreementBodySchema>;

export const CorporateEventBodySchema = z.strictObject({
  companyCreditCode: CreditCodeSchema,
  agreementId: z.uuid().optional(),
  kind: z.enum(CORPORATE_EVENT_KINDS),
  occurredOn: BusinessDateSchema,
  evidence: z
    .string()
    .trim()
    .min(2, { message: bilingual('请注明凭证（公告、股东会决议、转让协议、银行回单等）', 'name the evidence (announcement, resolution, sale agreement, bank slip)') })
    .max(1000),
  shares: Shares.optional(),
  amount: MoneySchema.optional(),
  sharesSold: Shares.optional(),
  pricePerShare: Price.optional(),
  listingPrice: Price.optional(),
});
export type CorporateEventBody = z.infer<typeof CorporateEventBodySchema>;

export const CorporateEventResultSchema = z.object({
  agreementId: z.uuid(),
  eventId: z.uuid(),
  due: z.string(),
  dueOn: z.string().nullable(),
  proceeds: z.string(),
  teamPart: z.string(),
  trackedShares: z.string(),
  contractId: z.string().nullable(),
  obligationKey: z.string().nullable(),
  rule: BilingualTextSchema,
  explanation: BilingualTextSchema,
  policyVersion: z.number().int(),
  replayed: z.boolean(),
});
export type CorporateEventResult = z.infer<typeof CorporateEventResultSchema>;

// ------------------------------------------------------------------------------------------
// Rectification of past spin-offs
// ------------------------------------------------------------------------------------------

export const RectificationCaseSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  company: z.object({ name: z.string(), creditCode: z.string() }),
  foundedOn: z.string().nullable(),
  originalHoldings: z.array(z.object({ holder: z.string(), shares: z.string(), note: z.string() })),
  findings: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  statusLabel: BilingualTextSchema,
  decision: z.object({ number: z.string(), decidedOn: z.string(), summary: z.string(), documentName: z.string(), generated: z.boolean() }).nullable(),
  grantId: z.string().nullable(),
  agreementId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RectificationCase = z.infer<typeof RectificationCaseSchema>;

export const CASE_SORTS = ['updatedAt', 'number'] as const;
export const CaseListQuerySchema = z.strictObject(pageQuery(CASE_SORTS));
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;
export const CasePageSchema = pageOf(RectificationCaseSchema);
export type CasePage = z.infer<typeof CasePageSchema>;

export const NewCaseBodySchema = z.strictObject({
  companyName: z.string().trim().min(2).max(200),
  companyCreditCode: CreditCodeSchema,
  foundedOn: BusinessDateSchema.optional(),
  originalHoldings: z
    .array(
      z.strictObject({
        holder: z.string().trim().min(1).max(200),
        shares: Shares,
        note: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(100),
  findings: z.string().trim().min(2).max(10000),
});
export type NewCaseBody = z.infer<typeof NewCaseBodySchema>;

export const DecisionBodySchema = z.strictObject({
  decisionNo: z.string().trim().min(1).max(100),
  decidedOn: BusinessDateSchema,
  summary: z.string().trim().min(2).max(5000),
  document: z.strictObject({ filename: z.string().trim().min(1).max(200), dataBase64: z.string().min(1) }).optional(),
});
export type DecisionBody = z.infer<typeof DecisionBodySchema>;

export const ArrangementBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grant'), grantId: z.uuid() }),
  z.strictObject({ kind: z.literal('agreed_proceeds'), agreement: NewAgreementBodySchema }),
]);
export type ArrangementBody = z.infer<typeof ArrangementBodySchema>;
