import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
import { OFFICE_ROLES } from '../../../common/roles.js';
import { PDF_TYPE, sendFile } from '../../lib/routes.js';
import { arrangeCase, caseTimeline, decideCase, decisionDocument, getCase, listCases, openCase } from './rectification.service.js';
import { OFFICE_READERS, officeOf, officeReadersOf, route } from './rights.access.js';

const readers = { roles: OFFICE_READERS };
const office = { roles: OFFICE_ROLES };

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/rectification-cases',
    route(officeReadersOf, {
      summary: 'Rectification cases of past spin-offs (历史衍生企业合规整改)',
      params: OrgParams,
      querystring: CaseListQuerySchema,
      response: CasePageSchema,
    }),
    async (request) => listCases(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/rectification-cases',
    route(officeOf, {
      summary: 'Office: open a case with the company, its original holdings and the findings',
      params: OrgParams,
      body: NewCaseBodySchema,
      response: RectificationCaseSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await openCase(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/rectification-cases/:caseId', route(readers, { summary: 'One rectification case', params: CaseParams, response: RectificationCaseSchema }), async (request) =>
    getCase(request.ctx, request.params.caseId),
  );

  app.post(
    '/rectification-cases/:caseId/decision',
    route(office, { summary: 'Office: the decision (整改决定), with an uploaded document or a generated PDF', params: CaseParams, body: DecisionBodySchema, response: RectificationCaseSchema }),
    async (request) => decideCase(request.ctx, request.params.caseId, request.body),
  );

  app.get('/rectification-cases/:caseId/decision-document', route(readers, { summary: 'The decision document as uploaded or generated', params: CaseParams }), async (request, r) => {
    const { filename, data } = await decisionDocument(request.ctx, request.params.caseId);
    const type = filename.toLowerCase().endsWith('.pdf') ? PDF_TYPE : 'application/octet-stream';
    return sendFile(r, { type, filename, body: data });
  });

  app.post(
    '/rectification-cases/:caseId/arrangement',
    route(office, {
      summary: 'Office: the resulting ownership grant (linked) or agreed-proceeds arrangement (recorded)',
      params: CaseParams,
      body: ArrangementBodySchema,
      response: RectificationCaseSchema,
    }),
    async (request) => arrangeCase(request.ctx, request.params.caseId, request.body),
  );

  app.get('/rectification-cases/:caseId/timeline', route(readers, { summary: "The case's ledger events", params: CaseParams, response: RightsTimelineSchema }), async (request) =>
    caseTimeline(request.ctx, request.params.caseId),
  );
};
