import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Shapes of the distribution API (server/modules/distribution/distribution.routes.ts), as the web client uses them. */

export const DISTRIBUTION_STATUSES = ['computed', 'approved', 'publicity', 'confirmed', 'paid', 'excluded'] as const;
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number];
export const DEDUCTION_KINDS = ['tax', 'maintenance', 'transaction'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

/** A computed figure with its explanation: inputs, the rule, the policy version and the clause. */
export interface Explained {
  value: string;
  inputs: Record<string, string>;
  rule: Bilingual;
  policyVersion: number | null;
  clause: Bilingual | null;
}

export interface PersonFigure extends Explained {
  personId: string;
  name: string;
}

export interface Completer {
  name: string;
  userId: string | null;
  share: string;
  isMainContributor: boolean;
  isHead: boolean;
}

export interface Deduction {
  kind: DeductionKind;
  label: string;
  amount: string;
}

export interface Reward {
  position: number;
  userId: string | null;
  name: string;
  amount: string;
  paidOn: string | null;
  taxable: string | null;
  taxReliefDeadline: string;
  taxReliefLost: boolean;
}

export interface Objection {
  id: string;
  raisedByName: string;
  text: string;
  raisedAt: string;
  resolution: 'upheld' | 'dismissed' | null;
  resolutionNote: string | null;
  resolvedAt: string | null;
}

export const RESULT_KEYS = ['net', 'team', 'retained', 'office', 'college', 'institution'] as const;
export type ResultKey = (typeof RESULT_KEYS)[number];

export interface Distribution {
  id: string;
  organisationId: string;
  source: string;
  receiptId: string | null;
  contract: { id: string; number: string; kind: string | null; registrationNo: string | null } | null;
  achievementIds: string[];
  title: string;
  receivedOn: string;
  gross: string;
  deductions: Deduction[];
  completers: Completer[];
  policyVersion: number;
  result: (Record<ResultKey, Explained> & { people: PersonFigure[] }) | null;
  excludedReason: Bilingual | null;
  status: DistributionStatus;
  publicityFrom: string | null;
  publicityUntil: string | null;
  approvedAt: string | null;
  rewards: Reward[];
  objections: Objection[];
  updatedAt: string;
  version: number;
}

export const POLICY_RATIO_KEYS = ['teamShareOfNetIncome', 'teamShareOfEquity', 'teamShareOfOperatingProfit', 'mainContributorsShare', 'officeShareOfRetained', 'collegeShareOfRemainder'] as const;
export type PolicyRatioKey = (typeof POLICY_RATIO_KEYS)[number];
/** The settings the bureau compares, in the order of the policy form. */
export const POLICY_KEYS = ['teamShareOfNetIncome', 'teamShareOfEquity', 'teamShareOfOperatingProfit', 'operatingProfitYears', 'mainContributorsShare', 'officeShareOfRetained', 'collegeShareOfRemainder'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

export interface Policy extends Record<PolicyRatioKey, string> {
  version: number;
  effectiveFrom: string;
  operatingProfitYears: number;
  publicityWorkingDays: number;
  note: string;
  statutory: boolean;
}

export interface Floor {
  key: string;
  min: string | number;
  max?: number;
  clause: Bilingual;
}

export interface PolicyList {
  inForce: Policy;
  versions: Policy[];
  floors: Floor[];
}

export interface PolicyComparison {
  asOf: string;
  floors: Floor[];
  items: Array<{ organisation: { id: string; name: string; kind: string }; versions: number; policy: Policy; aboveFloor: string[] }>;
}

export type NewPolicy = Record<PolicyRatioKey, string> & { effectiveFrom: string; operatingProfitYears: number; publicityWorkingDays?: number; note?: string };

export interface Notice {
  id: string;
  institution: string;
  title: string;
  achievements: Array<{ id: string; number: string; title: string; ipType: string }>;
  transformation: { mode: Bilingual | null; contractNumber: string | null; receivedOn: string; gross: string; net: string | null };
  registration: { registrationNo: string | null };
  recipients: Array<{ name: string; amount: string; isHead: boolean }>;
  total: string;
  period: { from: string | null; until: string | null };
  objectionProcedure: string;
  objections: Array<{ id: string; raisedAt: string; resolution: string | null; resolutionNote: string | null }>;
  status: DistributionStatus;
}

export interface PayrollFlags {
  countedInPerformancePayTotal: boolean;
  cappedByPerformancePayTotal: boolean;
  inNextYearBase: boolean;
  inSocialInsuranceBase: boolean;
}
export const PAYROLL_FLAG_KEYS = ['countedInPerformancePayTotal', 'cappedByPerformancePayTotal', 'inNextYearBase', 'inSocialInsuranceBase'] as const;

export interface PayrollLine extends PayrollFlags {
  distributionId: string;
  name: string;
  userId: string | null;
  title: string;
  contractNumber: string | null;
  receivedOn: string;
  amount: string;
  paidOn: string | null;
  taxable: string | null;
  halfTaxRelief: boolean;
  taxReliefDeadline: string;
}

export interface Payroll {
  organisationId: string;
  period: { from: string; to: string };
  flags: PayrollFlags;
  people: Array<PayrollFlags & { name: string; userId: string | null; amount: string; taxable: string; count: number }>;
  lines: PayrollLine[];
  unpaid: PayrollLine[];
  totals: { amount: string; taxable: string };
}

export interface MyRewardItem {
  distributionId: string;
  organisationId: string;
  title: string;
  contractNumber: string | null;
  receivedOn: string;
  status: DistributionStatus;
  net: Explained | null;
  team: Explained | null;
  policyVersion: number;
  rewards: Reward[];
  explanation: PersonFigure[];
}

export interface MyRewards {
  name: string;
  total: string;
  items: MyRewardItem[];
}

export interface TimelineEvent {
  seq: number;
  type: string;
  payload: unknown;
  reason: string | null;
  occurredAt: string;
  hash: string;
}

export interface Holding {
  id: string;
  achievementId: string | null;
  companyName: string;
  companyCreditCode: string;
  sharesPct: string;
  bookValue: string;
  acquiredOn: string;
  status: 'held' | 'partly_disposed' | 'disposed';
  remaining: { sharesPct: string; bookValue: string };
}

export interface EquityReward {
  holdingId: string;
  reward: {
    id: string;
    policyVersion: number;
    teamPct: string;
    heldBackForHeadsPct: string;
    people: Array<{ name: string; userId: string | null; sharesPct: string }>;
    rule: Bilingual;
    clause: Bilingual;
    createdAt: string;
  } | null;
}

const KEY = 'distribution';

export function useDistributions(orgId: string | undefined, status?: DistributionStatus) {
  return useQuery({
    queryKey: [KEY, 'list', orgId, status ?? null],
    queryFn: ({ signal }) => api.get<{ items: Distribution[] }>(`/orgs/${orgId}/distributions`, { status }, signal),
    enabled: !!orgId,
  });
}

export function useDistribution(id: string) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Distribution>(`/distributions/${id}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

export function useTimeline(id: string) {
  return useQuery({ queryKey: [KEY, 'timeline', id], queryFn: ({ signal }) => api.get<{ items: TimelineEvent[] }>(`/distributions/${id}/timeline`, undefined, signal) });
}

export function useNotice(id: string) {
  return useQuery({ queryKey: [KEY, 'notice', id], queryFn: ({ signal }) => api.get<Notice>(`/distributions/${id}/notice`, undefined, signal), meta: { silent: true }, retry: false });
}

export function usePolicies(orgId: string | undefined) {
  return useQuery({ queryKey: [KEY, 'policies', orgId], queryFn: ({ signal }) => api.get<PolicyList>(`/orgs/${orgId}/distribution-policies`, undefined, signal), enabled: !!orgId });
}

export function usePolicyComparison(enabled = true) {
  return useQuery({ queryKey: [KEY, 'comparison'], queryFn: ({ signal }) => api.get<PolicyComparison>('/distribution-policies', undefined, signal), enabled });
}

export function usePayroll(orgId: string | undefined, from: string, to: string) {
  return useQuery({
    queryKey: [KEY, 'payroll', orgId, from, to],
    queryFn: ({ signal }) => api.get<Payroll>(`/orgs/${orgId}/reward-payroll`, { from, to }, signal),
    enabled: !!orgId && from <= to,
  });
}

export function useMyRewards() {
  return useQuery({ queryKey: [KEY, 'mine'], queryFn: ({ signal }) => api.get<MyRewards>('/me/rewards', undefined, signal) });
}

export function useHoldings(orgId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'holdings', orgId],
    queryFn: ({ signal }) => api.get<{ items: Holding[] }>(`/orgs/${orgId}/equity/holdings`, undefined, signal),
    enabled: !!orgId,
  });
}

export function useEquityReward(orgId: string | undefined, holdingId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'equity-reward', orgId, holdingId],
    queryFn: ({ signal }) => api.get<EquityReward>(`/orgs/${orgId}/equity/holdings/${holdingId}/rewards`, undefined, signal),
    enabled: !!orgId && !!holdingId,
  });
}

/** A change in the module: every distribution query is refreshed before the caller's handlers run. */
export function useDistributionMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: { silent?: boolean } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: options.silent ? { silent: true } : undefined,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

export const distributionApi = {
  update: (id: string, body: { version: number; deductions?: Deduction[]; completers?: Completer[] }) => api.patch<Distribution>(`/distributions/${id}`, body),
  approve: (id: string) => api.post<Distribution>(`/distributions/${id}/approve`, {}),
  publicity: (id: string) => api.post<Distribution>(`/distributions/${id}/publicity`, {}),
  confirm: (id: string) => api.post<Distribution>(`/distributions/${id}/confirm`, {}),
  pay: (id: string, body: { paidOn: string; positions?: number[] }) => api.post<Distribution>(`/distributions/${id}/payments`, body),
  object: (id: string, text: string) => api.post<Notice>(`/distributions/${id}/objections`, { text }),
  resolve: (id: string, objectionId: string, body: { resolution: 'upheld' | 'dismissed'; note: string }) => api.post<Distribution>(`/distributions/${id}/objections/${objectionId}/resolve`, body),
  createPolicy: (orgId: string, body: NewPolicy) => api.post<Policy>(`/orgs/${orgId}/distribution-policies`, body),
  rewardEquity: (orgId: string, holdingId: string, body: { decisionDocNo: string; decisionDate: string; confirmHeadsExcluded?: boolean }) =>
    api.post<EquityReward>(`/orgs/${orgId}/equity/holdings/${holdingId}/rewards`, body),
};

export const payrollXlsxUrl = (orgId: string, from: string, to: string) => `/api/v1/orgs/${orgId}/reward-payroll.xlsx?from=${from}&to=${to}`;
export const STATEMENT_PDF_URL = '/api/v1/me/rewards/statement.pdf';
