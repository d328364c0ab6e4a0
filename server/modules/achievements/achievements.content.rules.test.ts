import { describe, expect, it } from 'vitest';
import { contentErrors, contentPayload, pct } from './achievements.content.rules.js';

describe('content rules', () => {
  it('names each field a schema cannot check', () => {
    expect(contentErrors({ fieldCode: 'NOPE' }).map((e) => e.field)).toEqual(['fieldCode']);
    expect(contentErrors({ fieldCode: 'MAR-EQP', subfieldCode: 'MAR-EQP-03' })).toEqual([]);
    const shares = contentErrors({
      completers: [
        { name: '王海洋', share: '60' },
        { name: '王海洋', share: '30' },
      ],
    });
    expect(shares.map((e) => e.en)).toEqual(["completers' shares must sum to exactly 100%", 'a completer is listed twice']);
  });

  it('keeps decimals as strings in the ledger payload and drops absent fields', () => {
    expect(contentPayload({ title: '甲', summary: undefined, completers: [{ name: '王海洋', share: '100' }] })).toEqual({
      title: '甲',
      completers: [{ name: '王海洋', share: '100', userId: null, isHead: false }],
    });
    expect([pct('60.00'), pct('33.50'), pct('0.00')]).toEqual(['60', '33.5', '0']);
  });
});
