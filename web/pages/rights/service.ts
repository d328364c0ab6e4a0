import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';

/** Shapes of the rights API (server/modules/rights/*.routes.ts), as the web client uses them. */

export type Bilingual = { zh: string; en: string };

export interface RightsPolicy {
  version: number;
  effectiveFrom: string;
  maxTeamShare: string;
  useRightFirstTermYears: number;
  useRightCumulativeMinYears: number;
  minAppraisedValue: string | null;
  requireClearTitle: boolean;
  requireCounterparty: boolean;
  publicityDays: number;
  agreedProceedsTriggerReward: boolean;
}

export interface Policies {
  organisationId: string;
  inForce: RightsPolicy;
  versions: Array<RightsPolicy & { id: string; note: string }>;
  default: RightsPolicy;
  asOf: string;
}

export type GrantStatus = 'submitted' | 'dept_checked' | 'in_publicity' | 'approved' | 'agreement_signed' | 'recorded' | 'returned' | 'rejected' | 'withdrawn';
export type GrantAction = 'resubmit' | 'withdraw' | 'dept_check' | 'dept_return' | 'office_review' | 'office_return' | 'reject' | 'approve' | 'sign_agreement' | 'record_change';

export interface GrantPlan {
  summary: string;
  counterpartyName?: string | null;
  counterpartyCreditCode?: string | null;
  appraisedValue?: string | null;
  appraisalRef?: string | null;
  clearTitle: boolean;
}

export interface Consent {
  name: string;
  signedOn: string;
  evidence: string;
}

export interface GrantRequest {
  kind: 'ownership' | 'use_right';
  teamShare?: string | null;
  useRightYears?: number | null;
  plan: GrantPlan;
  consents: Consent[];
}

export interface Grant {
  id: string;
  number: string;
  organisationId: string;
  achievement: { id: string; number: string; title: string; ownershipUnitPct: string; ownershipTeamPct: string };
  completers: Array<{ name: string; share: string; consented: boolean }>;
  applicant: { userId: string | null; name: string };
  status: GrantStatus;
  statusLabel: Bilingual;
  kind: 'ownership' | 'use_right';
  teamShare: string | null;
  useRightYears: number | null;
  firstTermYears: number | null;
  plan: GrantPlan;
  consents: Consent[];
  policy: RightsPolicy;
  policyVersion: number;
  coOwnership: { kind: string; unitShare: string; teamShare: string; unitPct: string; teamPct: string; useRightFrom: string | null; useRightUntil: string | null; firstTermUntil: string | null; explanation: Bilingual };
  publicity: { startsOn: string; endsOn: string } | null;
  objections: Array<{ id: string; raisedByName: string; content: string; raisedAt: string; resolution: 'upheld' | 'dismissed' | null; resolutionNote: string | null; resolvedAt: string | null }>;
  agreementNo: string | null;
  agreementSignedOn: string | null;
  recordedOn: string | null;
  registrationRef: string | null;
  rectificationCaseId: string | null;
  actions: GrantAction[];
  createdAt: string;
  updatedAt: string;
}

export type CorporateEventKind = 'bonus_shares' | 'dividend' | 'partial_sale' | 'ipo' | 'full_transfer';

export interface Agreement {
  id: string;
  organisationId: string;
  achievement: { id: string; number: string; title: string };
  grantId: string | null;
  rectificationCaseId: string | null;
  company: { organisationId: string; name: string; creditCode: string };
  equityShares: string;
  institutionShare: string;
  agreedOn: string;
  policyVersion: number;
  status: 'active' | 'closed';
  contract: { id: string; number: string } | null;
  position: { heldShares: string; trackedShares: string; proceedsToDate: string; dueToDate: string; lastPrice: string | null; listed: boolean; closed: boolean };
  events: Array<{
    id: string;
    kind: CorporateEventKind;
    label: Bilingual;
    occurredOn: string;
    evidence: string;
    inputs: Record<string, unknown>;
    proceeds: string;
    due: string;
    teamPart: string;
    heldBefore: string;
    heldAfter: string;
    trackedShares: string;
    trackedValue: string | null;
    rule: Bilingual;
    explanation: Bilingual;
    policyVersion: number;
    obligationKey: string | null;
  }>;
}

export interface CorporateEventBody {
  companyCreditCode: string;
  agreementId?: string;
  kind: CorporateEventKind;
  occurredOn: string;
  evidence: string;
  shares?: string;
  amount?: string;
  sharesSold?: string;
  pricePerShare?: string;
  listingPrice?: string;
}

export interface CorporateEventResult {
  agreementId: string;
  due: string;
  dueOn: string | null;
  explanation: Bilingual;
  replayed: boolean;
}

export interface NewAgreementBody {
  achievementId: string;
  companyName: string;
  companyCreditCode: string;
  equityShares: string;
  institutionShare: string;
  agreedOn: string;
  evidence: string;
}

