import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BusinessDateSchema, CreditCodeSchema, problemResponses } from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import { MoneySchema, ShareSchema } from '../../../common/schemas.js';
import { acceptProject, addEntry, allocateProject, COST_CATEGORIES, createProject, getProject, listProjects, PROJECT_STATUSES, previewAllocation, projectTimeline } from './projects.service.js';
import { ALLOCATION_FORMS } from './surplus.rules.js';

const TAGS = ['projects'];
const OFFICE = ['tto_officer', 'org_admin'] as const;
const READERS = ['researcher', 'tto_officer', 'org_admin', 'bureau', 'admin'] as const;
const Params = z.strictObject({ projectId: z.uuid() });
const Ratio = (what: { zh: string; en: string }) =>
  z.string().regex(/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/, { message: bilingual(`${what.zh}须为 0 到 1 之间的小数（至多 6 位小数）`, `${what.en} is a decimal from 0 to 1 (at most 6 decimals)`) });
const Positive = MoneySchema.refine((s) => Number(s) > 0, { message: bilingual('金额须大于零', 'the amount must be positive') });
const Text = (min: number, max: number) => z.string().trim().min(min).max(max);
const IdemHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

const Clause = z.object({ zh: z.string(), en: z.string() });
const Explained = z.object({ value: z.string(), inputs: z.record(z.string(), z.string()), rule: Clause, policyVersion: z.number().int().nullable(), clause: Clause.nullable() });
const Completer = z.object({ id: z.uuid(), name: z.string(), userId: z.uuid().nullable(), share: z.string(), isHead: z.boolean(), isMe: z.boolean() });
const Summary = z.object({
  id: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  client: z.object({ name: z.string(), creditCode: z.string() }),
  contractNo: z.string(),
  contractId: z.uuid().nullable(),
  managementFee: z.object({ kind: z.enum(['rate', 'amount']), rate: z.string().nullable(), amount: z.string().nullable() }),
  allocationRatio: z.string(),
  allocationFloor: z.object({ ratio: z.string(), clause: Clause }),
  status: z.enum(PROJECT_STATUSES),
  acceptedOn: z.string().nullable(),
  surplus: z.string().nullable(),
  completers: z.array(Completer),
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
const Entry = z.object({ id: z.uuid(), category: z.string(), label: z.string(), amount: z.string(), on: z.string(), evidence: z.string(), recordedAt: z.string() });
const LineExplanation = z.object({ inputs: z.record(z.string(), z.string()), rule: Clause, clause: Clause });
const TechStake = z.object({ formedPct: z.string(), teamPct: z.string(), heldBackPct: z.string(), rule: Clause, clause: Clause }).nullable();
const Totals = z.object({ cashPaid: z.string(), cashContributed: z.string(), techPct: z.string() });
const Allocation = z.object({
  form: z.enum(ALLOCATION_FORMS),
  allocatedOn: z.string(),
  company: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
  pool: Explained,
  techStake: TechStake,
  totals: Totals,
  lines: z.array(
    z.object({
      completerId: z.uuid(),
      personId: z.string(),
      userId: z.uuid().nullable(),
      name: z.string(),
      share: z.string(),
      isHead: z.boolean(),
      isMe: z.boolean(),
      takes: z.enum(['cash', 'shares']).describe("'cash': paid to the person; 'shares': contributed to the company in their name, with a technology stake"),
      cashPart: z.string().describe('Money (yuan): the cash part'),
      techPartPct: z.string().describe('Percent of the company from the technology stake, 6 decimals'),
      explanation: LineExplanation,
    }),
  ),
});
const Figures = z.object({ receipts: Explained, directCosts: Explained, managementFee: Explained, surplus: Explained });
const ProjectOut = Summary.extend({
  acceptanceDocument: z.string().nullable(),
  finalAccountsDocument: z.string().nullable(),
  receipts: z.array(Entry),
  costs: z.array(Entry),
  figures: Figures,
  recognised: z.boolean().describe('False before acceptance: the figures are a projection'),
  allocation: Allocation.nullable(),
});

const FeeRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('rate'), rate: Ratio({ zh: '管理费率', en: 'the fee rate' }) }),
  z.strictObject({ kind: z.literal('amount'), amount: MoneySchema }),
]);

const AllocationBody = z.strictObject({
  form: z.enum(ALLOCATION_FORMS),
  company: z.strictObject({ name: Text(2, 200), creditCode: CreditCodeSchema }).nullable().optional(),
  techStakeFormedPct: z
    .string()
    .regex(/^\d{1,3}(?:\.\d{1,6})?$/, { message: bilingual('技术入股形成的股权比例须为百分数，如 "10" 表示 10%', 'the technology stake is a percentage, e.g. "10" for 10%') })
    .optional()
    .describe('Stake of the company formed by the technology, percent'),
  cashTakers: z.array(z.uuid()).max(50).optional().describe('Completer ids who take cash instead of shares (heads of the institution must)'),
});

