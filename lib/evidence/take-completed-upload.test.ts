import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';
import { appendToUpload } from './append-to-upload';
import { cancelUpload } from './cancel-upload';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { takeCompletedUpload } from './take-completed-upload';

let uploader: Awaited<ReturnType<typeof buildUploader>>;

beforeAll(async () => {
  uploader = await buildUploader();
});

async function completed() {
  const { bytes, declare } = randomFile(2000);
  const upload = await createUpload(uploader.actor, uploader.caseId, {
    ...declare,
    fileName: '合同.pdf',
    mediaType: 'application/pdf',
  });
  await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
  return { upload, declare };
}

describe('takeCompletedUpload', () => {
  it("returns the upload's case, file and the server's digests once, and marks it consumed", async () => {
    const { upload, declare } = await completed();
    const taken = await withTransaction((client) => takeCompletedUpload(client, uploader.actor, upload.id));
    expect(taken).toMatchObject({
      id: upload.id,
      caseId: uploader.caseId,
      fileName: '合同.pdf',
      mediaType: 'application/pdf',
      size: 2000,
    });
    expect(taken.sha256.toString('hex')).toBe(declare.sha256);
    expect(taken.sm3.toString('hex')).toBe(declare.sm3);
    expect((await getUploadStatus(uploader.actor, upload.id)).status).toBe('consumed');
    await expect(
      withTransaction((client) => takeCompletedUpload(client, uploader.actor, upload.id)),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already an exhibit') });
    await expect(cancelUpload(uploader.actor, upload.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('leaves the upload complete when the caller rolls back', async () => {
    const { upload } = await completed();
    const rollback = new Error('rollback');
    await expect(
      withTransaction(async (client) => {
        await takeCompletedUpload(client, uploader.actor, upload.id);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await getUploadStatus(uploader.actor, upload.id)).status).toBe('complete');
  });

  it('refuses an upload that is not complete, not yours, or of another case', async () => {
    const open = await createUpload(uploader.actor, uploader.caseId, randomFile(10).declare);
    await expect(
      withTransaction((client) => takeCompletedUpload(client, uploader.actor, open.id)),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const { upload } = await completed();
    const { actor: other } = await buildUser({ role: 'litigant' });
    await expect(withTransaction((client) => takeCompletedUpload(client, other, upload.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const elsewhere = await buildUploader();
    await expect(
      withTransaction((client) => takeCompletedUpload(client, uploader.actor, upload.id, { caseId: elsewhere.caseId })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getUploadStatus(uploader.actor, upload.id)).status).toBe('complete');
  });
});
