import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';

/** Shapes of the market API (server/modules/market/market.routes.ts), as the web client uses them. */

export interface Fragment {
  text: string;
  hit: boolean;
}
export interface Facet {
  key: string;
  count: number;
}
export interface SearchMeta {
  words: string[];
  corrections: { from: string; to: string[] }[];
  synonyms: { from: string; to: string[] }[];
  fuzzy: boolean;
}

export interface ListingHit {
  achievementId: string;
  number: string;
  title: string;
  titleEn: string | null;
  organisationName: string;
  district: string | null;
  fieldCode: string;
  trl: number | null;
  ipType: string;
  askingPrice: string | null;
  cooperationModes: string[];
  publishedAt: string | null;
  score: number;
  titleHighlight: Fragment[];
  snippet: Fragment[];
}
export interface ListingSearchResult {
  items: ListingHit[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  facets: Record<'field' | 'trl' | 'priceBand' | 'region' | 'ipType' | 'mode', Facet[]>;
  query: SearchMeta;
}

export interface DemandHit {
  demandId: string;
  number: string;
  title: string;
  organisationName: string;
  fieldCode: string | null;
  region: string[];
  budget: string | null;
  deadline: string | null;
  createdAt: string;
  score: number;
  titleHighlight: Fragment[];
  snippet: Fragment[];
}
export interface DemandSearchResult {
  items: DemandHit[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  facets: Record<'field' | 'region' | 'budgetBand', Facet[]>;
  query: SearchMeta;
}

export interface Listing {
  achievementId: string;
  number: string;
  title: string;
  titleEn: string | null;
  summary: string;
  summaryEn: string | null;
  problem: string;
  benefit: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  trl: number | null;
  ipType: string;
  ipNumbers: string[];
  ipStatus: string;
  cooperationModes: string[];
  askingPrice: string | null;
  priceNegotiable: boolean;
  holder: { organisationId: string; name: string; district: string | null };
  completerNames: string[];
  indicators: { name: string; value: string; unit?: string }[];
  publishedAt: string | null;
  expiresOn: string | null;
  expired: boolean;
  views: number;
  canEdit: boolean;
}

export interface Demand {
  id: string;
  number: string;
  organisationId: string;
  organisationName: string;
  title: string;
  description: string;
  context: string;
  targets: string;
  budget: string | null;
  region: string[];
  deadline: string | null;
  fieldCode: string | null;
  cooperationModes: string[];
  visibility: 'public' | 'platform';
  status: 'open' | 'closed';
  closedReason: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  version: number;
  canEdit: boolean;
}

export interface Explanation {
  textScore: number;
  terms: { term: string; matched: string; via: 'exact' | 'synonym' | 'spelling'; fields: string[]; contribution: number }[];
  synonymsUsed: { from: string; to: string }[];
  unmatched: string[];
  fit: { feature: string; contribution: number; zh: string; en: string }[];
  threshold: number;
  synonymVersion: string;
}
export interface ListingMatch {
  achievementId: string;
  score: number;
  explanation: Explanation;
  title: string;
  number: string;
  organisationName: string;
  fieldCode: string;
  trl: number | null;
  askingPrice: string | null;
}
export interface DemandMatch {
  demandId: string;
  score: number;
  explanation: Explanation;
  title: string;
  number: string;
  organisationName: string;
  budget: string | null;
  deadline: string | null;
}

export type Verdict = 'relevant' | 'too_early' | 'benefit_unclear' | 'too_expensive' | 'other';
export const VERDICTS: Verdict[] = ['relevant', 'too_early', 'benefit_unclear', 'too_expensive', 'other'];

export interface SynonymEntry {
  term: string;
  expansions: string[];
  weight: number;
  source: 'seed' | 'operator';
  disabled: boolean;
  note: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const useListingSearch = (q: Query) =>
  useQuery({ queryKey: ['market', 'listings', q], queryFn: ({ signal }) => api.get<ListingSearchResult>('/market/achievements', q, signal), placeholderData: (p) => p });
export const useDemandSearch = (q: Query, enabled: boolean) =>
  useQuery({ queryKey: ['market', 'demands', q], queryFn: ({ signal }) => api.get<DemandSearchResult>('/market/demands', q, signal), enabled, placeholderData: (p) => p });
export const useListing = (id: string) => useQuery({ queryKey: ['market', 'listing', id], queryFn: ({ signal }) => api.get<Listing>(`/market/achievements/${id}`, undefined, signal) });
export const useFunnel = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['market', 'funnel', id],
    queryFn: ({ signal }) => api.get<Record<'views' | 'inquiries' | 'ndas' | 'offers' | 'deals', number>>(`/market/achievements/${id}/funnel`, undefined, signal),
    enabled,
  });
export const useListingDemands = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['market', 'listing-demands', id],
    queryFn: ({ signal }) => api.get<{ items: DemandMatch[]; noGoodMatch: boolean }>(`/market/achievements/${id}/matches`, { limit: 10 }, signal),
    enabled,
  });
export const useDemand = (id: string) => useQuery({ queryKey: ['market', 'demand', id], queryFn: ({ signal }) => api.get<Demand>(`/market/demands/${id}`, undefined, signal), enabled: !!id });
export const useDemandMatches = (id: string) =>
  useQuery({
    queryKey: ['market', 'demand-matches', id],
    queryFn: ({ signal }) => api.get<{ items: ListingMatch[]; noGoodMatch: boolean }>(`/market/demands/${id}/matches`, { limit: 10 }, signal),
  });
export const useMyDemands = () => useQuery({ queryKey: ['market', 'my-demands'], queryFn: ({ signal }) => api.get<{ items: Demand[] }>('/market/my-demands', undefined, signal) });
export const useSynonyms = (q: string) =>
  useQuery({ queryKey: ['market', 'synonyms', q], queryFn: ({ signal }) => api.get<{ version: string; items: SynonymEntry[] }>('/market/synonyms', { q }, signal), placeholderData: (p) => p });

export function useMarketMutation<T, V>(fn: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['market'] }) });
}
