import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Action } from '../../../common/achievements';
import type {
  Achievement,
  AchievementContentInput,
  AttachmentCreated,
  AttachmentInput,
  AttachmentList,
  ImportInput,
  ImportJob,
  ListPage,
  ListSortKey,
  PublicityList,
  Resolution,
  SavedFilters,
  SaveFilterInput,
  Timeline,
} from '../../../common/api/achievements';
import { PAGE_SIZE_MAX } from '../../../common/page';
import type { Field } from '../../../common/taxonomy';
import { api, request } from '../../api/client';
import { useApiMutation } from '../../lib/mutation';
import { filterParams, type LedgerFilters } from './helpers';

/**
 * The achievements API (成果台账) as the web pages use it: server/modules/achievements. The
 * shapes are common/api/achievements.ts; the pages import them from there.
 */

export const ACHIEVEMENTS_KEY = ['achievements'] as const;

/** The list's query as the ledger page holds it; sent as the route's querystring. */
export interface ListQuery extends LedgerFilters {
  mine?: boolean;
  sort?: ListSortKey;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** Every action route: the lifecycle (common/achievements.ts) plus publishing. */
export type LedgerAction = Action | 'publish' | 'unpublish';

const ACTION_PATHS: Record<LedgerAction, string> = {
  submit: 'submit',
  withdraw: 'withdraw',
  accept: 'accept',
  return: 'return',
  assess: 'assess',
  protect: 'protect',
  price: 'price',
  start_publicity: 'publicity',
  cancel_publicity: 'publicity/cancel',
  decide: 'decide',
  complete: 'complete',
  reopen: 'reopen',
  dispose: 'dispose',
  publish: 'publish',
  unpublish: 'unpublish',
};

/** The list with its filters; the status filter repeats as `status=a&status=b`. */
export async function fetchAchievementList(orgId: string, query: ListQuery, signal?: AbortSignal): Promise<ListPage> {
  const { mine, sort, order, page, pageSize, ...filters } = query;
  const params = new URLSearchParams(filterParams(filters));
  if (mine) params.set('mine', 'true');
  if (sort) params.set('sort', sort);
  if (order) params.set('order', order);
  if (page) params.set('page', String(page));
  if (pageSize) params.set('pageSize', String(pageSize));
  const qs = params.toString();
  return request<ListPage>('GET', `/orgs/${orgId}/achievements${qs ? `?${qs}` : ''}`, { signal });
}

export function useAchievementList(orgId: string | undefined, query: ListQuery) {
  return useQuery({
    enabled: !!orgId,
    queryKey: [...ACHIEVEMENTS_KEY, 'list', orgId, query],
    queryFn: ({ signal }) => fetchAchievementList(orgId ?? '', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAchievement(id: string | undefined) {
  return useQuery({
    enabled: !!id,
    queryKey: [...ACHIEVEMENTS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Achievement>(`/achievements/${id}`, undefined, signal),
  });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: [...ACHIEVEMENTS_KEY, 'timeline', id],
    queryFn: ({ signal }) => api.get<Timeline>(`/achievements/${id}/timeline`, undefined, signal),
  });
}

export function useAttachments(id: string | undefined) {
  return useQuery({
    enabled: !!id,
    queryKey: [...ACHIEVEMENTS_KEY, 'attachments', id],
    queryFn: ({ signal }) => api.get<AttachmentList>(`/achievements/${id}/attachments`, undefined, signal),
  });
}

export function usePublicity(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...ACHIEVEMENTS_KEY, 'publicity', id],
    queryFn: ({ signal }) => api.get<PublicityList>(`/achievements/${id}/publicity`, undefined, signal),
  });
}

export function useFields() {
  return useQuery({
    queryKey: ['reference', 'fields'],
    queryFn: ({ signal }) => api.get<{ fields: Field[] }>('/taxonomy/fields', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ACHIEVEMENTS_KEY });
}

/** A change to an achievement: every achievements query is refreshed afterwards; `silent` when the page shows the error itself. */
function useAchievementMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, options: { silent?: boolean } = {}) {
  return useApiMutation(fn, { invalidate: [ACHIEVEMENTS_KEY], ...options });
}

/** Create (orgId, no id) or update (id) a disclosure; `submit` discloses at once on create. */
export function useSaveAchievement(orgId: string | undefined, id: string | undefined) {
  return useAchievementMutation(
    (input: AchievementContentInput & { submit?: boolean; version?: number }) => {
      if (id) {
        const { submit: _s, ...rest } = input;
        return api.patch<Achievement>(`/achievements/${id}`, rest);
      }
      return api.post<Achievement>(`/orgs/${orgId}/achievements`, input);
    },
    { silent: true },
  );
}

/** One lifecycle step or publish/unpublish; the body is the action's fields. */
export function useAchievementAction(id: string) {
  return useAchievementMutation(({ action, body }: { action: LedgerAction; body?: Record<string, unknown> }) => api.post<Achievement>(`/achievements/${id}/${ACTION_PATHS[action]}`, body ?? {}), {
    silent: true,
  });
}

export function useRaiseObjection(id: string) {
  return useAchievementMutation((content: string) => api.post<PublicityList>(`/achievements/${id}/objections`, { content }), { silent: true });
}

export function useResolveObjection(id: string) {
  return useAchievementMutation(
    ({ objectionId, resolution, note }: { objectionId: string; resolution: Resolution; note: string }) =>
      api.post<PublicityList>(`/achievements/${id}/objections/${objectionId}/resolve`, { resolution, note }),
    { silent: true },
  );
}

export function useUploadAttachment(id: string | undefined) {
  return useAchievementMutation((file: AttachmentInput) => api.post<AttachmentCreated>(`/achievements/${id}/attachments`, file));
}

export function useSavedFilters(orgId: string | undefined) {
  return useQuery({
    enabled: !!orgId,
    queryKey: [...ACHIEVEMENTS_KEY, 'saved-filters', orgId],
    queryFn: ({ signal }) => api.get<SavedFilters>(`/orgs/${orgId}/achievements/saved-filters?pageSize=${PAGE_SIZE_MAX}`, undefined, signal),
  });
}

export function useSaveFilter(orgId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveFilterInput) => api.post<SavedFilters>(`/orgs/${orgId}/achievements/saved-filters`, input),
    onSuccess: (data) => queryClient.setQueryData([...ACHIEVEMENTS_KEY, 'saved-filters', orgId], data),
  });
}

export function useDeleteFilter(orgId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filterId: string) => api.delete(`/orgs/${orgId}/achievements/saved-filters/${filterId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...ACHIEVEMENTS_KEY, 'saved-filters', orgId] }),
  });
}

export function useStartImport(orgId: string | undefined) {
  return useMutation({
    mutationFn: (input: ImportInput) => api.post<ImportJob>(`/orgs/${orgId}/achievements/imports`, input),
  });
}

/** One import, polled every second until it has finished. */
export function useImportJob(orgId: string | undefined, importId: string | null) {
  const invalidate = useInvalidate();
  return useQuery({
    enabled: !!orgId && !!importId,
    queryKey: ['achievement-imports', orgId, importId],
    queryFn: async ({ signal }) => {
      const job = await api.get<ImportJob>(`/orgs/${orgId}/achievements/imports/${importId}`, undefined, signal);
      if (job.status === 'completed') void invalidate();
      return job;
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'completed' || status === 'failed' || status === 'rejected' ? false : 1000;
    },
  });
}

/** A browser file as base64 (without the data: prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
