import 'server-only';
/**
 * Removes one stored file (its evidence_blobs row and its file) if nothing needs it: no exhibit
 * references it and no completed upload still holds it. The store is content-addressed, so one
 * file may back several uploads and exhibits; every one of them must be checked, and checked
 * again under locks, because a caller's list of candidates is stale by the time it acts.
 *
 * In one transaction:
 *
 * 1. the blob's advisory lock (store-layout.ts), which storeBlob also takes while it places a
 *    file and marks its upload complete: an upload of the same bytes completing now either
 *    committed already (and is seen in 2) or waits, and then finds the file gone and puts its
 *    own in place;
 * 2. any upload of these bytes `complete` or `consumed`: the file stays. A submission making an
 *    upload into an exhibit (takeCompletedUpload, then the exhibit row) is covered too: until it
 *    commits the upload reads `complete`, after it `consumed` and the exhibit exists;
 * 3. any exhibit referencing it: the file stays (and the database refuses the DELETE anyway);
 * 4. the row deleted, the file unlinked while the lock is still held (so storeBlob cannot find
 *    the file present and then lose it), the removal written to the audit log, COMMIT.
 *
 * An advisory lock not granted within LOCK_WAIT, or a deadlock, keeps the file; the next
 * cleanup tries again. If the COMMIT fails after the unlink, an unreferenced row without a
 * file remains: harmless (storeBlob puts a file back when the same bytes arrive) and removed by
 * the next cleanup.
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { appendAuditEvent } from '@/lib/audit';
import { getPool } from '@/lib/db/pool';
import { fsyncDirectory } from './store-blob';
import { blobLockKey, blobPath, EVIDENCE_STORE_LOCK } from './store-layout';

export type BlobRemovalReason = 'upload_cancelled' | 'unused';

export interface RemoveUnreferencedBlobOptions {
  /** The evidence store folder. */
  dir: string;
  /** Why it is being removed, for the log. */
  reason: BlobRemovalReason;
  /** Who caused it (the person who cancelled); null for the cleanup. */
  actorId?: string | null;
}

/** How long the removal waits for an upload of the same bytes being stored (storeBlob). */
const LOCK_WAIT = '10s';
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK = '40P01';

/** True if the file (or its row) was removed; false if something still needs it, or it was already gone. */
export async function removeUnreferencedBlob(sha256: Buffer, options: RemoveUnreferencedBlobOptions): Promise<boolean> {
  const hex = sha256.toString('hex');
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [EVIDENCE_STORE_LOCK, blobLockKey(sha256)]);
    const uploads = await client.query(
      "SELECT 1 FROM uploads WHERE expected_sha256 = $1 AND status IN ('complete', 'consumed') LIMIT 1",
      [sha256],
    );
    const blob = await client.query<{ size: string }>('SELECT size FROM evidence_blobs WHERE sha256 = $1 FOR UPDATE', [
      sha256,
    ]);
    const exhibits = await client.query('SELECT 1 FROM exhibits WHERE blob_sha256 = $1 LIMIT 1', [sha256]);
    if (uploads.rowCount !== 0 || exhibits.rowCount !== 0) {
      await client.query('ROLLBACK');
      return false;
    }
    const size = blob.rows[0]?.size;
    if (size !== undefined) await client.query('DELETE FROM evidence_blobs WHERE sha256 = $1', [sha256]);
    const file = blobPath(options.dir, hex);
    const unlinked = await unlink(file).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (unlinked) await fsyncDirectory(path.dirname(file));
    if (size === undefined) {
      // No row (removed a moment ago, or a crash left the file unrecorded): under the lock and
      // with nothing referring to it, the file is an orphan; there is no record to log against.
      await client.query('COMMIT');
      return unlinked;
    }
    await appendAuditEvent(client, {
      action: 'evidence.file_removed',
      actorId: options.actorId ?? null,
      caseId: null,
      details: { sha256: hex, size: Number(size), reason: options.reason },
    });
    await client.query('COMMIT');
    console.log(`evidence store: removed ${hex} (${size} bytes, ${options.reason}): no exhibit or upload uses it`);
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const code = (error as { code?: string }).code;
    if (code === LOCK_NOT_AVAILABLE || code === DEADLOCK) return false;
    throw error;
  } finally {
    client.release();
  }
}
