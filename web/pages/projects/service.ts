import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';

/** Shapes of the projects API (server/modules/projects/projects.routes.ts), as the web client uses them. */

export type ProjectStatus = 'active' | 'accepted' | 'allocated';
export type AllocationForm = 'cash' | 'cash_and_technology';
export type Bilingual = { zh: string; en: string };

export interface Explained {
  value: string;
  inputs: Record<string, string>;
  rule: Bilingual;
  policyVersion: number | null;
  clause: Bilingual | null;
}

export interface ProjectSummary {
  id: string;
  organisation: { id: string; name: string };
  title: string;
  client: { name: string; creditCode: string };
  contractNo: string;
  contractId: string | null;
  managementFee: { kind: 'rate' | 'amount'; rate: string | null; amount: string | null };
  allocationRatio: string;
  allocationFloor: { ratio: string; clause: Bilingual };
  status: ProjectStatus;
  acceptedOn: string | null;
  surplus: string | null;
  completers: Array<{ id: string; name: string; userId: string | null; share: string; isHead: boolean; isMe: boolean }>;
  canManage: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Entry {
  id: string;
  category: string;
  label: string;
  amount: string;
  on: string;
  evidence: string;
  recordedAt: string;
}

export interface LineExplanation {
  inputs: Record<string, string>;
  rule: Bilingual;
  clause: Bilingual;
}

export interface TechStake {
  formedPct: string;
  teamPct: string;
  heldBackPct: string;
  rule: Bilingual;
  clause: Bilingual;
}

export interface AllocationLine {
  personId: string;
  name: string;
  share: string;
  isHead: boolean;
  isMe?: boolean;
  takes: 'cash' | 'shares';
  cashPart: string;
  techPartPct: string;
  explanation: LineExplanation;
}

export interface AllocationView {
  form: AllocationForm;
  allocatedOn?: string;
  company: { name: string; creditCode: string } | null;
  pool: Explained;
  techStake: TechStake | null;
  totals: { cashPaid: string; cashContributed: string; techPct: string };
  lines: AllocationLine[];
}

export interface Project extends ProjectSummary {
  acceptanceDocument: string | null;
  finalAccountsDocument: string | null;
  receipts: Entry[];
  costs: Entry[];
  figures: { receipts: Explained; directCosts: Explained; managementFee: Explained; surplus: Explained };
  recognised: boolean;
  allocation: AllocationView | null;
}

export interface NewProjectBody {
  title: string;
  client: { name: string; creditCode: string };
  contractNo?: string;
  contractId?: string | null;
  managementFee: { kind: 'rate'; rate: string } | { kind: 'amount'; amount: string };
  allocationRatio: string;
  completers: Array<{ name: string; userId?: string | null; share: string; isHead?: boolean }>;
}

export interface AllocationBody {
  form: AllocationForm;
  company?: { name: string; creditCode: string } | null;
  techStakeFormedPct?: string;
  cashTakers?: string[];
}

const KEY = 'projects';

export function useProjects(status?: ProjectStatus) {
  return useQuery({ queryKey: [KEY, 'list', status ?? null], queryFn: ({ signal }) => api.get<{ items: ProjectSummary[] }>('/projects', { status }, signal) });
}

export function useProject(id: string) {
  return useQuery({ queryKey: [KEY, 'one', id], queryFn: ({ signal }) => api.get<Project>(`/projects/${id}`, undefined, signal), meta: { silent: true }, retry: false });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [KEY, 'timeline', id],
    queryFn: ({ signal }) => api.get<{ items: Array<{ seq: number; type: string; at: string; payload: Record<string, unknown> }> }>(`/projects/${id}/timeline`, undefined, signal),
  });
}

/** A change: every projects query is refreshed afterwards. */
export function useProjectMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: { silent?: boolean } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: options.silent ? { silent: true } : undefined,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

/** A fresh Idempotency-Key per form opening: a double click or a retry records once. */
export const newKey = () => `web-${crypto.randomUUID()}`;

export const projectApi = {
  create: (orgId: string, body: NewProjectBody) => api.post<Project>(`/orgs/${orgId}/projects`, body),
  addReceipt: (id: string, body: { label: string; amount: string; receivedOn: string; evidence: string }, key: string) =>
    request<{ entryId: string; replayed: boolean }>('POST', `/projects/${id}/receipts`, { body, headers: { 'Idempotency-Key': key } }),
  addCost: (id: string, body: { category: string; label: string; amount: string; incurredOn: string; evidence: string }, key: string) =>
    request<{ entryId: string; replayed: boolean }>('POST', `/projects/${id}/costs`, { body, headers: { 'Idempotency-Key': key } }),
  accept: (id: string, body: { acceptedOn: string; acceptanceDocument: string; finalAccountsDocument: string }) => api.post<Project>(`/projects/${id}/acceptance`, body),
  preview: (id: string, body: AllocationBody) => api.post<AllocationView>(`/projects/${id}/allocation/preview`, body),
  allocate: (id: string, body: AllocationBody, key: string) => request<Project>('POST', `/projects/${id}/allocation`, { body, headers: { 'Idempotency-Key': key } }),
};

/** "0.7" → "70", "0.055" → "5.5" (exact, from the string). */
export function ratioToPercent(r: string): string {
  const [i = '0', f = ''] = r.split('.');
  const digits = `${i}${f.padEnd(2, '0')}`;
  const whole = digits.slice(0, i.length + 2).replace(/^0+(?=\d)/, '');
  const rest = f.slice(2).replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/** "70" → "0.7", "5.5" → "0.055"; null when not a percentage 0–100 with at most 4 decimals. */
export function percentToRatio(p: string): string | null {
  const s = p.trim();
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = m[2] ?? '';
  if (whole > 100 || (whole === 100 && /[1-9]/.test(frac))) return null;
  const padded = String(whole).padStart(3, '0');
  const ratio = `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}${frac}`.replace(/\.?0+$/, '');
  return ratio === '' ? '0' : ratio;
}
