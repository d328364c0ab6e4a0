import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { NewAgreementBody } from './proceeds.routes.js';
import { arrangeCase, caseTimeline, decideCase, decisionDocument, getCase, listCases, openCase, RECTIFICATION_STATUSES } from './rectification.service.js';

const TAGS = ['rights'];
const OrgParams = z.strictObject({ orgId: z.uuid() });
const CaseParams = z.strictObject({ caseId: z.uuid() });
const Explained = z.object({ zh: z.string(), en: z.string() });

const CaseOut = z.object({
  id: z.uuid(),
  number: z.string(),
  organisationId: z.uuid(),
  company: z.object({ name: z.string(), creditCode: z.string() }),
  foundedOn: z.string().nullable(),
  originalHoldings: z.array(z.object({ holder: z.string(), shares: z.string(), note: z.string() })),
  findings: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  statusLabel: Explained,
  decision: z.object({ number: z.string(), decidedOn: z.string(), summary: z.string(), documentName: z.string(), generated: z.boolean() }).nullable(),
  grantId: z.string().nullable(),
  agreementId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const office = ['tto_officer', 'org_admin', 'admin'] as const;
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

  app.get(
    '/orgs/:orgId/rectification-cases',
    {
      config: { access: { roles: [...office, 'bureau'], org: { param: 'orgId', global: ['admin', 'bureau'] } } },
      schema: { tags: TAGS, summary: 'Rectification cases of past spin-offs (历史衍生企业合规整改)', params: OrgParams, response: reply(z.object({ items: z.array(CaseOut) })) },
    },
    async (request) => listCases(request.ctx, request.params.orgId),
  );

  app.post(
    '/orgs/:orgId/rectification-cases',
    {
      config: { access: { roles: office, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: open a case with the company, its original holdings and the findings',
        params: OrgParams,
        body: z.strictObject({
          companyName: z.string().trim().min(2).max(200),
          companyCreditCode: CreditCodeSchema,
          foundedOn: BusinessDateSchema.optional(),
          originalHoldings: z
            .array(
              z.strictObject({
                holder: z.string().trim().min(1).max(200),
                shares: z.string().regex(/^[1-9]\d{0,15}$/, { message: bilingual('股数须为正整数', 'shares must be a positive whole number') }),
                note: z.string().max(500).optional(),
              }),
            )
            .min(1)
            .max(100),
          findings: z.string().trim().min(2).max(10000),
        }),
        response: { 201: CaseOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await openCase(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/rectification-cases/:caseId',
    { config: { access: { roles: [...office, 'bureau'], record: 'party' } }, schema: { tags: TAGS, summary: 'One rectification case', params: CaseParams, response: reply(CaseOut) } },
    async (request) => getCase(request.ctx, request.params.caseId),
  );

  app.post(
    '/rectification-cases/:caseId/decision',
    {
      config: { access: { roles: office, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Office: the decision (整改决定), with an uploaded document or a generated PDF',
        params: CaseParams,
        body: z.strictObject({
          decisionNo: z.string().trim().min(1).max(100),
          decidedOn: BusinessDateSchema,
          summary: z.string().trim().min(2).max(5000),
          document: z.strictObject({ filename: z.string().trim().min(1).max(200), dataBase64: z.string().min(1) }).optional(),
        }),
        response: reply(CaseOut),
      },
    },
    async (request) => decideCase(request.ctx, request.params.caseId, request.body),
  );

  app.get(
    '/rectification-cases/:caseId/decision-document',
    { config: { access: { roles: [...office, 'bureau'], record: 'party' } }, schema: { tags: TAGS, summary: 'The decision document as uploaded or generated', params: CaseParams } },
    async (request, r) => {
      const { filename, data } = await decisionDocument(request.ctx, request.params.caseId);
      const type = filename.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
      return r.header('content-type', type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`).send(data);
    },
  );

  app.post(
    '/rectification-cases/:caseId/arrangement',
    {
      config: { access: { roles: office, record: 'party' } },
      schema: {
        tags: TAGS,
        summary: 'Office: the resulting ownership grant (linked) or agreed-proceeds arrangement (recorded)',
        params: CaseParams,
        body: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('grant'), grantId: z.uuid() }), z.strictObject({ kind: z.literal('agreed_proceeds'), agreement: NewAgreementBody })]),
        response: reply(CaseOut),
      },
    },
    async (request) => arrangeCase(request.ctx, request.params.caseId, request.body),
  );

  app.get(
    '/rectification-cases/:caseId/timeline',
    {
      config: { access: { roles: [...office, 'bureau'], record: 'party' } },
      schema: {
        tags: TAGS,
        summary: "The case's ledger events",
        params: CaseParams,
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), reason: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })) })),
      },
    },
    async (request) => caseTimeline(request.ctx, request.params.caseId),
  );
};
