import 'server-only';
/**
 * Removes what abandoned, cancelled and crashed uploads leave behind:
 *
 * - uploads not touched since `olderThan` (the grace period, VERITY_UPLOAD_GRACE_HOURS): `open`
 *   or `failed` ones with their part files, `complete` ones nobody made into an exhibit, and
 *   `consumed` ones, whose exhibit is the record now; rows another request is consuming are
 *   skipped (SKIP LOCKED), and so are rows a PATCH holds a live lease on (claim-upload.ts: an
 *   append holds no row lock while its body arrives);
 * - part files in `uploads/` whose row does not exist (the row is always committed before its
 *   file is created, and the folder is listed before the rows are read, so a new upload is
 *   never taken for an orphan);
 * - stored files no exhibit references and no completed upload holds any more (after the step
 *   above: those of uploads cancelled or unused past the grace period), each checked again
 *   under locks and logged (remove-unreferenced-blob.ts);
 * - blob files older than `olderThan` with no evidence_blobs row (a crash between the rename
 *   into the store and the commit), each removed under the blob's advisory lock after checking
 *   again, so a file being stored right now is never removed.
 *
 * Safe to run in several processes at once, and while uploads complete and exhibits are
 * submitted. Run at server start and hourly (instrumentation.ts) and by `npm run evidence:cleanup`.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { getPool } from '@/lib/db/pool';
import { evidenceConfig } from './config';
import { forgetHashState, forgetHashStatesIdleSince } from './hash-state';
import { removeUnreferencedBlob } from './remove-unreferenced-blob';
import {
  blobLockKey,
  blobPath,
  blobsDir,
  EVIDENCE_STORE_LOCK,
  isSha256Hex,
  partPath,
  uploadsDir,
} from './store-layout';

export interface CleanupUploadsOptions {
  /** Uploads untouched since then (the grace period's start), and unrecorded blob files older than it, are removed. */
  olderThan: Date;
}

export interface CleanupReport {
  staleUploads: number;
  orphanPartFiles: number;
  /** Stored files (row and file) no exhibit or completed upload used. */
  unusedBlobs: number;
  orphanBlobFiles: number;
}

const PART_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.part$/;
const BATCH = 1000;

export async function cleanupUploads(options: CleanupUploadsOptions): Promise<CleanupReport> {
  const { dir } = evidenceConfig();
  const staleUploads = await removeStaleUploads(dir, options.olderThan);
  const orphanPartFiles = await removeOrphanPartFiles(dir);
  const unusedBlobs = await removeUnusedBlobs(dir);
  const orphanBlobFiles = await removeOrphanBlobFiles(dir, options.olderThan);
  forgetHashStatesIdleSince(options.olderThan);
  return { staleUploads, orphanPartFiles, unusedBlobs, orphanBlobFiles };
}

async function removeStaleUploads(dir: string, olderThan: Date): Promise<number> {
  const { rows } = await getPool().query<{ id: string }>(
    `DELETE FROM uploads WHERE id IN (
       SELECT id FROM uploads
       WHERE status IN ('open', 'failed', 'complete', 'consumed') AND updated_at < $1
         AND (lease_until IS NULL OR lease_until < now())
       FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [olderThan],
  );
  for (const { id } of rows) {
    forgetHashState(id);
    await removeFile(partPath(dir, id));
  }
  return rows.length;
}

async function removeOrphanPartFiles(dir: string): Promise<number> {
  const ids = (await listDir(uploadsDir(dir))).flatMap((name) => PART_FILE.exec(name)?.[1] ?? []);
  let removed = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const { rows } = await getPool().query<{ id: string }>('SELECT id FROM uploads WHERE id = ANY($1::uuid[])', [
      batch,
    ]);
    const known = new Set(rows.map((r) => r.id));
    for (const id of batch) {
      if (known.has(id)) continue;
      if (await removeFile(partPath(dir, id))) removed++;
    }
  }
  return removed;
}

/**
 * Candidates from one query (a snapshot, possibly stale a moment later), each then removed only
 * if removeUnreferencedBlob, under its locks, still finds nothing that needs it.
 */
async function removeUnusedBlobs(dir: string): Promise<number> {
  let removed = 0;
  let after: Buffer = Buffer.alloc(0);
  for (;;) {
    const { rows } = await getPool().query<{ sha256: Buffer }>(
      `SELECT b.sha256 FROM evidence_blobs b
       WHERE b.sha256 > $1
         AND NOT EXISTS (SELECT 1 FROM exhibits e WHERE e.blob_sha256 = b.sha256)
         AND NOT EXISTS (SELECT 1 FROM uploads u
                         WHERE u.expected_sha256 = b.sha256 AND u.status IN ('complete', 'consumed'))
       ORDER BY b.sha256 LIMIT ${BATCH}`,
      [after],
    );
    for (const { sha256 } of rows) {
      // Only a row whose file is in this store: several stores may share one database (each test
      // file keeps its own), and a row without its file here is not this cleanup's to remove.
      if (!(await stat(blobPath(dir, sha256.toString('hex'))).catch(() => null))) continue;
      if (await removeUnreferencedBlob(sha256, { dir, reason: 'unused' })) removed++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < BATCH) return removed;
    after = last.sha256;
  }
}

async function removeOrphanBlobFiles(dir: string, olderThan: Date): Promise<number> {
  const candidates: string[] = [];
  const root = blobsDir(dir);
  for (const a of await listDir(root)) {
    for (const b of await listDir(path.join(root, a))) {
      for (const name of await listDir(path.join(root, a, b))) {
        if (!isSha256Hex(name) || name.slice(0, 2) !== a || name.slice(2, 4) !== b) continue;
        const info = await stat(path.join(root, a, b, name)).catch(() => null);
        if (info?.isFile() && info.mtimeMs < olderThan.getTime()) candidates.push(name);
      }
    }
  }
  let removed = 0;
  for (let i = 0; i < candidates.length; i += BATCH) {
    const batch = candidates.slice(i, i + BATCH);
    const { rows } = await getPool().query<{ hex: string }>(
      "SELECT encode(sha256, 'hex') AS hex FROM evidence_blobs WHERE sha256 = ANY($1::bytea[])",
      [batch.map((hex) => Buffer.from(hex, 'hex'))],
    );
    const known = new Set(rows.map((r) => r.hex));
    for (const hex of batch) if (!known.has(hex) && (await removeUnrecordedBlob(dir, hex))) removed++;
  }
  return removed;
}

/** Removes the blob file `hex` if, under its lock, it still has no row. */
async function removeUnrecordedBlob(dir: string, hex: string): Promise<boolean> {
  const client = await getPool().connect();
  try {
    await client.query('BEGIN');
    const sha256 = Buffer.from(hex, 'hex');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [EVIDENCE_STORE_LOCK, blobLockKey(sha256)]);
    const { rowCount } = await client.query('SELECT 1 FROM evidence_blobs WHERE sha256 = $1', [sha256]);
    const removed =
      rowCount === 0 && (await removeFile(path.join(blobsDir(dir), hex.slice(0, 2), hex.slice(2, 4), hex)));
    await client.query('COMMIT');
    return removed;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function listDir(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Deletes `file`; false if it was already gone. */
async function removeFile(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
