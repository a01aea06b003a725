import 'server-only';
/**
 * Appends a request body to an upload at `offset`, hashing the bytes as they are written, and
 * when the last byte arrives compares the server's SHA-256 and SM3 with the digests the
 * uploader declared: equal, the file moves into the evidence store (`complete`); different, the
 * bytes are deleted and the upload is `failed` (DIGEST_MISMATCH).
 *
 * No database connection is held while the body arrives (issue #21): one request at a time per
 * upload is ensured by a lease taken in a short transaction (claim-upload.ts, which also limits
 * the PATCHes one person has in flight), renewed while the body streams and given back by the
 * short transaction that records the result (upload-lease.ts). Memory is two body chunks at most
 * (write-upload-body.ts: a chunk's write and its hashing overlap).
 *
 * The part file and `received` always agree: on entry the file is cut back to `received` (bytes
 * a crashed request wrote but never recorded); a body cut off half-way, or idle longer than
 * `idleBodyMs`, keeps what was written, fsyncs it and records that offset, so the client can ask
 * (HEAD) and resume (a PATCH that simply ends is recorded without an fsync: see below); a request that would go past the declared size, or whose write fails (the
 * disk full: INSUFFICIENT_STORAGE), is undone entirely.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { beyondSize, claimUpload } from './claim-upload';
import { evidenceConfig } from './config';
import {
  forgetHashState,
  type HashState,
  releaseSnapshot,
  restoreHashState,
  resumeHashState,
  snapshotHashState,
} from './hash-state';
import { storeBlob } from './store-blob';
import { partPath } from './store-layout';
import { finishWithLease, keepLease, recordReceived, releaseLease } from './upload-lease';
import type { UploadRow } from './upload-row';
import { type UploadBody, writeUploadBody } from './write-upload-body';

export type { UploadBody } from './write-upload-body';

export interface AppendToUploadOptions {
  /** The request's Content-Length when it sent one: refused up front if it would pass the size. */
  contentLength?: number;
}

export type AppendResult =
  | { id: string; status: 'open'; offset: number; size: number }
  | { id: string; status: 'complete'; offset: number; size: number; sha256: string; sm3: string };

const ZOffset = z
  .number({ message: 'Upload-Offset must be a whole number of bytes' })
  .int('Upload-Offset must be a whole number of bytes')
  .min(0, 'Upload-Offset must not be negative')
  .max(Number.MAX_SAFE_INTEGER, 'Upload-Offset is too large');

