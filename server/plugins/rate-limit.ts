import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';

/**
 * Requests per minute and client address on the routes anyone can call: the authentication
 * routes (sign-in, sign-out, password change; marked `rateLimitGroup: 'auth'`) share one budget,
 * every other public route (`access: { public: true }`: market catalogue, reference data,
 * calendar, the OpenAPI document) shares another. Signed-in routes, the health and metrics
 * probes, the API docs and the web app's files are not limited. Over the limit: 429
 * problem+json (RATE_LIMITED) with Retry-After. 0 turns a group off. The client address is
 * Fastify's request.ip (X-Forwarded-For is trusted: the app runs behind a proxy).
 */
export interface RateLimits {
  authPerMin: number;
  publicPerMin: number;
}

export type RateLimitGroup = 'auth' | 'public' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which budget the route counts against; by default 'public' for public routes, else none. */
    rateLimitGroup?: RateLimitGroup;
  }
}

/** Probes that monitoring calls often from one address. */
const UNLIMITED_URLS = new Set(['/healthz', '/readyz', '/metrics']);
const WINDOW_MS = 60_000;

/**
 * One fixed-window counter per key (client address + group) shared by all routes of a group;
 * the plugin's own store keeps a separate counter per route.
 */
class SharedWindowStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { current: number; startedAt: number }>();

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.startedAt + timeWindow <= now) {
      if (this.windows.size >= 50_000) this.sweep(now, timeWindow);
      w = { current: 0, startedAt: now };
      this.windows.set(key, w);
    }
    w.current += 1;
    callback(null, { current: w.current, ttl: w.startedAt + timeWindow - now });
  }

  child(): FastifyRateLimitStore {
    return this;
  }

  private sweep(now: number, timeWindow: number) {
    for (const [k, w] of this.windows) if (w.startedAt + timeWindow <= now) this.windows.delete(k);
  }
}

export async function registerRateLimit(app: FastifyInstance, limits: RateLimits) {
  const perMin: Record<Exclude<RateLimitGroup, 'none'>, number> = { auth: limits.authPerMin, public: limits.publicPerMin };
  // Runs before the plugin's own onRoute hook (added below), which reads config.rateLimit.
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const group = route.config?.rateLimitGroup ?? (access && 'public' in access && !UNLIMITED_URLS.has(route.url) ? 'public' : 'none');
    if (group === 'none' || !(perMin[group] > 0)) return;
    route.config = { ...(route.config ?? {}), rateLimit: { max: perMin[group], timeWindow: WINDOW_MS, groupId: group } };
  });
  await app.register(rateLimit, {
    global: false,
    store: SharedWindowStore,
    timeWindow: WINDOW_MS,
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', { params: { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) } }),
  });
}
