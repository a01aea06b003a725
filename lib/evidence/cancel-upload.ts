import 'server-only';
/**
 * Cancels the actor's upload: the row and the bytes received so far are deleted. An upload that
 * already became an exhibit (`consumed`) cannot be cancelled. A completed upload's stored file
 * stays in the evidence store (it is content-addressed and may be shared with an exhibit).
 */
import { unlink } from 'node:fs/promises';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { forgetHashState } from './hash-state';
import { partPath } from './store-layout';
import { lockUpload } from './upload-row';

export async function cancelUpload(actor: Actor, uploadId: string): Promise<void> {
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    // A request cut off by the same client may still be finishing: wait for it, briefly.
    await client.query("SET LOCAL lock_timeout = '10s'");
    // (lockUpload answers CONFLICT when the wait times out.)
    const row = await lockUpload(client, actor, uploadId, { nowait: false });
    if (row.status === 'consumed') {
      throw new AppError('CONFLICT', 'This upload is already an exhibit of the case; it cannot be cancelled.');
    }
    await client.query('DELETE FROM uploads WHERE id = $1', [uploadId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  forgetHashState(uploadId);
  // After the commit: a file left behind by a failure here is an orphan that cleanupUploads removes.
  await unlink(partPath(evidenceConfig().dir, uploadId)).catch(() => {});
}
