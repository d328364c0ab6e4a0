import { z } from 'zod';
import { validateCreditCode } from '../../common/credit-code.js';
import { validateMobile } from '../../common/phone.js';
import { ROLES, TOKEN_SCOPES } from '../../common/roles.js';
import { bilingual } from './validation.js';

/** Schemas shared by several modules. Objects are strict: unknown fields are refused. */
export const UuidSchema = z.uuid({ message: bilingual('须为有效的 UUID', 'must be a valid UUID') });
export const RoleSchema = z.enum(ROLES);
export const TokenScopeSchema = z.enum(TOKEN_SCOPES);
export const IsoInstantSchema = z.string().describe('ISO 8601 instant');
export const BusinessDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: bilingual('日期格式须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') })
  .describe('Business date YYYY-MM-DD (Asia/Shanghai)');

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

export const CursorQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json (RFC 9457) with a stable code');

/** Common error responses, so the OpenAPI document lists them. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
} as const;

export const MembershipSchema = z.object({
  organisationId: z.uuid(),
  organisationKind: z.string(),
  organisationName: z.string(),
  creditCode: z.string(),
  role: RoleSchema,
});
