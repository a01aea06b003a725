/**
 * Issue #21, finding 1 and the fault "disk full during an upload": slow bodies hold no database
 * connection, one person has a limited number of PATCHes in flight, a stalled body is ended with
 * its bytes kept, a lease left by a dead process expires, and a full disk is a clear 507.
 */
import { lstat, rm, stat, symlink } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { appendToUpload } from './append-to-upload';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, digestsOf, randomFile, stallingBody, webStream } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { partPath } from './store-layout';
import { getUploadPool, UPLOAD_POOL_SIZE } from './upload-row';

const saved = { ...process.env };
afterEach(() => {
  process.env.VERITY_UPLOADS_PER_PERSON = saved.VERITY_UPLOADS_PER_PERSON;
  process.env.VERITY_UPLOAD_IDLE_SECONDS = saved.VERITY_UPLOAD_IDLE_SECONDS;
  for (const name of ['VERITY_UPLOADS_PER_PERSON', 'VERITY_UPLOAD_IDLE_SECONDS'] as const) {
    if (saved[name] === undefined) delete process.env[name];
  }
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

/** `promise`, or a rejection naming `what` after `ms`. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** `count` uploads of `uploader`, each with a PATCH whose body sent 1 byte and then stalls. */
async function stalledAppends(uploader: Awaited<ReturnType<typeof buildUploader>>, count: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { bytes, declare } = randomFile(1024);
      const upload = await createUpload(uploader.actor, uploader.caseId, declare);
      const slow = stallingBody(bytes.subarray(0, 1));
      const append = appendToUpload(uploader.actor, upload.id, 0, slow.body);
      append.catch(() => {}); // awaited by the test
      await Promise.race([slow.pulled, append]);
      return { upload, bytes, slow, append };
    }),
  );
}

