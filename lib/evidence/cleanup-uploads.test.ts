import { randomUUID } from 'node:crypto';
import { mkdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { submitFileExhibit } from '@/lib/exhibits/submit-exhibit';
import { appendToUpload } from './append-to-upload';
import { cancelUpload } from './cancel-upload';
import { cleanupUploads } from './cleanup-uploads';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { blobPath, partPath } from './store-layout';
import { takeCompletedUpload } from './take-completed-upload';

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

async function blobRowExists(sha256hex: string): Promise<boolean> {
  const { rowCount } = await getPool().query('SELECT 1 FROM evidence_blobs WHERE sha256 = $1', [
    Buffer.from(sha256hex, 'hex'),
  ]);
  return rowCount === 1;
}

async function rowExists(uploadId: string): Promise<boolean> {
  return (await getPool().query('SELECT 1 FROM uploads WHERE id = $1', [uploadId])).rowCount === 1;
}

describe('cleanupUploads', () => {
  it('removes stale open, failed and completed uploads with their files, and keeps recent ones', async () => {
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
    const fresh = randomFile(1000);
    const recentComplete = await createUpload(uploader.actor, uploader.caseId, fresh.declare);
    await appendToUpload(uploader.actor, recentComplete.id, 0, chunked(fresh.bytes));
    for (const id of [stale.id, failed.id, complete.id]) await age(id);

    const report = await cleanupUploads({ olderThan: CUTOFF });
    expect(report.staleUploads).toBeGreaterThanOrEqual(3);
    expect(report.unusedBlobs).toBeGreaterThanOrEqual(1);
    expect(await rowExists(stale.id)).toBe(false);
    expect(await exists(partPath(dir, stale.id))).toBe(false);
    expect(await rowExists(failed.id)).toBe(false);
    expect(await rowExists(complete.id)).toBe(false);
    expect(await exists(blobPath(dir, whole.declare.sha256))).toBe(false);
    expect(await rowExists(recent.id)).toBe(true);
    expect(await exists(partPath(dir, recent.id))).toBe(true);
    expect((await getUploadStatus(uploader.actor, recentComplete.id)).status).toBe('complete');
    expect(await exists(blobPath(dir, fresh.declare.sha256))).toBe(true);
  });

  it('leaves no file behind 12 create → PATCH → DELETE cycles', async () => {
    const dir = evidenceConfig().dir;
    const files = Array.from({ length: 12 }, () => randomFile(20_000));
    for (const { bytes, declare } of files) {
      const upload = await createUpload(uploader.actor, uploader.caseId, declare);
      await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
      await cancelUpload(uploader.actor, upload.id);
    }
    await cleanupUploads({ olderThan: CUTOFF });
    for (const { declare } of files) {
      expect(await exists(blobPath(dir, declare.sha256))).toBe(false);
      expect(await blobRowExists(declare.sha256)).toBe(false);
    }
  });

  it('removes the files of 12 completed uploads nobody submitted once the grace period has passed', async () => {
    const dir = evidenceConfig().dir;
    const files = Array.from({ length: 12 }, () => randomFile(20_000));
    const ids: string[] = [];
    for (const { bytes, declare } of files) {
      const upload = await createUpload(uploader.actor, uploader.caseId, declare);
      await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
      ids.push(upload.id);
    }
    // Within the grace period they stay: the party may still submit them.
    await cleanupUploads({ olderThan: CUTOFF });
    for (const { declare } of files) expect(await exists(blobPath(dir, declare.sha256))).toBe(true);

    for (const id of ids) await age(id);
    await cleanupUploads({ olderThan: CUTOFF });
    for (const [i, { declare }] of files.entries()) {
      expect(await rowExists(ids[i] ?? '')).toBe(false);
      expect(await exists(blobPath(dir, declare.sha256))).toBe(false);
      expect(await blobRowExists(declare.sha256)).toBe(false);
    }
    const { rows } = await getPool().query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'evidence.file_removed' AND details->>'sha256' = ANY($1)",
      [files.map((f) => f.declare.sha256)],
    );
    expect(rows[0]?.n).toBe(12);
  });

  it('keeps an expired upload a submission is consuming right now, and its file for the exhibit', async () => {
    const dir = evidenceConfig().dir;
    const { bytes, declare } = randomFile(5000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
    await age(upload.id);
    const client = await getPool().connect();
    try {
      await client.query('BEGIN');
      const taken = await takeCompletedUpload(client, uploader.actor, upload.id);
      await cleanupUploads({ olderThan: CUTOFF });
      const { rows } = await client.query<{ next: number }>(
        'SELECT coalesce(max(number), 0) + 1 AS next FROM exhibits WHERE case_id = $1',
        [uploader.caseId],
      );
      await client.query(
        `INSERT INTO exhibits (id, case_id, number, submitted_by, party_role, kind, title, file_name, media_type, size,
           sha256, sm3, blob_sha256)
         VALUES (gen_random_uuid(), $1, $2, $3, 'plaintiff', 'file', 'Late', $4, $5, $6, $7, $8, $7)`,
        [
          uploader.caseId,
          rows[0]?.next,
          uploader.actor.id,
          taken.fileName,
          taken.mediaType,
          taken.size,
          taken.sha256,
          taken.sm3,
        ],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await cleanupUploads({ olderThan: CUTOFF });
    expect(await exists(blobPath(dir, declare.sha256))).toBe(true);
    expect(await blobRowExists(declare.sha256)).toBe(true);
  });

  it('refuses, as NOT_FOUND, to make an exhibit of an upload the cleanup already removed', async () => {
    const { bytes, declare } = randomFile(5000);
    const upload = await createUpload(uploader.actor, uploader.caseId, declare);
    await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
    await age(upload.id);
    await cleanupUploads({ olderThan: CUTOFF });
    await expect(
      submitFileExhibit(uploader.actor, uploader.caseId, { uploadId: upload.id, title: 'Too late' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await blobRowExists(declare.sha256)).toBe(false);
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
