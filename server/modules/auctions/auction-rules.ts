import { addDays, type BusinessDate, type WorkdayCalendar } from '../../../common/calendar.js';
import { add, cmp, type Money } from '../../../common/money.js';

/**
 * Rules of listing (挂牌) with publicity and of the English auction (竞价), as pure functions:
 * the publicity window, the minimum next bid, whether a bid stands, the anti-sniping extension,
 * and the outcome (winner, or reserve not met). No I/O; the service locks and stores.
 *
 * Sources: DOMAIN §2.2 — listing on a technology exchange (挂牌交易) and auction (拍卖) are
 * market pricing methods (Law Art. 18; 鲁政办字〔2024〕148号 item 二). The length of the listing's
 * publicity and the auction mechanics (deposit, reserve, increment, extension) are not fixed by
 * any source: they are parameters of each auction [INFERENCE], within the bounds below.
 */

export const RULES_VERSION = 'auction-rules-2026-11';
export const PUBLICITY_DAYS_RANGE = { min: 1, max: 60 } as const;
export const EXTENSION_MINUTES_RANGE = { min: 0, max: 60 } as const;
const MINUTE = 60_000;

export type DayKind = 'working' | 'calendar';

export interface Explanation {
  zh: string;
  en: string;
}

/**
 * The listing's publicity: `days` working or calendar days counted from the listing day (the
 * listing day counts when it is itself a working day, for working days). Bidding may open from the
 * day after the last day.
 */
export function publicityWindow(listedOn: BusinessDate, days: number, kind: DayKind, calendar: WorkdayCalendar) {
  if (!Number.isInteger(days) || days < PUBLICITY_DAYS_RANGE.min || days > PUBLICITY_DAYS_RANGE.max) throw new RangeError(`publicity days out of range: ${days}`);
  const lastDay = kind === 'calendar' ? addDays(listedOn, days - 1) : calendar.isWorkday(listedOn) ? calendar.addWorkdays(listedOn, days - 1) : calendar.addWorkdays(listedOn, days);
  const biddingFrom = addDays(lastDay, 1);
  const explanation: Explanation =
    kind === 'calendar'
      ? {
          zh: `挂牌公示 ${days} 个自然日：${listedOn} 至 ${lastDay}（含首日），${biddingFrom} 起可开始竞价`,
          en: `Listed for ${days} calendar days: ${listedOn} to ${lastDay} (first day included); bidding may open from ${biddingFrom}`,
        }
      : {
          zh: `挂牌公示 ${days} 个工作日（按法定节假日及调休）：${listedOn} 至 ${lastDay}，${biddingFrom} 起可开始竞价`,
          en: `Listed for ${days} working days (official holidays and adjusted working days): ${listedOn} to ${lastDay}; bidding may open from ${biddingFrom}`,
        };
  return { listedOn, days, kind, lastDay, biddingFrom, explanation };
}

export interface AuctionTerms {
  startingPrice: Money;
  reservePrice: Money | null;
  increment: Money;
  startsAt: Date;
  /** The current close, after any extensions. */
  endsAt: Date;
  extensionMinutes: number;
}

/** The first bid is at least the starting price; each later bid at least one increment above the highest. */
export function minimumNextBid(terms: Pick<AuctionTerms, 'startingPrice' | 'increment'>, highest: Money | null): Money {
  return highest === null ? add(terms.startingPrice, '0') : add(highest, terms.increment);
}

export type Phase = 'before_start' | 'open' | 'ended';

export function phaseAt(terms: Pick<AuctionTerms, 'startsAt' | 'endsAt'>, at: Date): Phase {
  if (at.getTime() < terms.startsAt.getTime()) return 'before_start';
  return at.getTime() < terms.endsAt.getTime() ? 'open' : 'ended';
}

export type RefusalCode = 'not_started' | 'closed' | 'no_deposit' | 'too_low';

export interface BidRefusal {
  code: RefusalCode;
  zh: string;
  en: string;
  minimum: Money;
}

export interface BidAccepted {
  /** The close after this bid. */
  endsAt: Date;
  extended: boolean;
  minimumNextBid: Money;
  explanation: Explanation;
}

export interface BidInput {
  amount: Money;
  at: Date;
  hasDeposit: boolean;
}

const fmt = (d: Date) => d.toISOString();

/**
 * Whether a bid stands, and the close after it. A bid within the last `extensionMinutes` before the
 * close (anti-sniping) moves the close `extensionMinutes` later, so that others can answer it.
 */
