/** Distribution's closed vocabularies, shared by server and web (no zod here: the web bundle imports these values). */

export const DISTRIBUTION_STATUSES = ['computed', 'approved', 'publicity', 'confirmed', 'paid', 'excluded'] as const;
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number];
export const DEDUCTION_KINDS = ['tax', 'maintenance', 'transaction'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];
/** Where a distribution comes from: a receipt of the contracts module. */
export const DISTRIBUTION_SOURCES = ['receipt'] as const;
export const OBJECTION_RESOLUTIONS = ['upheld', 'dismissed'] as const;
export type ObjectionResolution = (typeof OBJECTION_RESOLUTIONS)[number];
/** The figures of one receipt's split, in the order they are shown. */
export const RESULT_KEYS = ['net', 'team', 'retained', 'office', 'college', 'institution'] as const;
export type ResultKey = (typeof RESULT_KEYS)[number];
/** The settings of a policy the floors and the bureau's comparison speak of, in the order of the policy form. */
export const POLICY_KEYS = [
  'teamShareOfNetIncome',
  'teamShareOfEquity',
  'teamShareOfOperatingProfit',
  'operatingProfitYears',
  'mainContributorsShare',
  'officeShareOfRetained',
  'collegeShareOfRemainder',
] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];
/** The ratio settings (all but the number of years). */
export const POLICY_RATIO_KEYS = ['teamShareOfNetIncome', 'teamShareOfEquity', 'teamShareOfOperatingProfit', 'mainContributorsShare', 'officeShareOfRetained', 'collegeShareOfRemainder'] as const;
export type PolicyRatioKey = (typeof POLICY_RATIO_KEYS)[number];
export const PAYROLL_FLAG_KEYS = ['countedInPerformancePayTotal', 'cappedByPerformancePayTotal', 'inNextYearBase', 'inSocialInsuranceBase'] as const;
