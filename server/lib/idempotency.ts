import crypto from 'node:crypto';
import { type Ctx, inTransaction, requireActor, type TxCtx } from './context.js';
import { AppError } from './errors.js';

export interface StoredResponse<T> {
  status: number;
  body: T;
  /** True when this answer is the replay of an earlier request with the same key. */
  replayed: boolean;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs a change that moves money or shares at most once per `Idempotency-Key` and caller.
 * The key is claimed in the same transaction as the change, so a failed attempt leaves no trace
 * and may be retried; a concurrent duplicate waits for the first and then gets its answer.
 * The same key with a different request body is refused.
 */
export async function runIdempotent<T>(ctx: Ctx, key: string | undefined, route: string, request: unknown, fn: (tx: TxCtx) => Promise<{ status: number; body: T }>): Promise<StoredResponse<T>> {
  if (!key) return { ...(await inTransaction(ctx, fn)), replayed: false };
  if (!/^[\w.:-]{8,200}$/.test(key)) {
    throw new AppError('VALIDATION_FAILED', {
      errors: [{ field: 'headers.idempotency-key', zh: '幂等键须为 8–200 位字母、数字或 ._:-', en: 'must be 8–200 letters, digits or ._:-' }],
    });
  }
  const actor = requireActor(ctx);
  const requestHash = crypto
    .createHash('sha256')
    .update(`${route}\n${canonical(request)}`)
    .digest('hex');
  return inTransaction(ctx, async (tx) => {
    const claimed = await tx.db.query(
      `insert into idempotency_keys (key, user_id, route, request_hash, created_at) values ($1, $2, $3, $4, $5)
       on conflict (user_id, key) do nothing returning key`,
      [key, actor.userId, route, requestHash, tx.now],
    );
    if (!claimed.rows.length) {
      const { rows } = await tx.db.query<{ request_hash: string; status_code: number | null; response: T }>(
        'select request_hash, status_code, response from idempotency_keys where user_id = $1 and key = $2',
        [actor.userId, key],
      );
      const prior = rows[0]!;
      if (prior.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH');
      if (prior.status_code === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      return { status: prior.status_code, body: prior.response, replayed: true };
    }
    const result = await fn(tx);
    await tx.db.query('update idempotency_keys set status_code = $3, response = $4 where user_id = $1 and key = $2', [actor.userId, key, result.status, JSON.stringify(result.body ?? null)]);
    return { ...result, replayed: false };
  });
}
