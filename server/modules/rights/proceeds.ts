import Decimal from 'decimal.js';
import { type BusinessDate, compareDates } from '../../../common/calendar.js';
import { fenToMoney, type Money, type Ratio } from '../../../common/money.js';
import { type CorporateEventKind, PRICE_PATTERN } from '../../../common/rights.js';

/**
 * Agreed proceeds (赋权+约定收益, DOMAIN §4.4): the researchers invest the granted achievement in a
 * company and hold the equity E; the institution keeps an agreed share s_u of what E yields.
 * For each corporate event recorded with evidence this computes what the institution is due now
 * and what stays tracked:
 * - partial sale of f of the holding at a price: s_u × f × V(E) = s_u × (shares sold × price);
 * - full transfer of what is left: s_u × (shares × price), and the holding ends;
 * - dividends on E: s_u × dividends;
 * - bonus shares (送股/转增): no cash; the holding grows and s_u of it stays tracked;
 * - IPO: no cash at listing; the listing price values what is tracked.
 * Proceeds are the cash that changes hands, to the fen; the institution's due is s_u of them
 * rounded down to the fen, so it never exceeds s_u of the proceeds and due + team part = proceeds.
 * Pure; exact decimals (decimal.js, 40 digits).
 */

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;

export { CORPORATE_EVENT_KINDS, type CorporateEventKind, PRICE_PATTERN } from '../../../common/rights.js';

export const CORPORATE_EVENT_LABELS: Record<CorporateEventKind, { zh: string; en: string }> = {
  bonus_shares: { zh: '送股/转增', en: 'Bonus shares' },
  dividend: { zh: '分红', en: 'Dividend' },
  partial_sale: { zh: '部分转让', en: 'Partial sale' },
  ipo: { zh: '上市', en: 'IPO' },
  full_transfer: { zh: '全部转让', en: 'Full transfer' },
};

export type CorporateEvent =
  | { kind: 'bonus_shares'; on: BusinessDate; shares: bigint }
  | { kind: 'dividend'; on: BusinessDate; amount: Money }
  | { kind: 'partial_sale'; on: BusinessDate; sharesSold: bigint; pricePerShare: string }
  | { kind: 'ipo'; on: BusinessDate; listingPrice: string }
  | { kind: 'full_transfer'; on: BusinessDate; pricePerShare: string };

export interface AgreementTerms {
  /** s_u: the institution's agreed share, e.g. "0.2". */
  institutionShare: Ratio;
  /** E at formation, in shares. */
  equityShares: bigint;
  agreedOn: BusinessDate;
  policyVersion: number;
}

export interface Position {
  heldShares: bigint;
  /** Cash the team's holding has yielded (sales and dividends), in fen. */
  proceedsFen: bigint;
  /** What the institution has been due in total, in fen. */
  dueFen: bigint;
  lastEventOn: BusinessDate | null;
  /** Last known price per share (sale or listing), for the value of what is tracked. */
  lastPrice: string | null;
  listed: boolean;
  closed: boolean;
}

export const openingPosition = (t: AgreementTerms): Position => ({
  heldShares: t.equityShares,
  proceedsFen: 0n,
  dueFen: 0n,
  lastEventOn: null,
  lastPrice: null,
  listed: false,
  closed: false,
});

export interface DueResult {
  /** Cash received by the team for this event (to the fen). */
  proceeds: Money;
  /** The institution's due now: s_u × proceeds, rounded down to the fen. */
  due: Money;
  /** The team keeps proceeds − due. */
  teamPart: Money;
  heldBefore: string;
  heldAfter: string;
  /** s_u × shares still held, tracked for later events (shares, up to 6 decimals). */
  trackedShares: string;
  /** s_u × held × last price, when a price is known. */
  trackedValue: Money | null;
  position: Position;
  inputs: Record<string, string | number | boolean>;
  rule: { zh: string; en: string };
  explanation: { zh: string; en: string };
  policyVersion: number;
}

export interface EventIssue {
  field: string;
  zh: string;
  en: string;
}

const toFen = (d: Dec) => BigInt(d.times(100).toFixed(0, Decimal.ROUND_HALF_UP));
const floorFen = (d: Dec) => BigInt(d.times(100).toFixed(0, Decimal.ROUND_DOWN));
const pct = (r: Ratio) => `${new D(r).times(100).toFixed()}%`;

