import { useQuery } from '@tanstack/react-query';
import type { HoldingList } from '../../../common/api/achievements';
import { api } from '../../api/client';
import type { PageRequest } from '../../components/paged-table';
import { type ApiMutationOptions, useApiMutation } from '../../lib/mutation';

/** Shapes of the distribution API: common/api/distribution.ts (the server's schemas), re-exported for the pages. */

export { DEDUCTION_KINDS, DISTRIBUTION_STATUSES, PAYROLL_FLAG_KEYS, POLICY_KEYS, POLICY_RATIO_KEYS, RESULT_KEYS } from '../../../common/distribution';
export type { DeductionKind, DistributionStatus, PolicyKey, PolicyRatioKey, ResultKey } from '../../../common/distribution';
export type {
  Completer,
  Deduction,
  Distribution,
  DistributionChange,
  DistributionPage,
  EquityReward,
  EquityRewardBody,
  ExplainedFigure as Explained,
  Floor,
  MyRewardItem,
  MyRewards,
  NewPolicy,
  Notice,
  Objection,
  Payroll,
  PayrollFlags,
  PayrollLine,
  PersonFigure,
  Policy,
  PolicyComparison,
  PolicyList,
  ResolveObjection,
  Reward,
  RewardPayment,
  TimelineEvent,
} from '../../../common/api/distribution';
export type { BilingualText as Bilingual } from '../../../common/schemas';

import type {
  Distribution,
  DistributionChange,
  EquityReward,
  EquityRewardBody,
  MyRewards,
  NewPolicy,
  Notice,
  Payroll,
  Policy,
  PolicyComparison,
  PolicyList,
  ResolveObjection,
  RewardPayment,
  TimelineEvent,
} from '../../../common/api/distribution';

/** The equity holdings of the achievements module (作价入股), as the equity-reward page reads them. */
export type { Holding } from '../../../common/api/achievements';

const KEY = 'distribution';

/** The query key prefix of the institution's list (PagedTable appends the org and the page request). */
export const DISTRIBUTIONS_KEY = [KEY, 'list'] as const;

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

/** The query key prefix of the holdings list (PagedTable appends the org and the page request). */
export const HOLDINGS_KEY = [KEY, 'holdings'] as const;

/** One page of the institution's holdings (GET /orgs/{orgId}/equity/holdings). */
export const fetchHoldings = (orgId: string, query: PageRequest, signal: AbortSignal) => api.get<HoldingList>(`/orgs/${orgId}/equity/holdings`, { ...query }, signal);

export function useEquityReward(orgId: string | undefined, holdingId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'equity-reward', orgId, holdingId],
    queryFn: ({ signal }) => api.get<EquityReward>(`/orgs/${orgId}/equity/holdings/${holdingId}/rewards`, undefined, signal),
    enabled: !!orgId && !!holdingId,
  });
}

/** A change in the module: every distribution query is refreshed before the caller's handlers run. */
export function useDistributionMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: ApiMutationOptions<TVars, TResult> = {}) {
  return useApiMutation(fn, { invalidate: [[KEY]], ...options });
}

export const distributionApi = {
  update: (id: string, body: DistributionChange) => api.patch<Distribution>(`/distributions/${id}`, body),
  approve: (id: string) => api.post<Distribution>(`/distributions/${id}/approve`, {}),
  publicity: (id: string) => api.post<Distribution>(`/distributions/${id}/publicity`, {}),
  confirm: (id: string) => api.post<Distribution>(`/distributions/${id}/confirm`, {}),
  pay: (id: string, body: RewardPayment) => api.post<Distribution>(`/distributions/${id}/payments`, body),
  object: (id: string, text: string) => api.post<Notice>(`/distributions/${id}/objections`, { text }),
  resolve: (id: string, objectionId: string, body: ResolveObjection) => api.post<Distribution>(`/distributions/${id}/objections/${objectionId}/resolve`, body),
  createPolicy: (orgId: string, body: NewPolicy) => api.post<Policy>(`/orgs/${orgId}/distribution-policies`, body),
  rewardEquity: (orgId: string, holdingId: string, body: EquityRewardBody) => api.post<EquityReward>(`/orgs/${orgId}/equity/holdings/${holdingId}/rewards`, body),
};

export const payrollXlsxUrl = (orgId: string, from: string, to: string) => `/api/v1/orgs/${orgId}/reward-payroll.xlsx?from=${from}&to=${to}`;
export const STATEMENT_PDF_URL = '/api/v1/me/rewards/statement.pdf';
