import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, computeCheckChar, isCreditCode, makeCreditCode, normalizeCreditCode, validateCreditCode } from './credit-code.js';

// Codes published on the national enterprise credit information system and widely quoted.
const PUBLISHED = [
  '91350100M000100Y43', // the standard's commonly cited example
  '914403001922038216', // 华为技术有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '91110108551385082Q', // 北京小米科技有限责任公司
  '91110000802100433B', // 北京百度网讯科技有限公司
  '91370200163562681G', // 海尔集团公司 (Qingdao, division 370200)
];

describe('validateCreditCode', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, normalized: code });
  });

  it('normalises whitespace, full-width characters and lower case', () => {
    expect(validateCreditCode(' ９１３５０１００ｍ０００１００ｙ４３\u3000')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(validateCreditCode('91350100m000100y43')).toEqual({ ok: true, normalized: '91350100M000100Y43' });
    expect(normalizeCreditCode(' ｍａ１ ')).toBe('MA1');
  });

  it.each([
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['', 'length'],
    ['91350100M000100I43', 'charset'], // I is not in the alphabet
    ['91350100M0001O0Y43', 'charset'], // nor O
    ['91350100-000100Y43', 'charset'],
    ['B1350100M000100Y43', 'authority'],
    ['01350100M000100Y43', 'authority'],
    ['9A350100M000100Y43', 'category'],
    ['90350100M000100Y43', 'category'],
    ['9135010AM000100Y43', 'division'],
    ['91350100M000100Y44', 'checkDigit'],
    ['91350100M000100Y34', 'checkDigit'], // last two swapped
    ['914403001922038215', 'checkDigit'],
  ])('refuses %s (%s) with messages in both languages', (code, reason) => {
    const result = validateCreditCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(result.messageEn.length).toBeGreaterThan(10);
    }
    expect(isCreditCode(code)).toBe(false);
  });
});

describe('computeCheckChar / makeCreditCode', () => {
  it('reproduces the published check characters', () => {
    for (const code of PUBLISHED) expect(computeCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });
  it('makes valid demo codes', () => {
    expect(makeCreditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(makeCreditCode('91370212MA3QDKQ01')).toMatch(/^91370212MA3QDKQ01[0-9A-Y]$/);
    expect(isCreditCode(makeCreditCode('91370212MA3QDKQ01'))).toBe(true);
  });
  it('refuses bodies of the wrong length or alphabet', () => {
    expect(() => computeCheckChar('9135')).toThrow(RangeError);
    expect(() => computeCheckChar('91350100M000100I4')).toThrow(/alphabet/);
  });

  const body = fc
    .tuple(fc.constantFrom(...'123456789ANY'), fc.constantFrom(...'123459'), fc.stringMatching(/^\d{6}$/), fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 9, maxLength: 9 }))
    .map(([a, c, div, rest]) => `${a}${c}${div}${rest.join('')}`);

  it('every made code validates; every single-character typo and adjacent swap is caught (property)', () => {
    fc.assert(
      fc.property(body, fc.nat({ max: 17 }), fc.nat({ max: 29 }), (b, pos, shift) => {
        const code = makeCreditCode(b);
        expect(validateCreditCode(code)).toEqual({ ok: true, normalized: code });
        const original = CREDIT_CODE_ALPHABET.indexOf(code.charAt(pos));
        const typo = CREDIT_CODE_ALPHABET.charAt((original + shift + 1) % 31);
        const mistyped = code.slice(0, pos) + typo + code.slice(pos + 1);
        expect(computeCheckChar(mistyped.slice(0, 17)) === mistyped.charAt(17)).toBe(false);
        if (pos < 17 && code.charAt(pos) !== code.charAt(pos + 1)) {
          const swapped = code.slice(0, pos) + code.charAt(pos + 1) + code.charAt(pos) + code.slice(pos + 2);
          expect(computeCheckChar(swapped.slice(0, 17)) === swapped.charAt(17)).toBe(false);
        }
      }),
    );
  });
});
