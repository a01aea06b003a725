import { stat } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { buildCase, buildUser } from '@/test/builders';
import { cancelUpload } from './cancel-upload';
import { evidenceConfig } from './config';
import { createUpload, MAX_OPEN_UPLOADS_PER_USER } from './create-upload';
import { buildUploader, randomFile } from './evidence.testing';
import { partPath } from './store-layout';

let uploader: Awaited<ReturnType<typeof buildUploader>>;

beforeAll(async () => {
  uploader = await buildUploader();
});

afterEach(() => {
  delete process.env.VERITY_MAX_UPLOAD_BYTES;
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  if (error instanceof AppError) return error.code;
  if (error instanceof Error && error.name === 'ZodError') return 'ZOD';
  throw error;
}

describe('createUpload', () => {
  it('records the declared file and creates an empty part file', async () => {
    const { declare } = randomFile(1234);
    const upload = await createUpload(uploader.actor, uploader.caseId, { ...declare, mediaType: '' });
    expect(upload).toMatchObject({
      caseId: uploader.caseId,
      fileName: 'exhibit.bin',
      mediaType: 'application/octet-stream',
      size: 1234,
      offset: 0,
      status: 'open',
      sha256: declare.sha256,
      sm3: declare.sm3,
      completedAt: null,
    });
    expect((await stat(partPath(evidenceConfig().dir, upload.id))).size).toBe(0);
  });

  it('refuses a file over the limit (default 4 GiB) with PAYLOAD_TOO_LARGE', async () => {
    const { declare } = randomFile(0);
    expect(await codeOf(createUpload(uploader.actor, uploader.caseId, { ...declare, size: 4 * 1024 ** 3 + 1 }))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    process.env.VERITY_MAX_UPLOAD_BYTES = '1000';
    expect(await codeOf(createUpload(uploader.actor, uploader.caseId, { ...declare, size: 1001 }))).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const ok = await createUpload(uploader.actor, uploader.caseId, { ...declare, size: 1000 });
    await cancelUpload(uploader.actor, ok.id);
  });

  it('validates every field', async () => {
    const { declare } = randomFile(10);
    const bad = [
      { fileName: '' },
      { fileName: 'x'.repeat(256) },
      { fileName: 'a\nb' },
      { mediaType: 'not a type' },
      { size: -1 },
      { size: 1.5 },
      { sha256: declare.sha256.toUpperCase() },
      { sm3: declare.sm3.slice(2) },
    ];
    for (const change of bad) {
      expect(
        await codeOf(createUpload(uploader.actor, uploader.caseId, { ...declare, ...change })),
        JSON.stringify(change),
      ).toBe('ZOD');
    }
  });

  it('lets only a party of an open case upload', async () => {
    const { declare } = randomFile(10);
    const { actor: stranger } = await buildUser({ role: 'litigant' });
    expect(await codeOf(createUpload(stranger, uploader.caseId, declare))).toBe('NOT_FOUND');
    const { actor: judge } = await buildUser({ role: 'judge', courtId: uploader.courtId });
    const kase = await buildCase(uploader.courtId, [{ userId: judge.id, role: 'judge' }]);
    expect(await codeOf(createUpload(judge, kase.id, declare))).toBe('FORBIDDEN');
    expect(await codeOf(createUpload(uploader.actor, 'not-a-case', declare))).toBe('NOT_FOUND');
  });

  it(`allows ${MAX_OPEN_UPLOADS_PER_USER} open uploads per person`, async () => {
    const own = await buildUploader();
    const { declare } = randomFile(10);
    for (let i = 0; i < MAX_OPEN_UPLOADS_PER_USER; i++) await createUpload(own.actor, own.caseId, declare);
    expect(await codeOf(createUpload(own.actor, own.caseId, declare))).toBe('RATE_LIMITED');
    const { rows } = await getPool().query('SELECT count(*)::int AS n FROM uploads WHERE user_id = $1', [own.actor.id]);
    expect(rows[0].n).toBe(MAX_OPEN_UPLOADS_PER_USER);
  });
});
