import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInclusive,
  exportUrl,
  filterParams,
  filtersFromQuery,
  filtersToQuery,
  hundredthsText,
  importFormatOf,
  importPercent,
  isImportFinished,
  labelOf,
  shanghaiDate,
  parseHeadline,
  shareTotal,
  splitKeywords,
} from './helpers';

describe('shareTotal', () => {
  it('sums shares exactly and accepts only a total of 100 %', () => {
    expect(shareTotal(['60', '40'])).toEqual({ hundredths: 10_000, text: '100', allValid: true, ok: true });
    expect(shareTotal(['33.33', '33.33', '33.34']).ok).toBe(true);
    expect(shareTotal(['33.33', '33.33', '33.33'])).toMatchObject({ text: '99.99', ok: false, allValid: true });
    expect(shareTotal(['60', '50'])).toMatchObject({ text: '110', ok: false });
    // 0.1 + 0.2 in floating point is not 0.3; here it is.
    expect(shareTotal(['0.1', '0.2', '99.7']).ok).toBe(true);
  });

  it('flags empty, zero, negative and over-precise shares', () => {
    expect(shareTotal([]).ok).toBe(false);
    expect(shareTotal(['100', '']).allValid).toBe(false);
    expect(shareTotal(['100', '0']).allValid).toBe(false);
    expect(shareTotal(['-10', '110']).allValid).toBe(false);
    expect(shareTotal(['33.333', '66.667']).allValid).toBe(false);
    expect(shareTotal([undefined, null, 100]).ok).toBe(false);
    expect(shareTotal([100]).ok).toBe(true);
  });

  it('writes hundredths without trailing zeros', () => {
    expect(hundredthsText(9950)).toBe('99.5');
    expect(hundredthsText(1)).toBe('0.01');
    expect(hundredthsText(0)).toBe('0');
  });
});

describe('parseHeadline', () => {
  it('splits the server headline into plain text and 【】 matches', () => {
    expect(parseHeadline('…采用【溶解氧】传感器监测【网箱】内…')).toEqual([
      { text: '…采用', match: false },
      { text: '溶解氧', match: true },
      { text: '传感器监测', match: false },
      { text: '网箱', match: true },
      { text: '内…', match: false },
    ]);
  });

  it('handles edges: none, only a match, empty brackets', () => {
    expect(parseHeadline(null)).toEqual([]);
    expect(parseHeadline('')).toEqual([]);
    expect(parseHeadline('【溶解氧】')).toEqual([{ text: '溶解氧', match: true }]);
    expect(parseHeadline('无匹配')).toEqual([{ text: '无匹配', match: false }]);
    expect(parseHeadline('a【】b')).toEqual([
      { text: 'a', match: false },
      { text: 'b', match: false },
    ]);
  });
});

describe('filters', () => {
  const filters = { q: '溶解氧', status: ['accepted', 'assessed'], trlMin: 3, fieldCode: undefined, from: '' };

  it('become repeated query pairs without empty values', () => {
    expect(filterParams(filters)).toEqual([
      ['q', '溶解氧'],
      ['status', 'accepted'],
      ['status', 'assessed'],
      ['trlMin', '3'],
    ]);
  });

  it('make the export link', () => {
    expect(exportUrl('org-1', 'xlsx', filters)).toBe('/api/v1/orgs/org-1/achievements/export?format=xlsx&q=%E6%BA%B6%E8%A7%A3%E6%B0%A7&status=accepted&status=assessed&trlMin=3');
    expect(exportUrl('org-1', 'jsonl', {})).toBe('/api/v1/orgs/org-1/achievements/export?format=jsonl');
  });

  it('survive a round trip through a saved filter', () => {
    const stored = filtersToQuery(filters);
    expect(stored).toEqual({ q: '溶解氧', status: ['accepted', 'assessed'], trlMin: 3 });
    expect(filtersFromQuery(JSON.parse(JSON.stringify(stored)))).toMatchObject({ q: '溶解氧', status: ['accepted', 'assessed'], trlMin: 3, fieldCode: undefined });
    expect(filtersFromQuery({ status: 'draft', trlMax: '7' })).toMatchObject({ status: ['draft'], trlMax: 7 });
  });
});

describe('dates, imports, keywords, labels', () => {
  it('counts publicity days inclusively', () => {
    expect(addDays('2026-11-29', 14)).toBe('2026-12-13');
    expect(daysInclusive('2026-11-29', '2026-12-13')).toBe(15);
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it('recognises import formats and progress', () => {
    expect(importFormatOf('台账.XLSX')).toBe('xlsx');
    expect(importFormatOf('ledger.jsonl')).toBe('jsonl');
    expect(importFormatOf('ledger.csv')).toBeNull();
    expect(importPercent(5, 20)).toBe(25);
    expect(importPercent(5, 0)).toBe(0);
    expect(isImportFinished('rejected')).toBe(true);
    expect(isImportFinished('validating')).toBe(false);
  });

  it('splits keywords on Chinese and Latin separators', () => {
    expect(splitKeywords(['溶解氧，网箱；传感器', '传感器', ' 养殖 ', 'deep sea, ROV'])).toEqual(['溶解氧', '网箱', '传感器', '养殖', 'deep sea', 'ROV']);
  });

  it('picks the label of the language', () => {
    expect(labelOf({ zh: '草稿', en: 'Draft' }, 'zh-CN')).toBe('草稿');
    expect(labelOf({ zh: '草稿', en: 'Draft' }, 'en-US')).toBe('Draft');
    expect(labelOf(undefined, 'en-US', '—')).toBe('—');
  });
});

describe('shanghaiDate', () => {
  it('shows instants in Asia/Shanghai as YYYY-MM-DD (HH:mm)', () => {
    expect(shanghaiDate('2026-11-29T16:30:00Z')).toBe('2026-11-30');
    expect(shanghaiDate('2026-11-29T16:30:00Z', true)).toBe('2026-11-30 00:30');
    expect(shanghaiDate('2026-01-01T03:05:00.000Z', true)).toBe('2026-01-01 11:05');
    expect(shanghaiDate(null)).toBe('');
    expect(shanghaiDate('not a date')).toBe('not a date');
  });
});
