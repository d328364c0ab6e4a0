import { randomUUID } from 'node:crypto';
import type { AttachmentCreated, AttachmentInput, AttachmentList } from '../../../common/api/achievements.js';
import { audit } from '../../lib/audit.js';
import { type Ctx, inTransaction, isOfficeOf } from '../../lib/context.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { decodeUpload, insertFile, sha256Hex } from '../../lib/files.js';
import { appendEvent } from '../../lib/ledger.js';
import { canEditContent, isOwnRecord } from './achievements.access.rules.js';
import { loadVisible, stream } from './achievements.service.js';

/**
 * Files of a disclosure (at most 10 MB each, with their SHA-256 on the ledger). Whoever may edit
 * the content may attach; the office and the completers may download, also of a public record.
 */

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export async function addAttachment(ctx: Ctx, id: string, file: AttachmentInput): Promise<AttachmentCreated> {
  const data = decodeUpload(file.dataBase64, { maxBytes: MAX_ATTACHMENT_BYTES, zh: '附件不能超过 10 MB', en: 'attachments are limited to 10 MB' });
  const sha256 = sha256Hex(data);
  const attachmentId = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const { row, completers } = await loadVisible(tx, id, true);
    if (!canEditContent(tx.actor, row, completers)) throw forbidden();
    const stored = { id: attachmentId, filename: file.filename, contentType: file.contentType, sha256, data };
    await insertFile(tx, { table: 'achievement_attachments', ownerColumn: 'achievement_id', ownerId: id }, stored);
    await appendEvent(tx, { stream: stream(id), type: 'achievement.attachment_added', payload: { attachmentId, filename: file.filename, sizeBytes: data.length, sha256 } });
    await audit(tx, { action: 'achievement.attachment', entity: 'achievement', entityId: id, organisationId: row.organisation_id, after: { attachmentId, filename: file.filename, sha256 } });
  });
  return { id: attachmentId, filename: file.filename, contentType: file.contentType, sizeBytes: data.length, sha256 };
}

export async function listAttachments(ctx: Ctx, id: string): Promise<AttachmentList> {
  await loadVisible(ctx, id);
  const { rows } = await ctx.db.query<{ id: string; filename: string; content_type: string; size_bytes: number; sha256: string; uploaded_at: Date }>(
    'select id, filename, content_type, size_bytes, sha256, uploaded_at from achievement_attachments where achievement_id = $1 order by uploaded_at',
    [id],
  );
  return {
    items: rows.map((r) => ({ id: r.id, filename: r.filename, contentType: r.content_type, sizeBytes: r.size_bytes, sha256: r.sha256, uploadedAt: r.uploaded_at.toISOString() })),
  };
}

export async function readAttachment(ctx: Ctx, id: string, attachmentId: string) {
  const { row, completers } = await loadVisible(ctx, id);
  // Attachments of a public listing stay internal: the office and the completers only.
  if (!isOfficeOf(ctx.actor, row.organisation_id) && !isOwnRecord(ctx.actor, row, completers)) throw notFound('attachment', attachmentId);
  const { rows } = await ctx.db.query<{ filename: string; content_type: string; data: Uint8Array }>(
    'select filename, content_type, data from achievement_attachments where id = $1 and achievement_id = $2',
    [attachmentId, id],
  );
  if (!rows[0]) throw notFound('attachment', attachmentId);
  return rows[0];
}
