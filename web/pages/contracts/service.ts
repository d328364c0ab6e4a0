import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractKind, ContractStatus, SettlementForm } from '../../../common/contracts';
import type { PaymentPlan, TriggerEvent } from '../../../server/modules/contracts/payment-plan';
import { api, request } from '../../api/client';

/** Shapes of the contracts API (server/modules/contracts/contracts.routes.ts), as the web client uses them. */

export interface PlanIssue {
  field: string;
  zh: string;
  en: string;
}

export interface Contract {
  id: string;
  number: string;
  kind: ContractKind;
  licenseType: string | null;
  fieldOfUse: string;
  territory: string;
  title: string;
  licensor: { id: string; name: string };
  licensee: { id: string; name: string };
  status: ContractStatus;
  currency: string;
  plan: PaymentPlan | null;
  planVersion: number;
  planWarnings: PlanIssue[];
  totalAmount: string;
  licensorSignedAt: string | null;
  licenseeSignedAt: string | null;
  signedOn: string | null;
  registrationNo: string | null;
  registeredOn: string | null;
  terminatedOn: string | null;
  terminationReason: string | null;
  hasSignedScan: boolean;
  achievementIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
  myRoles: Array<'licensor' | 'licensee'>;
}

export interface StatementLine {
  key: string;
  kind: 'entry_fee' | 'milestone' | 'deferred' | 'royalty' | 'minimum_royalty';
  label: string;
  amount: string;
  dueOn: string | null;
  state: 'scheduled' | 'awaiting_event' | 'waived';
  debtor: string;
  paid: string;
  outstanding: string;
  overdue: boolean;
  explanation: { zh: string; en: string };
}

export interface Statement {
  contractId: string;
  number: string;
  status: ContractStatus;
  asOf: string;
  settled: boolean;
  lines: StatementLine[];
  receipts: Array<{ id: string; form: SettlementForm; value: string; receivedOn: string; payer: string; valuationNote: string; evidence: string }>;
  refunds: Array<{ amount: string; refundedOn: string; note: string }>;
  totals: { owed: string; paid: string; outstanding: string; overdue: string; received: string; refunded: string; credit: string };
}

export interface Guarantee {
  id: string;
  kind: 'insurance' | 'guarantee';
  providerName: string;
  providerCreditCode: string;
  policyNo: string;
  coverLimit: string;
  claimedTotal: string;
  remainingCover: string;
}

export interface RegistrationCheck {
  ready: boolean;
  items: Array<{ ok: boolean; zh: string; en: string }>;
  registrationNo: string | null;
}

/** What the contracts pages need of an achievement (GET /achievements/{id}). */
export interface AchievementBrief {
  id: string;
  number: string;
  title: string;
  titleEn: string | null;
  organisationId: string;
  organisationName: string;
  visibility: string;
}

export interface PaymentBody {
  form: SettlementForm;
  value: string;
  currency: string;
  receivedOn: string;
  valuationNote?: string;
  evidence?: string;
}

export interface PaymentResult {
  receiptId: string;
  allocations: Array<{ obligationKey: string; amount: string }>;
  credit: string;
  replayed: boolean;
}

/** The events a party may record (termination goes through exit or terminate). */
export const RECORDABLE_EVENTS: readonly Exclude<TriggerEvent, 'termination'>[] = ['first_revenue', 'certification', 'mass_production', 'financing'];

const KEY = 'contracts';

export interface OrgPosition {
  organisationId: string;
  items: Array<{ contractId: string; number: string; status: ContractStatus; settled: boolean; totals: Statement['totals'] }>;
  outstanding: string;
  overdue: string;
}

/** One organisation's position across its contracts (GET /orgs/{orgId}/contracts/statement). */
export function useOrgPosition(orgId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'position', orgId],
    queryFn: ({ signal }) => api.get<OrgPosition>(`/orgs/${orgId}/contracts/statement`, undefined, signal),
    enabled: !!orgId,
    meta: { silent: true },
  });
}

export function useContracts(status?: ContractStatus) {
  return useQuery({
    queryKey: [KEY, 'list', status ?? null],
    queryFn: ({ signal }) => api.get<{ items: Contract[] }>('/contracts', { status }, signal),
  });
}

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

export function useGuarantees(id: string, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'guarantees', id],
    queryFn: ({ signal }) => api.get<{ items: Guarantee[] }>(`/contracts/${id}/guarantees`, undefined, signal),
    enabled,
  });
}

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

/** A change to one contract: the caller's handlers run after every contracts query is refreshed. */
export function useContractMutation<TVars, TResult = unknown>(id: string, fn: (vars: TVars) => Promise<TResult>, options: { silent?: boolean } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: options.silent ? { silent: true } : undefined,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
    mutationKey: [KEY, id],
  });
}

export const contractApi = {
  setPlan: (id: string, plan: PaymentPlan) => api.put<Contract>(`/contracts/${id}/plan`, plan),
  sign: (id: string) => api.post<Contract>(`/contracts/${id}/sign`, {}),
  activate: (id: string) => api.post<Contract>(`/contracts/${id}/activate`, {}),
  complete: (id: string) => api.post<Contract>(`/contracts/${id}/complete`, {}),
  reportRevenue: (id: string, body: { periodStart: string; periodEnd: string; amount: string; note?: string }) => api.post<Statement>(`/contracts/${id}/revenue-reports`, body),
  recordEvent: (id: string, body: { event: TriggerEvent; occurredOn: string; evidence?: string }) => api.post<Statement>(`/contracts/${id}/events`, body),
  exit: (id: string, body: { reason: string }) => api.post<Contract>(`/contracts/${id}/exit`, body),
  terminate: (id: string, body: { reason: string }) => api.post<Contract>(`/contracts/${id}/terminate`, body),
  /** The Idempotency-Key makes a repeated submission (double click, retry) record the payment once. */
  recordPayment: (id: string, body: PaymentBody, idempotencyKey: string) =>
    request<PaymentResult>('POST', `/contracts/${id}/payments`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  refund: (id: string, body: { amount: string; refundedOn: string; note?: string }) => api.post<Statement>(`/contracts/${id}/refunds`, body),
  addGuarantee: (id: string, body: { kind: 'insurance' | 'guarantee'; providerName: string; providerCreditCode: string; policyNo?: string; coverLimit: string }) =>
    api.post<{ items: Guarantee[] }>(`/contracts/${id}/guarantees`, body),
  claim: (id: string, guaranteeId: string) => api.post<Statement>(`/contracts/${id}/guarantees/${guaranteeId}/claims`, {}),
  register: (id: string, body: { registrationNo: string; registeredOn: string }) => api.post<Contract>(`/contracts/${id}/registration`, body),
  uploadScan: (id: string, body: { filename: string; dataBase64: string }) => api.post<Contract>(`/contracts/${id}/signed-scan`, body),
  apply: (achievementId: string, body: { note?: string }) => api.post<Contract>(`/achievements/${achievementId}/licence-applications`, body),
};
