import { useQuery } from '@tanstack/react-query';
import type { AchievementEvaluations, Evaluation, EvaluationPage } from '../../../common/api/evaluation';
import type { EvaluationStatus } from '../../../common/evaluation';
import { api, request } from '../../api/client';
import type { formBody } from './form';

/** Shapes of the evaluation API: common/api/evaluation.ts (the server validates with the same schemas). */
export type { AchievementEvaluations, Evaluation, EvaluationListItem } from '../../../common/api/evaluation';

const KEY = 'evaluation';

/** The query key prefix of every evaluation query (refreshed after each change). */
export const EVALUATION_KEY = [KEY] as const;

export function useAchievementEvaluations(achievementId: string) {
  return useQuery({
    queryKey: [KEY, 'achievement', achievementId],
    queryFn: ({ signal }) => api.get<AchievementEvaluations>(`/achievements/${achievementId}/evaluations`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

type Body = ReturnType<typeof formBody>;

export const evaluationApi = {
  list: (q: { status?: EvaluationStatus | undefined; page: number; pageSize: number }, signal?: AbortSignal) => api.get<EvaluationPage>('/evaluations', q, signal),
  /** The Idempotency-Key makes a double click start one evaluation, not two. */
  create: (achievementId: string, body: Partial<Body>, idempotencyKey: string) =>
    request<Evaluation>('POST', `/achievements/${achievementId}/evaluations`, { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: string, body: Body & { version: number }) => api.put<Evaluation>(`/evaluations/${id}`, body),
  finalise: (id: string) => api.post<Evaluation>(`/evaluations/${id}/finalise`, {}),
  newVersion: (id: string) => api.post<Evaluation>(`/evaluations/${id}/versions`, {}),
  discard: (id: string) => api.delete(`/evaluations/${id}`),
  pdfUrl: (id: string) => `/api/v1/evaluations/${id}/report.pdf`,
};
