import { z } from 'zod';
import { pageOf, pageQuery } from '../page.js';
import { ALLOCATION_FORMS, ALLOCATION_TAKES, COST_CATEGORIES, PROJECT_STATUSES } from '../projects.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, CreditCodeSchema, MoneySchema, ShareSchema } from '../schemas.js';

export * from '../projects.js';

/**
 * The projects API (measure 3, contract-research surplus): request and response schemas of
 * server/modules/projects, and the types the web app uses (`import type`).
 */

const Clause = BilingualTextSchema;
const RatioOf = (what: { zh: string; en: string }) =>
  z.string().regex(/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/, { message: bilingual(`${what.zh}须为 0 到 1 之间的小数（至多 6 位小数）`, `${what.en} is a decimal from 0 to 1 (at most 6 decimals)`) });
const Positive = MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') });
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ExplainedSchema = z.object({ value: z.string(), inputs: z.record(z.string(), z.string()), rule: Clause, policyVersion: z.number().int().nullable(), clause: Clause.nullable() });
export type ExplainedFigure = z.infer<typeof ExplainedSchema>;

export const ProjectCompleterSchema = z.object({ id: z.uuid(), name: z.string(), userId: z.uuid().nullable(), share: z.string(), isHead: z.boolean(), isMe: z.boolean() });

export const ProjectSummarySchema = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  client: z.object({ name: z.string(), creditCode: z.string() }),
  contractNo: z.string(),
  contractId: z.uuid().nullable(),
  managementFee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('rate'), rate: z.string(), amount: z.null() }),
    z.object({ kind: z.literal('amount'), rate: z.null(), amount: z.string().nullable() }),
  ]),
  allocationRatio: z.string(),
  allocationFloor: z.object({ ratio: z.string(), clause: Clause }),
  status: z.enum(PROJECT_STATUSES),
  acceptedOn: z.string().nullable(),
  surplus: z.string().nullable(),
  completers: z.array(ProjectCompleterSchema),
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const EntrySchema = z.object({ id: z.uuid(), category: z.string(), label: z.string(), amount: z.string(), on: z.string(), evidence: z.string(), recordedAt: z.string() });
export type Entry = z.infer<typeof EntrySchema>;
export const LineExplanationSchema = z.object({ inputs: z.record(z.string(), z.string()), rule: Clause, clause: Clause });
export type LineExplanation = z.infer<typeof LineExplanationSchema>;
export const TechStakeSchema = z.object({ formedPct: z.string(), teamPct: z.string(), heldBackPct: z.string(), rule: Clause, clause: Clause });
export type TechStake = z.infer<typeof TechStakeSchema>;
export const AllocationTotalsSchema = z.object({ cashPaid: z.string(), cashContributed: z.string(), techPct: z.string() });
const Company = z.object({ name: z.string(), creditCode: z.string() });

export const AllocationLineSchema = z.object({
  completerId: z.uuid(),
  personId: z.string(),
  userId: z.uuid().nullable(),
  name: z.string(),
  share: z.string(),
  isHead: z.boolean(),
  isMe: z.boolean(),
  takes: z.enum(ALLOCATION_TAKES).describe("'cash': paid to the person; 'shares': contributed to the company in their name, with a technology stake"),
  cashPart: z.string().describe('Money (yuan): the cash part'),
  techPartPct: z.string().describe('Percent of the company from the technology stake, 6 decimals'),
  explanation: LineExplanationSchema,
});
export type AllocationLine = z.infer<typeof AllocationLineSchema>;

export const AllocationSchema = z.object({
  form: z.enum(ALLOCATION_FORMS),
  allocatedOn: z.string(),
  company: Company.nullable(),
  pool: ExplainedSchema,
  techStake: TechStakeSchema.nullable(),
  totals: AllocationTotalsSchema,
  lines: z.array(AllocationLineSchema),
});
export type Allocation = z.infer<typeof AllocationSchema>;

export const FiguresSchema = z.object({ receipts: ExplainedSchema, directCosts: ExplainedSchema, managementFee: ExplainedSchema, surplus: ExplainedSchema });

