import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListQuerySchema, AuditPageSchema } from '../../../common/api/audit.js';
import { OVERSIGHT_ROLES } from '../../../common/roles.js';
import { routeSpecs } from '../../lib/routes.js';
import { listAudit } from './audit.service.js';

const route = routeSpecs(['audit']);

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    route({ roles: OVERSIGHT_ROLES }, { summary: 'The audit trail: who changed what, when, with before and after', querystring: AuditListQuerySchema, response: AuditPageSchema }),
    async (request) => listAudit(request.ctx, request.query),
  );
};
