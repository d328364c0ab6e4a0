import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../common/roles';
import type { Conclusion, EvaluationStatus, IndicatorScore } from '../../../common/evaluation';
import type { Protection, ValuationResult } from '../../../common/valuation';
import { api, request } from '../../api/client';
import type { formBody, StoredValuation } from './form';

/** Shapes of the evaluation API (server/modules/evaluation/evaluation.routes.ts), as the web client uses them. */

/** Who sees evaluations (the server checks again on every route). */
export const EVALUATION_ROLES: readonly Role[] = ['tto_officer', 'org_admin', 'operator', 'broker', 'admin', 'bureau'];

export interface Evaluation {
  id: string;
  seriesId: string;
  number: string;
  versionNo: number;
  supersedesId: string | null;
  supersededById: string | null;
  achievement: { id: string; number: string; title: string; ipType: string; ipNumbers: string[]; holderOrgId: string; holderName: string; trl: number | null };
  requester: { id: string; name: string };
  status: EvaluationStatus;
  purpose: string;
  evaluatorName: string;
  valuationDate: string;
  trl: number | null;
  trlLevel: { zh: string; en: string } | null;
  trlEvidence: string;
  indicators: IndicatorScore[];
  compositeScore: string | null;
  valuations: StoredValuation[];
  results: ValuationResult[];
  conclusion: Conclusion | null;
  finalisedAt: string | null;
  finalisedByName: string | null;
  contentHash: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  canEdit: boolean;
  canFinalise: boolean;
  canNewVersion: boolean;
}

export interface AchievementEvaluations {
  achievement: { id: string; number: string; title: string; ipType: string; trl: number | null; trlNotes: string; holderName: string } | null;
  protection: Protection | null;
  canCreate: boolean;
  items: Evaluation[];
}

export interface EvaluationListItem {
  id: string;
  number: string;
  versionNo: number;
  status: EvaluationStatus;
  achievementId: string;
  achievementNumber: string;
  achievementTitle: string;
  holderName: string;
  requesterName: string;
  valuationDate: string;
  trl: number | null;
  conclusionValue: string | null;
  updatedAt: string;
}

const KEY = 'evaluation';

export function useEvaluations(status?: EvaluationStatus) {
  return useQuery({ queryKey: [KEY, 'list', status ?? null], queryFn: ({ signal }) => api.get<{ items: EvaluationListItem[] }>('/evaluations', { status }, signal) });
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
