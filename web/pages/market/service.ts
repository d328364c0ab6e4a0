import { useQuery } from '@tanstack/react-query';
import type { DemandMatches, DemandSearchPage, Demand, Funnel, Listing, ListingMatches, ListingSearchPage, MyDemandsPage, SynonymMap } from '../../../common/api/market';
import { api, type Query } from '../../api/client';

/** Shapes of the market API: common/api/market.ts (the server validates with the same schemas). */
export type {
  Demand,
  DemandHit,
  DemandMatch,
  Explanation,
  Facet,
  Fragment,
  Listing,
  ListingHit,
  ListingMatch,
  SearchMeta,
  SynonymEntry,
} from '../../../common/api/market';
export { VERDICTS, type Verdict } from '../../../common/market';

export const useListingSearch = (q: Query) =>
  useQuery({ queryKey: ['market', 'listings', q], queryFn: ({ signal }) => api.get<ListingSearchPage>('/market/achievements', q, signal), placeholderData: (p) => p });
export const useDemandSearch = (q: Query, enabled: boolean) =>
  useQuery({ queryKey: ['market', 'demands', q], queryFn: ({ signal }) => api.get<DemandSearchPage>('/market/demands', q, signal), enabled, placeholderData: (p) => p });
export const useListing = (id: string) => useQuery({ queryKey: ['market', 'listing', id], queryFn: ({ signal }) => api.get<Listing>(`/market/achievements/${id}`, undefined, signal) });
export const useFunnel = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['market', 'funnel', id],
    queryFn: ({ signal }) => api.get<Funnel>(`/market/achievements/${id}/funnel`, undefined, signal),
    enabled,
  });
export const useListingDemands = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['market', 'listing-demands', id],
    queryFn: ({ signal }) => api.get<DemandMatches>(`/market/achievements/${id}/matches`, { limit: 10 }, signal),
    enabled,
  });
export const useDemand = (id: string) => useQuery({ queryKey: ['market', 'demand', id], queryFn: ({ signal }) => api.get<Demand>(`/market/demands/${id}`, undefined, signal), enabled: !!id });
export const useDemandMatches = (id: string) =>
  useQuery({
    queryKey: ['market', 'demand-matches', id],
    queryFn: ({ signal }) => api.get<ListingMatches>(`/market/demands/${id}/matches`, { limit: 10 }, signal),
  });
/** My organisations' demands, a page at a time. */
export const fetchMyDemands = (q: { page: number; pageSize: number }, signal?: AbortSignal) => api.get<MyDemandsPage>('/market/my-demands', q, signal);
export const useSynonyms = (q: string) => useQuery({ queryKey: ['market', 'synonyms', q], queryFn: ({ signal }) => api.get<SynonymMap>('/market/synonyms', { q }, signal), placeholderData: (p) => p });

/** The query key prefix of every market query (refreshed after each change). */
export const MARKET_KEY = ['market'] as const;
