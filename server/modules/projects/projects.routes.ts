import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptanceBodySchema,
  AllocatedProjectSchema,
  AllocationBodySchema,
  AllocationPreviewSchema,
  CostBodySchema,
  EntryResultSchema,
  NewProjectSchema,
  ProjectListQuerySchema,
  ProjectPageSchema,
  ProjectSchema,
  ProjectTimelineSchema,
  ReceiptBodySchema,
} from '../../../common/api/projects.js';
import { INSTITUTION_ROLES, OFFICE_ROLES, OVERSIGHT_ROLES } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { acceptProject, addEntry, allocateProject, createProject, getProject, listProjects, previewAllocation, projectTimeline } from './projects.service.js';

const TAGS = ['projects'];
const READERS = [...new Set([...INSTITUTION_ROLES, ...OVERSIGHT_ROLES])];
const Params = z.strictObject({ projectId: z.uuid() });
const IdemHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

export const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });
  // One project: the service answers 404 to whoever may not see it (another institution, a researcher who is not a completer).
  const office = { access: { roles: OFFICE_ROLES } };
  const readers = { access: { roles: READERS } };

  app.get(
    '/projects',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: TAGS,
        summary: "Contract-research projects I may see: my institution's (office), my own (completer), all (bureau)",
        querystring: ProjectListQuerySchema,
        response: reply(ProjectPageSchema),
      },
    },
    async (request) => listProjects(request.ctx, request.query),
  );

  app.post(
    '/orgs/:orgId/projects',
    {
      config: { access: { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } } },
      schema: {
        tags: TAGS,
        summary: 'Office: register a contract-research project (横向科研项目) with its client, completers, fee rule and allocation ratio',
        params: z.strictObject({ orgId: z.uuid() }),
        body: NewProjectSchema,
        response: { 201: ProjectSchema, ...problemResponses, 422: problemResponses[400] },
      },
    },
    async (request, r) => r.status(201).send(await createProject(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/projects/:projectId', { config: readers, schema: { tags: TAGS, summary: 'One project: receipts, costs, surplus with its explanation, allocation', params: Params, response: reply(ProjectSchema) } }, async (request) =>
    getProject(request.ctx, request.params.projectId),
  );

  const entryOut = { 201: EntryResultSchema, ...problemResponses, 409: problemResponses[400] };
  app.post(
    '/projects/:projectId/receipts',
    {
      config: office,
      schema: {
        tags: TAGS,
        summary: 'Office: record a receipt of project funds with its evidence (before acceptance); send Idempotency-Key',
        params: Params,
        headers: IdemHeaders,
        body: ReceiptBodySchema,
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
        body: CostBodySchema,
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
        body: AcceptanceBodySchema,
        response: { ...reply(ProjectSchema), 409: problemResponses[400] },
      },
    },
    async (request) => acceptProject(request.ctx, request.params.projectId, request.body),
  );

  app.post(
    '/projects/:projectId/allocation/preview',
    {
      config: office,
      schema: { tags: TAGS, summary: 'Office: what an allocation would give, with every explanation; nothing is recorded', params: Params, body: AllocationBodySchema, response: { ...reply(AllocationPreviewSchema), 409: problemResponses[400], 422: problemResponses[400] } },
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
        body: AllocationBodySchema,
        response: { 201: AllocatedProjectSchema, ...problemResponses, 409: problemResponses[400], 422: problemResponses[400] },
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
        response: reply(ProjectTimelineSchema),
      },
    },
    async (request) => projectTimeline(request.ctx, request.params.projectId),
  );
};
