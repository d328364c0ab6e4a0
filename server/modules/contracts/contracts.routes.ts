import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ContractListQuerySchema,
  ContractPageSchema,
  ContractSchema,
  GuaranteeBodySchema,
  GuaranteesQuerySchema,
  GuaranteesSchema,
  LicenceApplicationBodySchema,
  NewContractBodySchema,
  OrgPositionSchema,
  PaymentBodySchema,
  PaymentResultSchema,
  PlanSchema,
  ReasonBodySchema,
  RefundBodySchema,
  RegistrationBodySchema,
  RegistrationCheckSchema,
  RevenueReportBodySchema,
  SignedScanBodySchema,
  StatementSchema,
  TimelineSchema,
  TriggerEventBodySchema,
} from '../../../common/api/contracts.js';
import { OFFICE_ROLES, PARTY_ROLES, ROLE_GROUPS } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { addGuarantee, claimGuarantee, listGuarantees } from './contracts.guarantees.js';
import { activate, applyForLicence, completeContract, createContract, endContract, register, registrationCheck, setPlan, sign, uploadSignedScan } from './contracts.lifecycle.js';
import { contractTimeline, listContracts } from './contracts.lists.js';
import { contractDraftPdf } from './contracts.pdf.js';
import { getContract } from './contracts.present.js';
import { counterpartyStatement, recordEvent, recordPayment, recordRefund, reportRevenue, statement } from './contracts.receipts.js';

/**
 * Routes declare who may call them by role; whether the caller is a party of the contract is
 * the service's check (others get 404, so that a contract's existence is not revealed).
 */

const TAGS = ['contracts'];
const Params = z.strictObject({ contractId: z.uuid() });