describe('appendToUpload under slow and stuck clients', () => {
  it('holds no database connection while bodies arrive: 16 slow PATCHes from two people do not delay a third', async () => {
    process.env.VERITY_UPLOADS_PER_PERSON = '20';
    const [first, second, third] = await Promise.all([buildUploader(), buildUploader(), buildUploader()]);
    // As found in the review: ten slow PATCHes from one litigant and six from another.
    const slow = [...(await stalledAppends(first, 10)), ...(await stalledAppends(second, 6))];
    expect(slow.length).toBeGreaterThanOrEqual(UPLOAD_POOL_SIZE);
    const pool = getUploadPool();
    expect(pool.totalCount - pool.idleCount, 'upload connections in use while bodies stall').toBe(0);

    const { bytes, declare } = randomFile(64 * 1024);
    const upload = await createUpload(third.actor, third.caseId, declare);
    const done = await within(
      5_000,
      "another person's PATCH",
      appendToUpload(third.actor, upload.id, 0, chunked(bytes)),
    );
    expect(done).toMatchObject({ status: 'complete', ...digestsOf(bytes) });

    for (const { slow: body } of slow) body.finish();
    for (const { append } of slow) await expect(append).resolves.toMatchObject({ status: 'open', offset: 1 });
  });

  it('limits the PATCHes one person has in flight: RATE_LIMITED with a wait, others unaffected, a place frees when one ends', async () => {
    process.env.VERITY_UPLOADS_PER_PERSON = '2';
    const [busy, other] = await Promise.all([buildUploader(), buildUploader()]);
    const slow = await stalledAppends(busy, 2);

    const { bytes, declare } = randomFile(4096);
    const upload = await createUpload(busy.actor, busy.caseId, declare);
    const refused = await rejection(appendToUpload(busy.actor, upload.id, 0, chunked(bytes)));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(refused.message).toContain('2 uploads at once');
    expect(refused.details).toMatchObject({ offset: 0, retryAfterSeconds: expect.any(Number) });
    expect((await getUploadStatus(busy.actor, upload.id)).offset).toBe(0);

    const theirs = randomFile(4096);
    const theirUpload = await createUpload(other.actor, other.caseId, theirs.declare);
    await expect(appendToUpload(other.actor, theirUpload.id, 0, chunked(theirs.bytes))).resolves.toMatchObject({
      status: 'complete',
    });

    slow[0]?.slow.finish();
    await slow[0]?.append;
    await expect(appendToUpload(busy.actor, upload.id, 0, chunked(bytes))).resolves.toMatchObject({
      status: 'complete',
    });
    slow[1]?.slow.finish();
    await slow[1]?.append;
  });

  it('ends a body that stalls, keeps the bytes that arrived, and resumes from them', async () => {
    process.env.VERITY_UPLOAD_IDLE_SECONDS = '0.3';
    const uploader = await buildUploader();
    const { bytes, declare } = randomFile(300_000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    const stuck = stallingBody(bytes.subarray(0, 100_000));

    const error = await within(
      5_000,
      'the stalled PATCH',
      rejection(appendToUpload(uploader.actor, upload.id, 0, stuck.body)),
    );
    expect(error.code).toBe('REQUEST_TIMEOUT');
    expect(error.status).toBe(408);
    expect(error.details).toEqual({ offset: 100_000 });
    await within(1_000, 'cancelling the body', stuck.cancelled);
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(100_000);
    expect((await stat(partPath(evidenceConfig().dir, upload.id))).size).toBe(100_000);

    // A web stream (what the Next.js route hands over) that stalls is ended the same way.
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(100_000, 150_000));
      },
    });
    const again = await within(
      5_000,
      'the stalled web stream',
      rejection(appendToUpload(uploader.actor, upload.id, 100_000, stalled)),
    );
    expect(again.details).toEqual({ offset: 150_000 });

    await expect(
      appendToUpload(uploader.actor, upload.id, 150_000, webStream(bytes.subarray(150_000))),
    ).resolves.toMatchObject({
      status: 'complete',
      ...digestsOf(bytes),
    });
  });

  it('a second PATCH to an upload being written is CONFLICT; a lease left by a dead process expires', async () => {
    const uploader = await buildUploader();
    const { bytes, declare } = randomFile(4096);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    // A process that claimed the upload and died: its lease is in the row, nobody renews it.
    await getPool().query(
      "UPDATE uploads SET lease_token = gen_random_uuid(), lease_until = now() + interval '60 seconds' WHERE id = $1",
      [upload.id],
    );
    const busy = await rejection(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes)));
    expect(busy.code).toBe('CONFLICT');
    expect(busy.details).toMatchObject({ offset: 0, busy: true });

    await getPool().query("UPDATE uploads SET lease_until = now() - interval '1 second' WHERE id = $1", [upload.id]);
    await expect(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes))).resolves.toMatchObject({
      status: 'complete',
    });
  });
});

describe('appendToUpload when the evidence store is full', () => {
  // A real ENOSPC from the kernel without root or a mount: the part file is a link to /dev/full,
  // where every write fails with "No space left on device".
  it('answers INSUFFICIENT_STORAGE, keeps only the recorded bytes, and serves other uploads', async () => {
    const uploader = await buildUploader();
    const { bytes, declare } = randomFile(256 * 1024);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    const part = partPath(evidenceConfig().dir, upload.id);
    await rm(part);
    await symlink('/dev/full', part);

    const error = await rejection(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes)));
    expect(error.code).toBe('INSUFFICIENT_STORAGE');
    expect(error.status).toBe(507);
    expect(error.message).toContain('evidence store is full');
    expect(error.details).toEqual({ offset: 0 });
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(0);

    // The rest of the portal keeps serving: another upload completes meanwhile.
    const other = randomFile(64 * 1024);
    const otherUpload = await createUpload(uploader.actor, uploader.caseId, other.declare);
    await expect(appendToUpload(uploader.actor, otherUpload.id, 0, chunked(other.bytes))).resolves.toMatchObject({
      status: 'complete',
    });

    // Space again: the refused upload resumes from what was recorded (nothing) and completes.
    expect((await lstat(part)).isSymbolicLink()).toBe(true);
    await rm(part);
    await expect(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes))).resolves.toMatchObject({
      status: 'complete',
      ...digestsOf(bytes),
    });
  });
});
