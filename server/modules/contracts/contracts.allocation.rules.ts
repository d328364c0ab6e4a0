import { fenToMoney, type Money, minFen, moneyToFen } from '../../../common/money.js';

/**
 * Allocation of receipts to obligations (measure 4): oldest due first, partial payments allowed,
 * what is left over is the payer's credit, refunds come out of credit. Pure, in whole fen
 * (BigInt), so the figures always reconcile: allocated + credit = received − refunded, and no
 * obligation gets more than it asks.
 */

export interface OpenObligation {
  key: string;
  amount: Money;
  dueOn: string | null;
}

export interface Receipt {
  id: string;
  /** Cash value; non-cash settlements (equity, options…) enter with their valuation. */
  value: Money;
  receivedOn: string;
}

export interface Allocation {
  receiptId: string;
  obligationKey: string;
  amount: Money;
}

export interface AllocationResult {
  allocations: Allocation[];
  /** Per obligation: what was allocated and what remains. */
  balances: { key: string; amount: Money; allocated: Money; outstanding: Money }[];
  credit: Money;
}

/** Oldest due first; obligations still waiting for a date come last, by key for a stable order. */
function byDue(a: OpenObligation, b: OpenObligation): number {
  if (a.dueOn === b.dueOn) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (a.dueOn === null) return 1;
  if (b.dueOn === null) return -1;
  return a.dueOn < b.dueOn ? -1 : 1;
}

export function allocate(obligations: readonly OpenObligation[], receipts: readonly Receipt[], refunds: readonly Money[] = []): AllocationResult {
  const open = [...obligations]
    .sort(byDue)
    .map((o) => ({ key: o.key, left: moneyToFen(o.amount) }))
    .filter((o) => o.left > 0n);
  const allocated = new Map<string, bigint>(obligations.map((o) => [o.key, 0n]));
  const allocations: Allocation[] = [];
  let credit = 0n;
  let next = 0; // obligations before this index are fully paid
  const ordered = [...receipts].sort((a, b) => (a.receivedOn === b.receivedOn ? (a.id < b.id ? -1 : 1) : a.receivedOn < b.receivedOn ? -1 : 1));
  for (const r of ordered) {
    let left = moneyToFen(r.value);
    while (left > 0n && next < open.length) {
      const o = open[next]!;
      const take = minFen(o.left, left);
      o.left -= take;
      left -= take;
      allocated.set(o.key, allocated.get(o.key)! + take);
      allocations.push({ receiptId: r.id, obligationKey: o.key, amount: fenToMoney(take) });
      if (o.left === 0n) next++;
    }
    credit += left;
  }
  const refunded = refunds.reduce((t, x) => t + moneyToFen(x), 0n);
  if (refunded > credit) throw new RangeError(`refunds ${fenToMoney(refunded)} exceed the credit ${fenToMoney(credit)}`);
  credit -= refunded;
  return {
    allocations,
    balances: obligations.map((o) => {
      const a = allocated.get(o.key)!;
      return { key: o.key, amount: o.amount, allocated: fenToMoney(a), outstanding: fenToMoney(moneyToFen(o.amount) - a) };
    }),
    credit: fenToMoney(credit),
  };
}
