import { z } from 'zod';
import { COOPERATION_MODES, IP_TYPES } from '../achievements.js';
import { AchievementOut } from './achievements.js';
import { DISTRICT_CODES } from '../districts.js';
import { BUDGET_BAND_KEYS, DEMAND_LIMITS, MAX_MATCH_LIMIT, PRICE_BAND_KEYS, VERDICTS } from '../market.js';
import { pageOf, pageQuery } from '../page.js';
import { BusinessDateSchema, bilingual, MoneySchema } from '../schemas.js';

/**
 * The market's API objects (measure 10): demands, explained matches both ways, listing search
 * with facets, a listing's buyer page and funnel, match feedback and the synonym map. The server's
 * routes validate with these schemas; the web app imports the inferred types.
 */

export { BUDGET_BAND_KEYS, DEMAND_LIMITS, MAX_MATCH_LIMIT, PRICE_BAND_KEYS, VERDICTS, type Verdict } from '../market.js';

const text = (field: string, zh: string, max: number, required: boolean) => {
  const s = z
    .string({ message: bilingual(`${zh}须为文字`, `${field} must be text`) })
    .trim()
    .max(max, { message: bilingual(`${zh}最多 ${max} 字，请精简后再提交`, `${field} has at most ${max.toLocaleString('en-US')} characters; shorten it`) });
  return required ? s.min(1, { message: bilingual(`请填写${zh}`, `${field} must not be empty`) }) : s;
};

const District = z.enum(DISTRICT_CODES as [string, ...string[]], { message: bilingual('未知的地区代码（见 /api/v1/districts）', 'unknown district code (see /api/v1/districts)') });

// ---------------------------------------------------------------------------------------------
// Demands
// ---------------------------------------------------------------------------------------------

const DemandFields = {
  title: text('title', '需求标题', DEMAND_LIMITS.title, true),
  description: text('description', '需求描述', DEMAND_LIMITS.description, true),
  context: text('context', '生产场景', DEMAND_LIMITS.context, false).optional(),
  targets: text('targets', '目标指标', DEMAND_LIMITS.targets, false).optional(),
  budget: MoneySchema.nullable().optional(),
  region: z
    .union([District, z.array(District).max(20)])
    .nullable()
    .optional()
    .describe('District code(s), see /api/v1/districts'),
  deadline: BusinessDateSchema.nullable().optional(),
  fieldCode: z.string().max(20).nullable().optional().describe('Field or subfield code of the taxonomy; optional'),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)).max(6).optional(),
  visibility: z.enum(['public', 'platform']).optional().describe('public: every signed-in member sees it; platform: only the platform staff and brokers'),
};
export const CreateDemandBody = z.strictObject(DemandFields);
export type CreateDemandInput = z.infer<typeof CreateDemandBody>;
export const UpdateDemandBody = z.strictObject({
  title: DemandFields.title.optional(),
  description: DemandFields.description.optional(),
  context: DemandFields.context,
  targets: DemandFields.targets,
  budget: DemandFields.budget,
  region: DemandFields.region,
  deadline: DemandFields.deadline,
  fieldCode: DemandFields.fieldCode,
  cooperationModes: DemandFields.cooperationModes,
  visibility: DemandFields.visibility,
  version: z.number().int().positive().optional(),
});
export type UpdateDemandInput = z.infer<typeof UpdateDemandBody>;
export const CloseDemandBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: bilingual('请说明关闭原因', 'give a reason') })
    .max(500),
});

export const DemandSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  title: z.string(),
  description: z.string(),
  context: z.string(),
  targets: z.string(),
  budget: z.string().nullable(),
  region: z.array(z.string()),
  deadline: z.string().nullable(),
  fieldCode: z.string().nullable(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)),
  visibility: z.enum(['public', 'platform']),
  status: z.enum(['open', 'closed']),
  closedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
});
export type Demand = z.infer<typeof DemandSchema>;

/** My organisations' demands: a page, newest first. */
export const MyDemandsQuery = z.strictObject({ status: z.enum(['open', 'closed']).optional(), ...pageQuery(['createdAt']) });
export const MyDemandsPage = pageOf(DemandSchema);
export type MyDemandsPage = z.infer<typeof MyDemandsPage>;

// ---------------------------------------------------------------------------------------------
// Matches (ranked top-N, not pages)
// ---------------------------------------------------------------------------------------------

