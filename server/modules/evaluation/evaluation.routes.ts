import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IP_TYPES } from '../../../common/achievements.js';
import { EVALUATION_STATUSES, VALUE_INDICATORS } from '../../../common/evaluation.js';
import { APPROACHES, FACTOR_KINDS, type ValuationInput, valuate } from '../../../common/valuation.js';
import { fieldErrors } from '../../lib/errors.js';
import { bilingual } from '../../lib/validation.js';
import { BusinessDateSchema, problemResponses } from '../../lib/schemas.js';
import { evaluationReportPdf } from './evaluation.report.js';
import {
  CREATOR_ROLES,
  createEvaluation,
  discardDraft,
  type EvaluationInput,
  evaluationTimeline,
  finaliseEvaluation,
  getEvaluation,
  listEvaluations,
  listForAchievement,
  newVersion,
  READER_ROLES,
  updateEvaluation,
} from './evaluation.service.js';

const TAGS = ['evaluation'];
/** Figures are decimal strings; the valuation rules check each one and name the field when it is wrong. */
const Num = z.string().max(40).describe('decimal string');
/** Text is stored in PostgreSQL text and jsonb, neither of which holds NUL. */
const Text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), { message: bilingual('文本不能包含 NUL 字符', 'text must not contain NUL characters') });

