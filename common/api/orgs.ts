import { z } from 'zod';
import { pageOf, pageQueryFields } from '../page.js';
import { ORG_KINDS } from '../roles.js';
import { CreditCodeSchema, EmailSchema, MobileSchema, PasswordSchema, RoleSchema, UuidSchema } from '../schemas.js';

/**
 * The organisations API (server/modules/orgs/orgs.routes.ts): organisations and their members.
 * Every request and response object once; the server returns these types and the web app imports them.
 */

export const OrgKindSchema = z.enum(ORG_KINDS);

export const OrgSchema = z.object({
  id: z.uuid(),
  kind: OrgKindSchema,
  name: z.string(),
  nameEn: z.string().nullable(),
  creditCode: z.string(),
  district: z.string(),
  parentId: z.uuid().nullable(),
  isActive: z.boolean(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Org = z.infer<typeof OrgSchema>;

export const OrgBodySchema = z.strictObject({
  kind: OrgKindSchema,
  name: z.string().trim().min(2).max(200),
  nameEn: z.string().trim().max(300).nullable().optional(),
  creditCode: CreditCodeSchema,
  district: z.string().max(20),
  parentId: UuidSchema.nullable().optional(),
});
export type OrgBody = z.input<typeof OrgBodySchema>;

export const OrgPatchSchema = OrgBodySchema.partial().extend({ isActive: z.boolean().optional() });
export type OrgPatch = z.input<typeof OrgPatchSchema>;

/** Organisations by name (A→Z by default). */
export const OrgListQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  kind: OrgKindSchema.optional(),
  ...pageQueryFields,
  sort: z.enum(['name']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type OrgListQuery = z.infer<typeof OrgListQuerySchema>;
export const OrgPageSchema = pageOf(OrgSchema);
export type OrgPage = z.infer<typeof OrgPageSchema>;

export const OrgParamsSchema = z.strictObject({ orgId: UuidSchema });
export const MembershipParamsSchema = z.strictObject({ orgId: UuidSchema, membershipId: UuidSchema });

export const MemberSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: RoleSchema,
  createdAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

/** Every member of an organisation (a short list: no pages). */
export const MembersSchema = z.object({ items: z.array(MemberSchema) });
export type Members = z.infer<typeof MembersSchema>;

/** An existing person by id, or a new one created with the membership. */
export const NewMemberBodySchema = z.union([
  z.strictObject({ role: RoleSchema, userId: UuidSchema }),
  z.strictObject({
    role: RoleSchema,
    name: z.string().trim().min(1).max(100),
    email: EmailSchema.optional(),
    mobile: MobileSchema.optional(),
    password: PasswordSchema,
  }),
]);
export type NewMember = z.input<typeof NewMemberBodySchema>;
