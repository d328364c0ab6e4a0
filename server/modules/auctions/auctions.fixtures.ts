/**
 * Shared by the auctions tests: a listing on Saturday 2026-11-28 for 5 working days
 * (11-30 … 12-04), bidding on 12-07 from 9:00 to 10:00 with a 5-minute extension.
 */
export const AUCTION_TERMS = {
  kind: 'transfer',
  startingPrice: '100000.00',
  reservePrice: '150000.00',
  increment: '5000.00',
  depositAmount: '10000.00',
  publicityDays: 5,
  publicityDayKind: 'working',
  startsAt: '2026-12-07T09:00:00+08:00',
  endsAt: '2026-12-07T10:00:00+08:00',
  extensionMinutes: 5,
};
