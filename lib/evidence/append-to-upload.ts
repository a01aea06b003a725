import 'server-only';
/**
 * Appends a request body to an upload at `offset`, hashing the bytes as they are written, and
 * when the last byte arrives compares the server's SHA-256 and SM3 with the digests the
 * uploader declared: equal, the file moves into the evidence store (`complete`); different, the
 * bytes are deleted and the upload is `failed` (DIGEST_MISMATCH).
 *
 * One request at a time per upload: the row stays locked (SELECT … FOR UPDATE, on a connection
 * of the upload pool) until the body has been consumed. Memory is one body chunk at a time: a
 * chunk is written (awaited, so a slow disk slows the socket down) and then hashed.
 *
 * The part file and `received` always agree: on entry the file is cut back to `received` (bytes
 * a crashed request wrote but never recorded); a body cut off half-way keeps what was written,
 * fsyncs it and records that offset, so the client can ask (HEAD) and resume; a request that
 * would go past the declared size is undone entirely.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { forgetHashState, type HashState, restoreHashState, resumeHashState, snapshotHashState } from './hash-state';
import { storeBlob } from './store-blob';
import { partPath } from './store-layout';
import { connectForUpload, lockUpload, type UploadRow, uploadNotFound } from './upload-row';

export type UploadBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

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
  const client = await connectForUpload();
  let part: FileHandle | undefined;
  // Set once the transaction is over, so `finally` neither rolls back a commit nor leaves one open.
  let settled = false;
  // Set once this request may have moved the in-memory hashes past what the row records.
  let hashing = false;
  try {
    await client.query('BEGIN');
    const row = await lockUpload(client, actor, uploadId, { nowait: true });
    await requireCaseAccess(actor, row.case_id, 'submit_exhibit').catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? uploadNotFound() : error;
    });
    const size = Number(row.size);
    const received = Number(row.received);
    if (row.status !== 'open') {
      throw new AppError('CONFLICT', `This upload is ${row.status}; it takes no more bytes.`, {
        offset: received,
        status: row.status,
      });
    }
    if (offset !== received) {
      throw new AppError('CONFLICT', `The server holds ${received} bytes of this upload; send bytes from there.`, {
        offset: received,
      });
    }
    if (options.contentLength !== undefined && received + options.contentLength > size) {
      throw beyondSize(size, received);
    }

    const config = evidenceConfig();
    const file = partPath(config.dir, uploadId);
    part = await open(file, constants.O_RDWR | constants.O_CREAT, 0o640);
    const onDisk = (await part.stat()).size;
    if (onDisk < received) {
      // The recorded bytes are gone (a crash between the move into the store and its commit, or
      // a file removed by hand): start this upload again from 0; the client resumes from there.
      await part.truncate(0);
      await client.query('UPDATE uploads SET received = 0, updated_at = now() WHERE id = $1', [uploadId]);
      await client.query('COMMIT');
      settled = true;
      forgetHashState(uploadId);
      throw new AppError('CONFLICT', 'The bytes received so far were lost on the server; send the file again from 0.', {
        offset: 0,
      });
    }
    if (onDisk > received) await part.truncate(received);

    hashing = true;
    const state = await resumeHashState(uploadId, part, received);
    const before = snapshotHashState(state);
    const outcome = await writeBody(part, state, body, size - received, received);
    if (outcome.kind === 'too_long' || outcome.kind === 'write_failed') {
      // Undo this request: the file back to `received`, the hashes to their state before it.
      await part.truncate(received);
      restoreHashState(uploadId, before);
      await client.query('ROLLBACK');
      settled = true;
      if (outcome.kind === 'too_long') throw beyondSize(size, received);
      throw outcome.error;
    }
    const now = received + outcome.written;
    await part.sync();

    if (now < size) {
      // Also when the body was cut off: what was written is durable, record it so the client can resume.
      if (outcome.written > 0) {
        await client.query('UPDATE uploads SET received = $2, updated_at = now() WHERE id = $1', [uploadId, now]);
      }
      await client.query('COMMIT');
      settled = true;
      return { id: uploadId, status: 'open', offset: now, size };
    }

    forgetHashState(uploadId);
    const sha256 = state.sha256.digest();
    const sm3 = state.sm3.digest();
    await part.close();
    part = undefined;
    const differ = [
      ...(sha256.equals(row.expected_sha256) ? [] : ['SHA-256']),
      ...(sm3.equals(row.expected_sm3) ? [] : ['SM3']),
    ];
    if (differ.length > 0) {
      await client.query("UPDATE uploads SET status = 'failed', received = $2, updated_at = now() WHERE id = $1", [
        uploadId,
        now,
      ]);
      await client.query('COMMIT');
      settled = true;
      await unlink(file).catch(() => {});
      throw digestMismatch(row, differ, sha256, sm3);
    }
    await storeBlob(client, { dir: config.dir, partFile: file, sha256, sm3, size });
    await client.query(
      "UPDATE uploads SET status = 'complete', received = $2, completed_at = now(), updated_at = now() WHERE id = $1",
      [uploadId, now],
    );
    await client.query('COMMIT');
    settled = true;
    return {
      id: uploadId,
      status: 'complete',
      offset: now,
      size,
      sha256: sha256.toString('hex'),
      sm3: sm3.toString('hex'),
    };
  } catch (error) {
    if (hashing && !settled) forgetHashState(uploadId);
    throw error;
  } finally {
    if (!settled) await client.query('ROLLBACK').catch(() => {});
    await part?.close().catch(() => {});
    client.release();
  }
}

type WriteOutcome =
  | { kind: 'done'; written: number }
  /** The body stopped with an error (the client went away): `written` bytes are in the file. */
  | { kind: 'cut_off'; written: number }
  | { kind: 'too_long' }
  | { kind: 'write_failed'; error: unknown };

/** Writes the body at `position` and hashes it, one chunk at a time, refusing more than `room` bytes. */
async function writeBody(
  part: FileHandle,
  state: HashState,
  body: UploadBody | null,
  room: number,
  position: number,
): Promise<WriteOutcome> {
  if (!body) return { kind: 'done', written: 0 };
  const chunks = iterate(body);
  let written = 0;
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch {
      return { kind: 'cut_off', written };
    }
    if (next.done) return { kind: 'done', written };
    const chunk = next.value;
    if (written + chunk.byteLength > room) {
      await chunks.return?.().catch(() => {});
      return { kind: 'too_long' };
    }
    try {
      let done = 0;
      while (done < chunk.byteLength) {
        const { bytesWritten } = await part.write(chunk, done, chunk.byteLength - done, position + written + done);
        done += bytesWritten;
      }
    } catch (error) {
      await chunks.return?.().catch(() => {});
      return { kind: 'write_failed', error };
    }
    // Hashed only once written, so the state always covers exactly the bytes in the file.
    state.sha256.update(chunk);
    state.sm3.update(chunk);
    state.bytes += chunk.byteLength;
    written += chunk.byteLength;
  }
}

function iterate(body: UploadBody): AsyncIterator<Uint8Array> {
  if ('getReader' in body) {
    const reader = body.getReader();
    return {
      next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
      return: async () => {
        await reader.cancel();
        return { done: true, value: undefined };
      },
    };
  }
  return body[Symbol.asyncIterator]();
}

function beyondSize(size: number, received: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `This upload was declared as ${size} bytes and ${received} are received; send at most ${size - received} more.`,
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
