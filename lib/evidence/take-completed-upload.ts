import 'server-only';
/**
 * For the exhibit code (lib/exhibits): takes the actor's completed upload inside the caller's
 * transaction and marks it `consumed`, so one upload becomes at most one exhibit. The row stays
 * locked until the caller commits; if the caller rolls back, the upload is `complete` again.
 *
 * The caller still checks the actor's access to the returned case (requireCaseAccess with
 * 'submit_exhibit'), or passes `caseId` to have an upload of another case refused as NOT_FOUND.
 * The digests returned are the server's own (equal to the declared ones, or the upload would
 * have failed), and an evidence_blobs row with that SHA-256 exists.
 */
import type pg from 'pg';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { lockUpload, uploadNotFound } from './upload-row';

export interface CompletedUpload {
  id: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** 32 bytes, the server's SHA-256 of the stored bytes; also the evidence_blobs key. */
  sha256: Buffer;
  /** 32 bytes, the server's SM3 of the stored bytes. */
  sm3: Buffer;
  completedAt: Date;
}

export interface TakeCompletedUploadOptions {
  /** When given, an upload made for another case is NOT_FOUND. */
  caseId?: string;
}

export async function takeCompletedUpload(
  client: pg.PoolClient,
  actor: Actor,
  uploadId: string,
  options: TakeCompletedUploadOptions = {},
): Promise<CompletedUpload> {
  const row = await lockUpload(client, actor, uploadId, { nowait: false });
  if (options.caseId !== undefined && row.case_id !== options.caseId) throw uploadNotFound();
  if (row.status !== 'complete' || !row.completed_at) {
    const why =
      row.status === 'consumed'
        ? 'it is already an exhibit'
        : row.status === 'failed'
          ? 'it was refused'
          : 'not all of its bytes have arrived';
    throw new AppError('CONFLICT', `This upload cannot become an exhibit: ${why}.`, { status: row.status });
  }
  await client.query("UPDATE uploads SET status = 'consumed', updated_at = now() WHERE id = $1", [uploadId]);
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.expected_sha256,
    sm3: row.expected_sm3,
    completedAt: row.completed_at,
  };
}
