import { createHash } from 'node:crypto';
import type { TxCtx } from './context.js';
import { fieldError } from './errors.js';

/**
 * A file sent as base64 in a JSON body (`body.dataBase64`), decoded; refused when it is empty or
 * larger than `maxBytes` (`zh`/`en` say so in the words of the module: an attachment, a file…).
 */
export function decodeUpload(dataBase64: string, limit: { maxBytes: number; zh: string; en: string }): Buffer {
  const data = Buffer.from(dataBase64, 'base64');
  if (data.length === 0) throw fieldError('body.dataBase64', '文件为空', 'the file is empty');
  if (data.length > limit.maxBytes) throw fieldError('body.dataBase64', limit.zh, limit.en);
  return data;
}

/** The SHA-256 of a stored file, hex (shown with the file so that a copy can be checked). */
export const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Stores an uploaded file in a module's files table, whose columns are `id`, the owner's id
 * (`ownerColumn`), then filename, content_type, size_bytes, sha256, data, uploaded_by and
 * uploaded_at. The table stays the module's; only the shape of the row is shared.
 */
export async function insertFile(
  tx: TxCtx,
  into: { table: string; ownerColumn: string; ownerId: string },
  file: { id: string; filename: string; contentType: string; sha256: string; data: Buffer },
): Promise<void> {
  await tx.db.query(`insert into ${into.table} (id, ${into.ownerColumn}, filename, content_type, size_bytes, sha256, data, uploaded_by, uploaded_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [
    file.id,
    into.ownerId,
    file.filename,
    file.contentType,
    file.data.length,
    file.sha256,
    file.data,
    tx.actor?.userId ?? null,
    tx.now,
  ]);
}
