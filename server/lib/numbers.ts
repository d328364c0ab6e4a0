import { businessDateOf } from '../../common/calendar.js';
import type { TxCtx } from './context.js';

/**
 * Human-readable numbers run per business year (QD-2026-000123, HT-2026-000001): a module keeps
 * a counter table (year int primary key, last_seq int) and reserves n consecutive numbers in one
 * statement, so concurrent transactions never share one.
 */
export async function reserveYearlySequence(tx: TxCtx, counterTable: string, n = 1): Promise<{ year: number; first: number }> {
  if (!/^[a-z_]+$/.test(counterTable)) throw new Error(`reserveYearlySequence: invalid table ${counterTable}`);
  const year = Number(businessDateOf(tx.now).slice(0, 4));
  const { rows } = await tx.db.query<{ last_seq: number }>(
    `insert into ${counterTable} (year, last_seq) values ($1, $2)
     on conflict (year) do update set last_seq = ${counterTable}.last_seq + $2 returning last_seq`,
    [year, n],
  );
  return { year, first: rows[0]!.last_seq - n + 1 };
}
