import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CONTRACT_KINDS, CONTRACT_STATUSES, LICENSE_TYPES, SETTLEMENT_FORMS } from '../../../common/contracts.js';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema } from '../../../common/schemas.js';
import {
  activate,
  addGuarantee,
  applyForLicence,
  claimGuarantee,
  completeContract,
  contractDraftPdf,
  contractTimeline,
  counterpartyStatement,
  createContract,
  endContract,
  getContract,
  listContracts,
  listGuarantees,
  recordEvent,
  recordPayment,
  recordRefund,
  register,
  registrationCheck,
  reportRevenue,
  setPlan,
  sign,
  statement,
  uploadSignedScan,
} from './contracts.service.js';
import { TRIGGER_EVENTS } from './payment-plan.js';

const TAGS = ['contracts'];
const PARTY_ROLES = ['tto_officer', 'org_admin', 'enterprise', 'admin'] as const;
const OFFICE_ROLES = ['tto_officer', 'org_admin', 'admin'] as const;
const LICENSEE_ROLES = ['enterprise', 'org_admin'] as const;
const Params = z.strictObject({ contractId: z.uuid() });
const Rate = z.string().regex(/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/, { message: bilingual('费率须为 0 到 1 之间的小数（如 0.03 表示 3%），不能超过 100%', 'a rate is a decimal from 0 to 1 (0.03 = 3%), at most 100%') });

const DueRule = z.strictObject({
  date: BusinessDateSchema.nullable().optional(),
  event: z.enum(TRIGGER_EVENTS).nullable().optional(),
  daysAfterEvent: z.number().int().min(0).max(365).optional(),
});

const PlanSchema = z.strictObject({
  currency: z.literal('CNY'),
  effectiveOn: BusinessDateSchema,
  endsOn: BusinessDateSchema,
  entryFee: MoneySchema,
  entryFeeDueDays: z.number().int().min(0).max(365).optional(),
  trialMonths: z.number().int().min(0).max(60).optional(),
  milestones: z.array(z.strictObject({ key: z.string().regex(/^[\w-]{1,40}$/), label: z.string().trim().min(1).max(100), amount: MoneySchema, due: DueRule })).max(50).optional(),
  deferred: z.strictObject({ amount: MoneySchema, due: DueRule }).nullable().optional(),
  royalty: z
    .strictObject({
      base: z.enum(['net_sales', 'profit']),
      tiers: z.array(z.strictObject({ upTo: MoneySchema.nullable(), rate: Rate })).min(1).max(10),
      minimumAnnual: MoneySchema.nullable().optional(),
      cap: MoneySchema.nullable().optional(),
      dueDaysAfterPeriod: z.number().int().min(0).max(365).optional(),
    })
    .nullable()
    .optional(),
});

const Issue = z.object({ field: z.string(), zh: z.string(), en: z.string() });
const ContractOut = z.object({
  id: z.uuid(),
  number: z.string(),
  kind: z.enum(CONTRACT_KINDS),
  licenseType: z.string().nullable(),
  fieldOfUse: z.string(),
  territory: z.string(),
  title: z.string(),
  licensor: z.object({ id: z.uuid(), name: z.string() }),
  licensee: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(CONTRACT_STATUSES),
  currency: z.string(),
  plan: z.unknown().nullable(),
  planVersion: z.number().int(),
  planWarnings: z.array(Issue),
  totalAmount: z.string(),
  licensorSignedAt: z.string().nullable(),
  licenseeSignedAt: z.string().nullable(),
  signedOn: z.string().nullable(),
  registrationNo: z.string().nullable(),
  registeredOn: z.string().nullable(),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  hasSignedScan: z.boolean(),
  achievementIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  myRoles: z.array(z.string()),
});

const Line = z.object({
  key: z.string(),
  kind: z.string(),
  label: z.string(),
  amount: z.string(),
  dueOn: z.string().nullable(),
  state: z.string(),
  debtor: z.string(),
  paid: z.string(),
  outstanding: z.string(),
  overdue: z.boolean(),
  explanation: z.object({ zh: z.string(), en: z.string() }),
});
const Totals = z.object({ owed: z.string(), paid: z.string(), outstanding: z.string(), overdue: z.string(), received: z.string(), refunded: z.string(), credit: z.string() });
const StatementOut = z.object({
  contractId: z.uuid(),
  number: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  asOf: z.string(),
  settled: z.boolean(),
  lines: z.array(Line),
  receipts: z.array(z.object({ id: z.uuid(), form: z.enum(SETTLEMENT_FORMS), value: z.string(), receivedOn: z.string(), payer: z.string(), valuationNote: z.string(), evidence: z.string() })),
  refunds: z.array(z.object({ amount: z.string(), refundedOn: z.string(), note: z.string() })),
  totals: Totals,
});
const GuaranteesOut = z.object({
  items: z.array(
    z.object({ id: z.uuid(), kind: z.enum(['insurance', 'guarantee']), providerName: z.string(), providerCreditCode: z.string(), policyNo: z.string(), coverLimit: z.string(), claimedTotal: z.string(), remainingCover: z.string() }),
  ),
});
const Reason = z.strictObject({ reason: z.string().trim().min(2).max(1000), on: BusinessDateSchema.optional() });

