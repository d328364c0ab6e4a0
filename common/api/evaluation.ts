import { z } from 'zod';
import { IP_TYPES } from '../achievements.js';
import { EVALUATION_STATUSES, type StoredValuation, VALUE_INDICATORS } from '../evaluation.js';
import { pageOf, pageQuery } from '../page.js';
import { BilingualTextSchema, BusinessDateSchema, bilingual, OrgRefSchema } from '../schemas.js';
import { APPROACHES, FACTOR_KINDS, type Protection, type ValuationResult } from '../valuation.js';

/**
 * The evaluations' API objects (measure 10): TRL, the 五元价值 scores, valuations by the three
 * approaches with every step, the conclusion, versions. The server's routes validate with these
 * schemas; the web app imports the inferred types. Valuation inputs and results are checked on the
 * way in by the schemas below and computed by common/valuation.ts; on the way out the stored
 * valuations and their results carry the types of common/valuation.ts (`Evaluation` below).
 */

/** Figures are decimal strings; the valuation rules check each one and name the field when it is wrong. */
const Num = z.string().max(40).describe('decimal string');
/** Text is stored in PostgreSQL text and jsonb, neither of which holds NUL. */
const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), { message: bilingual('文本不能包含 NUL 字符', 'text must not contain NUL characters') });

export const ProtectionSchema = z.strictObject({ ipType: z.enum(IP_TYPES), filedOn: BusinessDateSchema, reference: Text(100).nullish(), source: Text(200).nullish() });
const Share = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('given'), rate: Num }),
  z.strictObject({ method: z.literal('profit_to_revenue'), profitRate: Num, margin: Num }),
  z.strictObject({ method: z.literal('equivalent_investment'), techCost: Num, techReturn: Num, assetCost: Num, assetReturn: Num, margin: Num.nullish() }),
]);
const Discount = z.strictObject({ riskFree: Num, technical: Num, market: Num, capital: Num, management: Num });
const Note = Text(2000).nullish();
const Income = z.strictObject({
  approach: z.literal('income'),
  base: z.enum(['revenue', 'profit']),
  amounts: z.array(Num).max(60).describe('R_1 … R_n in yuan'),
  share: Share,
  discount: Discount,
  protection: ProtectionSchema.nullish().describe('the right whose legal life caps n; by default the filing recorded on the achievement'),
  note: Note,
});
const Market = z.strictObject({
  approach: z.literal('market'),
  comparables: z
    .array(
      z.strictObject({
        name: Text(200),
        price: Num,
        dealDate: BusinessDateSchema.nullish(),
        factors: z.array(z.strictObject({ kind: z.enum(FACTOR_KINDS), label: Text(60).nullish(), value: Num })).max(12),
      }),
    )
    .max(20),
  selection: z.enum(['mean', 'median', 'min', 'max', 'comparable']),
  comparableIndex: z.number().int().min(0).max(19).nullish(),
  note: Note,
});
const Cost = z.strictObject({
  approach: z.literal('cost'),
  basis: z.enum(['components', 'replacement']),
  direct: Num.nullish(),
  indirect: Num.nullish(),
  profit: Num.nullish(),
  taxes: Num.nullish(),
  replacementCost: Num.nullish(),
  depreciation: z.discriminatedUnion('method', [z.strictObject({ method: z.literal('rate'), rate: Num }), z.strictObject({ method: z.literal('life'), usedYears: Num, remainingYears: Num })]),
  note: Note,
});
export const ValuationSchema = z.discriminatedUnion('approach', [Income, Market, Cost]);
const Indicator = z.strictObject({ indicator: z.enum(VALUE_INDICATORS), score: z.number().int().min(0).max(100), weight: z.number().int().min(0).max(100), comment: Text(1000).optional() });
const Conclusion = z.strictObject({ value: Num, low: Num.nullish(), high: Num.nullish(), basedOn: z.number().int().min(0).max(9).nullish(), text: Text(5000) });

export const EvaluationBody = z.strictObject({
  purpose: Text(500).optional(),
  evaluatorName: Text(100).optional(),
  valuationDate: BusinessDateSchema.optional().describe('评估基准日; today by default'),
  trl: z.number().int().min(1).max(9).nullable().optional(),
  trlEvidence: Text(5000).optional(),
  indicators: z.array(Indicator).max(5).optional(),
  valuations: z.array(ValuationSchema).max(10).optional(),
  conclusion: Conclusion.nullable().optional(),
  version: z.number().int().min(1).optional().describe('the version you edited (optimistic lock)'),
});

