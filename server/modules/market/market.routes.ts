import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COOPERATION_MODES } from '../../../common/achievements.js';
import { DISTRICT_CODES } from '../../../common/districts.js';
import { BusinessDateSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import { listingFunnel, getListing, recordView, updateListing } from './market.listings.js';
import { searchDemands, searchListings } from './market.search.js';
import {
  closeDemand,
  createDemand,
  DEMAND_ROLES,
  getDemand,
  listFeedback,
  listMyDemands,
  MAX_MATCH_LIMIT,
  matchAchievement,
  matchDemand,
  recordFeedback,
  updateDemand,
  VERDICTS,
} from './market.service.js';
import { listSynonyms, putSynonym, resetSynonym } from './market.synonyms.js';

const TAGS = ['market'];

/** Limits of a demand's texts, named in the error a caller gets beyond them. */
export const DEMAND_LIMITS = { title: 100, description: 5000, context: 5000, targets: 2000 } as const;

const text = (field: string, zh: string, max: number, required: boolean) => {
  const s = z
    .string({ message: bilingual(`${zh}须为文字`, `${field} must be text`) })
    .trim()
    .max(max, { message: bilingual(`${zh}最多 ${max} 字，请精简后再提交`, `${field} has at most ${max.toLocaleString('en-US')} characters; shorten it`) });
  return required ? s.min(1, { message: bilingual(`请填写${zh}`, `${field} must not be empty`) }) : s;
};

const District = z.enum(DISTRICT_CODES as [string, ...string[]], { message: bilingual('未知的地区代码（见 /api/v1/districts）', 'unknown district code (see /api/v1/districts)') });

const DemandFields = {
  title: text('title', '需求标题', DEMAND_LIMITS.title, true),
  description: text('description', '需求描述', DEMAND_LIMITS.description, true),
  context: text('context', '生产场景', DEMAND_LIMITS.context, false).optional(),
  targets: text('targets', '目标指标', DEMAND_LIMITS.targets, false).optional(),
  budget: MoneySchema.nullable().optional(),
  region: z.union([District, z.array(District).max(20)]).nullable().optional().describe('District code(s), see /api/v1/districts'),
  deadline: BusinessDateSchema.nullable().optional(),
  fieldCode: z.string().max(20).nullable().optional().describe('Field or subfield code of the taxonomy; optional'),
  cooperationModes: z.array(z.enum(COOPERATION_MODES)).max(6).optional(),
  visibility: z.enum(['public', 'platform']).optional().describe('public: every signed-in member sees it; platform: only the platform staff and brokers'),
};
const CreateDemandBody = z.strictObject(DemandFields);
const UpdateDemandBody = z.strictObject({
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

const DemandOut = z.object({
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
  cooperationModes: z.array(z.string()),
  visibility: z.enum(['public', 'platform']),
  status: z.enum(['open', 'closed']),
  closedReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  canEdit: z.boolean(),
});

const Explanation = z.object({
  textScore: z.number(),
  terms: z.array(z.object({ term: z.string(), matched: z.string(), via: z.enum(['exact', 'synonym', 'spelling']), fields: z.array(z.string()), contribution: z.number() })),
  synonymsUsed: z.array(z.object({ from: z.string(), to: z.string() })),
  unmatched: z.array(z.string()),
  fit: z.array(z.object({ feature: z.enum(['field', 'trl', 'price', 'region', 'cooperation']), contribution: z.number(), zh: z.string(), en: z.string() })),
  threshold: z.number(),
  synonymVersion: z.string(),
});

const ListingMatchesOut = z.object({
  items: z.array(
    z.object({
      achievementId: z.uuid(),
      score: z.number(),
      explanation: Explanation,
      title: z.string(),
      number: z.string(),
      organisationName: z.string(),
      fieldCode: z.string(),
      trl: z.number().int().nullable(),
      askingPrice: z.string().nullable(),
    }),
  ),
  noGoodMatch: z.boolean(),
});

const DemandMatchesOut = z.object({
  items: z.array(
    z.object({
      demandId: z.uuid(),
      score: z.number(),
      explanation: Explanation,
      title: z.string(),
      number: z.string(),
      organisationName: z.string(),
      budget: z.string().nullable(),
      deadline: z.string().nullable(),
    }),
  ),
  noGoodMatch: z.boolean(),
});

const DemandParams = z.strictObject({ demandId: z.uuid() });
const AchievementParams = z.strictObject({ achievementId: z.uuid() });
const LimitQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(MAX_MATCH_LIMIT).default(20) });

const Fragment = z.array(z.object({ text: z.string(), hit: z.boolean() }));
const FacetOut = z.array(z.object({ key: z.string(), count: z.number().int() }));

const ListingSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  fieldCode: z.string().max(20).optional(),
  trlMin: z.coerce.number().int().min(1).max(9).optional(),
  trlMax: z.coerce.number().int().min(1).max(9).optional(),
  priceBand: z.enum(['negotiable', 'lt100k', '100k_500k', '500k_1m', '1m_5m', 'gt5m']).optional(),
  region: z.string().max(20).optional(),
  ipType: z.string().max(40).optional(),
  mode: z.enum(COOPERATION_MODES).optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const SearchMeta = z.object({
  words: z.array(z.string()),
  corrections: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  synonyms: z.array(z.object({ from: z.string(), to: z.array(z.string()) })),
  fuzzy: z.boolean(),
});

const ListingSearchOut = z.object({
  items: z.array(
    z.object({
      achievementId: z.uuid(),
      number: z.string(),
      title: z.string(),
      titleEn: z.string().nullable(),
      organisationName: z.string(),
      district: z.string().nullable(),
      fieldCode: z.string(),
      trl: z.number().int().nullable(),
      ipType: z.string(),
      askingPrice: z.string().nullable(),
      cooperationModes: z.array(z.string()),
      publishedAt: z.string().nullable(),
      score: z.number(),
      titleHighlight: Fragment,
      snippet: Fragment,
    }),
  ),
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({ field: FacetOut, trl: FacetOut, priceBand: FacetOut, region: FacetOut, ipType: FacetOut, mode: FacetOut }),
  query: SearchMeta,
});

const DemandSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  fieldCode: z.string().max(20).optional(),
  region: z.string().max(20).optional(),
  budgetBand: z.enum(['none', 'lt100k', '100k_500k', '500k_1m', '1m_5m', 'gt5m']).optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

const DemandSearchOut = z.object({
  items: z.array(
    z.object({
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
      titleHighlight: Fragment,
      snippet: Fragment,
    }),
  ),
  total: z.number().int(),
  totalCapped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({ field: FacetOut, region: FacetOut, budgetBand: FacetOut }),
  query: SearchMeta,
});

const Indicator = z.strictObject({ name: z.string().trim().min(1).max(50), value: z.string().trim().min(1).max(50), unit: z.string().trim().max(20).optional() });

const ListingOut = z.object({
  achievementId: z.uuid(),
  number: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  summary: z.string(),
  summaryEn: z.string().nullable(),
  problem: z.string(),
  benefit: z.string(),
  keywords: z.array(z.string()),
  fieldCode: z.string(),
  subfieldCode: z.string().nullable(),
  trl: z.number().int().nullable(),
  ipType: z.string(),
  ipNumbers: z.array(z.string()),
  ipStatus: z.string(),
  cooperationModes: z.array(z.string()),
  askingPrice: z.string().nullable(),
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

const FunnelOut = z.object({
  achievementId: z.uuid(),
  views: z.number().int(),
  inquiries: z.number().int(),
  ndas: z.number().int(),
  offers: z.number().int(),
  deals: z.number().int(),
  sources: z.array(z.string()),
});

const SynonymItem = z.object({
  term: z.string(),
  expansions: z.array(z.string()),
  weight: z.number(),
  source: z.enum(['seed', 'operator']),
  disabled: z.boolean(),
  note: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
const SynonymsOut = z.object({ version: z.string(), items: z.array(SynonymItem) });

const FeedbackBody = z.strictObject({
  achievementId: z.uuid(),
  verdict: z.enum(VERDICTS),
  note: z.string().trim().max(1000, { message: bilingual('备注最多 1000 字', 'the note has at most 1,000 characters') }).optional(),
});

export const marketRoutes: FastifyPluginAsyncZod = async (app) => {
  // --- The machine contract: demands in, explained matches out, both ways -------------------
  app.post(
    '/market/demands',
    {
      config: { access: { roles: DEMAND_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Post a technical demand (技术需求) in plain words; at least { title, description }. An Idempotency-Key makes a retry return the first demand',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: CreateDemandBody,
        response: { 201: DemandOut, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createDemand(request.ctx, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/market/demands/:demandId/matches',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Listings that answer a demand, best first, each with its explanation; noGoodMatch when the best is below the threshold',
        params: DemandParams,
        querystring: LimitQuery,
        response: { 200: ListingMatchesOut, ...problemResponses },
      },
    },
    async (request) => matchDemand(request.ctx, request.params.demandId, request.query.limit),
  );

  app.get(
    '/market/achievements/:achievementId/matches',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Open demands (that the caller may see) which an achievement answers, best first, with explanations',
        params: AchievementParams,
        querystring: LimitQuery,
        response: { 200: DemandMatchesOut, ...problemResponses },
      },
    },
    async (request) => matchAchievement(request.ctx, request.params.achievementId, request.query.limit),
  );

  // --- Demands -------------------------------------------------------------------------------
  app.get(
    '/market/demands',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: TAGS,
        summary: 'Search open demands (Chinese full text, facets, highlighting)',
        querystring: DemandSearchQuery,
        response: { 200: DemandSearchOut, ...problemResponses },
      },
    },
    async (request) => searchDemands(request.ctx, request.query),
  );

  app.get(
    '/market/my-demands',
    {
      config: { access: { roles: 'any', record: 'self' } },
      schema: {
        tags: TAGS,
        summary: "My organisations' demands, newest first",
        querystring: z.strictObject({ status: z.enum(['open', 'closed']).optional() }),
        response: { 200: z.object({ items: z.array(DemandOut) }), ...problemResponses },
      },
    },
    async (request) => listMyDemands(request.ctx, request.query.status),
  );

  app.get(
    '/market/demands/:demandId',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: { tags: TAGS, summary: 'One demand', params: DemandParams, response: { 200: DemandOut, ...problemResponses } },
    },
    async (request) => getDemand(request.ctx, request.params.demandId),
  );

  app.patch(
    '/market/demands/:demandId',
    {
      config: { access: { roles: DEMAND_ROLES, record: 'party' } },
      schema: { tags: TAGS, summary: 'Edit an open demand', params: DemandParams, body: UpdateDemandBody, response: { 200: DemandOut, ...problemResponses } },
    },
    async (request) => updateDemand(request.ctx, request.params.demandId, request.body),
  );

  app.post(
    '/market/demands/:demandId/close',
    {
      config: { access: { roles: DEMAND_ROLES, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Close a demand (solved, or no longer needed)',
        params: DemandParams,
        body: z.strictObject({ reason: z.string().trim().min(1, { message: bilingual('请说明关闭原因', 'give a reason') }).max(500) }),
        response: { 200: DemandOut, ...problemResponses },
      },
    },
    async (request) => closeDemand(request.ctx, request.params.demandId, request.body.reason),
  );

  app.post(
    '/market/demands/:demandId/feedback',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Feedback on one match of a demand: relevant, too early, benefit unclear, too expensive, other',
        params: DemandParams,
        body: FeedbackBody,
        response: {
          201: z.object({ id: z.uuid(), demandId: z.uuid(), achievementId: z.uuid(), verdict: z.enum(VERDICTS), note: z.string(), score: z.number(), synonymVersion: z.string(), createdAt: z.string() }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await recordFeedback(request.ctx, request.params.demandId, request.body)),
  );

  app.get(
    '/market/demands/:demandId/feedback',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: "Feedback given on a demand's matches",
        params: DemandParams,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.uuid(), achievementId: z.uuid(), verdict: z.enum(VERDICTS), note: z.string(), score: z.number().nullable(), byName: z.string(), createdAt: z.string() })) }),
          ...problemResponses,
        },
      },
    },
    async (request) => listFeedback(request.ctx, request.params.demandId),
  );

  // --- Listings ------------------------------------------------------------------------------
  app.get(
    '/market/achievements',
    {
      // The market is a public catalogue (open to Shandong, China and abroad): only public listings are searched.
      config: { access: { public: true } },
      schema: {
        tags: TAGS,
        summary: 'Search public listings: Chinese full text (pinyin- and typo-tolerant), filters, facets with counts, highlighting, paging',
        querystring: ListingSearchQuery,
        response: { 200: ListingSearchOut, ...problemResponses },
      },
    },
    async (request) => searchListings(request.ctx, request.query),
  );

  app.get(
    '/market/achievements/:achievementId',
    {
      config: { access: { public: true } },
      schema: { tags: TAGS, summary: "A listing's buyer-oriented page (public listings only); counts a view", params: AchievementParams, response: { 200: ListingOut, ...problemResponses } },
    },
    async (request) => {
      const listing = await getListing(request.ctx, request.params.achievementId);
      await recordView(request.ctx, request.params.achievementId);
      return listing;
    },
  );

  app.patch(
    '/market/achievements/:achievementId',
    {
      config: { access: { roles: ['tto_officer', 'org_admin', 'admin'], record: 'party' } },
      schema: {
        tags: TAGS,
        summary: "Office: a listing's indicators and expiry day (renewal)",
        params: AchievementParams,
        body: z.strictObject({ indicators: z.array(Indicator).max(20).optional(), expiresOn: BusinessDateSchema.nullable().optional() }),
        response: { 200: ListingOut, ...problemResponses },
      },
    },
    async (request) => updateListing(request.ctx, request.params.achievementId, request.body),
  );

  app.get(
    '/market/achievements/:achievementId/funnel',
    {
      config: { access: { roles: 'any', record: 'party' } },
      schema: {
        tags: TAGS,
        summary: "A listing's funnel: views → inquiries → NDAs → offers → deals (its office and platform staff)",
        params: AchievementParams,
        response: { 200: FunnelOut, ...problemResponses },
      },
    },
    async (request) => listingFunnel(request.ctx, request.params.achievementId),
  );

  // --- Synonym map ---------------------------------------------------------------------------
  app.get(
    '/market/synonyms',
    {
      config: { access: { roles: ['operator', 'admin', 'broker'] } },
      schema: {
        tags: TAGS,
        summary: "The matcher's synonym map (firms' words → technical terms), with its version",
        querystring: z.strictObject({ q: z.string().max(50).optional() }),
        response: { 200: SynonymsOut, ...problemResponses },
      },
    },
    async (request) => listSynonyms(request.ctx, request.query.q),
  );

  app.put(
    '/market/synonyms',
    {
      config: { access: { roles: ['operator', 'admin'] } },
      schema: {
        tags: TAGS,
        summary: 'Operator: set the technical terms of a firm word (replaces its seed entry), or disable it',
        body: z.strictObject({
          term: z.string().trim().min(1, { message: bilingual('请填写企业用语', 'the term must not be empty') }).max(30),
          expansions: z.array(z.string().trim().min(1).max(30)).max(20),
          weight: z
            .string()
            .regex(/^(0\.\d{1,2}|1(\.0{1,2})?)$/, { message: bilingual('权重须为 0.01 到 1 之间的小数', 'the weight is a decimal from 0.01 to 1') })
            .optional(),
          disabled: z.boolean().optional(),
          note: z.string().max(200).optional(),
        }),
        response: { 200: SynonymsOut, ...problemResponses },
      },
    },
    async (request) => putSynonym(request.ctx, request.body),
  );

  app.delete(
    '/market/synonyms/:term',
    {
      config: { access: { roles: ['operator', 'admin'] } },
      schema: {
        tags: TAGS,
        summary: "Operator: undo the edits of a term (a seed entry returns as shipped)",
        params: z.strictObject({ term: z.string().min(1).max(30) }),
        response: { 200: SynonymsOut, ...problemResponses },
      },
    },
    async (request) => resetSynonym(request.ctx, request.params.term),
  );
};
