import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { createJsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Db } from './db/client.js';
import { env } from './env.js';
import { zodValidatorCompiler } from './lib/validation.js';
import { registerAccess } from './plugins/access.js';
import { registerObservability } from './plugins/observability.js';
import { registerProblemHandlers } from './plugins/problem.js';
import { type RateLimits, registerRateLimit } from './plugins/rate-limit.js';
import { apiModules, subscribeModules } from './modules/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
export const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Serve the built web app from dist/web when it exists. */
  serveWeb?: boolean;
  /** Requests per minute per client on public and authentication routes; default from the environment. */
  rateLimits?: RateLimits;
}

/** The Fastify instance with its plugins and every module's routes. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  subscribeModules();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerProblemHandlers(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  registerAccess(app, options.db, now);
  const { rateLimitAuthPerMin, rateLimitPublicPerMin } = env();
  await registerRateLimit(app, options.rateLimits ?? { authPerMin: rateLimitAuthPerMin, publicPerMin: rateLimitPublicPerMin });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keqiao 科桥 API',
        version: '1',
        description:
          'Qingdao technology-transfer platform (青岛科技成果转化服务平台). Errors are application/problem+json with a stable `code`; messages follow Accept-Language (zh-CN default, en-US).',
        license: { name: 'Proprietary', identifier: 'LicenseRef-Keqiao' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'keqiao_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token for system integrations' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: ['/api/docs', '/api/docs/*'] }),
  });

  await app.register(
    publicScope(async (scope) => {
      await scope.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
    }),
  );
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  registerObservability(app, options.db);
  for (const mod of apiModules) await app.register(mod, { prefix: '/api/v1' });

  if (options.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(
      publicScope(async (scope) => {
        await scope.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
        // Client-side routes: any non-API GET falls back to the app shell.
        scope.get('/*', { schema: { hide: true } }, (request, reply) => {
          if (request.url.startsWith('/api/')) return reply.callNotFound();
          return reply.sendFile('index.html');
        });
      }),
    );
  }
  return app;
}

/** Wraps a plugin whose routes (API docs, static files) are public by declaration. */
function publicScope(fn: (scope: FastifyInstance) => Promise<void>) {
  return async (scope: FastifyInstance) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: route.config?.access ?? { public: true } };
    });
    await fn(scope);
  };
}
