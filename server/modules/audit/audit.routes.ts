import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuerySchema, AuditPageSchema } from '../../../common/api/audit.js';
import { OVERSIGHT_ROLES } from '../../../common/roles.js';
import { problemResponses } from '../../lib/schemas.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: { roles: OVERSIGHT_ROLES } },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail: who changed what, when, with before and after',
        querystring: AuditListQuerySchema,
        response: { 200: AuditPageSchema, ...problemResponses },
      },
    },
    async (request) => listAudit(request.ctx, request.query),
  );
};
