import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  ArrangementBodySchema,
  CaseListQuerySchema,
  CasePageSchema,
  CaseParamsSchema as CaseParams,
  DecisionBodySchema,
  NewCaseBodySchema,
  OrgParamsSchema as OrgParams,
  RectificationCaseSchema,
  RightsTimelineSchema,
} from '../../../common/api/rights.js';
import { OFFICE_ROLES, OVERSIGHT_ROLES, type Role } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { arrangeCase, caseTimeline, decideCase, decisionDocument, getCase, listCases, openCase } from './rectification.service.js';

const TAGS = ['rights'];
/** The office decides; the bureau reads. */
const READERS: readonly Role[] = [...OFFICE_ROLES, 'bureau'];

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

  app.get(
    '/orgs/:orgId/rectification-cases',
    {
      config: { access: { roles: READERS, org: { param: 'orgId', global: OVERSIGHT_ROLES } } },
      schema: { tags: TAGS, summary: 'Rectification cases of past spin-offs (历史衍生企业合规整改)', params: OrgParams, querystring: CaseListQuerySchema, response: reply(CasePageSchema) },
    },
    async (request) => listCases(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/rectification-cases',
    {
      config: { access: { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: open a case with the company, its original holdings and the findings',
        params: OrgParams,
        body: NewCaseBodySchema,
        response: { 201: RectificationCaseSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await openCase(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/rectification-cases/:caseId',
    { config: { access: { roles: READERS } }, schema: { tags: TAGS, summary: 'One rectification case', params: CaseParams, response: reply(RectificationCaseSchema) } },
    async (request) => getCase(request.ctx, request.params.caseId),
  );

  app.post(
    '/rectification-cases/:caseId/decision',
    {
      config: { access: { roles: OFFICE_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Office: the decision (整改决定), with an uploaded document or a generated PDF',
        params: CaseParams,
        body: DecisionBodySchema,
        response: reply(RectificationCaseSchema),
      },
    },
    async (request) => decideCase(request.ctx, request.params.caseId, request.body),
  );

  app.get(
    '/rectification-cases/:caseId/decision-document',
    { config: { access: { roles: READERS } }, schema: { tags: TAGS, summary: 'The decision document as uploaded or generated', params: CaseParams } },
    async (request, r) => {
      const { filename, data } = await decisionDocument(request.ctx, request.params.caseId);
      const type = filename.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
      return r.header('content-type', type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(data);
    },
  );

  app.post(
    '/rectification-cases/:caseId/arrangement',
    {
      config: { access: { roles: OFFICE_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Office: the resulting ownership grant (linked) or agreed-proceeds arrangement (recorded)',
        params: CaseParams,
        body: ArrangementBodySchema,
        response: reply(RectificationCaseSchema),
      },
    },
    async (request) => arrangeCase(request.ctx, request.params.caseId, request.body),
  );

  app.get(
    '/rectification-cases/:caseId/timeline',
    {
      config: { access: { roles: READERS } },
      schema: { tags: TAGS, summary: "The case's ledger events", params: CaseParams, response: reply(RightsTimelineSchema) },
    },
    async (request) => caseTimeline(request.ctx, request.params.caseId),
  );
};
