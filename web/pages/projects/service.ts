import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import { type ApiMutationOptions, useApiMutation } from '../../lib/mutation';

/** Shapes of the projects API: common/api/projects.ts (the server's schemas), re-exported for the pages. */

export { ALLOCATION_FORMS, COST_CATEGORIES, PROJECT_STATUSES } from '../../../common/projects';
export type { AllocationForm, CostCategory, ProjectStatus } from '../../../common/projects';
export type {
  AcceptanceBody,
  Allocation,
  AllocationBody,
  AllocationPreview,
  CostBody,
  Entry,
  EntryResult,
  ExplainedFigure as Explained,
  LineExplanation,
  NewProject as NewProjectBody,
  Project,
  ProjectPage,
  ProjectSummary,
  ProjectTimeline,
  ReceiptBody,
  TechStake,
} from '../../../common/api/projects';
export type { BilingualText as Bilingual } from '../../../common/schemas';

import type { AcceptanceBody, Allocation, AllocationBody, AllocationPreview, CostBody, EntryResult, NewProject, Project, ProjectTimeline, ReceiptBody } from '../../../common/api/projects';

/** An allocation as the page shows it: the preview before recording, or the recorded one. */
export type AllocationView = AllocationPreview | Allocation;
/** One person's line of either (the recorded one also says whether it is the signed-in person's). */
export type AllocationLine = AllocationPreview['lines'][number] & Partial<Pick<Allocation['lines'][number], 'isMe'>>;

const KEY = 'projects';

/** The query key prefix of the projects list (PagedTable appends the page request). */
export const PROJECTS_KEY = [KEY, 'list'] as const;

export function useProject(id: string) {
  return useQuery({ queryKey: [KEY, 'one', id], queryFn: ({ signal }) => api.get<Project>(`/projects/${id}`, undefined, signal), meta: { silent: true }, retry: false });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [KEY, 'timeline', id],
    queryFn: ({ signal }) => api.get<ProjectTimeline>(`/projects/${id}/timeline`, undefined, signal),
  });
}

/** A change: every projects query is refreshed afterwards. */
export function useProjectMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, options: ApiMutationOptions<TVars, TResult> = {}) {
  return useApiMutation(fn, { invalidate: [[KEY]], ...options });
}

/** A fresh Idempotency-Key per form opening: a double click or a retry records once. */
export const newKey = () => `web-${crypto.randomUUID()}`;

export const projectApi = {
  create: (orgId: string, body: NewProject) => api.post<Project>(`/orgs/${orgId}/projects`, body),
  addReceipt: (id: string, body: ReceiptBody, key: string) => request<EntryResult>('POST', `/projects/${id}/receipts`, { body, headers: { 'Idempotency-Key': key } }),
  addCost: (id: string, body: CostBody, key: string) => request<EntryResult>('POST', `/projects/${id}/costs`, { body, headers: { 'Idempotency-Key': key } }),
  accept: (id: string, body: AcceptanceBody) => api.post<Project>(`/projects/${id}/acceptance`, body),
  preview: (id: string, body: AllocationBody) => api.post<AllocationPreview>(`/projects/${id}/allocation/preview`, body),
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
