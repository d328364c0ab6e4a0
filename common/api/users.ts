import { z } from 'zod';
import { pageOf, pageQueryFields } from '../page.js';
import { EmailSchema, MobileSchema, PasswordSchema, UuidSchema } from '../schemas.js';
import { MembershipSchema } from './auth.js';

/**
 * The users API (server/modules/users/users.routes.ts): people, for administrators. Every request
 * and response object once; the server returns these types and the web app imports them.
 */

export const UserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  locale: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const UserWithMembershipsSchema = UserSchema.extend({ memberships: z.array(MembershipSchema) });
export type UserWithMemberships = z.infer<typeof UserWithMembershipsSchema>;

/** People by name (A→Z by default). */
export const UserListQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  ...pageQueryFields,
  sort: z.enum(['name']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
export const UserPageSchema = pageOf(UserWithMembershipsSchema);
export type UserPage = z.infer<typeof UserPageSchema>;

export const NewUserBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: EmailSchema.optional(),
  mobile: MobileSchema.optional(),
  password: PasswordSchema,
  locale: z.enum(['zh-CN', 'en-US']).optional(),
});
export type NewUserBody = z.input<typeof NewUserBodySchema>;

export const UserPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  email: EmailSchema.optional(),
  mobile: MobileSchema.optional(),
  isActive: z.boolean().optional(),
});
export type UserPatch = z.input<typeof UserPatchSchema>;

export const UserParamsSchema = z.strictObject({ userId: UuidSchema });
