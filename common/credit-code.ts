/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015).
 *
 * Layout (18 characters): 1 registration authority · 2 organisation category ·
 * 3–8 administrative division code · 9–17 organisation code (GB 11714) · 18 check character.
 * Pure and I/O-free: used by the server and by the web app.
 */

/** The standard's 31-character alphabet: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (3^(i−1) mod 31 for position i). */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities (position 1): 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政,
 * 6 旅游, 7 宗教, 8 工会, 9 市场监管 (工商), A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
export const CREDIT_CODE_AUTHORITIES = '123456789ANY';

export type CreditCodeFailure = 'length' | 'charset' | 'authority' | 'category' | 'division' | 'checkDigit';

export type CreditCodeValidation = { ok: true; normalized: string } | { ok: false; reason: CreditCodeFailure; messageZh: string; messageEn: string };

const MESSAGES: Record<CreditCodeFailure, { zh: string; en: string }> = {
  length: { zh: '统一社会信用代码应为18位', en: 'A unified social credit code has 18 characters' },
  charset: {
    zh: '统一社会信用代码只能包含数字和除I、O、S、V、Z以外的大写字母',
    en: 'A unified social credit code uses digits and capital letters except I, O, S, V and Z',
  },
  authority: { zh: '第1位登记管理部门代码无效', en: 'The registration authority (1st character) is not valid' },
  category: { zh: '第2位机构类别代码无效', en: 'The organisation category (2nd character) is not valid' },
  division: { zh: '第3–8位应为6位行政区划代码', en: 'Characters 3–8 must be a 6-digit administrative division code' },
  checkDigit: {
    zh: '校验位不符，请核对代码是否输入有误',
    en: 'The check character does not match; please check the code for typos',
  },
};

/** Trim, full-width → half-width, upper-case: what people paste from Word or PDF. */
export function normalizeCreditCode(code: string): string {
  return String(code)
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** The check character for the first 17 characters; throws if they are not 17 alphabet characters. */
export function computeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`Expected 17 characters, got ${first17.length}`);
  let total = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Character ${JSON.stringify(first17.charAt(i))} is not in the credit-code alphabet`);
    total += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET.charAt((31 - (total % 31)) % 31);
}

/** Appends the check character (for demo and test data); input is normalised first. */
export function makeCreditCode(first17: string): string {
  const body = normalizeCreditCode(first17);
  return body + computeCheckChar(body);
}

function fail(reason: CreditCodeFailure): CreditCodeValidation {
  return { ok: false, reason, messageZh: MESSAGES[reason].zh, messageEn: MESSAGES[reason].en };
}

/**
 * Validates a unified social credit code: length, alphabet, authority (position 1),
 * category (position 2, a digit 1–9 in every published category), division code
 * (positions 3–8, six digits) and check character. Failures are reported in that order.
 */
export function validateCreditCode(code: string): CreditCodeValidation {
  const normalized = normalizeCreditCode(code);
  if (normalized.length !== 18) return fail('length');
  for (const c of normalized) if (!CREDIT_CODE_ALPHABET.includes(c)) return fail('charset');
  if (!CREDIT_CODE_AUTHORITIES.includes(normalized.charAt(0))) return fail('authority');
  if (!/^[1-9]$/.test(normalized.charAt(1))) return fail('category');
  if (!/^\d{6}$/.test(normalized.slice(2, 8))) return fail('division');
  if (computeCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) return fail('checkDigit');
  return { ok: true, normalized };
}

export function isCreditCode(code: string): boolean {
  return validateCreditCode(code).ok;
}
