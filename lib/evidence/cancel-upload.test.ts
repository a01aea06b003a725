import { stat } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { buildUser } from '@/test/builders';
import { appendToUpload } from './append-to-upload';
import { cancelUpload } from './cancel-upload';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { blobPath, partPath } from './store-layout';

let uploader: Awaited<ReturnType<typeof buildUploader>>;

beforeAll(async () => {
  uploader = await buildUploader();
});

const gone = (file: string) =>
  stat(file).then(
    () => false,
    () => true,
  );

describe('cancelUpload', () => {
  it('deletes the row and the bytes received so far', async () => {
    const { bytes, declare } = randomFile(100_000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes.subarray(0, 50_000)));
    await cancelUpload(uploader.actor, upload.id);
    expect(await gone(partPath(evidenceConfig().dir, upload.id))).toBe(true);
    await expect(getUploadStatus(uploader.actor, upload.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("is NOT_FOUND for someone else's upload", async () => {
    const upload = await createUpload(uploader.actor, uploader.caseId, randomFile(10).declare);
    const { actor: other } = await buildUser({ role: 'litigant' });
    await expect(cancelUpload(other, upload.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getUploadStatus(uploader.actor, upload.id)).status).toBe('open');
  });

  it('removes the stored file of a completed upload, and it cannot be cancelled twice', async () => {
    const { bytes, declare } = randomFile(1000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
    await cancelUpload(uploader.actor, upload.id);
    expect(await gone(blobPath(evidenceConfig().dir, declare.sha256))).toBe(true);
    const { rowCount } = await getPool().query('SELECT 1 FROM evidence_blobs WHERE sha256 = $1', [
      Buffer.from(declare.sha256, 'hex'),
    ]);
    expect(rowCount).toBe(0);
    const error = await cancelUpload(uploader.actor, upload.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
  });
});