/** Why an event cannot be applied to the position (each issue names its field). */
export function eventIssues(terms: AgreementTerms, pos: Position, e: CorporateEvent, today: BusinessDate): EventIssue[] {
  const out: EventIssue[] = [];
  if (pos.closed) out.push({ field: 'kind', zh: '该约定收益已因全部转让结束，不能再记录事件', en: 'the holding was fully transferred; no further events can be recorded' });
  if (compareDates(e.on, terms.agreedOn) < 0) out.push({ field: 'occurredOn', zh: `事件日期不能早于约定日期 ${terms.agreedOn}`, en: `the event cannot precede the agreement of ${terms.agreedOn}` });
  if (compareDates(e.on, today) > 0) out.push({ field: 'occurredOn', zh: '事件日期不能晚于今天', en: 'the event cannot be in the future' });
  if (pos.lastEventOn && compareDates(e.on, pos.lastEventOn) < 0) {
    out.push({ field: 'occurredOn', zh: `事件须按时间顺序记录：上一事件发生于 ${pos.lastEventOn}`, en: `events are recorded in order: the last one happened on ${pos.lastEventOn}` });
  }
  switch (e.kind) {
    case 'bonus_shares':
      if (e.shares <= 0n) out.push({ field: 'shares', zh: '送转股数须为正整数', en: 'bonus shares must be a positive whole number' });
      break;
    case 'dividend':
      if (!/^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/.test(e.amount) || new D(e.amount).lte(0))
        out.push({ field: 'amount', zh: '分红金额须为正数（元，最多两位小数）', en: 'the dividend must be a positive amount in yuan' });
      if (pos.heldShares === 0n) out.push({ field: 'kind', zh: '团队已不持有股份，不能记录分红', en: 'the team holds no shares; there is no dividend to record' });
      break;
    case 'partial_sale':
      if (e.sharesSold <= 0n) out.push({ field: 'sharesSold', zh: '转让股数须为正整数', en: 'shares sold must be a positive whole number' });
      else if (e.sharesSold >= pos.heldShares) {
        out.push({
          field: 'sharesSold',
          zh: `部分转让的股数须少于当前持有的 ${pos.heldShares} 股；全部转让请选择“全部转让”`,
          en: `a partial sale must be fewer than the ${pos.heldShares} shares held; use full transfer for all of them`,
        });
      }
      if (!PRICE_PATTERN.test(e.pricePerShare) || new D(e.pricePerShare).lte(0))
        out.push({ field: 'pricePerShare', zh: '每股价格须为正数（最多四位小数）', en: 'the price per share must be positive (at most 4 decimals)' });
      break;
    case 'ipo':
      if (pos.listed) out.push({ field: 'kind', zh: '公司已记录上市', en: 'the listing is already recorded' });
      if (!PRICE_PATTERN.test(e.listingPrice) || new D(e.listingPrice).lte(0))
        out.push({ field: 'listingPrice', zh: '发行价须为正数（最多四位小数）', en: 'the listing price must be positive (at most 4 decimals)' });
      break;
    case 'full_transfer':
      if (pos.heldShares === 0n) out.push({ field: 'kind', zh: '团队已不持有股份', en: 'the team holds no shares' });
      if (!PRICE_PATTERN.test(e.pricePerShare) || new D(e.pricePerShare).lte(0))
        out.push({ field: 'pricePerShare', zh: '每股价格须为正数（最多四位小数）', en: 'the price per share must be positive (at most 4 decimals)' });
      break;
  }
  return out;
}

