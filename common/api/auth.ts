import { z } from 'zod';
import { pageOf, pageQueryFields } from '../page.js';
import { ORG_KINDS } from '../roles.js';
import { bilingual, EmailSchema, MobileSchema, PasswordSchema, RoleSchema, TokenScopeSchema, UuidSchema } from '../schemas.js';

/**
 * The auth API (server/modules/auth/auth.routes.ts): signing in, the caller, API tokens. Every
 * request and response object once; the server returns these types and the web app imports them.
 */

/** One of a person's memberships, with its organisation. */
export const MembershipSchema = z.object({
  organisationId: z.uuid(),
  organisationKind: z.enum(ORG_KINDS),
  organisationName: z.string(),
  creditCode: z.string(),
  role: RoleSchema,
});
export type Membership = z.infer<typeof MembershipSchema>;

export const MeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  locale: z.string(),
  via: z.enum(['session', 'token']),
  memberships: z.array(MembershipSchema),
});
export type Me = z.infer<typeof MeSchema>;

export const LoginBodySchema = z
  .strictObject({
    email: EmailSchema.optional(),
    mobile: MobileSchema.optional(),
    password: z.string().min(1).max(128),
  })
  .refine((b) => !!b.email !== !!b.mobile, {
    message: bilingual('请填写邮箱或手机号（二选一）', 'give either email or mobile, not both'),
    path: ['email'],
  });
export type LoginBody = z.infer<typeof LoginBodySchema>;

export const PasswordChangeBodySchema = z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: PasswordSchema });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBodySchema>;

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  organisationId: z.uuid(),
  role: RoleSchema,
  scopes: z.array(TokenScopeSchema),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** Tokens, newest first. */
export const TokenListQuerySchema = z.strictObject({ ...pageQueryFields, sort: z.enum(['createdAt']).default('createdAt') });
export type TokenListQuery = z.infer<typeof TokenListQuerySchema>;
export const TokenPageSchema = pageOf(ApiTokenSchema);
export type TokenPage = z.infer<typeof TokenPageSchema>;

export const NewTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  organisationId: UuidSchema,
  role: RoleSchema,
  scopes: z.array(TokenScopeSchema).min(1),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type NewTokenBody = z.infer<typeof NewTokenBodySchema>;

export const NewTokenSchema = z.object({ token: z.string(), item: ApiTokenSchema });
export type NewToken = z.infer<typeof NewTokenSchema>;

export const TokenParamsSchema = z.strictObject({ tokenId: UuidSchema });
