import { describe, expect, it } from 'vitest';
import { formatMobile, isMobile, validateMobile } from './phone.js';

describe('validateMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['86-138-1234-5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['(+86) 138-1234-5678', '13812345678'],
    [' １３８１２３４５６７８ ', '13812345678'],
    ['19912345678', '19912345678'],
    ['138.1234.5678', '13812345678'],
  ])('accepts %j as %s', (input, normalized) => {
    expect(validateMobile(input)).toEqual({ ok: true, normalized });
    expect(isMobile(input)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['138-1234-567a', 'charset'],
    ['138+12345678', 'charset'],
    ['+1 415 555 0100', 'country'],
    ['+86 138 1234 567', 'length'],
    ['1381234567', 'length'],
    ['138123456789', 'length'],
    ['12812345678', 'prefix'], // second digit 2
    ['23812345678', 'prefix'], // does not start with 1
    ['+86 028 1234 5678', 'prefix'],
  ])('refuses %j (%s) with messages in both languages', (input, reason) => {
    const result = validateMobile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(result.messageEn.length).toBeGreaterThan(10);
    }
  });

  it('formats in 3-4-4 groups', () => {
    expect(formatMobile('13812345678')).toBe('138 1234 5678');
    expect(formatMobile('123')).toBe('123');
  });
});
