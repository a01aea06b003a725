import 'server-only';
/**
 * Cancels the actor's upload: the row and the bytes received so far are deleted. An upload that
 * already became an exhibit (`consumed`) cannot be cancelled. A completed upload's stored file
 * is removed too, unless an exhibit or another completed upload uses the same bytes (the store
 * is content-addressed; remove-unreferenced-blob.ts decides, under locks): what a person
 * cancels no longer counts against their quota, so it must not stay on the disk either.
 */
import { unlink } from 'node:fs/promises';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { forgetHashState } from './hash-state';
import { removeUnreferencedBlob } from './remove-unreferenced-blob';
import { partPath } from './store-layout';
import { lockUpload } from './upload-row';

export async function cancelUpload(actor: Actor, uploadId: string): Promise<void> {
  const client = await getPool().connect();
  let stored: Buffer | null = null;
  try {
    await client.query('BEGIN');
    // A request cut off by the same client may still be finishing: wait for it, briefly.
    await client.query("SET LOCAL lock_timeout = '10s'");
    // (lockUpload answers CONFLICT when the wait times out.)
    const row = await lockUpload(client, actor, uploadId, { nowait: false });
    if (row.status === 'consumed') {
      throw new AppError('CONFLICT', 'This upload is already an exhibit of the case; it cannot be cancelled.');
    }
    if (row.status === 'complete') stored = row.expected_sha256;
    await client.query('DELETE FROM uploads WHERE id = $1', [uploadId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  forgetHashState(uploadId);
  const { dir } = evidenceConfig();
  // After the commit: a file left behind by a failure here is an orphan that cleanupUploads removes.
  await unlink(partPath(dir, uploadId)).catch(() => {});
  if (stored) {
    // The cancellation stands even if this fails: the hourly cleanup removes the file then.
    await removeUnreferencedBlob(stored, { dir, reason: 'upload_cancelled', actorId: actor.id }).catch(
      (error: unknown) => console.error('evidence store: removing a cancelled upload’s file failed', error),
    );
  }
}
