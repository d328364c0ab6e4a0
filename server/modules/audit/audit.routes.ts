import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CursorQuery, problemResponses, UuidSchema } from '../../lib/schemas.js';
import { listAudit } from './audit.service.js';

const AuditEntrySchema = z.object({
  id: z.string().describe('Sequential id (bigint as a string)'),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  organisationId: z.string().nullable(),
  before: z.unknown().describe('The record before the change (secrets redacted)'),
  after: z.unknown().describe('The record after the change (secrets redacted)'),
  requestId: z.string().nullable(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: { roles: ['admin', 'bureau'] } },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who changed what, when, with before and after',
        querystring: z.strictObject({
          entity: z.string().trim().min(1).max(100).optional(),
          entityId: z.string().trim().min(1).max(200).optional(),
          actorUserId: UuidSchema.optional(),
          ...CursorQuery,
        }),
        response: { 200: z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }), ...problemResponses },
      },
    },
    async (request) => listAudit(request.ctx, request.query),
  );
};
