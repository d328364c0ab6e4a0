import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/schemas.js';
import { ListQuery, OrgParams } from './achievements.schemas.js';
import { assertOffice, createImport, exportFilename, getImport, listImports, writeExport } from './achievements.exchange.service.js';

/** Import and export of an institution's ledger (台账): .xlsx with Chinese headers, or JSON Lines. */

const TAGS = ['achievements'];
const officeAccess = { roles: ['tto_officer', 'org_admin', 'admin'] as const, org: { param: 'orgId', global: ['admin'] as const } };

const ImportBody = z.strictObject({
  filename: z.string().trim().min(1).max(200),
  format: z.enum(['xlsx', 'jsonl']),
  dataBase64: z.string().min(1).max(60_000_000).describe('The file, base64 (at most 44 MB)'),
  mode: z.enum(['all_or_nothing', 'valid_only']).optional().describe('all_or_nothing (default): nothing is written unless every row is valid; valid_only: the valid rows are imported'),
  publish: z.boolean().optional().describe('Publish rows with a TRL (recorded as assessed, visibility public) unless the file marks them internal or confidential'),
});

const ReportEntry = z.object({
  row: z.number().int().nullable().describe('Spreadsheet row (header = 1) or JSON line; null for the whole file'),
  column: z.string().nullable().describe('Column header (.xlsx) or key (JSON Lines)'),
  level: z.enum(['error', 'warning']),
  message: z.string().describe("In the caller's language"),
});

const ImportOut = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  filename: z.string(),
  format: z.enum(['xlsx', 'jsonl']),
  mode: z.enum(['all_or_nothing', 'valid_only']),
  publish: z.boolean(),
  status: z.enum(['pending', 'validating', 'importing', 'completed', 'failed', 'rejected']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  report: z.array(ReportEntry),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const ExportQuery = ListQuery.omit({ sort: true, order: true, page: true, pageSize: true }).extend({
  format: z.enum(['xlsx', 'jsonl']).default('xlsx'),
});

export const achievementsExchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orgs/:orgId/achievements/imports',
    {
      bodyLimit: 62 * 1024 * 1024,
      config: { access: officeAccess },
      schema: {
        tags: TAGS,
        summary: 'Office: import a ledger file (.xlsx or JSON Lines); validated row by row, then written as one transaction by a job',
        params: OrgParams,
        body: ImportBody,
        response: { 202: ImportOut, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(202).send(await createImport(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/orgs/:orgId/achievements/imports',
    {
      config: { access: officeAccess },
      schema: { tags: TAGS, summary: 'Office: recent imports (without their reports)', params: OrgParams, response: { 200: z.object({ items: z.array(ImportOut) }), ...problemResponses } },
    },
    async (request) => listImports(request.ctx, request.params.orgId),
  );

  app.get(
    '/orgs/:orgId/achievements/imports/:importId',
    {
      config: { access: officeAccess },
      schema: {
        tags: TAGS,
        summary: 'Office: one import with its progress and its row-by-row report',
        params: OrgParams.extend({ importId: z.uuid() }),
        response: { 200: ImportOut, ...problemResponses },
      },
    },
    async (request) => getImport(request.ctx, request.params.orgId, request.params.importId),
  );

  app.get(
    '/orgs/:orgId/achievements/export',
    {
      config: { access: officeAccess },
      schema: {
        tags: TAGS,
        summary: 'Office: the ledger as .xlsx (Chinese headers) or JSON Lines, with the filters of the list',
        params: OrgParams,
        querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-ndjson'],
        response: { ...problemResponses },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const filename = await exportFilename(request.ctx.db, request.params.orgId, format, request.ctx.now);
      // Access is checked before the first byte, so that a refusal is still a problem+json answer.
      assertOffice(request.ctx, request.params.orgId);
      const out = new PassThrough();
      writeExport(request.ctx, request.params.orgId, filter, format, out).catch((err: unknown) => {
        request.log.error({ err }, 'export failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply
        .header('content-type', format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="achievements.${format}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(out as never); // a stream: the problem schemas above describe refusals only
    },
  );
};
