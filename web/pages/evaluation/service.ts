import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AchievementEvaluations, Evaluation, EvaluationPage } from '../../../common/api/evaluation';
import { EVALUATION_READER_ROLES, type EvaluationStatus } from '../../../common/evaluation';
import type { Role } from '../../../common/roles';
import { api, request } from '../../api/client';
import type { formBody } from './form';

/** Shapes of the evaluation API: common/api/evaluation.ts (the server validates with the same schemas). */
export type { AchievementEvaluations, Evaluation, EvaluationListItem } from '../../../common/api/evaluation';

/** Who sees evaluations (the server checks again on every route). */
export const EVALUATION_ROLES: readonly Role[] = EVALUATION_READER_ROLES;

const KEY = 'evaluation';

export function useEvaluations(q: { status?: EvaluationStatus | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: [KEY, 'list', q], queryFn: ({ signal }) => api.get<EvaluationPage>('/evaluations', q, signal), placeholderData: (p) => p });
}

export function useAchievementEvaluations(achievementId: string) {
  return useQuery({
    queryKey: [KEY, 'achievement', achievementId],
    queryFn: ({ signal }) => api.get<AchievementEvaluations>(`/achievements/${achievementId}/evaluations`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

/** A change to an evaluation: every evaluation query is refreshed afterwards. */
export function useEvaluationMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

type Body = ReturnType<typeof formBody>;

export const evaluationApi = {
  /** The Idempotency-Key makes a double click start one evaluation, not two. */
  create: (achievementId: string, body: Partial<Body>, idempotencyKey: string) =>
    request<Evaluation>('POST', `/achievements/${achievementId}/evaluations`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, body: Body & { version: number }) => api.put<Evaluation>(`/evaluations/${id}`, body),
  finalise: (id: string) => api.post<Evaluation>(`/evaluations/${id}/finalise`, {}),
  newVersion: (id: string) => api.post<Evaluation>(`/evaluations/${id}/versions`, {}),
  discard: (id: string) => api.delete(`/evaluations/${id}`),
  pdfUrl: (id: string) => `/api/v1/evaluations/${id}/report.pdf`,
};
