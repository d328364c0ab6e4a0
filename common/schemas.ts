import { z } from 'zod';
import { SHARE_PATTERN } from './achievements.js';
import { validateCreditCode } from './credit-code.js';
import { MONEY_PATTERN } from './money.js';
import { validateMobile } from './phone.js';
import { ROLES, TOKEN_SCOPES } from './roles.js';

/**
 * Field schemas every module's API objects are built from, shared by server and web
 * (common/api/<module>.ts). Objects are strict where they are requests: unknown fields are refused.
 */

/**
 * A custom zod message in both languages. Schemas use `bilingual('须为…', 'must be …')`;
 * the server's error handler shows the half that matches the caller's language.
 */
export function bilingual(zh: string, en: string): string {
  return JSON.stringify({ zh, en });
}

export const UuidSchema = z.uuid({ message: bilingual('须为有效的 UUID', 'must be a valid UUID') });
export const RoleSchema = z.enum(ROLES);
export const TokenScopeSchema = z.enum(TOKEN_SCOPES);
export const IsoInstantSchema = z.string().describe('ISO 8601 instant');
export const BusinessDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: bilingual('日期格式须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') })
  .describe('Business date YYYY-MM-DD (Asia/Shanghai)');

export const MoneySchema = z
  .string()
  .regex(MONEY_PATTERN, { message: bilingual('金额须为不超过两位小数的数字（元），如 "120000.00"', 'amount must be a decimal string in yuan with at most two decimals, e.g. "120000.00"') })
  .refine((s) => !s.startsWith('-'), { message: bilingual('金额不能为负数', 'amount must not be negative') })
  .describe('Decimal string, CNY yuan');

export const ShareSchema = z
  .string()
  .regex(SHARE_PATTERN, { message: bilingual('贡献比例须为 0–100 之间、最多两位小数的百分数，如 "60" 或 "33.33"', 'share must be a percentage 0–100 with at most two decimals') })
  .describe('Percentage, e.g. "60" or "33.33"');

export const EmailSchema = z
  .email({ message: bilingual('邮箱格式不正确', 'not a valid email address') })
  .max(254)
  .transform((s) => s.trim().toLowerCase());

export const MobileSchema = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const v = validateMobile(s);
    if (v.ok) return v.normalized;
    ctx.addIssue({ code: 'custom', message: bilingual(v.messageZh, v.messageEn) });
    return z.NEVER;
  })
  .describe('Mainland mobile number, 11 digits');

export const CreditCodeSchema = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const v = validateCreditCode(s);
    if (v.ok) return v.normalized;
    ctx.addIssue({ code: 'custom', message: bilingual(v.messageZh, v.messageEn) });
    return z.NEVER;
  })
  .describe('统一社会信用代码 (GB 32100), check digit verified');

export const PasswordSchema = z
  .string()
  .min(8, { message: bilingual('密码至少 8 位', 'password must have at least 8 characters') })
  .max(128);

/** A message in both languages, as API objects carry explanations and warnings. */
export const BilingualTextSchema = z.object({ zh: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualTextSchema>;

/** An organisation named in another object (a party, a holder). */
export const OrgRefSchema = z.object({ id: z.uuid(), name: z.string() });
