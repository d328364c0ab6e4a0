import { add, cmp, isPositive, type Money, min, sub, sum } from '../../../common/money.js';

/**
 * Allocation of receipts to obligations (measure 4): oldest due first, partial payments allowed,
 * what is left over is the payer's credit, refunds come out of credit. Pure; the figures always
 * reconcile: allocated + credit = received − refunded, and no obligation gets more than it asks.
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
  const queue = [...obligations].filter((o) => isPositive(o.amount)).sort(byDue);
  const allocated = new Map<string, Money>(obligations.map((o) => [o.key, '0.00']));
  const allocations: Allocation[] = [];
  let credit = '0.00';
  const ordered = [...receipts].sort((a, b) => (a.receivedOn === b.receivedOn ? (a.id < b.id ? -1 : 1) : a.receivedOn < b.receivedOn ? -1 : 1));
  for (const r of ordered) {
    let left = r.value;
    for (const o of queue) {
      if (!isPositive(left)) break;
      const open = sub(o.amount, allocated.get(o.key)!);
      if (!isPositive(open)) continue;
      const take = min(open, left);
      allocated.set(o.key, add(allocated.get(o.key)!, take));
      allocations.push({ receiptId: r.id, obligationKey: o.key, amount: take });
      left = sub(left, take);
    }
    credit = add(credit, left);
  }
  const refunded = sum(refunds);
  if (cmp(refunded, credit) > 0) throw new RangeError(`refunds ${refunded} exceed the credit ${credit}`);
  credit = sub(credit, refunded);
  return {
    allocations,
    balances: obligations.map((o) => ({ key: o.key, amount: o.amount, allocated: allocated.get(o.key)!, outstanding: sub(o.amount, allocated.get(o.key)!) })),
    credit,
  };
}
