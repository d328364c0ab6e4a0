/**
 * Mainland China mobile numbers: 11 digits, "1" then 3–9.
 * Pure and I/O-free: used by the server and by the web app.
 */

export type MobileFailure = 'empty' | 'charset' | 'country' | 'length' | 'prefix';

export type MobileValidation = { ok: true; normalized: string } | { ok: false; reason: MobileFailure; messageZh: string; messageEn: string };

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

const MESSAGES: Record<MobileFailure, { zh: string; en: string }> = {
  empty: { zh: '请输入手机号码', en: 'Please enter a mobile number' },
  charset: {
    zh: '手机号码只能包含数字、空格、连字符和国家代码 +86',
    en: 'A mobile number may contain only digits, spaces, hyphens and the country code +86',
  },
  country: { zh: '仅支持中国大陆手机号码（+86）', en: 'Only mainland China mobile numbers (+86) are accepted' },
  length: { zh: '手机号码应为11位数字', en: 'A mainland mobile number has 11 digits' },
  prefix: { zh: '手机号码应以13–19开头', en: 'A mainland mobile number starts with 13–19' },
};

function fail(reason: MobileFailure): MobileValidation {
  return { ok: false, reason, messageZh: MESSAGES[reason].zh, messageEn: MESSAGES[reason].en };
}

/**
 * Accepts "13812345678", "+86 138 1234 5678", "86-138-1234-5678", "0086 138…", "(+86)138…"
 * and full-width digits; returns the bare 11 digits.
 */
export function validateMobile(input: string): MobileValidation {
  const s = String(input)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim();
  if (s === '') return fail('empty');
  // Separators people type between digit groups; "+" only as the country-code sign.
  const compact = s.replace(/[\s\-.()\u3000]/g, '');
  if (!/^\+?\d+$/.test(compact)) return fail('charset');
  let digits = compact.replace(/^\+/, '');
  if (compact.startsWith('+') && !digits.startsWith('86')) return fail('country');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  else if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  else if (compact.startsWith('+')) return fail('length');
  if (digits.length !== 11) return fail('length');
  if (!MOBILE_PATTERN.test(digits)) return fail('prefix');
  return { ok: true, normalized: digits };
}

export function isMobile(input: string): boolean {
  return validateMobile(input).ok;
}

/** "13812345678" → "138 1234 5678", the grouping Chinese readers use. */
export function formatMobile(normalized: string): string {
  return MOBILE_PATTERN.test(normalized) ? `${normalized.slice(0, 3)} ${normalized.slice(3, 7)} ${normalized.slice(7)}` : normalized;
}
