import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from '../lib/errors.js';

/** /healthz (process alive), /readyz (database answers), /metrics (Prometheus). */
export function registerObservability(app: FastifyInstance, db: Db) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'keqiao_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const Health = z.object({ status: z.string() });
  app.get('/healthz', { config: { access: { public: true } }, schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Health } } }, async () => ({ status: 'ok' }));
  app.get(
    '/readyz',
    {
      config: { access: { public: true } },
      schema: { tags: ['ops'], summary: 'Readiness: the database answers', response: { 200: Health.extend({ database: z.string() }) } },
    },
    async () => {
      try {
        await db.query('select 1');
      } catch (err) {
        throw new AppError('NOT_READY', { cause: err });
      }
      return { status: 'ready', database: db.kind };
    },
  );
  app.get('/metrics', { config: { access: { public: true } }, schema: { tags: ['ops'], summary: 'Prometheus metrics (text exposition format)' } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
}