export const ExplanationSchema = z.object({
  textScore: z.number(),
  terms: z.array(z.object({ term: z.string(), matched: z.string(), via: z.enum(['exact', 'synonym', 'spelling']), fields: z.array(z.string()), contribution: z.number() })),
  synonymsUsed: z.array(z.object({ from: z.string(), to: z.string() })),
  unmatched: z.array(z.string()),
  fit: z.array(z.object({ feature: z.enum(['field', 'trl', 'price', 'region', 'cooperation']), contribution: z.number(), zh: z.string(), en: z.string() })),
  threshold: z.number(),
  synonymVersion: z.string(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const ListingMatchSchema = z.object({
  achievementId: z.uuid(),
  score: z.number(),
  explanation: ExplanationSchema,
  title: z.string(),
  number: z.string(),
  organisationName: z.string(),
  fieldCode: z.string(),
  trl: z.number().int().nullable(),
  askingPrice: z.string().nullable(),
});
export type ListingMatch = z.infer<typeof ListingMatchSchema>;
/** Listings answering a demand, best first; `noGoodMatch` when the best is below the threshold. */
export const ListingMatchesSchema = z.object({ items: z.array(ListingMatchSchema), noGoodMatch: z.boolean() });
export type ListingMatches = z.infer<typeof ListingMatchesSchema>;

export const DemandMatchSchema = z.object({
  demandId: z.uuid(),
  score: z.number(),
  explanation: ExplanationSchema,
  title: z.string(),
  number: z.string(),
  organisationName: z.string(),
  budget: z.string().nullable(),
  deadline: z.string().nullable(),
});
export type DemandMatch = z.infer<typeof DemandMatchSchema>;
export const DemandMatchesSchema = z.object({ items: z.array(DemandMatchSchema), noGoodMatch: z.boolean() });
export type DemandMatches = z.infer<typeof DemandMatchesSchema>;

export const DemandParams = z.strictObject({ demandId: z.uuid() });
export const AchievementParams = z.strictObject({ achievementId: z.uuid() });
/** `?limit=N` of a ranked match list (top N, default 20): a match list is not a page. */
export const MatchLimitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(MAX_MATCH_LIMIT).default(20) });

// ---------------------------------------------------------------------------------------------
// Search (a page with facets and the query as understood)
// ---------------------------------------------------------------------------------------------

export const FragmentSchema = z.object({ text: z.string(), hit: z.boolean() });
export type Fragment = z.infer<typeof FragmentSchema>;
const Fragments = z.array(FragmentSchema);
export const FacetSchema = z.object({ key: z.string(), count: z.number().int() });
export type Facet = z.infer<typeof FacetSchema>;
const Facets = z.array(FacetSchema);

/**
 * The page fields of a search: `page`, `pageSize`, and `sort` = `relevance` (best first when
 * there is a text query, newest first otherwise) or the record's date with `order`.
 */
const searchPage = <const K extends string>(dateKey: K) => pageQuery(['relevance', dateKey]);

export const ListingSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  fieldCode: z.string().max(20).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  priceBand: z.enum(PRICE_BAND_KEYS).optional(),
  region: z.string().max(20).optional(),
  ipType: z.string().max(40).optional(),
  mode: z.enum(COOPERATION_MODES).optional(),
  ...searchPage('publishedAt'),
});
export type ListingSearchQuery = z.infer<typeof ListingSearchQuery>;

export const SearchMetaSchema = z.object({
  words: z.array(z.string()),
  corrections: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  synonyms: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  fuzzy: z.boolean(),
});
export type SearchMeta = z.infer<typeof SearchMetaSchema>;

export const ListingHitSchema = z.object({
  achievementId: z.uuid(),
  number: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  organisationName: z.string(),
  district: z.string().nullable(),
  fieldCode: z.string(),
  trl: z.number().int().nullable(),
  ipType: z.enum(IP_TYPES),
  askingPrice: z.string().nullable(),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)),
  publishedAt: z.string().nullable(),
  score: z.number(),
  titleHighlight: Fragments,
  snippet: Fragments,
});
export type ListingHit = z.infer<typeof ListingHitSchema>;

/** The common page object of listings, extended by the facets of the whole matching set and the query as understood. */
export const ListingSearchPage = pageOf(ListingHitSchema).extend({
  facets: z.object({ field: Facets, trl: Facets, priceBand: Facets, region: Facets, ipType: Facets, mode: Facets }),
  query: SearchMetaSchema,
});
export type ListingSearchPage = z.infer<typeof ListingSearchPage>;

export const DemandSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  fieldCode: z.string().max(20).optional(),
  region: z.string().max(20).optional(),
  budgetBand: z.enum(BUDGET_BAND_KEYS).optional(),
  ...searchPage('createdAt'),
});
export type DemandSearchQuery = z.infer<typeof DemandSearchQuery>;

export const DemandHitSchema = z.object({
  demandId: z.uuid(),
  number: z.string(),
  title: z.string(),
  organisationName: z.string(),
  fieldCode: z.string().nullable(),
  region: z.array(z.string()),
  budget: z.string().nullable(),
  deadline: z.string().nullable(),
  createdAt: z.string(),
  score: z.number(),
  titleHighlight: Fragments,
  snippet: Fragments,
});
export type DemandHit = z.infer<typeof DemandHitSchema>;

