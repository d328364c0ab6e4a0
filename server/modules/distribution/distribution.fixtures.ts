/** Shared by the distribution tests: an institution's policy above every legal floor (the college's share varies by test). */
export const samplePolicy = {
  effectiveFrom: '2026-01-01',
  teamShareOfNetIncome: '0.7',
  teamShareOfEquity: '0.7',
  teamShareOfOperatingProfit: '0.05',
  operatingProfitYears: 5,
  mainContributorsShare: '0.6',
  officeShareOfRetained: '0.15',
};
