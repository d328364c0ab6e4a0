import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AnnualReportOut, ReportOrgParams, YearQuery } from '../../../common/api/reports.js';
import { OFFICE_ROLES, OVERSIGHT_ROLES } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { buildAnnualReport } from './reports.annual.js';
import { annualReportPdf, annualReportXlsx } from './reports.annual.files.js';

const route = routeSpecs(['reports']);
const reportAccess = { roles: [...OFFICE_ROLES, 'bureau' as const], org: { param: 'orgId', global: OVERSIGHT_ROLES } };

const fileName = (orgName: string, year: number, ext: string) => encodeURIComponent(`${orgName}-${year}年度科技成果转化年度报告.${ext}`);

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/reports/annual',
    route(reportAccess, { summary: '科技成果转化年度报告 of a year, generated from the ledger (DOMAIN §14)', params: ReportOrgParams, querystring: YearQuery, response: AnnualReportOut }),
    async (request) => buildAnnualReport(request.ctx, request.params.orgId, request.query.year),
  );

  app.get(
    '/orgs/:orgId/reports/annual.xlsx',
    route(reportAccess, { summary: 'The annual report as .xlsx (sheets 汇总 and 项目清单)', params: ReportOrgParams, querystring: YearQuery }),
    async (request, reply) => {
      const report = await buildAnnualReport(request.ctx, request.params.orgId, request.query.year);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(report.organisation.name, report.year, 'xlsx')}`)
        .send(await annualReportXlsx(report));
    },
  );

  app.get(
    '/orgs/:orgId/reports/annual.pdf',
    route(reportAccess, { summary: 'The annual report as PDF (Chinese font embedded)', params: ReportOrgParams, querystring: YearQuery }),
    async (request, reply) => {
      const report = await buildAnnualReport(request.ctx, request.params.orgId, request.query.year);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(report.organisation.name, report.year, 'pdf')}`)
        .send(await annualReportPdf(report));
    },
  );
};
