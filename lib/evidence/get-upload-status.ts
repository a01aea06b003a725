import 'server-only';
/** An upload as its owner sees it (anyone else: NOT_FOUND): the offset to resume from, its state. */
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/cases/access';
import { getPool } from '@/lib/db/pool';
import { toUploadStatus, UPLOAD_COLUMNS, type UploadRow, type UploadStatus, uploadNotFound } from './upload-row';

export async function getUploadStatus(actor: Actor, uploadId: string): Promise<UploadStatus> {
  if (!isUuid(uploadId)) throw uploadNotFound();
  const row = (
    await getPool().query<UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = $1 AND user_id = $2`, [
      uploadId,
      actor.id,
    ])
  ).rows[0];
  if (!row) throw uploadNotFound();
  return toUploadStatus(row);
}
