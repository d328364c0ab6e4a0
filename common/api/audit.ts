import { z } from 'zod';
import { pageOf, pageQueryFields } from '../page.js';
import { UuidSchema } from '../schemas.js';

/** The audit API (server/modules/audit/audit.routes.ts): the audit trail, for administrators and the bureau. */

export const AuditEntrySchema = z.object({
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
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The trail, newest first, filtered by entity, entity id and actor. */
export const AuditListQuerySchema = z.strictObject({
  entity: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  actorUserId: UuidSchema.optional(),
  ...pageQueryFields,
  sort: z.enum(['at']).default('at'),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = z.infer<typeof AuditPageSchema>;
