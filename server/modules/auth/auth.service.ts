import crypto from 'node:crypto';
import type { ApiToken, TokenListQuery, TokenPage } from '../../../common/api/auth.js';
import { validateMobile } from '../../../common/phone.js';
import type { Role, TokenScope } from '../../../common/roles.js';
import type { Db, Queryable } from '../../db/client.js';
import { audit } from '../../lib/audit.js';
import { type Actor, type Ctx, hasRole, hasRoleIn, inTransaction, type Membership, requireActor } from '../../lib/context.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { mapPage, queryPage } from '../../lib/pagination.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { decideThrottle, LOGIN_THROTTLE } from './throttle.js';

export const SESSION_COOKIE = 'keqiao_session';
export const CSRF_COOKIE = 'csrf_token';
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
// Sliding expiry is written at most this often, so that reads do not write on every request.
const SESSION_TOUCH_SECONDS = 5 * 60;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

interface MembershipRow {
  id: string;
  organisation_id: string;
  kind: Membership['organisationKind'];
  name: string;
  credit_code: string;
  role: Role;
}

const toMembership = (r: MembershipRow): Membership => ({
  membershipId: r.id,
  organisationId: r.organisation_id,
  organisationKind: r.kind,
  organisationName: r.name,
  creditCode: r.credit_code,
  role: r.role,
});

/** The memberships of a person, with their organisations, ordered for a stable default. */
export async function loadMemberships(db: Queryable, userId: string): Promise<Membership[]> {
  const { rows } = await db.query<MembershipRow>(
    `select m.id, m.organisation_id, o.kind, o.name, o.credit_code, m.role
       from memberships m join organisations o on o.id = m.organisation_id
      where m.user_id = $1 and o.is_active order by m.created_at, m.role`,
    [userId],
  );
  return rows.map(toMembership);
}

export interface LoginInput {
  email?: string | undefined;
  mobile?: string | undefined;
  password: string;
}

