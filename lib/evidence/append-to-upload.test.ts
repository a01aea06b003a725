import { readFile, stat, writeFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { buildCase, buildUser } from '@/test/builders';
import { appendToUpload } from './append-to-upload';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, cutOff, digestsOf, randomFile, webStream } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { clearHashStates } from './hash-state';
import { openEvidenceFile } from './open-evidence-file';
import { blobPath, partPath } from './store-layout';

let uploader: Awaited<ReturnType<typeof buildUploader>>;

beforeAll(async () => {
  uploader = await buildUploader();
});

const MiB = 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

async function blobRow(sha256: string) {
  const { rows } = await getPool().query<{ size: string; sm3: Buffer }>(
    'SELECT size, sm3 FROM evidence_blobs WHERE sha256 = $1',
    [Buffer.from(sha256, 'hex')],
  );
  return rows[0];
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('appendToUpload', () => {
  it('stores a file sent in several requests under its SHA-256, read-only, and records the blob', async () => {
    const { bytes, declare } = randomFile(5 * MiB + 123);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    expect(upload).toMatchObject({ offset: 0, status: 'open', size: bytes.length });
    const dir = evidenceConfig().dir;
    expect((await stat(partPath(dir, upload.id))).size).toBe(0);

    const first = await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, 2 * MiB)));
    expect(first).toEqual({ id: upload.id, status: 'open', offset: 2 * MiB, size: bytes.length });
    const done = await appendToUpload(uploader.actor, upload.id, 2 * MiB, webStream(bytes.subarray(2 * MiB)));
    expect(done).toEqual({
      id: upload.id,
      status: 'complete',
      offset: bytes.length,
      size: bytes.length,
      ...digestsOf(bytes),
    });

    const file = blobPath(dir, declare.sha256);
    const info = await stat(file);
    expect(info.mode & 0o777).toBe(0o440);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect(await exists(partPath(dir, upload.id))).toBe(false);
    const row = await blobRow(declare.sha256);
    expect(row?.size).toBe(String(bytes.length));
    expect(row?.sm3.toString('hex')).toBe(declare.sm3);
    expect(await getUploadStatus(uploader.actor, upload.id)).toMatchObject({
      status: 'complete',
      offset: bytes.length,
    });

    const opened = await openEvidenceFile(declare.sha256);
    expect(opened.size).toBe(bytes.length);
    opened.stream.destroy();
  });

  it('refuses a lying client: declared digests of file A, bytes of file B', async () => {
    const a = randomFile(3 * MiB);
    const b = randomFile(3 * MiB);
    const upload = await createUpload(uploader.actor, uploader.caseId, a.declare);
    const error = await rejection(appendToUpload(uploader.actor, upload.id, 0, chunked(b.bytes)));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.status).toBe(422);
    expect(error.message).toContain('SHA-256 and SM3 differ');
    expect(error.details).toMatchObject({ received: digestsOf(b.bytes), declared: digestsOf(a.bytes) });

    const dir = evidenceConfig().dir;
    expect(await exists(partPath(dir, upload.id))).toBe(false);
    expect(await exists(blobPath(dir, a.declare.sha256))).toBe(false);
    expect(await exists(blobPath(dir, b.declare.sha256))).toBe(false);
    expect(await blobRow(a.declare.sha256)).toBeUndefined();
    expect(await blobRow(b.declare.sha256)).toBeUndefined();
    expect((await getUploadStatus(uploader.actor, upload.id)).status).toBe('failed');
    // A failed upload takes no more bytes.
    expect((await rejection(appendToUpload(uploader.actor, upload.id, 3 * MiB, chunked(b.bytes)))).code).toBe(
      'CONFLICT',
    );
  });

  it('names the one digest that differs', async () => {
    const { bytes, declare } = randomFile(1000);
    const upload = await createUpload(uploader.actor, uploader.caseId, { ...declare, sm3: 'ab'.repeat(32) });
    const error = await rejection(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes)));
    expect(error.code).toBe('DIGEST_MISMATCH');
    expect(error.message).toContain('its SM3 differs');
    expect(error.details?.differ).toEqual(['SM3']);
  });

  it('keeps the bytes of a request cut off half-way, and resumes from the recorded offset', async () => {
    const { bytes, declare } = randomFile(4 * MiB);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    const cutAt = 1.5 * MiB + 7;
    const cut = await appendToUpload(uploader.actor, upload.id, 0, cutOff(bytes, cutAt, 100_000));
    // Every chunk that arrived before the break is written, fsync'd and recorded.
    expect(cut).toMatchObject({ status: 'open', offset: cutAt });
    const dir = evidenceConfig().dir;
    expect((await stat(partPath(dir, upload.id))).size).toBe(cutAt);
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(cutAt);

    const done = await appendToUpload(uploader.actor, upload.id, cutAt, chunked(bytes.subarray(cutAt)));
    expect(done).toMatchObject({ status: 'complete', ...digestsOf(bytes) });
  });

  it('gives the right digests after the hash state is lost (a restart) between requests', async () => {
    const { bytes, declare } = randomFile(3 * MiB + 5);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, MiB + 1)));
    clearHashStates();
    await appendToUpload(uploader.actor, upload.id, MiB + 1, chunked(bytes.subarray(MiB + 1, 2 * MiB)));
    clearHashStates();
    const done = await appendToUpload(uploader.actor, upload.id, 2 * MiB, chunked(bytes.subarray(2 * MiB)));
    expect(done).toMatchObject({ status: 'complete', ...digestsOf(bytes) });
  });

  it('cuts the part file back to the recorded offset (bytes of a request that crashed before recording)', async () => {
    const { bytes, declare } = randomFile(2 * MiB);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, MiB)));
    const file = partPath(evidenceConfig().dir, upload.id);
    await writeFile(file, Buffer.from('garbage written by a request that never recorded it'), { flag: 'a' });
    clearHashStates();
    const done = await appendToUpload(uploader.actor, upload.id, MiB, chunked(bytes.subarray(MiB)));
    expect(done).toMatchObject({ status: 'complete', ...digestsOf(bytes) });
  });

  it('starts again from 0 when the received bytes were lost on the server', async () => {
    const { bytes, declare } = randomFile(MiB);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, 1000)));
    await writeFile(partPath(evidenceConfig().dir, upload.id), '');
    const error = await rejection(appendToUpload(uploader.actor, upload.id, 1000, chunked(bytes.subarray(1000))));
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toEqual({ offset: 0 });
    expect(await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes))).toMatchObject({ status: 'complete' });
  });

  it('refuses a wrong offset with CONFLICT and the offset the server holds', async () => {
    const { bytes, declare } = randomFile(10_000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, 4000)));
    for (const offset of [0, 3999, 4001, 10_000]) {
      const error = await rejection(appendToUpload(uploader.actor, upload.id, offset, chunked(bytes.subarray(offset))));
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toEqual({ offset: 4000 });
    }
    await expect(appendToUpload(uploader.actor, upload.id, -1, chunked(bytes))).rejects.toThrow(/must not be negative/);
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(4000);
  });

  it('refuses bytes beyond the declared size, writing none of the request', async () => {
    const { bytes, declare } = randomFile(10_000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, 4000)));
    const longer = Buffer.concat([bytes.subarray(4000), Buffer.from('one byte too many')]);
    // Declared up front (Content-Length): refused before reading.
    const declared = await rejection(
      appendToUpload(uploader.actor, upload.id, 4000, chunked(longer), { contentLength: longer.length }),
    );
    expect(declared.code).toBe('PAYLOAD_TOO_LARGE');
    // Found while streaming (no Content-Length): the request's bytes already written are undone.
    const streamed = await rejection(appendToUpload(uploader.actor, upload.id, 4000, chunked(longer, 1000)));
    expect(streamed.code).toBe('PAYLOAD_TOO_LARGE');
    expect(streamed.details).toEqual({ offset: 4000 });
    expect((await stat(partPath(evidenceConfig().dir, upload.id))).size).toBe(4000);
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(4000);
    // The hash state was rolled back too: the right bytes still complete the upload.
    expect(await appendToUpload(uploader.actor, upload.id, 4000, chunked(bytes.subarray(4000)))).toMatchObject({
      status: 'complete',
      ...digestsOf(bytes),
    });
  });

  it('is NOT_FOUND for anyone but the uploader, even a party of the same case', async () => {
    const { bytes, declare } = randomFile(1000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    const { actor: other } = await buildUser({ role: 'litigant' });
    const error = await rejection(appendToUpload(other, upload.id, 0, chunked(bytes)));
    expect(error.code).toBe('NOT_FOUND');
    expect((await rejection(getUploadStatus(other, upload.id))).code).toBe('NOT_FOUND');
    expect((await rejection(appendToUpload(other, 'not-a-uuid', 0, chunked(bytes)))).code).toBe('NOT_FOUND');
    expect((await getUploadStatus(uploader.actor, upload.id)).offset).toBe(0);
  });

  it('refuses an uploader who may no longer submit to the case', async () => {
    const { actor } = await buildUser({ role: 'litigant' });
    const kase = await buildCase(uploader.courtId, [{ userId: actor.id, role: 'plaintiff' }]);
    const { bytes, declare } = randomFile(1000);
    const upload = await createUpload(actor, kase.id, declare);
    await getPool().query("UPDATE cases SET status = 'closed' WHERE id = $1", [kase.id]);
    expect((await rejection(appendToUpload(actor, upload.id, 0, chunked(bytes)))).code).toBe('FORBIDDEN');
  });

  it('lets one request at a time append: a second is CONFLICT at once', async () => {
    const { bytes, declare } = randomFile(2 * MiB);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow() {
      yield bytes.subarray(0, 1000);
      await gate;
      yield bytes.subarray(1000, MiB);
    }
    const first = appendToUpload(uploader.actor, upload.id, 0, slow());
    await new Promise((r) => setTimeout(r, 300));
    const second = await rejection(appendToUpload(uploader.actor, upload.id, 0, chunked(bytes)));
    expect(second.code).toBe('CONFLICT');
    expect(second.details).toMatchObject({ busy: true, offset: 0 });
    release();
    expect(await first).toMatchObject({ status: 'open', offset: MiB });
  });

  it('stores identical content once; the second upload completes against the existing blob', async () => {
    const { bytes, declare } = randomFile(100_000);
    const dir = evidenceConfig().dir;
    for (let i = 0; i < 2; i++) {
      const upload = await createUpload(uploader.actor, uploader.caseId, declare);
      expect(await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes))).toMatchObject({ status: 'complete' });
      expect(await exists(partPath(dir, upload.id))).toBe(false);
    }
    expect((await readFile(blobPath(dir, declare.sha256))).equals(bytes)).toBe(true);
  });

  it('completes an empty file with an empty request', async () => {
    const { bytes, declare } = randomFile(0);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    expect(await appendToUpload(uploader.actor, upload.id, 0, null)).toMatchObject({
      status: 'complete',
      offset: 0,
      ...digestsOf(bytes),
    });
    const { stream, size } = await openEvidenceFile(declare.sha256);
    expect(size).toBe(0);
    expect(await text(stream)).toBe('');
  });

  it('reports a missing stored file as NOT_FOUND', async () => {
    const error = await rejection(openEvidenceFile('00'.repeat(32)));
    expect(isAppError(error, 'NOT_FOUND')).toBe(true);
  });
});