export function checkBid(terms: AuctionTerms, highest: Money | null, bid: BidInput): { ok: true; value: BidAccepted } | { ok: false; refusal: BidRefusal } {
  const minimum = minimumNextBid(terms, highest);
  const phase = phaseAt(terms, bid.at);
  if (phase === 'before_start')
    return { ok: false, refusal: { code: 'not_started', minimum, zh: `竞价尚未开始（${fmt(terms.startsAt)} 开始）`, en: `Bidding has not started (opens ${fmt(terms.startsAt)})` } };
  if (phase === 'ended')
    return { ok: false, refusal: { code: 'closed', minimum, zh: `竞价已于 ${fmt(terms.endsAt)} 截止，出价无效`, en: `Bidding closed at ${fmt(terms.endsAt)}; the bid was not accepted` } };
  if (!bid.hasDeposit) return { ok: false, refusal: { code: 'no_deposit', minimum, zh: '尚未登记缴纳保证金，不能出价', en: 'No deposit has been recorded for your organisation; you cannot bid' } };
  if (cmp(bid.amount, minimum) < 0) {
    const zh = highest === null ? `出价不得低于起拍价 ${minimum} 元` : `出价须至少比当前最高价 ${highest} 元高一个加价幅度 ${terms.increment} 元，即不低于 ${minimum} 元`;
    const en =
      highest === null
        ? `The bid must be at least the starting price, ${minimum} yuan`
        : `The bid must exceed the highest bid ${highest} by at least the increment ${terms.increment}: at least ${minimum} yuan`;
    return { ok: false, refusal: { code: 'too_low', minimum, zh, en } };
  }
  const remaining = terms.endsAt.getTime() - bid.at.getTime();
  const window = terms.extensionMinutes * MINUTE;
  const extended = window > 0 && remaining <= window;
  const endsAt = extended ? new Date(terms.endsAt.getTime() + window) : terms.endsAt;
  const explanation: Explanation = extended
    ? {
        zh: `出价 ${bid.amount} 元有效；距截止不足 ${terms.extensionMinutes} 分钟，截止时间顺延 ${terms.extensionMinutes} 分钟至 ${fmt(endsAt)}`,
        en: `Bid of ${bid.amount} accepted; placed within the last ${terms.extensionMinutes} minutes, so the close moves ${terms.extensionMinutes} minutes to ${fmt(endsAt)}`,
      }
    : { zh: `出价 ${bid.amount} 元有效；截止时间 ${fmt(endsAt)}`, en: `Bid of ${bid.amount} accepted; closes at ${fmt(endsAt)}` };
  return { ok: true, value: { endsAt, extended, minimumNextBid: add(bid.amount, terms.increment), explanation } };
}

export interface PlacedBid {
  seq: number;
  amount: Money;
  bidderOrgId: string;
}

export type Outcome =
  | { kind: 'won'; winning: PlacedBid; explanation: Explanation }
  | { kind: 'reserve_not_met'; highest: PlacedBid; explanation: Explanation }
  | { kind: 'no_bids'; explanation: Explanation };

/** After the close: the highest bid wins if it reaches the reserve price. */
export function decideOutcome(terms: Pick<AuctionTerms, 'reservePrice'>, bids: readonly PlacedBid[]): Outcome {
  if (!bids.length) return { kind: 'no_bids', explanation: { zh: '无人出价，流拍', en: 'No bids; the auction failed' } };
  const highest = bids.reduce((best, b) => (cmp(b.amount, best.amount) > 0 ? b : best));
  if (terms.reservePrice !== null && cmp(highest.amount, terms.reservePrice) < 0) {
    return {
      kind: 'reserve_not_met',
      highest,
      explanation: { zh: `最高出价 ${highest.amount} 元未达保留价，流拍`, en: `The highest bid, ${highest.amount}, did not reach the reserve price; no sale` },
    };
  }
  return {
    kind: 'won',
    winning: highest,
    explanation: {
      zh: `最高出价 ${highest.amount} 元（第 ${highest.seq} 次出价）${terms.reservePrice === null ? '' : '达到保留价，'}竞得`,
      en: `The highest bid, ${highest.amount} (bid ${highest.seq}), ${terms.reservePrice === null ? 'wins' : 'reaches the reserve price and wins'}`,
    },
  };
}

export interface TermsInput {
  startingPrice: Money;
  reservePrice: Money | null;
  increment: Money;
  depositAmount: Money;
  startsAt: Date;
  endsAt: Date;
  extensionMinutes: number;
  /** The first instant bidding may open (start of the day after the publicity). */
  earliestStart: Date;
}

/** Every problem with the terms of a new auction, each naming its field. */
export function termsErrors(t: TermsInput): { field: string; zh: string; en: string }[] {
  const errors: { field: string; zh: string; en: string }[] = [];
  if (cmp(t.startingPrice, '0') <= 0) errors.push({ field: 'startingPrice', zh: '起拍价须大于零', en: 'the starting price must be positive' });
  if (cmp(t.increment, '0') <= 0) errors.push({ field: 'increment', zh: '加价幅度须大于零', en: 'the increment must be positive' });
  if (t.reservePrice !== null && cmp(t.reservePrice, t.startingPrice) < 0)
    errors.push({ field: 'reservePrice', zh: '保留价不能低于起拍价', en: 'the reserve price must not be below the starting price' });
  if (t.startsAt.getTime() < t.earliestStart.getTime()) {
    errors.push({
      field: 'startsAt',
      zh: `竞价须在挂牌公示期满后开始（不早于 ${t.earliestStart.toISOString()}）`,
      en: `bidding must start after the listing's publicity (not before ${t.earliestStart.toISOString()})`,
    });
  }
  if (t.endsAt.getTime() - t.startsAt.getTime() < 10 * MINUTE) errors.push({ field: 'endsAt', zh: '竞价时长至少 10 分钟', en: 'bidding must last at least 10 minutes' });
  if (!Number.isInteger(t.extensionMinutes) || t.extensionMinutes < EXTENSION_MINUTES_RANGE.min || t.extensionMinutes > EXTENSION_MINUTES_RANGE.max) {
    errors.push({ field: 'extensionMinutes', zh: '延时分钟数须为 0–60 的整数', en: 'extension minutes must be a whole number from 0 to 60' });
  }
  return errors;
}