/** Applies one valid event (check eventIssues first) and explains what is due. */
export function applyEvent(terms: AgreementTerms, pos: Position, e: CorporateEvent): DueResult {
  const su = new D(terms.institutionShare);
  const suText = pct(terms.institutionShare);
  const v = terms.policyVersion;
  let proceeds = new D(0);
  let held = pos.heldShares;
  let price = pos.lastPrice;
  let listed = pos.listed;
  let closed = false;
  let inputs: Record<string, string | number | boolean> = {};
  let rule: { zh: string; en: string };
  let how: { zh: string; en: string };
  switch (e.kind) {
    case 'bonus_shares': {
      held = pos.heldShares + e.shares;
      inputs = { shares: e.shares.toString() };
      rule = {
        zh: '送股、转增等衍生增值按约定份额归单位，随持股跟踪，出售时结算',
        en: 'bonus and capitalised shares belong to the institution in its agreed share; tracked with the holding and settled on sale',
      };
      how = { zh: `送转 ${e.shares} 股：持股 ${pos.heldShares} → ${held} 股，本次无现金应收`, en: `${e.shares} bonus shares: holding ${pos.heldShares} → ${held}; no cash due now` };
      break;
    }
    case 'dividend': {
      proceeds = new D(e.amount);
      inputs = { amount: e.amount };
      rule = { zh: '单位应收 = 约定份额 s_u × 分红', en: 'due = agreed share s_u × dividends' };
      how = { zh: `分红 ${e.amount} 元`, en: `dividends of ${e.amount}` };
      break;
    }
    case 'partial_sale': {
      const value = new D(pos.heldShares.toString()).times(e.pricePerShare);
      const f = new D(e.sharesSold.toString()).div(pos.heldShares.toString());
      proceeds = new D(e.sharesSold.toString()).times(e.pricePerShare);
      held = pos.heldShares - e.sharesSold;
      price = e.pricePerShare;
      inputs = { sharesSold: e.sharesSold.toString(), pricePerShare: e.pricePerShare, fraction: f.toDecimalPlaces(6).toFixed(), holdingValue: value.toFixed(2) };
      rule = { zh: '部分转让：单位应收 = s_u × f × V(E)（即 s_u × 转让股数 × 每股价格）', en: 'partial sale: due = s_u × f × V(E) (that is s_u × shares sold × price)' };
      how = {
        zh: `转让 ${e.sharesSold} / ${pos.heldShares} 股（f = ${f.toDecimalPlaces(6).toFixed()}），每股 ${e.pricePerShare} 元，V(E) = ${value.toFixed(2)} 元，转让价款 ${toMoney(proceeds)} 元`,
        en: `${e.sharesSold} of ${pos.heldShares} shares sold (f = ${f.toDecimalPlaces(6).toFixed()}) at ${e.pricePerShare}, V(E) = ${value.toFixed(2)}, proceeds ${toMoney(proceeds)}`,
      };
      break;
    }
    case 'ipo': {
      listed = true;
      price = e.listingPrice;
      inputs = { listingPrice: e.listingPrice };
      rule = { zh: '上市时不发生现金收入：约定份额对应的股权收益在转让时归单位', en: 'listing yields no cash: the gains on the agreed share go to the institution when shares are sold' };
      how = { zh: `上市，发行价 ${e.listingPrice} 元/股；本次无现金应收`, en: `listed at ${e.listingPrice} per share; no cash due now` };
      break;
    }
    case 'full_transfer': {
      proceeds = new D(pos.heldShares.toString()).times(e.pricePerShare);
      held = 0n;
      price = e.pricePerShare;
      closed = true;
      inputs = { sharesSold: pos.heldShares.toString(), pricePerShare: e.pricePerShare };
      rule = { zh: '全部转让：单位应收 = s_u × V(E)（全部持股 × 每股价格）', en: 'full transfer: due = s_u × V(E) (all shares × price)' };
      how = {
        zh: `全部 ${pos.heldShares} 股按每股 ${e.pricePerShare} 元转让，价款 ${toMoney(proceeds)} 元`,
        en: `all ${pos.heldShares} shares sold at ${e.pricePerShare}, proceeds ${toMoney(proceeds)}`,
      };
      break;
    }
  }
  const proceedsFen = toFen(proceeds);
  const dueFen = floorFen(su.times(proceedsFen.toString()).div(100));
  const teamFen = proceedsFen - dueFen;
  const trackedShares = trackedSharesOf(terms.institutionShare, held);
  const trackedValue = price && held > 0n ? toMoney(su.times(held.toString()).times(price)) : null;
  const position: Position = {
    heldShares: held,
    proceedsFen: pos.proceedsFen + proceedsFen,
    dueFen: pos.dueFen + dueFen,
    lastEventOn: e.on,
    lastPrice: price,
    listed,
    closed,
  };
  const [pS, dS, tS] = [fenToMoney(proceedsFen), fenToMoney(dueFen), fenToMoney(teamFen)];
  const cash = proceedsFen > 0n;
  return {
    proceeds: pS,
    due: dS,
    teamPart: tS,
    heldBefore: pos.heldShares.toString(),
    heldAfter: held.toString(),
    trackedShares,
    trackedValue,
    position,
    inputs: { ...inputs, institutionShare: terms.institutionShare },
    rule,
    explanation: {
      zh: `${how.zh}；${cash ? `单位应收 ${suText} × ${pS} = ${dS} 元（向下取整到分），团队留存 ${tS} 元` : '单位本次应收 0.00 元'}；仍跟踪单位约定份额 ${trackedShares} 股${trackedValue ? `（按 ${price} 元/股约 ${trackedValue} 元）` : ''}；累计应收 ${fenToMoney(position.dueFen)} 元（约定收益第 ${v} 版规定）`,
      en: `${how.en}; ${cash ? `due ${suText} × ${pS} = ${dS} (rounded down to the fen), the team keeps ${tS}` : 'nothing due now'}; still tracked: ${trackedShares} shares of the agreed share${trackedValue ? ` (about ${trackedValue} at ${price})` : ''}; cumulative due ${fenToMoney(position.dueFen)} (grant rule version ${v})`,
    },
    policyVersion: v,
  };
}

function toMoney(d: Dec): Money {
  return fenToMoney(toFen(d));
}

/** s_u × shares held: the institution's agreed part of the holding, tracked (up to 6 decimals). */
export function trackedSharesOf(institutionShare: Ratio, held: bigint): string {
  return new D(institutionShare).times(held.toString()).toDecimalPlaces(6).toFixed();
}

/** Replays the events in order: the position after all of them and each result. */
export function replay(terms: AgreementTerms, events: readonly CorporateEvent[]): { position: Position; results: DueResult[] } {
  let position = openingPosition(terms);
  const results: DueResult[] = [];
  for (const e of events) {
    const r = applyEvent(terms, position, e);
    results.push(r);
    position = r.position;
  }
  return { position, results };
}
