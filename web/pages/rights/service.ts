import { useQuery } from '@tanstack/react-query';
import { PAGE_SIZE_MAX } from '../../../common/page';
import { api, request } from '../../api/client';
import { type ApiMutationOptions, useApiMutation } from '../../lib/mutation';

import type {
  Agreement,
  AgreementPage,
  CorporateEventBody,
  CorporateEventResult,
  Grant,
  GrantPage,
  GrantRequest,
  NewAgreementBody,
  NewCaseBody,
  DecisionBody,
  ArrangementBody,
  Policies,
  PolicyBody,
  PolicyComparison,
  RectificationCase,
  RightsPolicyView,
} from '../../../common/api/rights';
import type { CorporateEventKind, GrantAction, GrantStatus } from '../../../common/rights';
import type { ListItem } from '../../../common/api/achievements';

/** Shapes of the rights API: common/api/rights.ts, shared with the server. */
export type { Agreement, CorporateEventBody, CorporateEventKind, CorporateEventResult, Grant, GrantAction, GrantRequest, GrantStatus, NewAgreementBody, Policies, RectificationCase };
export type RightsPolicy = RightsPolicyView;
/** What a grant application needs of an achievement of the ledger list. */
export type AchievementItem = Pick<ListItem, 'id' | 'number' | 'title' | 'status' | 'completerNames'>;

/** Achievements the office has accepted into the ledger: those a grant may be applied for. */
export const GRANTABLE_STATUSES = ['accepted', 'assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed'];

const KEY = 'rights';

export function usePolicies(orgId: string | undefined) {
  return useQuery({ queryKey: [KEY, 'policies', orgId], queryFn: ({ signal }) => api.get<Policies>(`/orgs/${orgId}/rights/policies`, undefined, signal), enabled: !!orgId });
}

export function usePolicyComparison(enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'compare'],
    queryFn: ({ signal }) => api.get<PolicyComparison>('/rights/policies', undefined, signal),
    enabled,
  });
}

/** The institution's grants, agreements and cases: the list endpoints (paged tables and pickers). */
export const rightsLists = {
  grants: (orgId: string | undefined) => `/orgs/${orgId}/rights/grants`,
  agreements: (orgId: string | undefined) => `/orgs/${orgId}/agreed-proceeds`,
  cases: (orgId: string | undefined) => `/orgs/${orgId}/rectification-cases`,
};

/** The first page of the largest size of the institution's grants (pickers). */
export function useGrants(orgId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'grants', orgId, 'all'],
    queryFn: ({ signal }) => api.get<GrantPage>(rightsLists.grants(orgId), { page: 1, pageSize: PAGE_SIZE_MAX }, signal),
    enabled: !!orgId,
  });
}

export function useGrant(id: string) {
  return useQuery({ queryKey: [KEY, 'grant', id], queryFn: ({ signal }) => api.get<Grant>(`/rights/grants/${id}`, undefined, signal), retry: false, meta: { silent: true } });
}

/** The first page of the largest size of the institution's agreements (the event form's picker). */
export function useAgreements(orgId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'agreements', orgId, 'all'],
    queryFn: ({ signal }) => api.get<AgreementPage>(rightsLists.agreements(orgId), { page: 1, pageSize: PAGE_SIZE_MAX }, signal),
    enabled: !!orgId && enabled,
  });
}

export function useOrgAchievements(orgId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['achievements', 'for-rights', orgId],
    queryFn: ({ signal }) => api.get<{ items: AchievementItem[] }>(`/orgs/${orgId}/achievements`, { pageSize: 200 }, signal),
    enabled: !!orgId && enabled,
    meta: { silent: true },
  });
}

/** A change in the rights module: every rights query is refreshed afterwards. */
export function useRightsMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: ApiMutationOptions<TVars, TResult> = {}) {
  return useApiMutation(fn, { invalidate: [[KEY]], ...options });
}

const STEP_PATHS: Record<GrantAction, string> = {
  resubmit: 'resubmit',
  withdraw: 'withdraw',
  dept_check: 'department-check',
  dept_return: 'department-return',
  office_review: 'office-review',
  office_return: 'office-return',
  reject: 'reject',
  approve: 'approve',
  sign_agreement: 'agreement',
  record_change: 'record-change',
};

export const rightsApi = {
  addPolicy: (orgId: string, body: PolicyBody) => api.post<Policies>(`/orgs/${orgId}/rights/policies`, body),
  apply: (orgId: string, body: GrantRequest & { achievementId: string }) => api.post<Grant>(`/orgs/${orgId}/rights/grants`, body),
  step: (id: string, action: GrantAction, body: Record<string, unknown>) => api.post<Grant>(`/rights/grants/${id}/${STEP_PATHS[action]}`, body),
  object: (id: string, content: string) => api.post<Grant>(`/rights/grants/${id}/objections`, { content }),
  resolve: (id: string, objectionId: string, resolution: 'upheld' | 'dismissed', note: string) => api.post<Grant>(`/rights/grants/${id}/objections/${objectionId}/resolve`, { resolution, note }),
  createAgreement: (orgId: string, body: NewAgreementBody) => api.post<Agreement>(`/orgs/${orgId}/agreed-proceeds`, body),
  /** The Idempotency-Key makes a repeated submission record the event once. */
  corporateEvent: (orgId: string, body: CorporateEventBody, idempotencyKey: string) =>
    request<CorporateEventResult>('POST', `/orgs/${orgId}/agreed-proceeds/corporate-events`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  openCase: (orgId: string, body: NewCaseBody) => api.post<RectificationCase>(`/orgs/${orgId}/rectification-cases`, body),
  decide: (id: string, body: DecisionBody) => api.post<RectificationCase>(`/rectification-cases/${id}/decision`, body),
  arrange: (id: string, body: ArrangementBody) => api.post<RectificationCase>(`/rectification-cases/${id}/arrangement`, body),
};

export const grantPdfUrl = (id: string) => `/api/v1/rights/grants/${id}/agreement.pdf`;
export const decisionUrl = (id: string) => `/api/v1/rectification-cases/${id}/decision-document`;

/** Runs a change and then `after`; a refusal is already shown by useApiMutation, so it ends here. */
export function attempt<T>(change: Promise<T>, after: (result: T) => void): Promise<void> {
  return change.then(after, () => undefined);
}
