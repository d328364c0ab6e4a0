import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportQuery, ImportBody, ImportListOut, ImportListQuery, ImportOut, OrgParams } from '../../../common/api/achievements.js';
import { OFFICE_ROLES } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { routeSpecs, sendFile, XLSX_TYPE } from '../../lib/routes.js';
import { exportFilename, writeExport } from './achievements.exchange.export.js';
import { assertOffice, createImport, getImport, listImports } from './achievements.imports.js';

/** Import and export of an institution's ledger (台账): .xlsx with Chinese headers, or JSON Lines. */

const route = routeSpecs(['achievements']);
const officeAccess = { roles: OFFICE_ROLES, org: { param: 'orgId', global: ['admin'] as const } };

export const achievementsExchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/orgs/:orgId/achievements/imports',
    route(officeAccess, {
      summary: 'Office: import a ledger file (.xlsx or JSON Lines); validated row by row, then written as one transaction by a job',
      params: OrgParams,
      body: ImportBody,
      response: ImportOut,
      status: 202,
      bodyLimit: 62 * 1024 * 1024,
    }),
    async (request, reply) => reply.status(202).send(await createImport(request.ctx, request.params.orgId, request.body)),
  );

  app.get(
    '/orgs/:orgId/achievements/imports',
    route(officeAccess, { summary: 'Office: the imports, newest first (without their reports)', params: OrgParams, querystring: ImportListQuery, response: ImportListOut }),
    async (request) => listImports(request.ctx, request.params.orgId, request.query),
  );

  app.get(
    '/orgs/:orgId/achievements/imports/:importId',
    route(officeAccess, { summary: 'Office: one import with its progress and its row-by-row report', params: OrgParams.extend({ importId: z.uuid() }), response: ImportOut }),
    async (request) => getImport(request.ctx, request.params.orgId, request.params.importId),
  );

  app.get(
    '/orgs/:orgId/achievements/export',
    {
      config: { access: officeAccess },
      schema: {
        tags: route.tags,
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
      // A stream: the problem schemas above describe refusals only, so the plain reply sends it.
      const type = format === 'xlsx' ? XLSX_TYPE : 'application/x-ndjson; charset=utf-8';
      return sendFile(reply, { type, filename, asciiName: `achievements.${format}`, body: out });
    },
  );
};
