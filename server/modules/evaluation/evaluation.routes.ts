import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AchievementEvaluationsSchema,
  AchievementParams,
  EmptyBody,
  EvaluationBody,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationParams,
  EvaluationSchema,
  IdempotencyHeaders,
  PreviewBody,
  TimelineSchema,
  ValuationResultSchema,
} from '../../../common/api/evaluation.js';
import { type ValuationInput, valuate } from '../../../common/valuation.js';
import { fieldErrors } from '../../lib/errors.js';
import { routeSpecs, sendFile, PDF_TYPE } from '../../lib/routes.js';
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

const route = routeSpecs(['evaluation']);
const Params = EvaluationParams;

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const readers = { roles: READER_ROLES };
  const creators = { roles: CREATOR_ROLES };

  app.get(
    '/evaluations',
    route(
      { roles: READER_ROLES },
      {
        summary: 'Evaluations I may read (operators and the bureau: all; offices and brokers: their own organisation’s): a page, latest change first',
        querystring: EvaluationListQuery,
        response: EvaluationPage,
      },
    ),
    async (request) => listEvaluations(request.ctx, request.query),
  );

  app.post(
    '/evaluations/preview',
    route({ roles: READER_ROLES }, { summary: 'Computes one valuation with every step, without saving (the web page runs the same code live)', body: PreviewBody, response: ValuationResultSchema }),
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
    route(readers, {
      summary: 'Evaluations of an achievement (every version I may read), its recorded protection and whether I may start one',
      params: AchievementParams,
      response: AchievementEvaluationsSchema,
    }),
    async (request) => listForAchievement(request.ctx, request.params.achievementId),
  );

  app.post(
    '/achievements/:achievementId/evaluations',
    route(creators, {
      summary: 'Start an evaluation (draft, version 1): by the holder’s office, or an operator or broker of the market',
      params: AchievementParams,
      headers: IdempotencyHeaders,
      body: EvaluationBody,
      response: EvaluationSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await createEvaluation(request.ctx, request.params.achievementId, request.body as EvaluationInput, request.headers['idempotency-key'])),
  );

  app.get('/evaluations/:evaluationId', route(readers, { summary: 'One evaluation with its computed valuations', params: Params, response: EvaluationSchema }), async (request) =>
    getEvaluation(request.ctx, request.params.evaluationId),
  );

  app.put(
    '/evaluations/:evaluationId',
    route(creators, { summary: 'Edit a draft (the parts given are replaced; valuations are recomputed)', params: Params, body: EvaluationBody, response: EvaluationSchema }),
    async (request) => updateEvaluation(request.ctx, request.params.evaluationId, request.body as EvaluationInput),
  );

  app.delete(
    '/evaluations/:evaluationId',
    route(creators, { summary: 'Discard a draft (finalised versions are kept for ever)', params: Params, response: z.null(), status: 204 }),
    async (request, r) => {
      await discardDraft(request.ctx, request.params.evaluationId);
      return r.status(204).send(null);
    },
  );

  app.post(
    '/evaluations/:evaluationId/finalise',
    route(creators, { summary: 'Finalise a draft: on the ledger, immutable from then on; supersedes the previous version', params: Params, body: EmptyBody, response: EvaluationSchema }),
    async (request) => finaliseEvaluation(request.ctx, request.params.evaluationId),
  );

  app.post(
    '/evaluations/:evaluationId/versions',
    route(creators, { summary: 'Start a new version of a finalised evaluation (a draft that supersedes it when finalised)', params: Params, body: EmptyBody, response: EvaluationSchema, status: 201 }),
    async (request, r) => r.status(201).send(await newVersion(request.ctx, request.params.evaluationId)),
  );

  app.get('/evaluations/:evaluationId/timeline', route(readers, { summary: 'Ledger events of the evaluation’s versions', params: Params, response: TimelineSchema }), async (request) =>
    evaluationTimeline(request.ctx, request.params.evaluationId),
  );

  app.get('/evaluations/:evaluationId/report.pdf', route(readers, { summary: 'The evaluation report as a Chinese PDF', params: Params }), async (request, r) => {
    const { filename, pdf } = await evaluationReportPdf(request.ctx, request.params.evaluationId);
    return sendFile(r, { type: PDF_TYPE, filename, body: pdf });
  });
};
