import 'server-only';
/**
 * The evidence store on disk:
 *
 *   <dir>/blobs/sha256/ab/cd/abcd…(64 hex)   a stored file, named by its SHA-256, mode 0440
 *   <dir>/uploads/<upload id>.part           the bytes of an upload received so far
 *
 * Both folders are on the same filesystem, so a completed upload moves into place with one
 * rename. Every blob file has an evidence_blobs row (written in the transaction that moved it),
 * except after a crash between the two: cleanupUploads removes such files.
 */
import path from 'node:path';

/** pg_advisory_xact_lock(EVIDENCE_STORE_LOCK, first 4 bytes of the SHA-256): placing or removing one blob. */
export const EVIDENCE_STORE_LOCK = 0x65766964; // 'evid'

const HEX64 = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return HEX64.test(value);
}

export function blobsDir(dir: string): string {
  return path.join(dir, 'blobs', 'sha256');
}

export function blobPath(dir: string, sha256hex: string): string {
  if (!isSha256Hex(sha256hex)) throw new Error('blobPath: expected 64 lowercase hex characters');
  return path.join(blobsDir(dir), sha256hex.slice(0, 2), sha256hex.slice(2, 4), sha256hex);
}

export function uploadsDir(dir: string): string {
  return path.join(dir, 'uploads');
}

export function partPath(dir: string, uploadId: string): string {
  return path.join(uploadsDir(dir), `${uploadId}.part`);
}

/** The advisory-lock key of one blob (second half of the two-int form). */
export function blobLockKey(sha256: Uint8Array): number {
  return Buffer.from(sha256.buffer, sha256.byteOffset, 4).readInt32BE(0);
}