export const contractsRoutes: FastifyPluginAsyncZod = async (app) => {
  const party = (roles: readonly (typeof PARTY_ROLES)[number][] = PARTY_ROLES) => ({ access: { roles } });
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

  app.get(
    '/contracts',
    { config: { access: { roles: PARTY_ROLES } }, schema: { tags: TAGS, summary: 'Contracts where my organisation is a party', querystring: ContractListQuerySchema, response: reply(ContractPageSchema) } },
    async (request) => listContracts(request.ctx, request.query),
  );

  app.post(
    '/orgs/:orgId/contracts',
    {
      config: { access: { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: 'Office: draft a contract with a licensee (transfer, licence, equity, development, service)',
        params: z.strictObject({ orgId: z.uuid() }),
        body: NewContractBodySchema,
        response: { 201: ContractSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createContract(request.ctx, request.params.orgId, request.body)),
  );

  app.post(
    '/achievements/:achievementId/licence-applications',
    {
      config: { access: { roles: ['enterprise'] as const } },
      schema: {
        tags: TAGS,
        summary: 'A firm applies for a use-first-pay-later licence on a public achievement',
        params: z.strictObject({ achievementId: z.uuid() }),
        body: LicenceApplicationBodySchema.nullish(),
        response: { 201: ContractSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await applyForLicence(request.ctx, request.params.achievementId, request.body ?? {})),
  );

  app.get('/contracts/:contractId', { config: party(), schema: { tags: TAGS, summary: 'One contract (its parties only)', params: Params, response: reply(ContractSchema) } }, async (request) =>
    getContract(request.ctx, request.params.contractId),
  );

  app.put(
    '/contracts/:contractId/plan',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: set the payment plan (draft only); guidance warnings come back with the contract', params: Params, body: PlanSchema, response: reply(ContractSchema) } },
    async (request) => setPlan(request.ctx, request.params.contractId, request.body),
  );

  app.post('/contracts/:contractId/sign', { config: party(), schema: { tags: TAGS, summary: 'Sign the current terms (each party once)', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractSchema) } }, async (request) =>
    sign(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/activate',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: the signed contract comes into force; the schedule is generated', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractSchema) } },
    async (request) => activate(request.ctx, request.params.contractId),
  );

  app.get(
    '/contracts/:contractId/registration-check',
    {
      config: party(),
      schema: {
        tags: TAGS,
        summary: '技术合同认定登记 pre-check: type, amount, missing items, the 30-day clock',
        params: Params,
        response: reply(RegistrationCheckSchema),
      },
    },
    async (request) => registrationCheck(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/registration',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: record the registration number granted', params: Params, body: RegistrationBodySchema, response: reply(ContractSchema) },
    },
    async (request) => register(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/signed-scan',
    {
      bodyLimit: 15 * 1024 * 1024,
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: upload the signed scan (base64, at most 10 MB)', params: Params, body: SignedScanBodySchema, response: reply(ContractSchema) },
    },
    async (request) => uploadSignedScan(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/events',
    {
      config: party(),
      schema: {
        tags: TAGS,
        summary: 'Record a trigger event (first revenue, certification, …); milestones and deferred payments fall due',
        params: Params,
        body: TriggerEventBodySchema,
        response: reply(StatementSchema),
      },
    },
    async (request) => recordEvent(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/revenue-reports',
    {
      config: party(),
      schema: {
        tags: TAGS,
        summary: 'Licensee: report net sales or profit for a period; royalties follow',
        params: Params,
        body: RevenueReportBodySchema,
        response: reply(StatementSchema),
      },
    },
    async (request) => reportRevenue(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/exit',
    { config: party(ROLE_GROUPS.firm), schema: { tags: TAGS, summary: 'Licensee: leave the licence (within the trial nothing is owed if nothing was earned)', params: Params, body: ReasonBodySchema, response: reply(ContractSchema) } },
    async (request) => endContract(request.ctx, request.params.contractId, request.body, 'licensee'),
  );

  app.post(
    '/contracts/:contractId/complete',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: everything is settled; the contract is completed', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractSchema) } },
    async (request) => completeContract(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/terminate',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: terminate; accrued amounts stay due', params: Params, body: ReasonBodySchema, response: reply(ContractSchema) } },
    async (request) => endContract(request.ctx, request.params.contractId, request.body, 'licensor'),
  );

  app.post(
    '/contracts/:contractId/payments',
    {
      config: party(OFFICE_ROLES),
      schema: {
        tags: TAGS,
        summary: 'Office: record a receipt in any form; send Idempotency-Key so that a retry records nothing twice',
        params: Params,
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
        body: PaymentBodySchema,
        response: { 201: PaymentResultSchema, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await recordPayment(request.ctx, request.params.contractId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/contracts/:contractId/refunds',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: refund overpaid credit', params: Params, body: RefundBodySchema, response: reply(StatementSchema) },
    },
    async (request) => recordRefund(request.ctx, request.params.contractId, request.body),
  );

  app.get('/contracts/:contractId/statement', { config: party(), schema: { tags: TAGS, summary: 'Statement: obligations, payments against them, receipts, credit', params: Params, response: reply(StatementSchema) } }, async (request) =>
    statement(request.ctx, request.params.contractId),
  );

  app.get(
    '/orgs/:orgId/contracts/statement',
    {
      config: { access: { roles: PARTY_ROLES, org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: "An organisation's position across its contracts",
        params: z.strictObject({ orgId: z.uuid() }),
        response: reply(OrgPositionSchema),
      },
    },
    async (request) => counterpartyStatement(request.ctx, request.params.orgId),
  );

  app.get('/contracts/:contractId/guarantees', { config: party(), schema: { tags: TAGS, summary: 'Guarantees and insurance behind the contract', params: Params, querystring: GuaranteesQuerySchema, response: reply(GuaranteesSchema) } }, async (request) =>
    listGuarantees(request.ctx, request.params.contractId, request.query),
  );

  app.post(
    '/contracts/:contractId/guarantees',
    {
      config: party(OFFICE_ROLES),
      schema: {
        tags: TAGS,
        summary: 'Office: record a guarantor or insurer with its cover',
        params: Params,
        body: GuaranteeBodySchema,
        response: reply(GuaranteesSchema),
      },
    },
    async (request) => addGuarantee(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/guarantees/:guaranteeId/claims',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: claim on default; the insurer pays first (先行赔付) and the default is marked on the firm', params: Params.extend({ guaranteeId: z.uuid() }), body: z.strictObject({}).nullish(), response: reply(StatementSchema) },
    },
    async (request) => claimGuarantee(request.ctx, request.params.contractId, request.params.guaranteeId),
  );

  app.get(
    '/contracts/:contractId/draft.pdf',
    { config: party(), schema: { tags: TAGS, summary: 'The contract draft as PDF, from the Chinese template, with the payment terms written out', params: Params } },
    async (request, r) => {
      const { filename, pdf } = await contractDraftPdf(request.ctx, request.params.contractId);
      return r
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(pdf);
    },
  );

  app.get(
    '/contracts/:contractId/timeline',
    {
      config: party(),
      schema: {
        tags: TAGS,
        summary: 'Every ledger event of the contract',
        params: Params,
        response: reply(TimelineSchema),
      },
    },
    async (request) => contractTimeline(request.ctx, request.params.contractId),
  );
};
