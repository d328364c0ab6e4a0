import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { env } from '../../env.js';
import { requireActor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import {
  ApiTokenSchema,
  LoginBodySchema,
  type Me,
  MeSchema,
  NewTokenBodySchema,
  NewTokenSchema,
  PasswordChangeBodySchema,
  TokenListQuerySchema,
  TokenPageSchema,
  TokenParamsSchema,
} from '../../../common/api/auth.js';
import { ROLE_GROUPS } from '../../../common/roles.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/context.js';
import { type RouteOptions, type RouteSpec, routeSpecs } from '../../lib/routes.js';
import { ProblemSchema } from '../../lib/schemas.js';
import { changePassword, createApiToken, CSRF_COOKIE, listApiTokens, login, logout, revokeApiToken, SESSION_COOKIE, SESSION_TTL_SECONDS } from './auth.service.js';

const route = routeSpecs(['auth']);
/** Sign-in, sign-out and password changes share the authentication rate limit. */
const limited = <O extends RouteOptions<RouteSpec>>(options: O) => ({ ...options, config: { ...options.config, rateLimitGroup: 'auth' as const } });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieSecure = env().cookieSecure;

  app.post(
    '/auth/login',
    {
      config: { access: { public: true }, rateLimitGroup: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in by email or mobile number and password; sets the session and csrf_token cookies',
        body: LoginBodySchema,
        response: { 200: MeSchema, 401: ProblemSchema, 429: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await login(request.ctx, request.body, request.headers['user-agent'] ?? null);
      const common = { path: '/', sameSite: 'lax' as const, secure: cookieSecure, maxAge: SESSION_TTL_SECONDS };
      reply.setCookie(SESSION_COOKIE, result.sessionId, { ...common, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...common, httpOnly: false });
      return presentMe(request.ctx.db, result.actor.userId, result.actor);
    },
  );

  app.post('/auth/logout', limited(route({ roles: 'any' }, { summary: 'End the current session', response: z.null(), status: 204 })), async (request, reply) => {
    await logout(request.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post(
    '/auth/password',
    limited(route({ roles: 'any' }, { summary: 'Change one’s own password; other sessions are ended', body: PasswordChangeBodySchema, response: z.null(), status: 204 })),
    async (request, reply) => {
      if (request.actor?.via !== 'session') throw new AppError('FORBIDDEN');
      await changePassword(request.ctx, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get('/me', route({ roles: 'any' }, { summary: 'The caller and their memberships', response: MeSchema }), async (request) => {
    const actor = requireActor(request.ctx);
    return presentMe(request.ctx.db, actor.userId, actor);
  });

  const orgAdmins = { roles: ROLE_GROUPS.orgAdmin };
  app.get('/tokens', route(orgAdmins, { summary: 'API tokens the caller manages, newest first', querystring: TokenListQuerySchema, response: TokenPageSchema }), async (request) =>
    listApiTokens(request.ctx, request.query),
  );

  app.post(
    '/tokens',
    route(orgAdmins, { summary: 'Issue an API token for a system integration (the secret is shown once)', body: NewTokenBodySchema, response: NewTokenSchema, status: 201 }),
    async (request, reply) => reply.status(201).send(await createApiToken(request.ctx, request.body)),
  );

  app.post(
    '/tokens/:tokenId/revoke',
    route(orgAdmins, { summary: "Revoke an API token (another organisation's token is 404)", params: TokenParamsSchema, response: ApiTokenSchema }),
    async (request) => revokeApiToken(request.ctx, request.params.tokenId),
  );
};

async function presentMe(db: Db, userId: string, actor: Actor): Promise<Me> {
  const { rows } = await db.query<{ id: string; name: string; email: string | null; mobile: string | null; locale: string }>('select id, name, email, mobile, locale from users where id = $1', [
    userId,
  ]);
  const u = rows[0]!;
  return {
    ...u,
    via: actor.via,
    memberships: actor.memberships.map(({ membershipId: _, ...m }) => m),
  };
}
