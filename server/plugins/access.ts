import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pickLocale } from '../../common/locale.js';
import type { Role, TokenScope } from '../../common/roles.js';
import type { Db } from '../db/client.js';
import { type Actor, type Ctx, hasRole, hasRoleIn } from '../lib/context.js';
import { AppError, notFound } from '../lib/errors.js';
import { resolveSession, resolveToken, SESSION_COOKIE, CSRF_COOKIE } from '../modules/auth/auth.service.js';

/**
 * Every route declares who may call it. Deny by default: a route without `access` answers 403.
 * - `public`: anyone, signed in or not (public listings, login, health).
 * - `roles`: the caller must hold one of these roles (in any organisation), or 'any' signed-in caller.
 * - `org`: the route addresses one organisation by a path parameter; the caller must hold one of
 *   `roles` in that organisation, unless they hold one of `global` roles (e.g. admin, bureau).
 *   A caller who holds the roles, but in other organisations, gets 404: another organisation's
 *   records are not revealed, not even that the organisation exists.
 * Access to one record (a contract's parties, one's own notifications, an institution's grants) is
 * the service's rule, not the route's: it answers 404 to everyone else, so that existence is not
 * revealed (test/access-records/*).
 */
export type Access =
  | { public: true }
  | {
      roles: readonly Role[] | 'any';
      org?: { param: string; global?: readonly Role[] };
      /** Token scope needed; by default 'read' for GET/HEAD and 'write' otherwise. */
      scope?: TokenScope;
    };

/**
 * Access to a route under an organisation (`/orgs/:orgId/...`): `roles` held in that organisation,
 * or one of `global` anywhere (administrators, the bureau).
 */
export const orgAccess = (roles: readonly Role[] | 'any', global: readonly Role[], param = 'orgId'): Access => ({ roles, org: { param, global } });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    ctx: Ctx;
  }
  interface FastifyInstance {
    /** Every route's declared policy, read after registration (a scope may set it in its own onRoute hook). */
    accessRegistry: Map<string, { config?: { access?: Access } }>;
  }
}

/** Every key an access policy may carry (test/access.test.ts checks the routes against it). */
export const ACCESS_KEYS: ReadonlySet<string> = new Set(['public', 'roles', 'org', 'scope']);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

export function registerAccess(app: FastifyInstance, db: Db, now: () => Date) {
  app.decorate('accessRegistry', new Map<string, { config?: { access?: Access } }>());
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') app.accessRegistry.set(routeKey(m, route.url), route as { config?: { access?: Access } });
  });

  // Who is calling: resolved for every request so that handlers and logs know.
  app.addHook('onRequest', async (request) => {
    request.actor = await identify(db, request, now());
    request.ctx = {
      db,
      actor: request.actor,
      now: now(),
      locale: pickLocale(request.headers['accept-language']),
      requestId: request.id,
      ip: request.ip ?? null,
    };
  });

  // May they call this route? Runs before body validation so that strangers learn nothing about the schema.
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url) return; // 404 handler
    const access = request.routeOptions.config.access;
    if (!access) {
      request.log.error({ route: request.routeOptions.url }, 'route has no access policy; denied');
      throw new AppError('FORBIDDEN');
    }
    if ('public' in access) return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    checkCsrf(request, actor);
    const scope = access.scope ?? (SAFE_METHODS.has(request.method) ? 'read' : 'write');
    if (actor.via === 'token' && !actor.scopes.includes(scope)) throw new AppError('TOKEN_SCOPE', { params: { scope } });
    const decision = accessDecision(access, actor, request.params as Record<string, string>);
    if (decision === 'forbidden') throw new AppError('FORBIDDEN');
    if (decision === 'foreign_org') throw notFound('organisation');
  });
}

/**
 * The pure decision for an actor, a route's access policy and its path parameters: allowed;
 * `forbidden` (403) when the caller holds none of the route's roles; `foreign_org` (404) when
 * they hold them, but not in the organisation the path names.
 */
export function accessDecision(access: Exclude<Access, { public: true }>, actor: Actor, params: Record<string, string>): 'allowed' | 'forbidden' | 'foreign_org' {
  const roles = access.roles === 'any' ? null : access.roles;
  if (roles && !hasRole(actor, ...roles)) return 'forbidden';
  if (!access.org) return 'allowed';
  if (access.org.global && hasRole(actor, ...access.org.global)) return 'allowed';
  const orgId = params[access.org.param];
  if (!orgId) return 'forbidden';
  const inOrg = roles ? hasRoleIn(actor, orgId, ...roles) : actor.memberships.some((m) => m.organisationId === orgId);
  return inOrg ? 'allowed' : 'foreign_org';
}

async function identify(db: Db, request: FastifyRequest, now: Date): Promise<Actor | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const actor = await resolveToken(db, authorization.slice(7).trim(), now);
    if (!actor) throw new AppError('UNAUTHENTICATED');
    return actor;
  }
  const sessionId = request.cookies[SESSION_COOKIE];
  return sessionId ? resolveSession(db, sessionId, now) : null;
}

/** Double submit: the readable csrf cookie, echoed in a header, must match the session's token. */
function checkCsrf(request: FastifyRequest, actor: Actor) {
  if (actor.via !== 'session' || SAFE_METHODS.has(request.method)) return;
  const header = request.headers['x-csrf-token'];
  const cookie = request.cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || !cookie || header !== cookie || header !== actor.csrfToken) {
    throw new AppError('CSRF_FAILED');
  }
}
