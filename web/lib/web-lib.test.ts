import { describe, expect, it } from 'vitest';
import { loginBody } from '../api/auth';
import { buildUrl } from '../api/client';
import { diffRows } from './diff';
import { businessToday, formatInstant, formatMoney } from './format';

describe('sign-in body', () => {
  it('sends an email when the account contains "@", a mobile number otherwise', () => {
    expect(loginBody(' researcher@demo.keqiao.cn ', 'pw')).toEqual({ email: 'researcher@demo.keqiao.cn', password: 'pw' });
    expect(loginBody('138 0000-0001', 'pw')).toEqual({ mobile: '13800000001', password: 'pw' });
  });
});

describe('formatting', () => {
  it('shows instants in Asia/Shanghai whatever the machine zone', () => {
    // 2025-01-31T16:30Z is already 1 February in Qingdao.
    expect(formatInstant('2025-01-31T16:30:00Z', 'zh-CN')).toBe('2025/02/01 00:30');
    expect(formatInstant('2025-01-31T16:30:00Z', 'zh-CN', false)).toBe('2025/02/01');
    expect(businessToday(new Date('2025-01-31T16:30:00Z'))).toBe('2025-02-01');
  });

  it('formats money from the decimal string without losing digits', () => {
    expect(formatMoney('12345678901234567.85', 'zh-CN')).toBe('¥12,345,678,901,234,567.85');
  });
});

describe('API URLs', () => {
  it('drops empty query parameters', () => {
    expect(buildUrl('/orgs', { q: '', kind: undefined, cursor: null, limit: 20 })).toBe('/api/v1/orgs?limit=20');
    expect(buildUrl('/orgs', { q: '海洋' })).toBe('/api/v1/orgs?q=%E6%B5%B7%E6%B4%8B');
  });
});

describe('audit diff', () => {
  it('lists every field of either side and marks the changed ones', () => {
    expect(diffRows({ name: 'a', district: '370212' }, { name: 'b', district: '370212', isActive: false })).toEqual([
      { field: 'district', before: '370212', after: '370212', changed: false },
      { field: 'isActive', before: undefined, after: false, changed: true },
      { field: 'name', before: 'a', after: 'b', changed: true },
    ]);
    expect(diffRows(null, { id: 1 })).toEqual([{ field: 'id', before: undefined, after: 1, changed: true }]);
    expect(diffRows(null, null)).toEqual([]);
  });
});
