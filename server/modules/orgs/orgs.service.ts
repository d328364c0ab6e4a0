import type { Member, Members, Org, OrgListQuery, OrgPage } from '../../../common/api/orgs.js';
import { isDistrictCode } from '../../../common/districts.js';
import { OVERSIGHT_ROLES, PLATFORM_ROLES, PRIVILEGED_ROLES, type OrgKind, type Role, roleFitsOrgKind } from '../../../common/roles.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, hasRole, inTransaction, requireActor, type TxCtx } from '../../lib/context.js';
import { AppError, fieldError, fieldErrors, forbidden, notFound } from '../../lib/errors.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { createUserTx, type NewUserInput } from '../users/index.js';

export interface OrgRow {
  id: string;
  kind: OrgKind;
  name: string;
  name_en: string | null;
  credit_code: string;
  district: string;
  parent_id: string | null;
  is_active: boolean;
  created_at: Date;
  member_count?: number;
}

export const presentOrg = (r: OrgRow): Org => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  nameEn: r.name_en,
  creditCode: r.credit_code,
  district: r.district,
  parentId: r.parent_id,
  isActive: r.is_active,
  memberCount: r.member_count ?? 0,
  createdAt: r.created_at.toISOString(),
});
export type OrgView = ReturnType<typeof presentOrg>;

/** Roles that see every organisation; everyone else sees the ones they belong to. */
export const SEES_ALL_ORGS: readonly Role[] = [...new Set([...PLATFORM_ROLES, ...OVERSIGHT_ROLES])];

/** A page of organisations: all for those who see all, one's own for everyone else. */
export async function listOrgs(ctx: Ctx, query: OrgListQuery): Promise<OrgPage> {
  const actor = requireActor(ctx);
  const own = actor.memberships.map((m) => m.organisationId);
  const page = await queryPage<OrgRow>(
    ctx.db,
    {
      select: 'o.*, (select count(*) from memberships m where m.organisation_id = o.id) as member_count',
      from: `from organisations o
      where ($1 or o.id = any($2::uuid[]))
        and ($3::text is null or o.name ilike '%' || $3 || '%' or o.name_en ilike '%' || $3 || '%' or o.credit_code = upper($3))
        and ($4::text is null or o.kind = $4)`,
      values: [hasRole(actor, ...SEES_ALL_ORGS), own, query.q?.trim() || null, query.kind ?? null],
      orderBy: `o.name ${query.order}, o.id ${query.order}`,
    },
    query,
  );
  return mapPage(page, presentOrg);
}

export async function getOrg(ctx: { db: Queryable }, orgId: string): Promise<OrgRow> {
  const { rows } = await ctx.db.query<OrgRow>(`select o.*, (select count(*) from memberships m where m.organisation_id = o.id) as member_count from organisations o where o.id = $1`, [orgId]);
  if (!rows[0]) throw notFound('organisation', orgId);
  return rows[0];
}

export interface OrgInput {
  kind: OrgKind;
  name: string;
  nameEn?: string | null | undefined;
  creditCode: string;
  district: string;
  parentId?: string | null | undefined;
}

/** Registers an organisation; its credit code (check digit verified by the schema) must be unique. */
export async function createOrg(ctx: Ctx, input: OrgInput) {
  assertDistrict(input.district);
  return inTransaction(ctx, async (tx) => {
    await assertUniqueCreditCode(tx, input.creditCode, null);
    if (input.parentId) await getOrg(tx, input.parentId);
    const { rows } = await tx.db.query<OrgRow>(
      `insert into organisations (kind, name, name_en, credit_code, district, parent_id, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $7) returning *`,
      [input.kind, input.name, input.nameEn ?? null, input.creditCode, input.district, input.parentId ?? null, tx.now],
    );
    const org = presentOrg(rows[0]!);
    await audit(tx, { action: 'org.created', entity: 'organisation', entityId: org.id, organisationId: org.id, after: org });
    return org;
  });
}

/**
 * Seeds: writes an organisation as given (no checks, no audit row; the seed audits once for all).
 * Returns its id.
 */
