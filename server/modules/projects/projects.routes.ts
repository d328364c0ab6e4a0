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
import { routeSpecs } from '../../lib/routes.js';
import { acceptProject, addEntry, allocateProject, createProject, getProject, listProjects, previewAllocation, projectTimeline } from './projects.service.js';

const route = routeSpecs(['projects']);
const READERS = [...new Set([...INSTITUTION_ROLES, ...OVERSIGHT_ROLES])];
const Params = z.strictObject({ projectId: z.uuid() });
const IdemHeaders = z.object({ 'idempotency-key': z.string().max(200).optional() }).passthrough();

export const projectsRoutes: FastifyPluginAsyncZod = async (app) => {
  // One project: the service answers 404 to whoever may not see it (another institution, a researcher who is not a completer).
  const office = { roles: OFFICE_ROLES };
  const readers = { roles: READERS };

  app.get(
    '/projects',
    route(
      { roles: READERS },
      { summary: "Contract-research projects I may see: my institution's (office), my own (completer), all (bureau)", querystring: ProjectListQuerySchema, response: ProjectPageSchema },
    ),
    async (request) => listProjects(request.ctx, request.query),
  );

  app.post(
    '/orgs/:orgId/projects',
    route(
      { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } },
      {
        summary: 'Office: register a contract-research project (横向科研项目) with its client, completers, fee rule and allocation ratio',
        params: z.strictObject({ orgId: z.uuid() }),
        body: NewProjectSchema,
        problems: [422],
        response: ProjectSchema,
        status: 201,
      },
    ),
    async (request, r) => r.status(201).send(await createProject(request.ctx, request.params.orgId, request.body)),
  );

  app.get('/projects/:projectId', route(readers, { summary: 'One project: receipts, costs, surplus with its explanation, allocation', params: Params, response: ProjectSchema }), async (request) =>
    getProject(request.ctx, request.params.projectId),
  );

  app.post(
    '/projects/:projectId/receipts',
    route(office, {
      summary: 'Office: record a receipt of project funds with its evidence (before acceptance); send Idempotency-Key',
      params: Params,
      headers: IdemHeaders,
      body: ReceiptBodySchema,
      problems: [409],
      response: EntryResultSchema,
      status: 201,
    }),
    async (request, r) => {
      const { receivedOn, ...rest } = request.body;
      return r.status(201).send(await addEntry(request.ctx, request.params.projectId, 'receipt', { ...rest, on: receivedOn }, request.headers['idempotency-key']));
    },
  );

  app.post(
    '/projects/:projectId/costs',
    route(office, {
      summary: 'Office: record one direct cost with its evidence (before acceptance); send Idempotency-Key',
      params: Params,
      headers: IdemHeaders,
      body: CostBodySchema,
      problems: [409],
      response: EntryResultSchema,
      status: 201,
    }),
    async (request, r) => {
      const { incurredOn, ...rest } = request.body;
      return r.status(201).send(await addEntry(request.ctx, request.params.projectId, 'cost', { ...rest, on: incurredOn }, request.headers['idempotency-key']));
    },
  );

  app.post(
    '/projects/:projectId/acceptance',
    route(office, {
      summary: 'Office: acceptance (结题验收) and final accounts (决算); the surplus is recognised as transfer income',
      params: Params,
      body: AcceptanceBodySchema,
      response: ProjectSchema,
      problems: [409],
    }),
    async (request) => acceptProject(request.ctx, request.params.projectId, request.body),
  );

  app.post(
    '/projects/:projectId/allocation/preview',
    route(office, {
      summary: 'Office: what an allocation would give, with every explanation; nothing is recorded',
      params: Params,
      body: AllocationBodySchema,
      response: AllocationPreviewSchema,
      problems: [409, 422],
    }),
    async (request) => previewAllocation(request.ctx, request.params.projectId, request.body),
  );

  app.post(
    '/projects/:projectId/allocation',
    route(office, {
      summary: 'Office: allocate surplus × r to the completers by contribution, in cash or as cash + technology (现金入股+技术入股); send Idempotency-Key',
      params: Params,
      headers: IdemHeaders,
      body: AllocationBodySchema,
      problems: [409, 422],
      response: AllocatedProjectSchema,
      status: 201,
    }),
    async (request, r) => r.status(201).send(await allocateProject(request.ctx, request.params.projectId, request.body, request.headers['idempotency-key'])),
  );

  app.get('/projects/:projectId/timeline', route(readers, { summary: 'Every ledger event of the project', params: Params, response: ProjectTimelineSchema }), async (request) =>
    projectTimeline(request.ctx, request.params.projectId),
  );
};
