import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { env } from '../../env.js';
import { requireActor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import {
  EmailSchema,
  MembershipSchema,
  MobileSchema,
  PasswordSchema,
  problemResponses,
  ProblemSchema,
  RoleSchema,
  TokenScopeSchema,
  UuidSchema,
} from '../../lib/schemas.js';
import { bilingual } from '../../lib/validation.js';
import {
  changePassword,
  createApiToken,
  CSRF_COOKIE,
  listApiTokens,
  login,
  logout,
  revokeApiToken,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from './auth.service.js';

const MeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  locale: z.string(),
  via: z.enum(['session', 'token']),
  memberships: z.array(MembershipSchema),
});

const TokenSchema = z.object({
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

const LoginBody = z
  .strictObject({
    email: EmailSchema.optional(),
    mobile: MobileSchema.optional(),
    password: z.string().min(1).max(128),
  })
  .refine((b) => !!b.email !== !!b.mobile, {
    message: bilingual('请填写邮箱或手机号（二选一）', 'give either email or mobile, not both'),
    path: ['email'],
  });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieSecure = env().cookieSecure;

  app.post(
    '/auth/login',
    {
      config: { access: { public: true }, rateLimitGroup: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in by email or mobile number and password; sets the session and csrf_token cookies',
        body: LoginBody,
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

  app.post(
    '/auth/logout',
    {
      config: { access: { roles: 'any' }, rateLimitGroup: 'auth' },
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await logout(request.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: { roles: 'any' }, rateLimitGroup: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password; other sessions are ended',
        body: z.strictObject({ currentPassword: z.string().min(1).max(128), newPassword: PasswordSchema }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      if (request.actor?.via !== 'session') throw new AppError('FORBIDDEN');
      await changePassword(request.ctx, request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['auth'], summary: 'The caller and their memberships', response: { 200: MeSchema, ...problemResponses } },
    },
    async (request) => {
      const actor = requireActor(request.ctx);
      return presentMe(request.ctx.db, actor.userId, actor);
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: { roles: ['admin', 'org_admin'] } },
      schema: { tags: ['auth'], summary: 'API tokens the caller manages', response: { 200: z.object({ items: z.array(TokenSchema) }), ...problemResponses } },
    },
    async (request) => listApiTokens(request.ctx),
  );

  app.post(
    '/tokens',
    {
      config: { access: { roles: ['admin', 'org_admin'] } },
      schema: {
        tags: ['auth'],
        summary: 'Issue an API token for a system integration (the secret is shown once)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(100),
          organisationId: UuidSchema,
          role: RoleSchema,
          scopes: z.array(TokenScopeSchema).min(1),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: z.object({ token: z.string(), item: TokenSchema }), ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(request.ctx, request.body)),
  );

  app.post(
    '/tokens/:tokenId/revoke',
    {
      config: { access: { roles: ['admin', 'org_admin'], record: 'party' } },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token',
        params: z.strictObject({ tokenId: UuidSchema }),
        response: { 200: TokenSchema, ...problemResponses },
      },
    },
    async (request) => revokeApiToken(request.ctx, request.params.tokenId),
  );
};

async function presentMe(db: import('../../db/client.js').Db, userId: string, actor: import('../../lib/context.js').Actor) {
  const { rows } = await db.query<{ id: string; name: string; email: string | null; mobile: string | null; locale: string }>(
    'select id, name, email, mobile, locale from users where id = $1',
    [userId],
  );
  const u = rows[0]!;
  return {
    ...u,
    via: actor.via,
    memberships: actor.memberships.map(({ membershipId: _, ...m }) => m),
  };
}