export interface LoginResult {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

/** Signs in by email or mainland mobile number; throttled per account and per address. */
export async function login(ctx: Ctx, input: LoginInput, userAgent: string | null): Promise<LoginResult> {
  const identifier = input.email ? input.email.trim().toLowerCase() : normalizeMobileOrRaw(input.mobile ?? '');
  await assertNotThrottled(ctx, identifier);
  const { rows } = await ctx.db.query<{ id: string; name: string; password_hash: string; is_active: boolean }>(
    input.email ? 'select id, name, password_hash, is_active from users where lower(email) = $1' : 'select id, name, password_hash, is_active from users where mobile = $1',
    [identifier],
  );
  const user = rows[0];
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !user.is_active) {
    await ctx.db.query('insert into login_failures (identifier, ip, at) values ($1, $2, $3)', [identifier, ctx.ip, ctx.now]);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const sessionId = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(ctx.now.getTime() + SESSION_TTL_SECONDS * 1000);
  await inTransaction(ctx, async (tx) => {
    await tx.db.query(
      `insert into sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at, user_agent, ip)
       values ($1, $2, $3, $4, $5, $4, $6, $7)`,
      [sha256(sessionId), user.id, csrfToken, ctx.now, expiresAt, userAgent?.slice(0, 300) ?? null, ctx.ip],
    );
    await tx.db.query('delete from login_failures where identifier = $1', [identifier]);
    await audit({ ...tx, actor: actorFor(user, 'session', [], null) }, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  const memberships = await loadMemberships(ctx.db, user.id);
  return { sessionId, csrfToken, expiresAt, actor: { ...actorFor(user, 'session', memberships, csrfToken), sessionIdHash: sha256(sessionId) } };
}

function normalizeMobileOrRaw(mobile: string): string {
  const v = validateMobile(mobile);
  return v.ok ? v.normalized : mobile.trim();
}

async function assertNotThrottled(ctx: Ctx, identifier: string) {
  const since = new Date(ctx.now.getTime() - LOGIN_THROTTLE.windowSeconds * 1000);
  const { rows } = await ctx.db.query<{ at: Date; same_account: boolean }>(
    `select at, identifier = $1 as same_account from login_failures
      where at > $3 and (identifier = $1 or ip = $2) order by at`,
    [identifier, ctx.ip, since],
  );
  const perAccount = decideThrottle(
    rows.filter((r) => r.same_account).map((r) => r.at),
    LOGIN_THROTTLE.maxFailuresPerAccount,
    ctx.now,
    LOGIN_THROTTLE,
  );
  const perIp = decideThrottle(
    rows.map((r) => r.at),
    LOGIN_THROTTLE.maxFailuresPerIp,
    ctx.now,
    LOGIN_THROTTLE,
  );
  const blocked = [perAccount, perIp].filter((d) => !d.allowed);
  if (blocked.length) {
    const seconds = Math.max(...blocked.map((d) => d.retryAfterSeconds));
    throw new AppError('LOGIN_THROTTLED', { params: { minutes: Math.ceil(seconds / 60), retryAfterSeconds: seconds } });
  }
}

function actorFor(user: { id: string; name: string }, via: Actor['via'], memberships: Membership[], csrfToken: string | null): Actor {
  return { userId: user.id, name: user.name, via, tokenId: null, sessionIdHash: null, csrfToken, scopes: ['read', 'write'], memberships };
}

/** The person behind a session cookie, or null when the session is unknown, expired or the user inactive. */
export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<Actor | null> {
  const idHash = sha256(sessionId);
  const { rows } = await db.query<{ user_id: string; name: string; csrf_token: string; expires_at: Date; last_seen_at: Date }>(
    `select s.user_id, u.name, s.csrf_token, s.expires_at, s.last_seen_at
       from sessions s join users u on u.id = s.user_id
      where s.id_hash = $1 and s.expires_at > $2 and u.is_active`,
    [idHash, now],
  );
  const s = rows[0];
  if (!s) return null;
  if (now.getTime() - s.last_seen_at.getTime() > SESSION_TOUCH_SECONDS * 1000) {
    await db.query('update sessions set last_seen_at = $2, expires_at = $3 where id_hash = $1', [idHash, now, new Date(now.getTime() + SESSION_TTL_SECONDS * 1000)]);
  }
  const memberships = await loadMemberships(db, s.user_id);
  return { ...actorFor({ id: s.user_id, name: s.name }, 'session', memberships, s.csrf_token), sessionIdHash: idHash };
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  if (!actor.sessionIdHash) return;
  await inTransaction(ctx, async (tx) => {
    await tx.db.query('delete from sessions where id_hash = $1', [actor.sessionIdHash]);
    await audit(tx, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });
}

/** Changes one's own password; every other session of the person is ended. */
export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query<{ password_hash: string }>('select password_hash from users where id = $1', [actor.userId]);
  if (!rows[0] || !(await verifyPassword(rows[0].password_hash, currentPassword))) throw new AppError('WRONG_PASSWORD');
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.query('update users set password_hash = $2, password_changed_at = $3, updated_at = $3 where id = $1', [actor.userId, passwordHash, ctx.now]);
    await tx.db.query('delete from sessions where user_id = $1 and id_hash is distinct from $2', [actor.userId, actor.sessionIdHash]);
    await audit(tx, { action: 'auth.password_changed', entity: 'user', entityId: actor.userId });
  });
}

/** Ends every session of a person (deactivation): inside the caller's transaction. */
export async function endSessionsOf(tx: { db: Queryable }, userId: string): Promise<void> {
  await tx.db.query('delete from sessions where user_id = $1', [userId]);
}

/** Sessions that have not expired at `now`. */
export async function activeSessionCount(db: Queryable, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*) as n from sessions where expires_at > $1', [now]);
  return rows[0]?.n ?? 0;
}

// ---- API tokens for system integrations ----

const TOKEN_PREFIX = 'kq_';
/** Roles an organisation administrator may give a token of their own organisation. */
const ORG_ADMIN_TOKEN_ROLES: readonly Role[] = ['researcher', 'tto_officer', 'enterprise', 'broker', 'investor'];

export interface ApiTokenInput {
  name: string;
  organisationId: string;
  role: Role;
  scopes: TokenScope[];
  expiresAt?: string | undefined;
}

interface TokenRow {
  id: string;
  name: string;
  token_prefix: string;
  organisation_id: string;
  role: Role;
  scopes: TokenScope[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export const presentToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.token_prefix,
  organisationId: r.organisation_id,
  role: r.role,
  scopes: r.scopes,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** Issues a token; the secret is returned once and only its hash is kept. */
export async function createApiToken(ctx: Ctx, input: ApiTokenInput) {
  const actor = requireActor(ctx);
  const isAdmin = hasRole(actor, 'admin');
  if (!isAdmin && !(hasRoleIn(actor, input.organisationId, 'org_admin') && ORG_ADMIN_TOKEN_ROLES.includes(input.role))) {
    throw forbidden();
  }
  const org = await ctx.db.query('select 1 from organisations where id = $1', [input.organisationId]);
  if (!org.rows.length) throw notFound('organisation', input.organisationId);
  const secret = `${TOKEN_PREFIX}${randomToken(30)}`;
  return inTransaction(ctx, async (tx) => {
    const { rows } = await tx.db.query<TokenRow>(
      `insert into api_tokens (name, token_hash, token_prefix, user_id, organisation_id, role, scopes, created_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $4, $8, $9) returning *`,
      [input.name, sha256(secret), secret.slice(0, 10), actor.userId, input.organisationId, input.role, input.scopes, ctx.now, input.expiresAt ?? null],
    );
    const item = presentToken(rows[0]!);
    await audit(tx, { action: 'token.created', entity: 'token', entityId: item.id, organisationId: input.organisationId, after: item });
    return { token: secret, item };
  });
}

/** Tokens the caller may manage: all for an administrator, their organisations' for an org admin. */
export async function listApiTokens(ctx: Ctx, query: TokenListQuery): Promise<TokenPage> {
  const actor = requireActor(ctx);
  const orgIds = actor.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisationId);
  const page = await queryPage<TokenRow>(
    ctx.db,
    { select: '*', from: 'from api_tokens where $1 or organisation_id = any($2::uuid[])', values: [hasRole(actor, 'admin'), orgIds], orderBy: `created_at ${query.order}, id ${query.order}` },
    query,
  );
  return mapPage(page, presentToken);
}

export async function revokeApiToken(ctx: Ctx, tokenId: string) {
  const actor = requireActor(ctx);
  const { rows } = await ctx.db.query<TokenRow>('select * from api_tokens where id = $1', [tokenId]);
  const token = rows[0];
  if (!token || !(hasRole(actor, 'admin') || hasRoleIn(actor, token.organisation_id, 'org_admin'))) throw notFound('token', tokenId);
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db.query<TokenRow>('update api_tokens set revoked_at = coalesce(revoked_at, $2) where id = $1 returning *', [tokenId, ctx.now]);
    const item = presentToken(updated.rows[0]!);
    await audit(tx, { action: 'token.revoked', entity: 'token', entityId: tokenId, organisationId: token.organisation_id, before: presentToken(token), after: item });
    return item;
  });
}

/** The integration behind a bearer token, acting as the token's role in the token's organisation. */
export async function resolveToken(db: Db, secret: string, now: Date): Promise<Actor | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const { rows } = await db.query<MembershipRow & { token_id: string; user_id: string; user_name: string; scopes: TokenScope[] }>(
    `select t.id as token_id, t.user_id, u.name as user_name, t.scopes, t.role, null as id,
            o.id as organisation_id, o.kind, o.name, o.credit_code
       from api_tokens t join organisations o on o.id = t.organisation_id join users u on u.id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > $2) and u.is_active and o.is_active`,
    [sha256(secret), now],
  );
  const t = rows[0];
  if (!t) return null;
  await db.query('update api_tokens set last_used_at = $2 where id = $1', [t.token_id, now]);
  return {
    userId: t.user_id,
    name: t.user_name,
    via: 'token',
    tokenId: t.token_id,
    sessionIdHash: null,
    csrfToken: null,
    scopes: t.scopes,
    memberships: [{ ...toMembership(t), membershipId: null }],
  };
}
