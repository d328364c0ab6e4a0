import { useQuery } from '@tanstack/react-query';
import type { Achievement } from '../../../common/api/achievements';
import type { Auction, AuctionPage, BidPage, BidResult, NewAuctionInput } from '../../../common/api/auctions';
import type { MessagePage, OfferInput, PackAccessPage, PackFile, PackOverview, Room, RoomPage, RoomReplay } from '../../../common/api/deals';
import { api, request } from '../../api/client';

/** Shapes of the deals and auctions APIs: common/api/deals.ts and common/api/auctions.ts (the server validates with the same schemas). */
export type { Message, Offer, PackAccess, PackFile, Room, RoomSummary, Side } from '../../../common/api/deals';
export type { Auction, AuctionPhase as Phase, AuctionSummary, Bid } from '../../../common/api/auctions';
export type { OfferInput as OfferBody } from '../../../common/api/deals';

/** The achievement as GET /achievements/{id} answers (the achievements API). */
export type PublicAchievement = Achievement;

const KEY = 'deals';

/** The query key prefix of every deals and auctions query (refreshed after each change). */
export const DEALS_KEY = [KEY] as const;

type Paging = { page: number; pageSize: number };

export function usePublicAchievement(id: string) {
  return useQuery({
    queryKey: ['achievements', 'one', id],
    queryFn: ({ signal }) => api.get<PublicAchievement>(`/achievements/${id}`, undefined, signal),
    meta: { silent: true },
    retry: false,
  });
}

export function useRooms(q: { achievementId?: string | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: [KEY, 'rooms', q], queryFn: ({ signal }) => dealApi.rooms(q, signal), placeholderData: (p) => p });
}

export function useRoom(id: string) {
  return useQuery({ queryKey: [KEY, 'room', id], queryFn: ({ signal }) => api.get<Room>(`/deal-rooms/${id}`, undefined, signal), meta: { silent: true }, retry: false, refetchInterval: 15_000 });
}

export function usePack(achievementId: string, enabled: boolean) {
  return useQuery({
    queryKey: [KEY, 'pack', achievementId],
    queryFn: ({ signal }) => api.get<PackOverview>(`/achievements/${achievementId}/deal-pack`, undefined, signal),
    enabled,
    meta: { silent: true },
    retry: false,
  });
}

export function useAuctions(q: { achievementId?: string | undefined; page: number; pageSize: number }) {
  return useQuery({ queryKey: [KEY, 'auctions', q], queryFn: ({ signal }) => dealApi.auctions(q, signal), placeholderData: (p) => p });
}

/** Bids beyond the first page (the polled auction object carries the latest). */
export function useAuctionBids(auctionId: string, q: Paging, enabled: boolean) {
  return useQuery({ queryKey: [KEY, 'bids', auctionId, q], queryFn: ({ signal }) => dealApi.bids(auctionId, q, signal), enabled, placeholderData: (p) => p });
}

export function useAuction(id: string) {
  return useQuery({ queryKey: [KEY, 'auction', id], queryFn: ({ signal }) => api.get<Auction>(`/auctions/${id}`, undefined, signal), meta: { silent: true }, retry: false, refetchInterval: 5_000 });
}

const idem = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const dealApi = {
  rooms: (q: { achievementId?: string | undefined } & Paging, signal?: AbortSignal) => api.get<RoomPage>('/deal-rooms', q, signal),
  /** A room's whole conversation, a page at a time (the room object carries the latest messages). */
  messages: (roomId: string, q: Paging, signal?: AbortSignal) => api.get<MessagePage>(`/deal-rooms/${roomId}/messages`, q, signal),
  /** Who opened the room's pack files (the holder's office), a page at a time. */
  packAccess: (roomId: string, q: Paging, signal?: AbortSignal) => api.get<PackAccessPage>(`/deal-rooms/${roomId}/pack-access`, q, signal),
  auctions: (q: { achievementId?: string | undefined } & Paging, signal?: AbortSignal) => api.get<AuctionPage>('/auctions', q, signal),
  /** Every bid of an auction, a page at a time (the auction object carries the latest). */
  bids: (auctionId: string, q: Paging, signal?: AbortSignal) => api.get<BidPage>(`/auctions/${auctionId}/bids`, q, signal),
  inquire: (achievementId: string, body: { question?: string; requestPack?: boolean }) => api.post<Room>(`/achievements/${achievementId}/inquiries`, body),
  acceptNda: (roomId: string, version: string) => api.post<Room>(`/deal-rooms/${roomId}/nda`, { version, accept: true }),
  message: (roomId: string, body: string) => api.post<Room>(`/deal-rooms/${roomId}/messages`, { body }),
  offer: (roomId: string, body: OfferInput) => request<RoomReplay>('POST', `/deal-rooms/${roomId}/offers`, { body, headers: { 'Idempotency-Key': idem() } }),
  counter: (roomId: string, offerId: string, body: OfferInput) => request<RoomReplay>('POST', `/deal-rooms/${roomId}/offers/${offerId}/counter`, { body, headers: { 'Idempotency-Key': idem() } }),
  accept: (roomId: string, offerId: string) => request<RoomReplay>('POST', `/deal-rooms/${roomId}/offers/${offerId}/accept`, { body: {}, headers: { 'Idempotency-Key': idem() } }),
  decline: (roomId: string, offerId: string, reason?: string) => api.post<Room>(`/deal-rooms/${roomId}/offers/${offerId}/decline`, reason ? { reason } : {}),
  upload: (achievementId: string, file: { filename: string; contentType: string; dataBase64: string }) => api.post<PackFile>(`/achievements/${achievementId}/deal-pack`, file),
  /** Reads one pack file (the server logs the access) and gives its bytes. */
  async readFile(roomId: string, fileId: string): Promise<Blob> {
    const res = await fetch(`/api/v1/deal-rooms/${roomId}/pack/${fileId}`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return res.blob();
  },
  createAuction: (achievementId: string, body: NewAuctionInput) => api.post<Auction>(`/achievements/${achievementId}/auctions`, body),
  deposit: (auctionId: string, body: { orgId: string; amount: string; reference?: string }) => api.post<Auction>(`/auctions/${auctionId}/deposits`, body),
  /** One key per bid attempt: a retry of the same attempt (network) is recorded once. */
  bid: (auctionId: string, amount: string, key: string) =>
    request<BidResult>('POST', `/auctions/${auctionId}/bids`, {
      body: { amount },
      headers: { 'Idempotency-Key': key },
    }),
  close: (auctionId: string) => api.post<Auction>(`/auctions/${auctionId}/close`, {}),
  newKey: idem,
};
