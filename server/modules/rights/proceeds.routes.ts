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
import { OFFICE_READERS, officeOf, officeReadersOf, route } from './rights.access.js';
import { createAgreement, getAgreement, listAgreements, recordCorporateEvent } from './proceeds.service.js';

export const proceedsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/agreed-proceeds',
    route(officeReadersOf, {
      summary: "The institution's agreed-proceeds agreements with what is due and tracked",
      params: OrgParams,
      querystring: AgreementListQuerySchema,
      response: AgreementPageSchema,
    }),
    async (request) => listAgreements(request.ctx, request.params.orgId, request.query),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds',
    route(officeOf, {
      summary: 'Office: a granted achievement invested in a company; the agreed share opens a collection contract',
      params: OrgParams,
      body: NewAgreementBodySchema,
      response: AgreementSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await createAgreement(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/agreed-proceeds/:agreementId',
    route(
      { roles: OFFICE_READERS },
      { summary: 'One agreement: events, dues with their explanation, what remains tracked', params: z.strictObject({ agreementId: z.uuid() }), response: AgreementSchema },
    ),
    async (request) => getAgreement(request.ctx, request.params.agreementId),
  );

  app.post(
    '/orgs/:orgId/agreed-proceeds/corporate-events',
    route(officeOf, {
      summary: 'Office: a corporate event with evidence (bonus shares, dividend, partial sale, IPO, full transfer); send Idempotency-Key',
      params: OrgParams,
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
      body: CorporateEventBodySchema,
      response: CorporateEventResultSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await recordCorporateEvent(request.ctx, request.params.orgId, request.body, request.headers['idempotency-key'])),
  );
};