export interface RectificationCase {
  id: string;
  number: string;
  organisationId: string;
  company: { name: string; creditCode: string };
  foundedOn: string | null;
  originalHoldings: Array<{ holder: string; shares: string; note: string }>;
  findings: string;
  status: 'open' | 'decided' | 'arranged';
  statusLabel: Bilingual;
  decision: { number: string; decidedOn: string; summary: string; documentName: string; generated: boolean } | null;
  grantId: string | null;
  agreementId: string | null;
}

export interface AchievementItem {
  id: string;
  number: string;
  title: string;
  status: string;
  completerNames: string[];
}

/** Achievements the office has accepted into the ledger: those a grant may be applied for. */
export const GRANTABLE_STATUSES = ['accepted', 'assessed', 'protected', 'priced', 'in_publicity', 'transforming', 'transformed'];

const KEY = 'rights';

export function usePolicies(orgId: string | undefined) {
  return useQuery({ queryKey: [KEY, 'policies', orgId], queryFn: ({ signal }) => api.get<Policies>(`/orgs/${orgId}/rights/policies`, undefined, signal), enabled: !!orgId });
}

export function usePolicyComparison(enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'compare'],
    queryFn: ({ signal }) => api.get<{ asOf: string; items: Array<{ organisationId: string; organisationName: string; versions: number; isDefault: boolean; policy: RightsPolicy }> }>('/rights/policies', undefined, signal),
    enabled,
  });
}

export function useGrants(orgId: string | undefined) {
  return useQuery({ queryKey: [KEY, 'grants', orgId], queryFn: ({ signal }) => api.get<{ items: Grant[] }>(`/orgs/${orgId}/rights/grants`, undefined, signal), enabled: !!orgId });
}

export function useGrant(id: string) {
  return useQuery({ queryKey: [KEY, 'grant', id], queryFn: ({ signal }) => api.get<Grant>(`/rights/grants/${id}`, undefined, signal), retry: false, meta: { silent: true } });
}

export function useAgreements(orgId: string | undefined, enabled = true) {
  return useQuery({ queryKey: [KEY, 'agreements', orgId], queryFn: ({ signal }) => api.get<{ items: Agreement[] }>(`/orgs/${orgId}/agreed-proceeds`, undefined, signal), enabled: !!orgId && enabled });
}

export function useCases(orgId: string | undefined, enabled = true) {
  return useQuery({ queryKey: [KEY, 'cases', orgId], queryFn: ({ signal }) => api.get<{ items: RectificationCase[] }>(`/orgs/${orgId}/rectification-cases`, undefined, signal), enabled: !!orgId && enabled });
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
export function useRightsMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
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
  addPolicy: (orgId: string, body: Omit<RightsPolicy, 'version'> & { note?: string }) => api.post<Policies>(`/orgs/${orgId}/rights/policies`, body),
  apply: (orgId: string, body: GrantRequest & { achievementId: string }) => api.post<Grant>(`/orgs/${orgId}/rights/grants`, body),
  step: (id: string, action: GrantAction, body: Record<string, unknown>) => api.post<Grant>(`/rights/grants/${id}/${STEP_PATHS[action]}`, body),
  object: (id: string, content: string) => api.post<Grant>(`/rights/grants/${id}/objections`, { content }),
  resolve: (id: string, objectionId: string, resolution: 'upheld' | 'dismissed', note: string) => api.post<Grant>(`/rights/grants/${id}/objections/${objectionId}/resolve`, { resolution, note }),
  createAgreement: (orgId: string, body: NewAgreementBody) => api.post<Agreement>(`/orgs/${orgId}/agreed-proceeds`, body),
  /** The Idempotency-Key makes a repeated submission record the event once. */
  corporateEvent: (orgId: string, body: CorporateEventBody, idempotencyKey: string) =>
    request<CorporateEventResult>('POST', `/orgs/${orgId}/agreed-proceeds/corporate-events`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  openCase: (orgId: string, body: { companyName: string; companyCreditCode: string; foundedOn?: string; originalHoldings: Array<{ holder: string; shares: string; note?: string }>; findings: string }) =>
    api.post<RectificationCase>(`/orgs/${orgId}/rectification-cases`, body),
  decide: (id: string, body: { decisionNo: string; decidedOn: string; summary: string; document?: { filename: string; dataBase64: string } }) => api.post<RectificationCase>(`/rectification-cases/${id}/decision`, body),
  arrange: (id: string, body: { kind: 'grant'; grantId: string } | { kind: 'agreed_proceeds'; agreement: NewAgreementBody }) => api.post<RectificationCase>(`/rectification-cases/${id}/arrangement`, body),
};

export const grantPdfUrl = (id: string) => `/api/v1/rights/grants/${id}/agreement.pdf`;
export const decisionUrl = (id: string) => `/api/v1/rectification-cases/${id}/decision-document`;

/** Runs a change and then `after`; a refusal is already shown by the app's mutation handler, so it ends here. */
export function attempt<T>(change: Promise<T>, after: (result: T) => void): Promise<void> {
  return change.then(after, () => undefined);
}
