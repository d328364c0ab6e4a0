import { z } from 'zod';
import { FUNDING_TYPES, IP_TYPES, TRANSFORMATION_MODES } from '../achievements.js';

/**
 * Request and response shapes of the reports module (server/modules/reports): the annual report
 * of an institution (科技成果转化年度报告, DOMAIN §14), generated from the ledger.
 */

export const ReportOrgParams = z.strictObject({ orgId: z.uuid() });
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).describe('The report year, e.g. 2026') });

const Count = z.number().int();
export const ProjectLineOut = z.object({
  number: z.string(),
  title: z.string(),
  mode: z.enum(TRANSFORMATION_MODES),
  modeLabel: z.string(),
  counterparty: z.string().nullable(),
  contractAmount: z.string(),
  received: z.string(),
  date: z.string(),
});
export type ProjectLine = z.infer<typeof ProjectLineOut>;

export const AnnualReportOut = z.object({
  year: Count,
  period: z.object({ from: z.string(), to: z.string() }),
  organisation: z.object({ id: z.uuid(), name: z.string(), creditCode: z.string() }),
  title: z.string(),
  obtained: z.object({
    total: Count,
    basis: z.string(),
    byType: z.array(z.object({ ipType: z.enum(IP_TYPES), label: z.string(), count: Count })),
    bySource: z.array(z.object({ fundingType: z.enum(FUNDING_TYPES), label: z.string(), count: Count })),
  }),
  transformations: z.object({ total: Count, basis: z.string(), byMode: z.array(z.object({ mode: z.enum(TRANSFORMATION_MODES), label: z.string(), count: Count, amount: z.string() })) }),
  contracts: z.object({ count: Count, amount: z.string(), bands: z.array(z.object({ band: z.enum(['gte_1m', 'lt_1m']), label: z.string(), count: Count, amount: z.string() })) }),
  receivedInYear: z.object({ amount: z.string(), basis: z.string() }),
  equityCompanies: z.object({ count: Count, basis: z.string(), items: z.array(z.object({ companyName: z.string(), companyCreditCode: z.string(), acquiredOn: z.string() })) }),
  rewards: z.object({ cash: z.string(), taxable: z.string(), cashPeople: Count, equity: z.string(), equityPeople: Count, total: z.string(), basis: z.string() }),
  projects: z.array(ProjectLineOut),
});
export type AnnualReport = z.infer<typeof AnnualReportOut>;
