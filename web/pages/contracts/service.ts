import { useQuery } from '@tanstack/react-query';
import type {
  Contract,
  ContractListQuery,
  ContractPage,
  GuaranteeBody,
  Guarantees,
  LicenceApplicationBody,
  OrgPosition,
  PaymentBody,
  PaymentPlan,
  PaymentResult,
  ReasonBody,
  RefundBody,
  RegistrationBody,
  RegistrationCheck,
  RevenueReportBody,
  SignedScanBody,
  Statement,
  TriggerEventBody,
} from '../../../common/api/contracts';
import type { Achievement } from '../../../common/api/achievements';
import type { TriggerEvent } from '../../../common/contracts';
import { api, request } from '../../api/client';
import type { PageRequest } from '../../components/paged-table';
import { type ApiMutationOptions, useApiMutation } from '../../lib/mutation';

/** What the contracts pages need of an achievement (GET /achievements/{id}). */
export type AchievementBrief = Pick<Achievement, 'id' | 'number' | 'title' | 'titleEn' | 'organisationId' | 'organisationName' | 'visibility'>;

/** The events a party may record (termination goes through exit or terminate). */
export const RECORDABLE_EVENTS: readonly Exclude<TriggerEvent, 'termination'>[] = ['first_revenue', 'certification', 'mass_production', 'financing'];

const KEY = 'contracts';

/** One organisation's position across its contracts (GET /orgs/{orgId}/contracts/statement). */
export function useOrgPosition(orgId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'position', orgId],
    queryFn: ({ signal }) => api.get<OrgPosition>(`/orgs/${orgId}/contracts/statement`, undefined, signal),
    enabled: !!orgId,
    meta: { silent: true },
  });
}

/** The query key prefix of the contracts list (PagedTable appends the page request). */
export const CONTRACTS_KEY = [KEY, 'list'] as const;

/** One page of the contracts where my organisation is a party (GET /contracts). */
export const fetchContracts = (query: PageRequest & { status?: ContractListQuery['status'] }, signal: AbortSignal) => api.get<ContractPage>('/contracts', { ...query }, signal);

export function useContract(id: string) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Contract>(`/contracts/${id}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

export function useStatement(id: string, enabled = true) {
  return useQuery({ queryKey: [KEY, 'statement', id], queryFn: ({ signal }) => api.get<Statement>(`/contracts/${id}/statement`, undefined, signal), enabled });
}

/** The query key prefix of a contract's guarantees (PagedTable appends the contract and the page request). */
export const GUARANTEES_KEY = [KEY, 'guarantees'] as const;

/** One page of a contract's guarantees (GET /contracts/{id}/guarantees). */
export const fetchGuarantees = (id: string, query: PageRequest, signal: AbortSignal) => api.get<Guarantees>(`/contracts/${id}/guarantees`, { page: query.page, pageSize: query.pageSize }, signal);

export function useRegistrationCheck(id: string, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'registration', id],
    queryFn: ({ signal }) => api.get<RegistrationCheck>(`/contracts/${id}/registration-check`, undefined, signal),
    enabled,
  });
}

export function useAchievement(id: string | null | undefined) {
  return useQuery({
    queryKey: ['achievements', 'one', id],
    queryFn: ({ signal }) => api.get<AchievementBrief>(`/achievements/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silent: true },
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** A change to a contract: the caller's handlers run after every contracts query is refreshed. */
export function useContractMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: ApiMutationOptions<TVars, TResult> = {}) {
  return useApiMutation(fn, { invalidate: [[KEY]], ...options });
}

export const contractApi = {
  setPlan: (id: string, plan: PaymentPlan) => api.put<Contract>(`/contracts/${id}/plan`, plan),
  sign: (id: string) => api.post<Contract>(`/contracts/${id}/sign`, {}),
  activate: (id: string) => api.post<Contract>(`/contracts/${id}/activate`, {}),
  complete: (id: string) => api.post<Contract>(`/contracts/${id}/complete`, {}),
  reportRevenue: (id: string, body: RevenueReportBody) => api.post<Statement>(`/contracts/${id}/revenue-reports`, body),
  recordEvent: (id: string, body: TriggerEventBody) => api.post<Statement>(`/contracts/${id}/events`, body),
  exit: (id: string, body: ReasonBody) => api.post<Contract>(`/contracts/${id}/exit`, body),
  terminate: (id: string, body: ReasonBody) => api.post<Contract>(`/contracts/${id}/terminate`, body),
  /** The Idempotency-Key makes a repeated submission (double click, retry) record the payment once. */
  recordPayment: (id: string, body: PaymentBody, idempotencyKey: string) => request<PaymentResult>('POST', `/contracts/${id}/payments`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  refund: (id: string, body: RefundBody) => api.post<Statement>(`/contracts/${id}/refunds`, body),
  addGuarantee: (id: string, body: GuaranteeBody) => api.post<Guarantees>(`/contracts/${id}/guarantees`, body),
  claim: (id: string, guaranteeId: string) => api.post<Statement>(`/contracts/${id}/guarantees/${guaranteeId}/claims`, {}),
  register: (id: string, body: RegistrationBody) => api.post<Contract>(`/contracts/${id}/registration`, body),
  uploadScan: (id: string, body: SignedScanBody) => api.post<Contract>(`/contracts/${id}/signed-scan`, body),
  apply: (achievementId: string, body: LicenceApplicationBody) => api.post<Contract>(`/achievements/${achievementId}/licence-applications`, body),
};
