/** The reports module's surface: the annual report of an institution, built from its owners' read functions. */
export { buildAnnualReport } from './reports.annual.js';
export { annualReportPdf, annualReportXlsx } from './reports.annual.files.js';
export { annualReport, type AnnualReport } from './reports.annual.rules.js';
export { reportsRoutes } from './reports.routes.js';