export async function appendToUpload(
  actor: Actor,
  uploadId: string,
  offset: number,
  body: UploadBody | null,
  options: AppendToUploadOptions = {},
): Promise<AppendResult> {
  ZOffset.parse(offset);
  const { row, token, size, received } = await claimUpload(actor, uploadId, {
    offset,
    contentLength: options.contentLength,
  });
  const lease = keepLease(uploadId, token);
  const config = evidenceConfig();
  const file = partPath(config.dir, uploadId);
  let part: FileHandle | undefined;
  // Set once the lease was given back (with the result recorded), so `finally` does not again.
  let finished = false;
  const finish = <T>(record: Parameters<typeof finishWithLease<T>>[2]) => {
    finished = true;
    return finishWithLease(uploadId, token, record);
  };
  // Set once this request may have moved the in-memory hashes past what the row records.
  let hashing = false;
  // The hashes before this request, to fall back to if it is undone; freed in `finally` otherwise.
  let before: HashState | undefined;
  try {
    part = await open(file, constants.O_RDWR | constants.O_CREAT, 0o640);
    const onDisk = (await part.stat()).size;
    if (onDisk < received) {
      // The recorded bytes are gone (a crash between the move into the store and its commit, or
      // a file removed by hand): start this upload again from 0; the client resumes from there.
      await part.truncate(0);
      forgetHashState(uploadId);
      await finish((client) =>
        client.query('UPDATE uploads SET received = 0, updated_at = now() WHERE id = $1', [uploadId]),
      );
      throw new AppError('CONFLICT', 'The bytes received so far were lost on the server; send the file again from 0.', {
        offset: 0,
      });
    }
    if (onDisk > received) await part.truncate(received);

    hashing = true;
    const state = await resumeHashState(uploadId, part, received);
    before = snapshotHashState(state);
    let outcome = await writeUploadBody(part, state, body, {
      room: size - received,
      position: received,
      idleMs: config.idleBodyMs,
      mayWrite: lease.held,
    });
    const complete = outcome.kind === 'done' && received + outcome.written === size;
    if (outcome.kind === 'cut_off' || outcome.kind === 'idle' || complete) {
      // fsync can be where a full disk shows (delayed allocation): then the request is undone too.
      // A PATCH that ends normally short of the size is recorded without one: on this path the
      // fsync was a third of an upload's time, and what it guarded is progress, not integrity.
      // After an operating-system crash a lost tail is seen on the next PATCH (the file shorter
      // than `received`: the upload starts again from 0), and any other damage by the digest
      // comparison at the end (refused; the person chooses the file again) — a wrong file is
      // never accepted. The completed file is fsync'd before it is stored.
      await part.sync().catch((error: unknown) => {
        outcome = { kind: 'write_failed', error };
      });
    }
    if (outcome.kind === 'too_long' || outcome.kind === 'write_failed' || outcome.kind === 'lease_lost') {
      restoreHashState(uploadId, before);
      // Without the lease another request may own the file now: leave it alone.
      if (outcome.kind !== 'lease_lost') await part.truncate(received).catch(() => {});
      if (outcome.kind === 'too_long') throw beyondSize(size, received);
      if (outcome.kind === 'lease_lost') throw leaseLost(received);
      throw storageError(outcome.error, received);
    }
    const now = received + outcome.written;

    if (now < size) {
      // Also when the body was cut off or idle (then fsync'd above): record it so the client can resume.
      finished = true;
      await recordReceived(uploadId, token, now);
      if (outcome.kind === 'idle') throw idleBody(config.idleBodyMs, now);
      return { id: uploadId, status: 'open', offset: now, size };
    }

    const sha256 = state.sha256.digest();
    const sm3 = await state.sm3.digest();
    forgetHashState(uploadId);
    hashing = false;
    await part.close();
    part = undefined;
    const differ = [
      ...(sha256.equals(row.expected_sha256) ? [] : ['SHA-256']),
      ...(sm3.equals(row.expected_sm3) ? [] : ['SM3']),
    ];
    if (differ.length > 0) {
      await finish((client) =>
        client.query("UPDATE uploads SET status = 'failed', received = $2, updated_at = now() WHERE id = $1", [
          uploadId,
          now,
        ]),
      );
      await unlink(file).catch(() => {});
      throw digestMismatch(row, differ, sha256, sm3);
    }
    await finish(async (client) => {
      await storeBlob(client, { dir: config.dir, partFile: file, sha256, sm3, size });
      await client.query(
        "UPDATE uploads SET status = 'complete', received = $2, completed_at = now(), updated_at = now() WHERE id = $1",
        [uploadId, now],
      );
    });
    return {
      id: uploadId,
      status: 'complete',
      offset: now,
      size,
      sha256: sha256.toString('hex'),
      sm3: sm3.toString('hex'),
    };
  } catch (error) {
    // The row was not brought up to date with the hashes: rebuild them from the file next time.
    if (hashing && !finished) forgetHashState(uploadId);
    throw error;
  } finally {
    if (before) releaseSnapshot(uploadId, before);
    lease.stop();
    await part?.close().catch(() => {});
    if (!finished) await releaseLease(uploadId, token).catch(() => {});
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

function storageError(error: unknown, received: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === undefined || !DISK_FULL.has(code)) return error;
  console.error(`verity: the evidence store is full (${code}); an upload request was refused`);
  return new AppError(
    'INSUFFICIENT_STORAGE',
    "The server's evidence store is full, so these bytes were not kept. Try again later; the court's administrator has been told.",
    { offset: received },
  );
}

function idleBody(idleMs: number, received: number): AppError {
  return new AppError(
    'REQUEST_TIMEOUT',
    `No bytes arrived for ${idleMs / 1000} s, so the request was ended; the ${received} bytes received are kept. Resume from there.`,
    { offset: received },
  );
}

function leaseLost(received: number): AppError {
  return new AppError(
    'CONFLICT',
    'This request lost its hold on the upload (the server could not renew it); ask for the offset (HEAD) and resume.',
    { offset: received },
  );
}

function digestMismatch(row: UploadRow, differ: string[], sha256: Buffer, sm3: Buffer): AppError {
  return new AppError(
    'DIGEST_MISMATCH',
    `The file the server received does not match the file your browser hashed: its ${differ.join(' and ')} ` +
      `${differ.length > 1 ? 'differ' : 'differs'}. The upload is refused; choose the file again and resubmit.`,
    {
      differ,
      declared: { sha256: row.expected_sha256.toString('hex'), sm3: row.expected_sm3.toString('hex') },
      received: { sha256: sha256.toString('hex'), sm3: sm3.toString('hex') },
    },
  );
}
