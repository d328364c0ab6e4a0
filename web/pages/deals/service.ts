import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OfferKind, OfferStatus, RoomStatus } from '../../../common/deals';
import { api, request } from '../../api/client';

/** Shapes of the deals and auctions APIs (server/modules/deals, server/modules/auctions), as the web client uses them. */

export type Side = 'firm' | 'holder';

export interface Offer {
  id: string;
  seq: number;
  side: Side;
  kind: OfferKind;
  amount: string | null;
  currency: string;
  negotiable: boolean;
  terms: string;
  validUntil: string;
  status: OfferStatus;
  respondsTo: string | null;
  contractId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface PackFile {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Room {
  id: string;
  achievement: { id: string; title: string; number: string };
  holder: { id: string; name: string };
  firm: { id: string; name: string };
  mySide: Side;
  status: RoomStatus;
  packRequested: boolean;
  nda: {
    accepted: boolean;
    version: string | null;
    textZh: string;
    textEn: string;
    textSha256: string | null;
    acceptedBy: string | null;
    acceptedAt: string | null;
    acceptedIp: string | null;
  };
  packFiles: PackFile[];
  accessLog: Array<{ id: string; filename: string; user: string; at: string; ip: string | null }>;
  messages: Array<{ id: string; side: Side; author: string; body: string; at: string }>;
  offers: Offer[];
  openOfferExpired: boolean;
  contractId: string | null;
  pricing: { method: 'agreement'; publicityMinDays: number; zh: string; en: string };
  createdAt: string;
  updatedAt: string;
}

export interface RoomSummary {
  id: string;
  achievement: { id: string; title: string; number: string };
  holder: { id: string; name: string };
  firm: { id: string; name: string };
  mySide: Side;
  status: RoomStatus;
  packRequested: boolean;
  ndaAccepted: boolean;
  messages: number;
  offers: number;
  openOffers: number;
  packAccesses: number;
  contractId: string | null;
  updatedAt: string;
}

export interface PublicAchievement {
  id: string;
  number: string;
  title: string;
  titleEn: string | null;
  summary: string;
  problem: string;
  benefit: string;
  trl: number | null;
  askingPrice: string | null;
  organisationId: string;
  organisationName: string;
  visibility: string;
}

export interface OfferBody {
  kind: OfferKind;
  amount: string | null;
  terms?: string;
  validUntil: string;
}

export type Phase = 'publicity' | 'upcoming' | 'open' | 'ended' | 'closed_won' | 'closed_unsold' | 'cancelled';

export interface Auction {
  id: string;
  achievement: { id: string; title: string; number: string };
  holder: { id: string; name: string };
  kind: OfferKind;
  title: string;
  currency: string;
  status: string;
  phase: Phase;
  startingPrice: string;
  reservePrice: string | null;
  hasReserve: boolean;
  reserveMet: boolean;
  increment: string;
  depositAmount: string;
  publicity: { listedOn: string; days: number; dayKind: 'working' | 'calendar'; lastDay: string; biddingFrom: string; explanation: { zh: string; en: string } };
  startsAt: string;
  endsAt: string;
  originalEndsAt: string;
  extensionMinutes: number;
  highestAmount: string | null;
  bidCount: number;
  minimumNextBid: string;
  serverNow: string;
  canRun: boolean;
  myDeposit: boolean;
  canBid: boolean;
  bids: Array<{ seq: number; amount: string; at: string; bidder: string; mine: boolean; extended: boolean }>;
  deposits: Array<{ orgId: string; name: string; amount: string; recordedAt: string }>;
  winner: { id: string; name: string } | null;
  contractId: string | null;
  rules: { version: string; zh: string; en: string };
}

export interface AuctionSummary {
  id: string;
  achievementId: string;
  title: string;
  holder: { id: string; name: string };
  kind: OfferKind;
  status: string;
  phase: Phase;
  startingPrice: string;
  highestAmount: string | null;
  bidCount: number;
  startsAt: string;
  endsAt: string;
}

const KEY = 'deals';

export function usePublicAchievement(id: string) {
  return useQuery({
    queryKey: ['achievements', 'one', id],
    queryFn: ({ signal }) => api.get<PublicAchievement>(`/achievements/${id}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

export function useRooms(achievementId?: string) {
  return useQuery({ queryKey: [KEY, 'rooms', achievementId ?? null], queryFn: ({ signal }) => api.get<{ items: RoomSummary[] }>('/deal-rooms', { achievementId }, signal) });
}

export function useRoom(id: string) {
  return useQuery({ queryKey: [KEY, 'room', id], queryFn: ({ signal }) => api.get<Room>(`/deal-rooms/${id}`, undefined, signal), meta: { silent: true }, retry: false, refetchInterval: 15_000 });
}

export function usePack(achievementId: string, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'pack', achievementId],
    queryFn: ({ signal }) => api.get<{ items: Array<PackFile & { accesses: number }>; funnel: { inquiries: number; ndas: number; offers: number; deals: number } }>(`/achievements/${achievementId}/deal-pack`, undefined, signal),
    enabled,
    meta: { silent: true },
    retry: false,
  });
}

export function useAuctions(achievementId?: string) {
  return useQuery({ queryKey: [KEY, 'auctions', achievementId ?? null], queryFn: ({ signal }) => api.get<{ items: AuctionSummary[] }>('/auctions', { achievementId }, signal) });
}

export function useAuction(id: string) {
  return useQuery({ queryKey: [KEY, 'auction', id], queryFn: ({ signal }) => api.get<Auction>(`/auctions/${id}`, undefined, signal), meta: { silent: true }, retry: false, refetchInterval: 5_000 });
}

/** A change in the deal room or an auction: every deals query is refreshed afterwards. */
export function useDealMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

const idem = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const dealApi = {
  inquire: (achievementId: string, body: { question?: string; requestPack?: boolean }) => api.post<Room>(`/achievements/${achievementId}/inquiries`, body),
  acceptNda: (roomId: string, version: string) => api.post<Room>(`/deal-rooms/${roomId}/nda`, { version, accept: true }),
  message: (roomId: string, body: string) => api.post<Room>(`/deal-rooms/${roomId}/messages`, { body }),
  offer: (roomId: string, body: OfferBody) => request<Room>('POST', `/deal-rooms/${roomId}/offers`, { body, headers: { 'Idempotency-Key': idem() } }),
  counter: (roomId: string, offerId: string, body: OfferBody) => request<Room>('POST', `/deal-rooms/${roomId}/offers/${offerId}/counter`, { body, headers: { 'Idempotency-Key': idem() } }),
  accept: (roomId: string, offerId: string) => request<Room>('POST', `/deal-rooms/${roomId}/offers/${offerId}/accept`, { body: {}, headers: { 'Idempotency-Key': idem() } }),
  decline: (roomId: string, offerId: string, reason?: string) => api.post<Room>(`/deal-rooms/${roomId}/offers/${offerId}/decline`, reason ? { reason } : {}),
  upload: (achievementId: string, file: { filename: string; contentType: string; dataBase64: string }) => api.post<PackFile>(`/achievements/${achievementId}/deal-pack`, file),
  /** Reads one pack file (the server logs the access) and gives its bytes. */
  async readFile(roomId: string, fileId: string): Promise<Blob> {
    const res = await fetch(`/api/v1/deal-rooms/${roomId}/pack/${fileId}`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return res.blob();
  },
  createAuction: (achievementId: string, body: Record<string, unknown>) => api.post<Auction>(`/achievements/${achievementId}/auctions`, body),
  deposit: (auctionId: string, body: { orgId: string; amount: string; reference?: string }) => api.post<Auction>(`/auctions/${auctionId}/deposits`, body),
  /** One key per bid attempt: a retry of the same attempt (network) is recorded once. */
  bid: (auctionId: string, amount: string, key: string) =>
    request<{ seq: number; amount: string; endsAt: string; extended: boolean; minimumNextBid: string; replayed: boolean }>('POST', `/auctions/${auctionId}/bids`, {
      body: { amount },
      headers: { 'Idempotency-Key': key },
    }),
  close: (auctionId: string) => api.post<Auction>(`/auctions/${auctionId}/close`, {}),
  newKey: idem,
};
