import type { Membership } from '../../../common/api/auth.js';
import type { User, UserListQuery, UserPage } from '../../../common/api/users.js';
import type { Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, type TxCtx } from '../../lib/context.js';
import { AppError, notFound } from '../../lib/errors.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { endSessionsOf, hashPassword } from '../auth/index.js';

export interface NewUserInput {
  name: string;
  email?: string | undefined;
  mobile?: string | undefined;
  password: string;
  locale?: 'zh-CN' | 'en-US' | undefined;
}

interface UserRow {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  locale: string;
  is_active: boolean;
  created_at: Date;
}

const presentUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  email: r.email,
  mobile: r.mobile,
  locale: r.locale,
  isActive: r.is_active,
  createdAt: r.created_at.toISOString(),
});

/** Creates a person inside an open transaction (used by user and membership administration and the seeds). */
export async function createUserTx(tx: TxCtx, input: NewUserInput): Promise<ReturnType<typeof presentUser>> {
  if (!input.email && !input.mobile) {
    throw new AppError('VALIDATION_FAILED', { errors: [{ field: 'body.email', zh: '邮箱和手机号至少填写一项', en: 'give an email or a mobile number' }] });
  }
  await assertContactFree(tx.db, input.email, input.mobile, null);
  const passwordHash = await hashPassword(input.password);
  const { rows } = await tx.db.query<UserRow>(
    `insert into users (name, email, mobile, password_hash, locale, created_at, updated_at, password_changed_at)
     values ($1, $2, $3, $4, $5, $6, $6, $6) returning *`,
    [input.name, input.email ?? null, input.mobile ?? null, passwordHash, input.locale ?? 'zh-CN', tx.now],
  );
  const user = presentUser(rows[0]!);
  await audit(tx, { action: 'user.created', entity: 'user', entityId: user.id, after: user });
  return user;
}

/**
 * Seeds: writes a person with an already computed password hash (many seeded people share one
 * hash; no checks, no audit row). Returns the id.
 */
export async function insertUserTx(
  tx: { db: Queryable; now: Date },
  input: { name: string; email?: string | null | undefined; mobile?: string | null | undefined; passwordHash: string },
): Promise<string> {
  const { rows } = await tx.db.query<{ id: string }>(
    `insert into users (name, email, mobile, password_hash, created_at, updated_at, password_changed_at)
     values ($1, $2, $3, $4, $5, $5, $5) returning id`,
    [input.name, input.email ?? null, input.mobile ?? null, input.passwordHash, tx.now],
  );
  return rows[0]!.id;
}

async function assertContactFree(db: Queryable, email: string | undefined | null, mobile: string | undefined | null, exceptId: string | null) {
  if (email) {
    const { rows } = await db.query('select 1 from users where lower(email) = lower($1) and id is distinct from $2', [email, exceptId]);
    if (rows.length) throw new AppError('DUPLICATE', { params: { field: `邮箱 ${email} `, fieldEn: `Email ${email}` } });
  }
  if (mobile) {
    const { rows } = await db.query('select 1 from users where mobile = $1 and id is distinct from $2', [mobile, exceptId]);
    if (rows.length) throw new AppError('DUPLICATE', { params: { field: `手机号 ${mobile} `, fieldEn: `Mobile ${mobile}` } });
  }
}

export async function createUser(ctx: Ctx, input: NewUserInput) {
  return inTransaction(ctx, (tx) => createUserTx(tx, input));
}

/** A page of people with their memberships, by name. */
export async function listUsers(ctx: Ctx, query: UserListQuery): Promise<UserPage> {
  const page = await queryPage<UserRow & { memberships: Membership[] }>(
    ctx.db,
    {
      select: `u.*, coalesce((select json_agg(json_build_object('organisationId', o.id, 'organisationName', o.name,
              'organisationKind', o.kind, 'creditCode', o.credit_code, 'role', m.role) order by o.name, m.role)
            from memberships m join organisations o on o.id = m.organisation_id where m.user_id = u.id), '[]') as memberships`,
      from: `from users u
      where ($1::text is null or u.name ilike '%' || $1 || '%' or u.email ilike '%' || $1 || '%' or u.mobile like '%' || $1 || '%')`,
      values: [query.q?.trim() || null],
      orderBy: `u.name ${query.order}, u.id ${query.order}`,
    },
    query,
  );
  return mapPage(page, (r) => ({ ...presentUser(r), memberships: r.memberships }));
}

/** Edits a person; deactivating ends their sessions at once. */
export async function updateUser(ctx: Ctx, userId: string, patch: { name?: string | undefined; email?: string | undefined; mobile?: string | undefined; isActive?: boolean | undefined }) {
  return inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<UserRow>('select * from users where id = $1', [userId]);
    const before = rows[0];
    if (!before) throw notFound('user', userId);
    await assertContactFree(tx.db, patch.email, patch.mobile, userId);
    const updated = await tx.db.query<UserRow>(
      `update users set name = coalesce($2, name), email = coalesce($3, email), mobile = coalesce($4, mobile),
              is_active = coalesce($5, is_active), updated_at = $6 where id = $1 returning *`,
      [userId, patch.name ?? null, patch.email ?? null, patch.mobile ?? null, patch.isActive ?? null, tx.now],
    );
    if (patch.isActive === false) await endSessionsOf(tx, userId);
    const after = presentUser(updated.rows[0]!);
    await audit(tx, { action: 'user.updated', entity: 'user', entityId: userId, before: presentUser(before), after });
    return after;
  });
}
