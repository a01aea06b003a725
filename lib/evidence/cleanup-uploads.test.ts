import { randomUUID } from 'node:crypto';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { appendToUpload } from './append-to-upload';
import { cleanupUploads } from './cleanup-uploads';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { blobPath, partPath } from './store-layout';

// Other test files share the database: only uploads aged into 2001 count as stale here.
const LONG_AGO = new Date('2001-01-01T00:00:00Z');
const CUTOFF = new Date('2002-01-01T00:00:00Z');

let uploader: Awaited<ReturnType<typeof buildUploader>>;

beforeAll(async () => {
  uploader = await buildUploader();
});

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

async function age(uploadId: string): Promise<void> {
  await getPool().query('UPDATE uploads SET updated_at = $2 WHERE id = $1', [uploadId, LONG_AGO]);
}

async function rowExists(uploadId: string): Promise<boolean> {
  return (await getPool().query('SELECT 1 FROM uploads WHERE id = $1', [uploadId])).rowCount === 1;
}

describe('cleanupUploads', () => {
  it('removes stale open and failed uploads with their part files, and keeps recent and completed ones', async () => {
    const dir = evidenceConfig().dir;
    const half = randomFile(100_000);
    const stale = await createUpload(uploader.actor, uploader.caseId, half.declare);
    await appendToUpload(uploader.actor, stale.id, 0, chunked(half.bytes.subarray(0, 50_000)));
    const lying = randomFile(1000);
    const failed = await createUpload(uploader.actor, uploader.caseId, { ...lying.declare, sha256: 'ab'.repeat(32) });
    await appendToUpload(uploader.actor, failed.id, 0, chunked(lying.bytes)).catch(() => {});
    const recent = await createUpload(uploader.actor, uploader.caseId, randomFile(10).declare);
    const whole = randomFile(1000);
    const complete = await createUpload(uploader.actor, uploader.caseId, whole.declare);
    await appendToUpload(uploader.actor, complete.id, 0, chunked(whole.bytes));
    for (const id of [stale.id, failed.id, complete.id]) await age(id);

    const report = await cleanupUploads({ olderThan: CUTOFF });
    expect(report.staleUploads).toBeGreaterThanOrEqual(2);
    expect(await rowExists(stale.id)).toBe(false);
    expect(await exists(partPath(dir, stale.id))).toBe(false);
    expect(await rowExists(failed.id)).toBe(false);
    expect(await rowExists(recent.id)).toBe(true);
    expect(await exists(partPath(dir, recent.id))).toBe(true);
    expect((await getUploadStatus(uploader.actor, complete.id)).status).toBe('complete');
    expect(await exists(blobPath(dir, whole.declare.sha256))).toBe(true);
  });

  it('skips an upload a request is appending to right now', async () => {
    const { bytes, declare } = randomFile(10_000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await age(upload.id);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    async function* slow() {
      yield bytes.subarray(0, 1000);
      await gate;
    }
    const appending = appendToUpload(uploader.actor, upload.id, 0, slow());
    await new Promise((r) => setTimeout(r, 300));
    await cleanupUploads({ olderThan: CUTOFF });
    release();
    expect(await appending).toMatchObject({ offset: 1000 });
    expect(await rowExists(upload.id)).toBe(true);
  });

  it('removes part files without a row and unrecorded blob files older than the cut-off', async () => {
    const dir = evidenceConfig().dir;
    const orphanPart = partPath(dir, randomUUID());
    await writeFile(orphanPart, 'left by a crash');
    const live = await createUpload(uploader.actor, uploader.caseId, randomFile(10).declare);

    const oldOrphan = randomFile(100);
    const newOrphan = randomFile(100);
    const recorded = randomFile(100);
    const recordedUpload = await createUpload(uploader.actor, uploader.caseId, recorded.declare);
    await appendToUpload(uploader.actor, recordedUpload.id, 0, chunked(recorded.bytes));
    for (const { bytes, declare } of [oldOrphan, newOrphan]) {
      const file = blobPath(dir, declare.sha256);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    }
    for (const { declare } of [oldOrphan, recorded]) {
      await utimes(blobPath(dir, declare.sha256), LONG_AGO, LONG_AGO);
    }

    const report = await cleanupUploads({ olderThan: CUTOFF });
    expect(report).toMatchObject({ orphanPartFiles: 1, orphanBlobFiles: 1 });
    expect(await exists(orphanPart)).toBe(false);
    expect(await exists(partPath(dir, live.id))).toBe(true);
    expect(await exists(blobPath(dir, oldOrphan.declare.sha256))).toBe(false);
    expect(await exists(blobPath(dir, newOrphan.declare.sha256))).toBe(true);
    expect(await exists(blobPath(dir, recorded.declare.sha256))).toBe(true);
  });
});