/** The common page object of demands, extended by facets and the query as understood. */
export const DemandSearchPage = pageOf(DemandHitSchema).extend({
  facets: z.object({ field: Facets, region: Facets, budgetBand: Facets }),
  query: SearchMetaSchema,
});
export type DemandSearchPage = z.infer<typeof DemandSearchPage>;

// ---------------------------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------------------------

export const IndicatorSchema = z.strictObject({ name: z.string().trim().min(1).max(50), value: z.string().trim().min(1).max(50), unit: z.string().trim().max(20).optional() });
export const UpdateListingBody = z.strictObject({ indicators: z.array(IndicatorSchema).max(20).optional(), expiresOn: BusinessDateSchema.nullable().optional() });
export type UpdateListingInput = z.infer<typeof UpdateListingBody>;

/** A buyer-facing listing: the achievement's public content (its own schema, picked) and what the market adds. */
export const ListingSchema = AchievementOut.pick({
  number: true,
  title: true,
  titleEn: true,
  summary: true,
  summaryEn: true,
  problem: true,
  benefit: true,
  keywords: true,
  fieldCode: true,
  subfieldCode: true,
  trl: true,
  ipType: true,
  ipNumbers: true,
  ipStatus: true,
  cooperationModes: true,
  askingPrice: true,
}).extend({
  achievementId: z.uuid(),
  priceNegotiable: z.boolean(),
  holder: z.object({ organisationId: z.uuid(), name: z.string(), district: z.string().nullable() }),
  completerNames: z.array(z.string()),
  indicators: z.array(z.object({ name: z.string(), value: z.string(), unit: z.string().optional() })),
  publishedAt: z.string().nullable(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
  views: z.number().int(),
  canEdit: z.boolean(),
});
export type Listing = z.infer<typeof ListingSchema>;

export const FunnelSchema = z.object({
  achievementId: z.uuid(),
  views: z.number().int(),
  inquiries: z.number().int(),
  ndas: z.number().int(),
  offers: z.number().int(),
  deals: z.number().int(),
  sources: z.array(z.string()),
});
export type Funnel = z.infer<typeof FunnelSchema>;

// ---------------------------------------------------------------------------------------------
// Feedback on matches
// ---------------------------------------------------------------------------------------------

export const FeedbackBody = z.strictObject({
  achievementId: z.uuid(),
  verdict: z.enum(VERDICTS),
  note: z
    .string()
    .trim()
    .max(1000, { message: bilingual('备注最多 1000 字', 'the note has at most 1,000 characters') })
    .optional(),
});
export type FeedbackInput = z.infer<typeof FeedbackBody>;

export const FeedbackRecordedSchema = z.object({
  id: z.uuid(),
  demandId: z.uuid(),
  achievementId: z.uuid(),
  verdict: z.enum(VERDICTS),
  note: z.string(),
  score: z.number(),
  synonymVersion: z.string(),
  createdAt: z.string(),
});
export type FeedbackRecorded = z.infer<typeof FeedbackRecordedSchema>;

export const FeedbackItemSchema = z.object({
  id: z.uuid(),
  achievementId: z.uuid(),
  verdict: z.enum(VERDICTS),
  note: z.string(),
  score: z.number().nullable(),
  byName: z.string(),
  createdAt: z.string(),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;
export const FeedbackQuery = z.strictObject(pageQuery(['createdAt']));
export const FeedbackPage = pageOf(FeedbackItemSchema);
export type FeedbackPage = z.infer<typeof FeedbackPage>;

// ---------------------------------------------------------------------------------------------
// Synonym map (configuration of the matcher, read whole with its version)
// ---------------------------------------------------------------------------------------------

export const SynonymEntrySchema = z.object({
  term: z.string(),
  expansions: z.array(z.string()),
  weight: z.number(),
  source: z.enum(['seed', 'operator']),
  disabled: z.boolean(),
  note: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SynonymEntry = z.infer<typeof SynonymEntrySchema>;
/** The whole map and its version (a few hundred words; the matcher reads it whole, so does its editor). */
export const SynonymMapSchema = z.object({ version: z.string(), items: z.array(SynonymEntrySchema) });
export type SynonymMap = z.infer<typeof SynonymMapSchema>;
export const SynonymQuery = z.strictObject({ q: z.string().max(50).optional() });
export const PutSynonymBody = z.strictObject({
  term: z
    .string()
    .trim()
    .min(1, { message: bilingual('请填写企业用语', 'the term must not be empty') })
    .max(30),
  expansions: z.array(z.string().trim().min(1).max(30)).max(20),
  weight: z
    .string()
    .regex(/^(0\.\d{1,2}|1(\.0{1,2})?)$/, { message: bilingual('权重须为 0.01 到 1 之间的小数', 'the weight is a decimal from 0.01 to 1') })
    .optional(),
  disabled: z.boolean().optional(),
  note: z.string().max(200).optional(),
});
export type PutSynonymInput = z.infer<typeof PutSynonymBody>;
export const SynonymParams = z.strictObject({ term: z.string().min(1).max(30) });