const Protection = z.strictObject({ ipType: z.enum(IP_TYPES), filedOn: BusinessDateSchema, reference: Text(100).nullish(), source: Text(200).nullish() });
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
  protection: Protection.nullish().describe('the right whose legal life caps n; by default the filing recorded on the achievement'),
  note: Note,
});
const Market = z.strictObject({
  approach: z.literal('market'),
  comparables: z
    .array(z.strictObject({ name: Text(200), price: Num, dealDate: BusinessDateSchema.nullish(), factors: z.array(z.strictObject({ kind: z.enum(FACTOR_KINDS), label: Text(60).nullish(), value: Num })).max(12) }))
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
const Valuation = z.discriminatedUnion('approach', [Income, Market, Cost]);
const Indicator = z.strictObject({ indicator: z.enum(VALUE_INDICATORS), score: z.number().int().min(0).max(100), weight: z.number().int().min(0).max(100), comment: Text(1000).optional() });
const Conclusion = z.strictObject({ value: Num, low: Num.nullish(), high: Num.nullish(), basedOn: z.number().int().min(0).max(9).nullish(), text: Text(5000) });

const Body = z.strictObject({
  purpose: Text(500).optional(),
  evaluatorName: Text(100).optional(),
  valuationDate: BusinessDateSchema.optional().describe('评估基准日; today by default'),
  trl: z.number().int().min(1).max(9).nullable().optional(),
  trlEvidence: Text(5000).optional(),
  indicators: z.array(Indicator).max(5).optional(),
  valuations: z.array(Valuation).max(10).optional(),
  conclusion: Conclusion.nullable().optional(),
  version: z.number().int().min(1).optional().describe('the version you edited (optimistic lock)'),
});

const Bi = z.object({ zh: z.string(), en: z.string() });
const Result = z.object({
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
        factors: z.array(z.object({ kind: z.string(), label: z.string(), value: z.string() })),
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
const EvaluationOut = z.object({
  id: z.uuid(),
  seriesId: z.uuid(),
  number: z.string(),
  versionNo: z.number().int(),
  supersedesId: z.uuid().nullable(),
  supersededById: z.uuid().nullable(),
  achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string(), ipType: z.string(), ipNumbers: z.array(z.string()), holderOrgId: z.uuid(), holderName: z.string(), trl: z.number().int().nullable() }),
  requester: z.object({ id: z.uuid(), name: z.string() }),
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
  results: z.array(Result),
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

const Params = z.strictObject({ evaluationId: z.uuid() });
const AchievementParams = z.strictObject({ achievementId: z.uuid() });

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });
  const readers = { access: { roles: READER_ROLES, record: 'party' as const } };
  const creators = { access: { roles: CREATOR_ROLES, record: 'party' as const } };

  app.get(
    '/evaluations',
    {
      config: { access: { roles: READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Evaluations I may read (operators and the bureau: all; offices and brokers: their own organisation’s)',
        querystring: z.strictObject({ status: z.enum(EVALUATION_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: reply(
          z.object({
            items: z.array(
              z.object({
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
              }),
            ),
          }),
        ),
      },
    },
    async (request) => listEvaluations(request.ctx, request.query),
  );

  app.post(
    '/evaluations/preview',
    {
      config: { access: { roles: READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Computes one valuation with every step, without saving (the web page runs the same code live)',
        body: z.strictObject({ valuationDate: BusinessDateSchema, valuation: Valuation }),
        response: reply(Result),
      },
    },
    async (request) => {
      const v = request.body.valuation;
      const input = (v.approach === 'income' ? { ...v, valuationDate: request.body.valuationDate } : v) as ValuationInput;
      const out = valuate(input);
      if (!out.ok) throw fieldErrors(out.issues.map((i) => ({ ...i, field: `body.valuation.${i.field}` })));
      return out.result;
    },
  );

  app.get(
    '/achievements/:achievementId/evaluations',
    {
      config: readers,
      schema: {
        tags: TAGS,
        summary: 'Evaluations of an achievement (every version I may read), its recorded protection and whether I may start one',
        params: AchievementParams,
        response: reply(
          z.object({
            achievement: z.object({ id: z.uuid(), number: z.string(), title: z.string(), ipType: z.string(), trl: z.number().int().nullable(), trlNotes: z.string(), holderName: z.string() }).nullable(),
            protection: z.object({ ipType: z.string(), filedOn: z.string(), reference: z.string().nullish(), source: z.string().nullish() }).nullable(),
            canCreate: z.boolean(),
            items: z.array(EvaluationOut),
          }),
        ),
      },
    },
    async (request) => listForAchievement(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/evaluations',
    {
      config: creators,
      schema: {
        tags: TAGS,
        summary: 'Start an evaluation (draft, version 1): by the holder’s office, or an operator or broker of the market',
        params: AchievementParams,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: Body,
        response: { 201: EvaluationOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createEvaluation(request.ctx, request.params.achievementId, request.body as EvaluationInput, request.headers['idempotency-key'])),
  );

  app.get('/evaluations/:evaluationId', { config: readers, schema: { tags: TAGS, summary: 'One evaluation with its computed valuations', params: Params, response: reply(EvaluationOut) } }, async (request) =>
    getEvaluation(request.ctx, request.params.evaluationId),
  );

  app.put(
    '/evaluations/:evaluationId',
    { config: creators, schema: { tags: TAGS, summary: 'Edit a draft (the parts given are replaced; valuations are recomputed)', params: Params, body: Body, response: reply(EvaluationOut) } },
    async (request) => updateEvaluation(request.ctx, request.params.evaluationId, request.body as EvaluationInput),
  );

  app.delete(
    '/evaluations/:evaluationId',
    { config: creators, schema: { tags: TAGS, summary: 'Discard a draft (finalised versions are kept for ever)', params: Params, response: { 204: z.null(), ...problemResponses } } },
    async (request, r) => {
      await discardDraft(request.ctx, request.params.evaluationId);
      return r.status(204).send(null);
    },
  );

  app.post(
    '/evaluations/:evaluationId/finalise',
    { config: creators, schema: { tags: TAGS, summary: 'Finalise a draft: on the ledger, immutable from then on; supersedes the previous version', params: Params, body: z.strictObject({}).nullish(), response: reply(EvaluationOut) } },
    async (request) => finaliseEvaluation(request.ctx, request.params.evaluationId),
  );

  app.post(
    '/evaluations/:evaluationId/versions',
    {
      config: creators,
      schema: { tags: TAGS, summary: 'Start a new version of a finalised evaluation (a draft that supersedes it when finalised)', params: Params, body: z.strictObject({}).nullish(), response: { 201: EvaluationOut, ...problemResponses } },
    },
    async (request, r) => r.status(201).send(await newVersion(request.ctx, request.params.evaluationId)),
  );

  app.get(
    '/evaluations/:evaluationId/timeline',
    {
      config: readers,
      schema: {
        tags: TAGS,
        summary: 'Ledger events of the evaluation’s versions',
        params: Params,
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })) })),
      },
    },
    async (request) => evaluationTimeline(request.ctx, request.params.evaluationId),
  );

  app.get('/evaluations/:evaluationId/report.pdf', { config: readers, schema: { tags: TAGS, summary: 'The evaluation report as a Chinese PDF', params: Params } }, async (request, r) => {
    const { filename, pdf } = await evaluationReportPdf(request.ctx, request.params.evaluationId);
    return r
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(pdf);
  });
};
