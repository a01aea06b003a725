import 'server-only';
/**
 * Starts an upload of one file to a case: the uploader must be allowed to submit exhibits to
 * it. Checks the person's and the case's storage quotas (check-storage-quota.ts) against the
 * declared size, records it and the browser's digests (a claim, checked when the last byte
 * arrives) and creates the empty part file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, statfs } from 'node:fs/promises';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { checkStorageQuota } from './check-storage-quota';
import { evidenceConfig } from './config';
import { formatBytes } from './format-bytes';
import { partPath, uploadsDir } from './store-layout';
import { type CreateUploadRequest, ZCreateUploadRequest } from './upload.schema';
import { toUploadStatus, UPLOAD_COLUMNS, type UploadRow, type UploadStatus } from './upload-row';

/** Uploads one person may have open at once: each reserves disk space for its declared size. */
export const MAX_OPEN_UPLOADS_PER_USER = 10;

export type CreateUploadOptions = CreateUploadRequest;

export async function createUpload(actor: Actor, caseId: string, options: CreateUploadOptions): Promise<UploadStatus> {
  const access = await requireCaseAccess(actor, caseId, 'submit_exhibit');
  const input = ZCreateUploadRequest.parse(options);
  const config = evidenceConfig();
  if (input.size > config.maxUploadBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The file is ${formatBytes(input.size)}; this court accepts files of at most ${formatBytes(config.maxUploadBytes)}.`,
      { maxBytes: config.maxUploadBytes },
    );
  }
  await mkdir(uploadsDir(config.dir), { recursive: true });
  const { bavail, bsize } = await statfs(uploadsDir(config.dir));
  if (bavail * bsize < input.size) {
    throw new AppError('UNAVAILABLE', 'The evidence store has not enough free space for this file; tell the court.');
  }

  const pool = getPool();
  const client = await pool.connect();
  let row: UploadRow | undefined;
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    // Under the quota's per-person lock, so the count cannot be raced past either.
    await checkStorageQuota(client, {
      userId: actor.id,
      caseId: access.caseId,
      size: input.size,
      personQuotaBytes: config.personQuotaBytes,
      caseQuotaBytes: config.caseQuotaBytes,
    });
    const open_ = Number(
      (
        await client.query<{ n: string }>("SELECT count(*) AS n FROM uploads WHERE user_id = $1 AND status = 'open'", [
          actor.id,
        ])
      ).rows[0]?.n ?? 0,
    );
    if (open_ >= MAX_OPEN_UPLOADS_PER_USER) {
      throw new AppError(
        'RATE_LIMITED',
        `You have ${open_} uploads in progress; finish or cancel one before starting another.`,
      );
    }
    row = (
      await client.query<UploadRow>(
        `INSERT INTO uploads (id, case_id, user_id, file_name, media_type, size, expected_sha256, expected_sm3)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${UPLOAD_COLUMNS}`,
        [
          id,
          access.caseId,
          actor.id,
          input.fileName,
          input.mediaType,
          input.size,
          Buffer.from(input.sha256, 'hex'),
          Buffer.from(input.sm3, 'hex'),
        ],
      )
    ).rows[0];
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  if (!row) throw new Error('createUpload: INSERT returned no row');
  // The row is committed before the file exists, so cleanupUploads never takes the file for an orphan.
  try {
    await (await open(partPath(config.dir, id), 'wx', 0o640)).close();
  } catch (error) {
    await pool.query('DELETE FROM uploads WHERE id = $1', [id]).catch(() => {});
    throw error;
  }
  return toUploadStatus(row);
}