export const contractsRoutes: FastifyPluginAsyncZod = async (app) => {
  const party = (roles: readonly (typeof PARTY_ROLES)[number][] = PARTY_ROLES) => ({ access: { roles, record: 'party' as const } });
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

  app.get(
    '/contracts',
    { config: { access: { roles: PARTY_ROLES } }, schema: { tags: TAGS, summary: 'Contracts where my organisation is a party', querystring: z.strictObject({ status: z.enum(CONTRACT_STATUSES).optional() }), response: reply(z.object({ items: z.array(ContractOut) })) } },
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
        body: z.strictObject({
          kind: z.enum(CONTRACT_KINDS),
          title: z.string().trim().min(2).max(200),
          licenseeOrgId: z.uuid(),
          achievementIds: z.array(z.uuid()).max(50),
          licenseType: z.enum(LICENSE_TYPES).nullable().optional(),
          fieldOfUse: z.string().max(500).optional(),
          territory: z.string().max(200).optional(),
        }),
        response: { 201: ContractOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await createContract(request.ctx, request.params.orgId, request.body)),
  );

  app.post(
    '/achievements/:achievementId/licence-applications',
    {
      config: { access: { roles: ['enterprise'] } },
      schema: {
        tags: TAGS,
        summary: 'A firm applies for a use-first-pay-later licence on a public achievement',
        params: z.strictObject({ achievementId: z.uuid() }),
        body: z.strictObject({ licenseeOrgId: z.uuid().optional(), note: z.string().max(2000).optional() }).nullish(),
        response: { 201: ContractOut, ...problemResponses },
      },
    },
    async (request, r) => r.status(201).send(await applyForLicence(request.ctx, request.params.achievementId, request.body ?? {})),
  );

  app.get('/contracts/:contractId', { config: party(), schema: { tags: TAGS, summary: 'One contract (its parties only)', params: Params, response: reply(ContractOut) } }, async (request) =>
    getContract(request.ctx, request.params.contractId),
  );

  app.put(
    '/contracts/:contractId/plan',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: set the payment plan (draft only); guidance warnings come back with the contract', params: Params, body: PlanSchema, response: reply(ContractOut) } },
    async (request) => setPlan(request.ctx, request.params.contractId, request.body),
  );

  app.post('/contracts/:contractId/sign', { config: party(), schema: { tags: TAGS, summary: 'Sign the current terms (each party once)', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractOut) } }, async (request) =>
    sign(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/activate',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: the signed contract comes into force; the schedule is generated', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractOut) } },
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
        response: reply(z.object({ ready: z.boolean(), items: z.array(z.object({ ok: z.boolean(), zh: z.string(), en: z.string() })), registrationNo: z.string().nullable() })),
      },
    },
    async (request) => registrationCheck(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/registration',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: record the registration number granted', params: Params, body: z.strictObject({ registrationNo: z.string().trim().min(4).max(50), registeredOn: BusinessDateSchema }), response: reply(ContractOut) },
    },
    async (request) => register(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/signed-scan',
    {
      bodyLimit: 15 * 1024 * 1024,
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: upload the signed scan (base64, at most 10 MB)', params: Params, body: z.strictObject({ filename: z.string().min(1).max(200), dataBase64: z.string().max(14_000_000) }), response: reply(ContractOut) },
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
        body: z.strictObject({ event: z.enum(TRIGGER_EVENTS), occurredOn: BusinessDateSchema, evidence: z.string().max(1000).optional() }),
        response: reply(StatementOut),
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
        body: z.strictObject({ periodStart: BusinessDateSchema, periodEnd: BusinessDateSchema, amount: MoneySchema, note: z.string().max(1000).optional() }),
        response: reply(StatementOut),
      },
    },
    async (request) => reportRevenue(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/exit',
    { config: party(LICENSEE_ROLES), schema: { tags: TAGS, summary: 'Licensee: leave the licence (within the trial nothing is owed if nothing was earned)', params: Params, body: Reason, response: reply(ContractOut) } },
    async (request) => endContract(request.ctx, request.params.contractId, request.body, 'licensee'),
  );

  app.post(
    '/contracts/:contractId/complete',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: everything is settled; the contract is completed', params: Params, body: z.strictObject({}).nullish(), response: reply(ContractOut) } },
    async (request) => completeContract(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/terminate',
    { config: party(OFFICE_ROLES), schema: { tags: TAGS, summary: 'Office: terminate; accrued amounts stay due', params: Params, body: Reason, response: reply(ContractOut) } },
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
        body: z.strictObject({
          form: z.enum(SETTLEMENT_FORMS),
          value: MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') }),
          currency: z.string().regex(/^[A-Z]{3}$/, { message: bilingual('币种须为三位大写代码，如 CNY', 'currency is a 3-letter code such as CNY') }),
          receivedOn: BusinessDateSchema,
          valuationNote: z.string().max(1000).optional().describe('How a non-cash settlement was valued'),
          evidence: z.string().max(1000).optional(),
        }),
        response: {
          201: z.object({ receiptId: z.uuid(), allocations: z.array(z.object({ obligationKey: z.string(), amount: z.string() })), credit: z.string(), replayed: z.boolean() }),
          ...problemResponses,
        },
      },
    },
    async (request, r) => r.status(201).send(await recordPayment(request.ctx, request.params.contractId, request.body, request.headers['idempotency-key'])),
  );

  app.post(
    '/contracts/:contractId/refunds',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: refund overpaid credit', params: Params, body: z.strictObject({ amount: MoneySchema, refundedOn: BusinessDateSchema, note: z.string().max(500).optional() }), response: reply(StatementOut) },
    },
    async (request) => recordRefund(request.ctx, request.params.contractId, request.body),
  );

  app.get('/contracts/:contractId/statement', { config: party(), schema: { tags: TAGS, summary: 'Statement: obligations, payments against them, receipts, credit', params: Params, response: reply(StatementOut) } }, async (request) =>
    statement(request.ctx, request.params.contractId),
  );

  app.get(
    '/orgs/:orgId/contracts/statement',
    {
      config: { access: { roles: ['tto_officer', 'org_admin', 'enterprise', 'admin'], org: { param: 'orgId', global: ['admin'] } } },
      schema: {
        tags: TAGS,
        summary: "An organisation's position across its contracts",
        params: z.strictObject({ orgId: z.uuid() }),
        response: reply(z.object({ organisationId: z.uuid(), items: z.array(z.object({ contractId: z.uuid(), number: z.string(), status: z.enum(CONTRACT_STATUSES), totals: Totals, settled: z.boolean() })), outstanding: z.string(), overdue: z.string() })),
      },
    },
    async (request) => counterpartyStatement(request.ctx, request.params.orgId),
  );

  app.get('/contracts/:contractId/guarantees', { config: party(), schema: { tags: TAGS, summary: 'Guarantees and insurance behind the contract', params: Params, response: reply(GuaranteesOut) } }, async (request) =>
    listGuarantees(request.ctx, request.params.contractId),
  );

  app.post(
    '/contracts/:contractId/guarantees',
    {
      config: party(OFFICE_ROLES),
      schema: {
        tags: TAGS,
        summary: 'Office: record a guarantor or insurer with its cover',
        params: Params,
        body: z.strictObject({ kind: z.enum(['insurance', 'guarantee']), providerName: z.string().trim().min(2).max(200), providerCreditCode: CreditCodeSchema, policyNo: z.string().max(100).optional(), coverLimit: MoneySchema }),
        response: reply(GuaranteesOut),
      },
    },
    async (request) => addGuarantee(request.ctx, request.params.contractId, request.body),
  );

  app.post(
    '/contracts/:contractId/guarantees/:guaranteeId/claims',
    {
      config: party(OFFICE_ROLES),
      schema: { tags: TAGS, summary: 'Office: claim on default; the insurer pays first (先行赔付) and the default is marked on the firm', params: Params.extend({ guaranteeId: z.uuid() }), body: z.strictObject({}).nullish(), response: reply(StatementOut) },
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
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), reason: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })) })),
      },
    },
    async (request) => contractTimeline(request.ctx, request.params.contractId),
  );
};