export const ProjectSchema = ProjectSummarySchema.extend({
  acceptanceDocument: z.string().nullable(),
  finalAccountsDocument: z.string().nullable(),
  receipts: z.array(EntrySchema),
  costs: z.array(EntrySchema),
  figures: FiguresSchema,
  recognised: z.boolean().describe('False before acceptance: the figures are a projection'),
  allocation: AllocationSchema.nullable(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectListQuerySchema = z.strictObject({ ...pageQuery(['updatedAt', 'title', 'createdAt']), orgId: z.uuid().optional(), status: z.enum(PROJECT_STATUSES).optional() });
export type ProjectListQuery = z.infer<typeof ProjectListQuerySchema>;
export type ProjectSort = ProjectListQuery['sort'];
export const ProjectPageSchema = pageOf(ProjectSummarySchema);
export type ProjectPage = z.infer<typeof ProjectPageSchema>;

export const FeeRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rate'), rate: RatioOf({ zh: '管理费率', en: 'the fee rate' }) }),
  z.strictObject({ kind: z.literal('amount'), amount: MoneySchema }),
]);

export const NewProjectSchema = z.strictObject({
  title: Text(2, 200),
  client: z.strictObject({ name: Text(2, 200), creditCode: CreditCodeSchema }),
  contractNo: Text(0, 60).optional(),
  contractId: z.uuid().nullable().optional().describe('A contract of the contracts module, where this institution is the licensor'),
  managementFee: FeeRuleSchema,
  allocationRatio: RatioOf({ zh: '分配比例', en: 'the allocation ratio' }).describe('Share r of the surplus to the completers; at least 0.5'),
  completers: z
    .array(z.strictObject({ name: Text(1, 50), userId: z.uuid().nullable().optional(), share: ShareSchema, isHead: z.boolean().optional().describe('正职领导: cash only') }))
    .min(1)
    .max(50),
});
export type NewProject = z.input<typeof NewProjectSchema>;

export const ReceiptBodySchema = z.strictObject({ label: Text(1, 200), amount: Positive, receivedOn: BusinessDateSchema, evidence: Text(2, 1000).describe('Bank slip, invoice number …') });
export type ReceiptBody = z.input<typeof ReceiptBodySchema>;
export const CostBodySchema = z.strictObject({ category: z.enum(COST_CATEGORIES), label: Text(1, 200), amount: Positive, incurredOn: BusinessDateSchema, evidence: Text(2, 1000) });
export type CostBody = z.input<typeof CostBodySchema>;
export const EntryResultSchema = z.object({ entryId: z.uuid(), replayed: z.boolean(), project: ProjectSchema });
export type EntryResult = z.infer<typeof EntryResultSchema>;

export const AcceptanceBodySchema = z.strictObject({
  acceptedOn: BusinessDateSchema,
  acceptanceDocument: Text(2, 200).describe('验收意见/证书编号'),
  finalAccountsDocument: Text(2, 200).describe('决算报告编号'),
});
export type AcceptanceBody = z.input<typeof AcceptanceBodySchema>;

export const AllocationBodySchema = z.strictObject({
  form: z.enum(ALLOCATION_FORMS),
  company: z
    .strictObject({ name: Text(2, 200), creditCode: CreditCodeSchema })
    .nullable()
    .optional(),
  techStakeFormedPct: z
    .string()
    .regex(/^\d{1,3}(?:\.\d{1,6})?$/, { message: bilingual('技术入股形成的股权比例须为百分数，如 "10" 表示 10%', 'the technology stake is a percentage, e.g. "10" for 10%') })
    .optional()
    .describe('Stake of the company formed by the technology, percent'),
  cashTakers: z.array(z.uuid()).max(50).optional().describe('Completer ids who take cash instead of shares (heads of the institution must)'),
});
export type AllocationBody = z.input<typeof AllocationBodySchema>;

export const AllocationPreviewSchema = z.object({
  form: z.enum(ALLOCATION_FORMS),
  pool: ExplainedSchema,
  techStake: TechStakeSchema.nullable(),
  totals: AllocationTotalsSchema,
  company: Company.nullable(),
  headClause: Clause,
  lines: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      share: z.string(),
      isHead: z.boolean(),
      takes: z.enum(ALLOCATION_TAKES),
      cashPart: z.string(),
      techPartPct: z.string(),
      explanation: LineExplanationSchema,
    }),
  ),
});
export type AllocationPreview = z.infer<typeof AllocationPreviewSchema>;

export const AllocatedProjectSchema = ProjectSchema.extend({ replayed: z.boolean() });

export const ProjectTimelineSchema = z.object({
  items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), reason: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })),
});
export type ProjectTimeline = z.infer<typeof ProjectTimelineSchema>;
