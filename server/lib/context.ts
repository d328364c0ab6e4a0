import type { Locale } from '../../common/locale.js';
import { type OrgKind, ROLE_GROUPS, type Role, type TokenScope } from '../../common/roles.js';
import type { Db, Queryable } from '../db/client.js';

export interface Membership {
  membershipId: string | null;
  organisationId: string;
  organisationKind: OrgKind;
  organisationName: string;
  creditCode: string;
  role: Role;
}

/** Who is calling: a signed-in person (session) or a system integration (API token). */
export interface Actor {
  userId: string;
  name: string;
  via: 'session' | 'token';
  tokenId: string | null;
  sessionIdHash: string | null;
  csrfToken: string | null;
  scopes: readonly TokenScope[];
  memberships: readonly Membership[];
}

/** What every service function receives: the database, the caller, the clock, the language. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  now: Date;
  locale: Locale;
  requestId: string;
  ip: string | null;
}

/** A context whose database handle is an open transaction. */
export type TxCtx = Omit<Ctx, 'db'> & { db: Queryable };

export function hasRole(actor: Actor | null, ...roles: readonly Role[]): boolean {
  return !!actor?.memberships.some((m) => roles.includes(m.role));
}

export function hasRoleIn(actor: Actor | null, organisationId: string, ...roles: readonly Role[]): boolean {
  return !!actor?.memberships.some((m) => m.organisationId === organisationId && roles.includes(m.role));
}

export function requireActor(ctx: { actor: Actor | null }): Actor {
  if (!ctx.actor) throw new Error('requireActor: route is not authenticated');
  return ctx.actor;
}

/** Runs fn in one transaction with a context bound to it. */
export function inTransaction<T>(ctx: Ctx, fn: (tx: TxCtx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => fn({ ...ctx, db }));
}

/**
 * The office of an institution (or a platform administrator, who may act for any office): the one
 * rule behind "may decide for this organisation's ledger, contracts, grants and rewards".
 */
export function isOfficeOf(actor: Actor | null, organisationId: string): boolean {
  return hasRoleIn(actor, organisationId, ...ROLE_GROUPS.office) || hasRole(actor, 'admin');
}

/** Oversight (the bureau, administrators) reads every institution's records. */
export function isOversight(actor: Actor | null): boolean {
  return hasRole(actor, ...ROLE_GROUPS.oversight);
}
