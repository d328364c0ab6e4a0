import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgreementListQuerySchema,
  AgreementPageSchema,
  AgreementSchema,
  CorporateEventBodySchema,
  CorporateEventResultSchema,
  NewAgreementBodySchema,
  OrgParamsSchema as OrgParams,
} from '../../../common/api/rights.js';
import { OFFICE_ROLES, OVERSIGHT_ROLES, type Role } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { createAgreement, getAgreement, listAgreements, recordCorporateEvent } from './proceeds.service.js';

const TAGS = ['rights'];
/** The office decides; the bureau reads. */
const READERS: readonly Role[] = [...OFFICE_ROLES, 'bureau'];

export const proceedsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/agreed-proceeds',
    {
      config: { access: { roles: READERS, org: { param: 'orgId', global: OVERSIGHT_ROLES } } },
      schema: {
        tags: TAGS,
        summary: "The institution's agreed-proceeds agreements with what is due and tracked",
        params: OrgParams,
        querystring: AgreementListQuerySchema,
        response: { 200: AgreementPageSchema, ...problemResponses },
      },
    },
    async (request) => listAgreements(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds',
    {
      config: { access: { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: a granted achievement invested in a company; the agreed share opens a collection contract',
        params: OrgParams,
        body: NewAgreementBodySchema,
        response: { 201: AgreementSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createAgreement(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/agreed-proceeds/:agreementId',
    {
      config: { access: { roles: READERS } },
      schema: { tags: TAGS, summary: 'One agreement: events, dues with their explanation, what remains tracked', params: z.strictObject({ agreementId: z.uuid() }), response: { 200: AgreementSchema, ...problemResponses } },
    },
    async (request) => getAgreement(request.ctx, request.params.agreementId),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds/corporate-events',
    {
      config: { access: { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: a corporate event with evidence (bonus shares, dividend, partial sale, IPO, full transfer); send Idempotency-Key',
        params: OrgParams,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: CorporateEventBodySchema,
        response: { 201: CorporateEventResultSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await recordCorporateEvent(request.ctx, request.params.orgId, request.body, request.headers['idempotency-key'])),
  );
};