const Bi = BilingualTextSchema;
export const ValuationResultSchema = z.object({
  approach: z.enum(APPROACHES),
  value: z.string(),
  low: z.string(),
  high: z.string(),
  steps: z.array(z.object({ key: z.string(), label: Bi, formula: z.string(), value: z.string() })),
  years: z.array(z.object({ year: z.number().int(), amount: z.string(), share: z.string(), discountFactor: z.string(), presentValueExact: z.string(), presentValue: z.string() })).optional(),
  comparables: z
    .array(
      z.object({
        name: z.string(),
        price: z.string(),
        dealDate: z.string().nullable(),
        factors: z.array(z.object({ kind: z.enum(FACTOR_KINDS), label: z.string(), value: z.string() })),
        product: z.string(),
        adjustedPrice: z.string(),
        formula: z.string(),
      }),
    )
    .optional(),
  rule: Bi,
  standard: Bi,
  precision: Bi,
  inputs: z.unknown().optional().describe('the inputs the figures were computed from (income: with the valuation date and the protection applied)'),
});
export const EvaluationSchema = z.object({
  id: z.uuid(),
  seriesId: z.uuid(),
  number: z.string(),
  versionNo: z.number().int(),
  supersedesId: z.uuid().nullable(),
  supersededById: z.uuid().nullable(),
  achievement: z.object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    ipType: z.string(),
    ipNumbers: z.array(z.string()),
    holderOrgId: z.uuid(),
    holderName: z.string(),
    trl: z.number().int().nullable(),
  }),
  requester: OrgRefSchema,
  status: z.enum(EVALUATION_STATUSES),
  purpose: z.string(),
  evaluatorName: z.string(),
  valuationDate: z.string(),
  trl: z.number().int().nullable(),
  trlLevel: Bi.nullable(),
  trlEvidence: z.string(),
  indicators: z.array(z.object({ indicator: z.enum(VALUE_INDICATORS), score: z.number().int(), weight: z.number().int(), comment: z.string().optional() })),
  compositeScore: z.string().nullable(),
  valuations: z.array(z.unknown()),
  results: z.array(ValuationResultSchema),
  conclusion: z.object({ value: z.string(), low: z.string().nullish(), high: z.string().nullish(), basedOn: z.number().int().nullish(), text: z.string() }).nullable(),
  finalisedAt: z.string().nullable(),
  finalisedByName: z.string().nullable(),
  contentHash: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  canEdit: z.boolean(),
  canFinalise: z.boolean(),
  canNewVersion: z.boolean(),
});

export type EvaluationInput = z.infer<typeof EvaluationBody>;

/**
 * One evaluation. The schema's fields reach the type; `valuations` (validated loosely on the way
 * out: what was entered) and `results` carry the exact types of common/valuation.ts.
 */
export type Evaluation = Omit<z.infer<typeof EvaluationSchema>, 'valuations' | 'results'> & { valuations: StoredValuation[]; results: ValuationResult[] };

export const EvaluationParams = z.strictObject({ evaluationId: z.uuid() });
export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
export const PreviewBody = z.strictObject({ valuationDate: BusinessDateSchema, valuation: ValuationSchema });
export const EmptyBody = z.strictObject({}).nullish();
export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

export const EvaluationListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  versionNo: z.number().int(),
  status: z.enum(EVALUATION_STATUSES),
  achievementId: z.uuid(),
  achievementNumber: z.string(),
  achievementTitle: z.string(),
  holderName: z.string(),
  requesterName: z.string(),
  valuationDate: z.string(),
  trl: z.number().int().nullable(),
  conclusionValue: z.string().nullable(),
  updatedAt: z.string(),
});
export type EvaluationListItem = z.infer<typeof EvaluationListItemSchema>;
/** Evaluations I may read: a page, latest change first by default. */
export const EvaluationListQuery = z.strictObject({ status: z.enum(EVALUATION_STATUSES).optional(), ...pageQuery(['updatedAt']) });
export const EvaluationPage = pageOf(EvaluationListItemSchema);
export type EvaluationPage = z.infer<typeof EvaluationPage>;

/**
 * An achievement's evaluation file: every version the caller may read (the page picks the draft
 * or the latest), the recorded protection and whether the caller may start one.
 */
export const AchievementEvaluationsSchema = z.object({
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string(), ipType: z.string(), trl: z.number().int().nullable(), trlNotes: z.string(), holderName: z.string() }).nullable(),
  protection: z.object({ ipType: z.string(), filedOn: z.string(), reference: z.string().nullish(), source: z.string().nullish() }).nullable(),
  canCreate: z.boolean(),
  items: z.array(EvaluationSchema),
});
export type AchievementEvaluations = Omit<z.infer<typeof AchievementEvaluationsSchema>, 'protection' | 'items'> & { protection: Protection | null; items: Evaluation[] };

export const TimelineSchema = z.object({
  items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })),
});
export type Timeline = z.infer<typeof TimelineSchema>;
