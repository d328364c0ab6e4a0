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
import { routeSpecs, sendFile, PDF_TYPE } from '../../lib/routes.js';
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

const route = routeSpecs(['contracts']);
const Params = z.strictObject({ contractId: z.uuid() });

export const contractsRoutes: FastifyPluginAsyncZod = async (app) => {
  const party = (roles: readonly (typeof PARTY_ROLES)[number][] = PARTY_ROLES) => ({ roles });

  app.get('/contracts', route({ roles: PARTY_ROLES }, { summary: 'Contracts where my organisation is a party', querystring: ContractListQuerySchema, response: ContractPageSchema }), async (request) =>
    listContracts(request.ctx, request.query),
  );

  app.post(
    '/orgs/:orgId/contracts',
    route(
      { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] } },
      {
        summary: 'Office: draft a contract with a licensee (transfer, licence, equity, development, service)',
        params: z.strictObject({ orgId: z.uuid() }),
        body: NewContractBodySchema,
        response: ContractSchema,
        status: 201,
      },
    ),
    async (request, r) => r.status(201).send(await createContract(request.ctx, request.params.orgId, request.body)),
  );

  app.post(
    '/achievements/:achievementId/licence-applications',
    route(
      { roles: ['enterprise'] as const },
      {
        summary: 'A firm applies for a use-first-pay-later licence on a public achievement',
        params: z.strictObject({ achievementId: z.uuid() }),
        body: LicenceApplicationBodySchema.nullish(),
        response: ContractSchema,
        status: 201,
      },
    ),
    async (request, r) => r.status(201).send(await applyForLicence(request.ctx, request.params.achievementId, request.body ?? {})),
  );

  app.get('/contracts/:contractId', route(party(), { summary: 'One contract (its parties only)', params: Params, response: ContractSchema }), async (request) =>
    getContract(request.ctx, request.params.contractId),
  );

  app.put(
    '/contracts/:contractId/plan',
    route(party(OFFICE_ROLES), { summary: 'Office: set the payment plan (draft only); guidance warnings come back with the contract', params: Params, body: PlanSchema, response: ContractSchema }),
    async (request) => setPlan(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/sign',
    route(party(), { summary: 'Sign the current terms (each party once)', params: Params, body: z.strictObject({}).nullish(), response: ContractSchema }),
    async (request) => sign(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/activate',
    route(party(OFFICE_ROLES), { summary: 'Office: the signed contract comes into force; the schedule is generated', params: Params, body: z.strictObject({}).nullish(), response: ContractSchema }),
    async (request) => activate(request.ctx, request.params.contractId),
  );

  app.get(
    '/contracts/:contractId/registration-check',
    route(party(), { summary: '技术合同认定登记 pre-check: type, amount, missing items, the 30-day clock', params: Params, response: RegistrationCheckSchema }),
    async (request) => registrationCheck(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/registration',
    route(party(OFFICE_ROLES), { summary: 'Office: record the registration number granted', params: Params, body: RegistrationBodySchema, response: ContractSchema }),
    async (request) => register(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/signed-scan',
    route(party(OFFICE_ROLES), {
      summary: 'Office: upload the signed scan (base64, at most 10 MB)',
      params: Params,
      body: SignedScanBodySchema,
      response: ContractSchema,
      bodyLimit: 15 * 1024 * 1024,
    }),
    async (request) => uploadSignedScan(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/events',
    route(party(), {
      summary: 'Record a trigger event (first revenue, certification, …); milestones and deferred payments fall due',
      params: Params,
      body: TriggerEventBodySchema,
      response: StatementSchema,
    }),
    async (request) => recordEvent(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/revenue-reports',
    route(party(), { summary: 'Licensee: report net sales or profit for a period; royalties follow', params: Params, body: RevenueReportBodySchema, response: StatementSchema }),
    async (request) => reportRevenue(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/exit',
    route(party(ROLE_GROUPS.firm), {
      summary: 'Licensee: leave the licence (within the trial nothing is owed if nothing was earned)',
      params: Params,
      body: ReasonBodySchema,
      response: ContractSchema,
    }),
    async (request) => endContract(request.ctx, request.params.contractId, request.body, 'licensee'),
  );

  app.post(
    '/contracts/:contractId/complete',
    route(party(OFFICE_ROLES), { summary: 'Office: everything is settled; the contract is completed', params: Params, body: z.strictObject({}).nullish(), response: ContractSchema }),
    async (request) => completeContract(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/terminate',
    route(party(OFFICE_ROLES), { summary: 'Office: terminate; accrued amounts stay due', params: Params, body: ReasonBodySchema, response: ContractSchema }),
    async (request) => endContract(request.ctx, request.params.contractId, request.body, 'licensor'),
  );

  app.post(
    '/contracts/:contractId/payments',
    route(party(OFFICE_ROLES), {
      summary: 'Office: record a receipt in any form; send Idempotency-Key so that a retry records nothing twice',
      params: Params,
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough(),
      body: PaymentBodySchema,
      response: PaymentResultSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await recordPayment(request.ctx, request.params.contractId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/contracts/:contractId/refunds',
    route(party(OFFICE_ROLES), { summary: 'Office: refund overpaid credit', params: Params, body: RefundBodySchema, response: StatementSchema }),
    async (request) => recordRefund(request.ctx, request.params.contractId, request.body),
  );

  app.get(
    '/contracts/:contractId/statement',
    route(party(), { summary: 'Statement: obligations, payments against them, receipts, credit', params: Params, response: StatementSchema }),
    async (request) => statement(request.ctx, request.params.contractId),
  );

  app.get(
    '/orgs/:orgId/contracts/statement',
    route(
      { roles: PARTY_ROLES, org: { param: 'orgId', global: ['admin'] } },
      { summary: "An organisation's position across its contracts", params: z.strictObject({ orgId: z.uuid() }), response: OrgPositionSchema },
    ),
    async (request) => counterpartyStatement(request.ctx, request.params.orgId),
  );

  app.get(
    '/contracts/:contractId/guarantees',
    route(party(), { summary: 'Guarantees and insurance behind the contract', params: Params, querystring: GuaranteesQuerySchema, response: GuaranteesSchema }),
    async (request) => listGuarantees(request.ctx, request.params.contractId, request.query),
  );

  app.post(
    '/contracts/:contractId/guarantees',
    route(party(OFFICE_ROLES), { summary: 'Office: record a guarantor or insurer with its cover', params: Params, body: GuaranteeBodySchema, response: GuaranteesSchema }),
    async (request) => addGuarantee(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/guarantees/:guaranteeId/claims',
    route(party(OFFICE_ROLES), {
      summary: 'Office: claim on default; the insurer pays first (先行赔付) and the default is marked on the firm',
      params: Params.extend({ guaranteeId: z.uuid() }),
      body: z.strictObject({}).nullish(),
      response: StatementSchema,
    }),
    async (request) => claimGuarantee(request.ctx, request.params.contractId, request.params.guaranteeId),
  );

  app.get(
    '/contracts/:contractId/draft.pdf',
    route(party(), { summary: 'The contract draft as PDF, from the Chinese template, with the payment terms written out', params: Params }),
    async (request, r) => {
      const { filename, pdf } = await contractDraftPdf(request.ctx, request.params.contractId);
      return sendFile(r, { type: PDF_TYPE, filename, body: pdf });
    },
  );

  app.get('/contracts/:contractId/timeline', route(party(), { summary: 'Every ledger event of the contract', params: Params, response: TimelineSchema }), async (request) =>
    contractTimeline(request.ctx, request.params.contractId),
  );
};
