import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AnnualReportOut, ReportOrgParams, YearQuery } from '../../../common/api/reports.js';
import { OFFICE_ROLES, OVERSIGHT_ROLES } from '../../../common/roles.js';
import { routeSpecs, sendFile, PDF_TYPE, XLSX_TYPE } from '../../lib/routes.js';
import { buildAnnualReport } from './reports.annual.js';
import { annualReportPdf, annualReportXlsx } from './reports.annual.files.js';

const route = routeSpecs(['reports']);
const reportAccess = { roles: [...OFFICE_ROLES, 'bureau' as const], org: { param: 'orgId', global: OVERSIGHT_ROLES } };

const fileName = (orgName: string, year: number, ext: string) => `${orgName}-${year}年度科技成果转化年度报告.${ext}`;

/** The annual report's downloads, one route each. */
const FILES = [
  { ext: 'xlsx', type: XLSX_TYPE, summary: 'The annual report as .xlsx (sheets 汇总 and 项目清单)', render: annualReportXlsx },
  { ext: 'pdf', type: PDF_TYPE, summary: 'The annual report as PDF (Chinese font embedded)', render: annualReportPdf },
] as const;

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/reports/annual',
    route(reportAccess, { summary: '科技成果转化年度报告 of a year, generated from the ledger (DOMAIN §14)', params: ReportOrgParams, querystring: YearQuery, response: AnnualReportOut }),
    async (request) => buildAnnualReport(request.ctx, request.params.orgId, request.query.year),
  );

  for (const file of FILES) {
    app.get(`/orgs/:orgId/reports/annual.${file.ext}`, route(reportAccess, { summary: file.summary, params: ReportOrgParams, querystring: YearQuery }), async (request, reply) => {
      const report = await buildAnnualReport(request.ctx, request.params.orgId, request.query.year);
      return sendFile(reply, { type: file.type, filename: fileName(report.organisation.name, report.year, file.ext), body: await file.render(report) });
    });
  }
};