export const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });
  const office = { access: { roles: OFFICE, record: 'party' as const } };
  const readers = { access: { roles: READERS, record: 'party' as const } };

  app.get(
    '/projects',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: TAGS,
        summary: "Contract-research projects I may see: my institution's (office), my own (completer), all (bureau)",
        querystring: z.strictObject({ orgId: z.uuid().optional(), status: z.enum(PROJECT_STATUSES).optional() }),
        response: reply(z.object({ items: z.array(Summary) })),
      },
    },
    async (request) => listProjects(request.ctx, request.query),
  );

  app.post(
    '/orgs/:orgId/projects',
    {
      config: { access: { roles: OFFICE, org: { param: 'orgId' } } },
      schema: {
        tags: TAGS,
        summary: 'Office: register a contract-research project (横向科研项目) with its client, completers, fee rule and allocation ratio',
        params: z.strictObject({ orgId: z.uuid() }),
        body: z.strictObject({
          title: Text(2, 200),
          client: z.strictObject({ name: Text(2, 200), creditCode: CreditCodeSchema }),
          contractNo: Text(0, 60).optional(),
          contractId: z.uuid().nullable().optional().describe('A contract of the contracts module, where this institution is the licensor'),
          managementFee: FeeRule,
          allocationRatio: Ratio({ zh: '分配比例', en: 'the allocation ratio' }).describe('Share r of the surplus to the completers; at least 0.5'),
          completers: z
            .array(z.strictObject({ name: Text(1, 50), userId: z.uuid().nullable().optional(), share: ShareSchema, isHead: z.boolean().optional().describe('正职领导: cash only') }))
            .min(1)
            .max(50),
        }),
        response: { 201: ProjectOut, ...problemResponses, 422: problemResponses[400] },
      },
    },
    async (request, r) => r.status(201).send(await createProject(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/projects/:projectId', { config: readers, schema: { tags: TAGS, summary: 'One project: receipts, costs, surplus with its explanation, allocation', params: Params, response: reply(ProjectOut) } }, async (request) =>
    getProject(request.ctx, request.params.projectId),
  );

  const entryOut = { 201: z.object({ entryId: z.uuid(), replayed: z.boolean(), project: ProjectOut }), ...problemResponses, 409: problemResponses[400] };
  app.post(
    '/projects/:projectId/receipts',
    {
      config: office,
      schema: {
        tags: TAGS,
        summary: 'Office: record a receipt of project funds with its evidence (before acceptance); send Idempotency-Key',
        params: Params,
        headers: IdemHeaders,
        body: z.strictObject({ label: Text(1, 200), amount: Positive, receivedOn: BusinessDateSchema, evidence: Text(2, 1000).describe('Bank slip, invoice number …') }),
        response: entryOut,
      },
    },
    async (request, r) => {
      const { receivedOn, ...rest } = request.body;
      return r.status(201).send(await addEntry(request.ctx, request.params.projectId, 'receipt', { ...rest, on: receivedOn }, request.headers['idempotency-key']));
    },
  );

  app.post(
    '/projects/:projectId/costs',
    {
      config: office,
      schema: {
        tags: TAGS,
        summary: 'Office: record one direct cost with its evidence (before acceptance); send Idempotency-Key',
        params: Params,
        headers: IdemHeaders,
        body: z.strictObject({ category: z.enum(COST_CATEGORIES), label: Text(1, 200), amount: Positive, incurredOn: BusinessDateSchema, evidence: Text(2, 1000) }),
        response: entryOut,
      },
    },
    async (request, r) => {
      const { incurredOn, ...rest } = request.body;
      return r.status(201).send(await addEntry(request.ctx, request.params.projectId, 'cost', { ...rest, on: incurredOn }, request.headers['idempotency-key']));
    },
  );

  app.post(
    '/projects/:projectId/acceptance',
    {
      config: office,
      schema: {
        tags: TAGS,
        summary: 'Office: acceptance (结题验收) and final accounts (决算); the surplus is recognised as transfer income',
        params: Params,
        body: z.strictObject({ acceptedOn: BusinessDateSchema, acceptanceDocument: Text(2, 200).describe('验收意见/证书编号'), finalAccountsDocument: Text(2, 200).describe('决算报告编号') }),
        response: { ...reply(ProjectOut), 409: problemResponses[400] },
      },
    },
    async (request) => acceptProject(request.ctx, request.params.projectId, request.body),
  );

  const AllocationPreview = z.object({ form: z.enum(ALLOCATION_FORMS), pool: Explained, techStake: TechStake, totals: Totals, company: z.object({ name: z.string(), creditCode: z.string() }).nullable(), headClause: Clause, lines: z.array(z.object({ personId: z.string(), name: z.string(), share: z.string(), isHead: z.boolean(), takes: z.enum(['cash', 'shares']), cashPart: z.string(), techPartPct: z.string(), explanation: LineExplanation })) });
  app.post(
    '/projects/:projectId/allocation/preview',
    {
      config: office,
      schema: { tags: TAGS, summary: 'Office: what an allocation would give, with every explanation; nothing is recorded', params: Params, body: AllocationBody, response: { ...reply(AllocationPreview), 409: problemResponses[400], 422: problemResponses[400] } },
    },
    async (request) => previewAllocation(request.ctx, request.params.projectId, request.body),
  );

  app.post(
    '/projects/:projectId/allocation',
    {
      config: office,
      schema: {
        tags: TAGS,
        summary: 'Office: allocate surplus × r to the completers by contribution, in cash or as cash + technology (现金入股+技术入股); send Idempotency-Key',
        params: Params,
        headers: IdemHeaders,
        body: AllocationBody,
        response: { 201: ProjectOut.extend({ replayed: z.boolean() }), ...problemResponses, 409: problemResponses[400], 422: problemResponses[400] },
      },
    },
    async (request, r) => r.status(201).send(await allocateProject(request.ctx, request.params.projectId, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/projects/:projectId/timeline',
    {
      config: readers,
      schema: {
        tags: TAGS,
        summary: 'Every ledger event of the project',
        params: Params,
        response: reply(z.object({ items: z.array(z.object({ seq: z.number().int(), type: z.string(), at: z.string(), actorUserId: z.string().nullable(), reason: z.string().nullable(), payload: z.record(z.string(), z.unknown()) })) })),
      },
    },
    async (request) => projectTimeline(request.ctx, request.params.projectId),
  );
};
