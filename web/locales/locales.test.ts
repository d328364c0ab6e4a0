import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../server/lib/errors';
import { MENU_KEYS, MODULE_KEYS } from '../access';
import { interpolate, lookup, MESSAGES } from '.';

function leaves(node: unknown, prefix = ''): Array<[string, unknown]> {
  if (node === null || typeof node !== 'object') return [[prefix, node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale files', () => {
  const zh = leaves(MESSAGES['zh-CN']);
  const en = leaves(MESSAGES['en-US']);

  it('have the same keys in zh-CN and en-US, every text non-empty', () => {
    expect(en.map(([k]) => k).sort()).toEqual(zh.map(([k]) => k).sort());
    for (const [key, value] of [...zh, ...en]) expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zh) expect(names(lookup('en-US', key) ?? ''), key).toEqual(names(String(value)));
  });

  it('label every menu entry and describe every module', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of MENU_KEYS) expect(lookup(locale, `menu.${key}`), key).toBeTruthy();
      for (const key of MODULE_KEYS) {
        expect(lookup(locale, `modules.${key}.measure`), key).toBeTruthy();
        expect(lookup(locale, `modules.${key}.description`), key).toBeTruthy();
      }
    }
  });

  it('only name error codes the API has (plus the client-side NETWORK and UNKNOWN)', () => {
    const known = new Set([...Object.keys(ERRORS), 'NETWORK', 'UNKNOWN']);
    for (const code of Object.keys(MESSAGES['zh-CN'].errors)) expect(known.has(code), code).toBe(true);
  });

  it('looks up dotted keys and fills placeholders', () => {
    expect(lookup('zh-CN', 'menu.achievements')).toBe('成果台账');
    expect(lookup('en-US', 'home.figures.nope')).toBeUndefined();
    expect(interpolate('第 {page} 页', { page: 2 })).toBe('第 2 页');
    expect(interpolate('{missing}', {})).toBe('{missing}');
  });
});
