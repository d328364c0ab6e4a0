import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalJson, checkLink, computeEventHash, type EventHashInput, GENESIS_HASH, LedgerPayloadError } from './ledger-hash.js';

const base: EventHashInput = {
  stream: 'achievement:1',
  seq: 1,
  type: 'achievement.disclosed',
  payload: { title: '海藻多糖提取工艺', amount: '12500.00', inventors: [{ name: '张三', share: 60 }] },
  actorUserId: null,
  reason: null,
  occurredAt: new Date('2026-03-02T01:02:03.456Z'),
  prevHash: GENESIS_HASH,
};

describe('canonical JSON', () => {
  it('sorts object keys recursively, so key order never changes the text', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('keeps array order, drops undefined members as JSON does, writes Dates as ISO instants', () => {
    expect(canonicalize({ list: [3, 1, 2], gone: undefined, at: new Date('2026-01-01T00:00:00Z') })).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      list: [3, 1, 2],
    });
  });

  it('refuses numbers that jsonb would not give back unchanged, naming the path: decimals must be strings', () => {
    expect(() => canonicalize({ amount: 12.5 })).toThrow(LedgerPayloadError);
    expect(() => canonicalize({ amount: 12.5 })).toThrow(/payload\.amount/);
    expect(() => canonicalize({ n: 2 ** 53 })).toThrow(/safe integer/);
    expect(() => canonicalize({ n: Number.NaN })).toThrow(LedgerPayloadError);
    expect(() => canonicalize({ list: [1, Number.POSITIVE_INFINITY] })).toThrow(/payload\.list\[1\]/);
    expect(canonicalize({ n: -0 })).toEqual({ n: 0 });
    expect(canonicalize({ n: Number.MAX_SAFE_INTEGER })).toEqual({ n: Number.MAX_SAFE_INTEGER });
  });

  it('refuses values that are not JSON or that PostgreSQL cannot store', () => {
    expect(() => canonicalize({ m: new Map() })).toThrow(/Map is not JSON/);
    expect(() => canonicalize({ f: () => 1 })).toThrow(/function is not JSON/);
    expect(() => canonicalize({ b: 1n })).toThrow(/bigint/);
    expect(() => canonicalize({ s: 'a\u0000b' })).toThrow(/NUL/);
    expect(() => canonicalize({ s: '\uD800' })).toThrow(/surrogate/);
    expect(() => canonicalize({ list: [undefined] })).toThrow(/undefined/);
    expect(canonicalize({ s: '😀 海洋' })).toEqual({ s: '😀 海洋' });
  });
});

describe('event hash', () => {
  it('is sha256 hex, the same for the same event whatever the payload key order', () => {
    const h = computeEventHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const reordered = { ...base, payload: { inventors: [{ share: 60, name: '张三' }], amount: '12500.00', title: '海藻多糖提取工艺' } };
    expect(computeEventHash(reordered)).toBe(h);
  });

  it('changes when any covered field changes', () => {
    const h = computeEventHash(base);
    const variants: Partial<EventHashInput>[] = [
      { stream: 'achievement:2' },
      { seq: 2 },
      { type: 'achievement.approved' },
      { payload: { ...(base.payload as object), amount: '12500.01' } },
      { actorUserId: '00000000-0000-4000-8000-000000000001' },
      { reason: '更正' },
      { occurredAt: new Date('2026-03-02T01:02:03.457Z') },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const v of variants) expect(computeEventHash({ ...base, ...v })).not.toBe(h);
  });
});

describe('checkLink', () => {
  const first = { ...base, hash: computeEventHash(base) };
  const secondInput = { ...base, seq: 2, prevHash: first.hash, type: 'achievement.approved' };
  const second = { ...secondInput, hash: computeEventHash(secondInput) };

  it('accepts a genesis event and its successor', () => {
    expect(checkLink(null, first)).toBeNull();
    expect(checkLink(first, second)).toBeNull();
  });

  it('names a missing seq, a wrong predecessor hash, and altered content', () => {
    expect(checkLink(null, second)).toBe('seq_gap');
    expect(checkLink(first, { ...second, seq: 3 })).toBe('seq_gap');
    expect(checkLink(first, { ...second, prevHash: GENESIS_HASH })).toBe('prev_hash_mismatch');
    expect(checkLink(null, { ...first, prevHash: 'a'.repeat(64) })).toBe('prev_hash_mismatch');
    expect(checkLink(first, { ...second, payload: { amount: '1.00' } })).toBe('hash_mismatch');
  });
});
