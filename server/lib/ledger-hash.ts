import crypto from 'node:crypto';

/**
 * The pure half of the ledger: canonical JSON and the hash of one event.
 *
 * Payloads are stored in jsonb, which reorders object keys and rewrites numbers (1.0 → 1,
 * 1e2 → 100, and JavaScript cannot read back integers beyond 2^53 exactly). So a payload is
 * canonicalised BEFORE hashing and storing, and only values that survive the jsonb round trip
 * unchanged are allowed: strings, booleans, null, arrays, plain objects, and safe integers.
 * Amounts, ratios and other fractions are decimal strings ("12500.00"), never numbers.
 */

/** prev_hash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export class LedgerPayloadError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`ledger payload ${path}: ${reason}`);
  }
}

// Lone surrogates and NUL cannot be stored in jsonb text; refuse them rather than fail at insert.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const isUnstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a copy of `value` in canonical form (object keys sorted recursively, Dates as ISO
 * strings, undefined object members dropped as JSON does) or throws LedgerPayloadError naming
 * the first value that would not survive a jsonb round trip.
 */
export function canonicalize(value: unknown, path = 'payload'): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (isUnstorable(value)) throw new LedgerPayloadError(path, 'string contains NUL or an unpaired surrogate');
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new LedgerPayloadError(path, `number ${value} is not a safe integer; write decimals as strings`);
    }
    return value === 0 ? 0 : value; // -0 would come back as 0
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new LedgerPayloadError(path, 'invalid Date');
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (item === undefined) throw new LedgerPayloadError(`${path}[${i}]`, 'undefined in an array');
      return canonicalize(item, `${path}[${i}]`);
    });
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined) continue;
      if (isUnstorable(key)) throw new LedgerPayloadError(`${path}.${key}`, 'key contains NUL or an unpaired surrogate');
      out[key] = canonicalize(member, `${path}.${key}`);
    }
    return out;
  }
  throw new LedgerPayloadError(path, `${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value} is not JSON`);
}

/** Canonical JSON text: keys sorted recursively, no whitespace. Same value → same text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return serialize(canonicalize(value, 'value'));
}

function serialize(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // canonicalize() already sorted the keys; sort again so that serialize never depends on it.
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${serialize(value[k] as JsonValue)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Everything the hash of one event covers. */
export interface EventHashInput {
  stream: string;
  seq: number;
  type: string;
  payload: unknown;
  actorUserId: string | null;
  reason: string | null;
  occurredAt: Date;
  prevHash: string;
}

/** sha256 (hex) of the canonical JSON of the event's fields and its predecessor's hash. */
export function computeEventHash(e: EventHashInput): string {
  const text = canonicalJson({
    stream: e.stream,
    seq: e.seq,
    type: e.type,
    payload: e.payload,
    actorUserId: e.actorUserId,
    reason: e.reason,
    occurredAt: e.occurredAt.toISOString(),
    prevHash: e.prevHash,
  });
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

export type BrokenReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch';

/** One stored event as the verifier sees it. */
export interface StoredEvent extends EventHashInput {
  hash: string;
}

/**
 * Checks one link of a chain: the event must follow `prev` (seq + 1, prev_hash = its hash;
 * the first event has seq 1 and the genesis hash) and its stored hash must match its content.
 * Returns the reason it is broken, or null.
 */
export function checkLink(prev: { seq: number; hash: string } | null, event: StoredEvent): BrokenReason | null {
  const expectedSeq = prev ? prev.seq + 1 : 1;
  if (event.seq !== expectedSeq) return 'seq_gap';
  if (event.prevHash !== (prev ? prev.hash : GENESIS_HASH)) return 'prev_hash_mismatch';
  if (computeEventHash(event) !== event.hash) return 'hash_mismatch';
  return null;
}
