import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgKind } from '../../../common/roles';
import { api, type Page } from '../../api/client';
import type { Member, Members, NewMember, Org, OrgInput } from '../../api/types';

export const ORGS_KEY = ['orgs'] as const;

export interface OrgFilters {
  q?: string;
  kind?: OrgKind;
  page?: number;
  pageSize?: number;
}

export function useOrgList(filters: OrgFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...ORGS_KEY, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<Org>>('/orgs', { ...filters }, signal),
    placeholderData: (previous) => previous,
  });
}

/** One organisation; `silent` for look-ups that may be refused (a parent outside one's own organisation). */
export function useOrg(orgId: string | null | undefined, silent = false) {
  return useQuery({
    queryKey: [...ORGS_KEY, 'one', orgId],
    meta: { silent },
    queryFn: ({ signal }) => api.get<Org>(`/orgs/${orgId}`, undefined, signal),
    enabled: !!orgId,
  });
}

export function useMembers(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ORGS_KEY, 'members', orgId],
    queryFn: ({ signal }) => api.get<Members>(`/orgs/${orgId}/members`, undefined, signal),
    enabled,
  });
}

/** Create (no id) or update an organisation; refreshes every organisation query. */
export function useSaveOrg(orgId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrgInput) => (orgId ? api.patch<Org>(`/orgs/${orgId}`, input) : api.post<Org>('/orgs', input)),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGS_KEY }),
  });
}

export function useAddMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewMember) => api.post<Member>(`/orgs/${orgId}/members`, input),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGS_KEY }),
  });
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => api.delete(`/orgs/${orgId}/members/${membershipId}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORGS_KEY }),
  });
}
