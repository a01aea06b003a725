import 'server-only';
/**
 * Moves a completed, verified upload's part file into the content-addressed store and records
 * it in evidence_blobs, inside the caller's transaction. Under the blob's advisory lock, so
 * cleanupUploads never removes a file whose row is about to be committed.
 */
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { blobLockKey, blobPath, EVIDENCE_STORE_LOCK } from './store-layout';

export interface StoreBlobOptions {
  dir: string;
  /** The part file, complete and already fsync'd. */
  partFile: string;
  sha256: Buffer;
  sm3: Buffer;
  size: number;
}

/** Blob files are read-only: nothing in Verity ever writes a stored file again. */
export const BLOB_FILE_MODE = 0o440;

export async function storeBlob(client: pg.PoolClient, options: StoreBlobOptions): Promise<{ path: string }> {
  const { dir, partFile, sha256, sm3, size } = options;
  await client.query('SELECT pg_advisory_xact_lock($1, $2)', [EVIDENCE_STORE_LOCK, blobLockKey(sha256)]);
  const target = blobPath(dir, sha256.toString('hex'));
  await mkdir(path.dirname(target), { recursive: true });
  const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.size === size) {
    // Same SHA-256, same size: the same bytes are already stored.
    await unlink(partFile);
  } else {
    // Absent, or (never by Verity's own hand) a file of the wrong size: put ours in its place.
    await chmod(partFile, BLOB_FILE_MODE);
    await rename(partFile, target);
    await fsyncDirectory(path.dirname(target));
  }
  await fsyncDirectory(path.dirname(partFile));
  await client.query(
    'INSERT INTO evidence_blobs (sha256, sm3, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
    [sha256, sm3, size],
  );
  return { path: target };
}

/** Makes a rename or unlink in `directory` durable. */
export async function fsyncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