export async function insertOrganisationTx(tx: { db: Queryable; now: Date }, input: OrgInput): Promise<string> {
  const { rows } = await tx.db.query<{ id: string }>(
    `insert into organisations (kind, name, name_en, credit_code, district, parent_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
    [input.kind, input.name, input.nameEn ?? null, input.creditCode, input.district, input.parentId ?? null, tx.now],
  );
  return rows[0]!.id;
}

/** Seeds: gives a person a role in an organisation (no checks, no audit row). */
export async function insertMembershipTx(tx: { db: Queryable; now: Date }, m: { userId: string; organisationId: string; role: Role }): Promise<void> {
  await tx.db.query('insert into memberships (user_id, organisation_id, role, created_at) values ($1, $2, $3, $4)', [m.userId, m.organisationId, m.role, tx.now]);
}

/** Is there an organisation with this credit code? */
export async function orgIdByCreditCode(db: Queryable, creditCode: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('select id from organisations where credit_code = $1', [creditCode]);
  return rows[0]?.id ?? null;
}

/** Edits an organisation. Its kind and credit code are for administrators only. */
export async function updateOrg(ctx: Ctx, orgId: string, patch: Partial<OrgInput> & { isActive?: boolean | undefined }) {
  const actor = requireActor(ctx);
  const isAdmin = hasRole(actor, 'admin');
  if (!isAdmin && (patch.kind !== undefined || patch.creditCode !== undefined || patch.isActive !== undefined)) throw forbidden();
  if (patch.district !== undefined) assertDistrict(patch.district);
  return inTransaction(ctx, async (tx) => {
    const before = await getOrg(tx, orgId);
    if (patch.creditCode) await assertUniqueCreditCode(tx, patch.creditCode, orgId);
    if (patch.parentId) await assertNoCycle(tx, orgId, patch.parentId);
    const { rows } = await tx.db.query<OrgRow>(
      `update organisations set
         kind = coalesce($2, kind), name = coalesce($3, name),
         name_en = case when $4::boolean then $5 else name_en end,
         credit_code = coalesce($6, credit_code), district = coalesce($7, district),
         parent_id = case when $8::boolean then $9::uuid else parent_id end,
         is_active = coalesce($10, is_active), updated_at = $11
       where id = $1 returning *`,
      [
        orgId,
        patch.kind ?? null,
        patch.name ?? null,
        patch.nameEn !== undefined,
        patch.nameEn ?? null,
        patch.creditCode ?? null,
        patch.district ?? null,
        patch.parentId !== undefined,
        patch.parentId ?? null,
        patch.isActive ?? null,
        tx.now,
      ],
    );
    const after = presentOrg({ ...rows[0]!, member_count: before.member_count });
    await audit(tx, { action: 'org.updated', entity: 'organisation', entityId: orgId, organisationId: orgId, before: presentOrg(before), after });
    return after;
  });
}

function assertDistrict(district: string) {
  if (!isDistrictCode(district)) throw fieldError('body.district', '所在区（市）代码无效', 'unknown district code');
}

async function assertUniqueCreditCode(ctx: { db: Queryable }, creditCode: string, exceptId: string | null) {
  const { rows } = await ctx.db.query('select id from organisations where credit_code = $1 and id is distinct from $2', [creditCode, exceptId]);
  if (rows.length) throw new AppError('DUPLICATE', { params: { field: `统一社会信用代码 ${creditCode} `, fieldEn: `Credit code ${creditCode}` } });
}

async function assertNoCycle(ctx: { db: Queryable }, orgId: string, parentId: string) {
  const { rows } = await ctx.db.query<{ id: string }>(
    `with recursive up(id, parent_id) as (
       select id, parent_id from organisations where id = $1
       union all select o.id, o.parent_id from organisations o join up on o.id = up.parent_id)
     select id from up`,
    [parentId],
  );
  if (!rows.length) throw notFound('organisation', parentId);
  if (rows.some((r) => r.id === orgId)) throw fieldError('body.parentId', '上级机构不能是本机构或其下级', 'the parent cannot be the organisation itself or one below it');
}

// ---- memberships ----

interface MemberRow {
  id: string;
  user_id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  role: Role;
  created_at: Date;
}

const presentMember = (r: MemberRow): Member => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  email: r.email,
  mobile: r.mobile,
  role: r.role,
  createdAt: r.created_at.toISOString(),
});

export async function listMembers(ctx: Ctx, orgId: string): Promise<Members> {
  await getOrg(ctx, orgId);
  const { rows } = await ctx.db.query<MemberRow>(
    `select m.id, m.user_id, u.name, u.email, u.mobile, m.role, m.created_at
       from memberships m join users u on u.id = m.user_id where m.organisation_id = $1 order by u.name, m.role`,
    [orgId],
  );
  return { items: rows.map(presentMember) };
}

export type AddMemberInput = { role: Role } & ({ userId: string } | NewUserInput);

/** Adds a person (existing, or created here) to an organisation with a role that fits its kind. */
export async function addMember(ctx: Ctx, orgId: string, input: AddMemberInput) {
  const actor = requireActor(ctx);
  if (PRIVILEGED_ROLES.includes(input.role) && !hasRole(actor, 'admin')) throw forbidden();
  return inTransaction(ctx, async (tx) => {
    const org = await getOrg(tx, orgId);
    if (!roleFitsOrgKind(input.role, org.kind)) {
      throw fieldError('body.role', `角色 ${input.role} 不适用于此类机构`, `role ${input.role} does not fit an organisation of kind ${org.kind}`);
    }
    const userId = 'userId' in input ? input.userId : (await createUserTx(tx, input)).id;
    const user = await tx.db.query('select 1 from users where id = $1', [userId]);
    if (!user.rows.length) throw notFound('user', userId);
    const { rows } = await tx.db.query<{ id: string }>(
      `insert into memberships (user_id, organisation_id, role, created_at) values ($1, $2, $3, $4)
       on conflict (user_id, organisation_id, role) do nothing returning id`,
      [userId, orgId, input.role, tx.now],
    );
    if (!rows[0]) throw new AppError('DUPLICATE', { params: { field: '该成员角色', fieldEn: 'This membership' } });
    const member = await tx.db.query<MemberRow>(`select m.id, m.user_id, u.name, u.email, u.mobile, m.role, m.created_at from memberships m join users u on u.id = m.user_id where m.id = $1`, [
      rows[0].id,
    ]);
    const view = presentMember(member.rows[0]!);
    await audit(tx, { action: 'membership.added', entity: 'membership', entityId: view.id, organisationId: orgId, after: view });
    return view;
  });
}

export async function removeMember(ctx: Ctx, orgId: string, membershipId: string) {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<MemberRow>(
      `select m.id, m.user_id, u.name, u.email, u.mobile, m.role, m.created_at
         from memberships m join users u on u.id = m.user_id where m.id = $1 and m.organisation_id = $2`,
      [membershipId, orgId],
    );
    const member = rows[0];
    if (!member) throw notFound('membership', membershipId);
    if (PRIVILEGED_ROLES.includes(member.role) && !hasRole(actor, 'admin')) throw forbidden();
    if (member.user_id === actor.userId && member.role === 'admin') {
      throw new AppError('BUSINESS_RULE', { params: { detail: '不能移除自己的管理员角色', detailEn: 'You cannot remove your own administrator role' } });
    }
    await tx.db.query('delete from memberships where id = $1', [membershipId]);
    await audit(tx, { action: 'membership.removed', entity: 'membership', entityId: membershipId, organisationId: orgId, before: presentMember(member) });
  });
}

/**
 * The organisation of a company named by its credit code, registered on first mention (a company
 * founded by researchers is often not yet on the platform). An existing organisation with the
 * code must carry the same name. Runs in the caller's transaction.
 */
export async function ensureCompanyOrg(tx: TxCtx, company: { name: string; creditCode: string }, field = 'body.companyName'): Promise<string> {
  const { rows } = await tx.db.query<{ id: string; name: string }>('select id, name from organisations where credit_code = $1', [company.creditCode]);
  const found = rows[0];
  if (found) {
    if (found.name.trim() !== company.name.trim()) {
      throw fieldErrors([
        {
          field,
          zh: `统一社会信用代码 ${company.creditCode} 在平台登记的名称为“${found.name}”，与填写的名称不符`,
          en: `the credit code ${company.creditCode} is registered as "${found.name}", not the name given`,
        },
      ]);
    }
    return found.id;
  }
  // Positions 3–8 of the code are the administrative division of registration (GB 32100).
  const { rows: created } = await tx.db.query<OrgRow>(`insert into organisations (kind, name, credit_code, district, created_at, updated_at) values ('enterprise', $1, $2, $3, $4, $4) returning *`, [
    company.name.trim(),
    company.creditCode,
    company.creditCode.slice(2, 8),
    tx.now,
  ]);
  await audit(tx, { action: 'org.created', entity: 'organisation', entityId: created[0]!.id, organisationId: created[0]!.id, after: presentOrg(created[0]!) });
  return created[0]!.id;
}
