import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../lib/schemas.js';
import { listAnnuities } from './achievements.annuities.js';
import { annualReportPdf, annualReportXlsx, buildAnnualReport } from './achievements.report.js';
import { OrgParams } from './achievements.schemas.js';

const TAGS = ['reports'];
const reportAccess = { roles: ['tto_officer', 'org_admin', 'admin', 'bureau'] as const, org: { param: 'orgId', global: ['admin', 'bureau'] as const } };
const officeAccess = { roles: ['tto_officer', 'org_admin', 'admin'] as const, org: { param: 'orgId', global: ['admin'] as const } };

const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).describe('The report year, e.g. 2026') });

const Count = z.number().int();
const AnnualReportOut = z.object({
  year: Count,
  period: z.object({ from: z.string(), to: z.string() }),
  organisation: z.object({ id: z.uuid(), name: z.string(), creditCode: z.string() }),
  title: z.string(),
  obtained: z.object({
    total: Count,
    basis: z.string(),
    byType: z.array(z.object({ ipType: z.string(), label: z.string(), count: Count })),
    bySource: z.array(z.object({ fundingType: z.string(), label: z.string(), count: Count })),
  }),
  transformations: z.object({ total: Count, basis: z.string(), byMode: z.array(z.object({ mode: z.string(), label: z.string(), count: Count, amount: z.string() })) }),
  contracts: z.object({ count: Count, amount: z.string(), bands: z.array(z.object({ band: z.string(), label: z.string(), count: Count, amount: z.string() })) }),
  receivedInYear: z.object({ amount: z.string(), basis: z.string() }),
  equityCompanies: z.object({ count: Count, basis: z.string(), items: z.array(z.object({ companyName: z.string(), companyCreditCode: z.string(), acquiredOn: z.string() })) }),
  rewards: z.object({ cash: z.string(), taxable: z.string(), cashPeople: Count, equity: z.string(), equityPeople: Count, total: z.string(), basis: z.string() }),
  projects: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      mode: z.string(),
      modeLabel: z.string(),
      counterparty: z.string().nullable(),
      contractAmount: z.string(),
      received: z.string(),
      date: z.string(),
    }),
  ),
});

const AnnuitiesOut = z.object({
  today: z.string(),
  within: Count,
  items: z.array(
    z.object({
      filingId: z.uuid(),
      achievementId: z.uuid(),
      number: z.string(),
      title: z.string(),
      ipType: z.string(),
      applicationNo: z.string(),
      nextAnnuityDue: z.string(),
      payableBy: z.string(),
      daysLeft: Count,
      remindedFor: z.string().nullable(),
    }),
  ),
});

const fileName = (orgName: string, year: number, ext: string) => encodeURIComponent(`${orgName}-${year}年度科技成果转化年度报告.${ext}`);

export const achievementsReportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/orgs/:orgId/reports/annual',
    {
      config: { access: reportAccess },
      schema: { tags: TAGS, summary: '科技成果转化年度报告 of a year, generated from the ledger (DOMAIN §14)', params: OrgParams, querystring: YearQuery, response: { 200: AnnualReportOut, ...problemResponses } },
    },
    async (request) => buildAnnualReport(request.ctx, request.params.orgId, request.query.year),
  );

  app.get(
    '/orgs/:orgId/reports/annual.xlsx',
    {
      config: { access: reportAccess },
      schema: { tags: TAGS, summary: 'The annual report as .xlsx (sheets 汇总 and 项目清单)', params: OrgParams, querystring: YearQuery },
    },
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
    {
      config: { access: reportAccess },
      schema: { tags: TAGS, summary: 'The annual report as PDF (Chinese font embedded)', params: OrgParams, querystring: YearQuery },
    },
    async (request, reply) => {
      const report = await buildAnnualReport(request.ctx, request.params.orgId, request.query.year);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${fileName(report.organisation.name, report.year, 'pdf')}`)
        .send(await annualReportPdf(report));
    },
  );

  app.get(
    '/orgs/:orgId/achievements/annuities',
    {
      config: { access: officeAccess },
      schema: {
        tags: ['achievements'],
        summary: 'Patent annuities falling due within N days (payable date rolled to a Chinese working day)',
        params: OrgParams,
        querystring: z.object({ within: z.coerce.number().int().min(1).max(366).default(90) }),
        response: { 200: AnnuitiesOut, ...problemResponses },
      },
    },
    async (request) => listAnnuities(request.ctx, request.params.orgId, request.query.within),
  );
};
