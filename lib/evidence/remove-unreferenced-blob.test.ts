/**
 * Removing a stored file nothing needs (issue #21, finding 2): the store is content-addressed,
 * so a file shared with an exhibit or another completed upload stays, and a removal racing an
 * upload that completes with the same bytes, or a submission consuming one, never loses a file.
 * The races are made deterministic by holding the other side's transaction open while the
 * removal runs (until it is seen waiting on it, pg_blocking_pids, or has finished), then
 * committing it.
 */
import { writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { submitFileExhibit } from '@/lib/exhibits/submit-exhibit';
import { appendToUpload } from './append-to-upload';
import { cancelUpload } from './cancel-upload';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';
import { openEvidenceFile } from './open-evidence-file';
import { removeUnreferencedBlob } from './remove-unreferenced-blob';
import { storeBlob } from './store-blob';
import { partPath } from './store-layout';
import { takeCompletedUpload } from './take-completed-upload';

type Uploader = Awaited<ReturnType<typeof buildUploader>>;
let alice: Uploader;
let bob: Uploader;

beforeAll(async () => {
  [alice, bob] = await Promise.all([buildUploader(), buildUploader()]);
});

async function complete(who: Uploader, file: ReturnType<typeof randomFile>) {
  const upload = await createUpload(who.actor, who.caseId, file.declare);
  await appendToUpload(who.actor, upload.id, 0, chunked(file.bytes));
  return upload;
}

/** The stored file's bytes, or null when neither its row nor its file is there. */
async function stored(sha256hex: string): Promise<Buffer | null> {
  const row = await getPool().query('SELECT 1 FROM evidence_blobs WHERE sha256 = $1', [Buffer.from(sha256hex, 'hex')]);
  const file = await openEvidenceFile(sha256hex).then(
    async ({ stream }) => Buffer.concat(await stream.toArray()),
    () => null,
  );
  if ((row.rowCount === 1) !== (file !== null)) throw new Error(`row and file disagree for ${sha256hex}`);
  return file;
}

/**
 * Resolves once some other backend waits on a lock `pid` holds, or once `removal` has settled
 * without waiting (then the assertions on its outcome say what went wrong).
 */
async function blockedBehind(pid: number, removal: Promise<unknown>): Promise<void> {
  let settled = false;
  void removal.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  while (!settled) {
    const { rows } = await getPool().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('removeUnreferencedBlob', () => {
  it("removes a cancelled upload's file, and keeps it while another completed upload of the same bytes holds it", async () => {
    const file = randomFile(3000);
    const first = await complete(alice, file);
    const second = await complete(bob, file);
    await cancelUpload(alice.actor, first.id);
    expect(await stored(file.declare.sha256)).toEqual(file.bytes);
    await cancelUpload(bob.actor, second.id);
    expect(await stored(file.declare.sha256)).toBeNull();
    const { rows } = await getPool().query(
      "SELECT details FROM audit_events WHERE action = 'evidence.file_removed' AND details->>'sha256' = $1",
      [file.declare.sha256],
    );
    expect(rows.map((r) => r.details)).toEqual([
      { sha256: file.declare.sha256, size: 3000, reason: 'upload_cancelled' },
    ]);
  });

  it('keeps a file an exhibit references, whoever cancels an upload of the same bytes', async () => {
    const file = randomFile(3000);
    const submitted = await complete(alice, file);
    await submitFileExhibit(alice.actor, alice.caseId, { uploadId: submitted.id, title: 'Lease' });
    const again = await complete(bob, file);
    await cancelUpload(bob.actor, again.id);
    expect(
      await removeUnreferencedBlob(Buffer.from(file.declare.sha256, 'hex'), {
        dir: evidenceConfig().dir,
        reason: 'unused',
      }),
    ).toBe(false);
    expect(await stored(file.declare.sha256)).toEqual(file.bytes);
    await expect(
      getPool().query('DELETE FROM evidence_blobs WHERE sha256 = $1', [Buffer.from(file.declare.sha256, 'hex')]),
    ).rejects.toThrow(/an exhibit references this file/);
  });

  it('never loses the file of an upload completing with the same bytes while the removal runs', async () => {
    const dir = evidenceConfig().dir;
    const file = randomFile(4000);
    const sha256 = Buffer.from(file.declare.sha256, 'hex');
    // A stored file nothing holds any more (its upload row gone, as cleanup leaves it).
    const old = await complete(alice, file);
    await getPool().query('DELETE FROM uploads WHERE id = $1', [old.id]);
    // Bob's upload of the same bytes reaches its last byte: append-to-upload's final transaction,
    // held open here after storeBlob found the file already stored and dropped Bob's copy.
    const upload = await createUpload(bob.actor, bob.caseId, file.declare);
    await writeFile(partPath(dir, upload.id), file.bytes);
    const client = await getPool().connect();
    try {
      await client.query('BEGIN');
      await storeBlob(client, {
        dir,
        partFile: partPath(dir, upload.id),
        sha256,
        sm3: Buffer.from(file.declare.sm3, 'hex'),
        size: 4000,
      });
      await client.query(
        "UPDATE uploads SET status = 'complete', received = size, completed_at = now(), updated_at = now() WHERE id = $1",
        [upload.id],
      );
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const removal = removeUnreferencedBlob(sha256, { dir, reason: 'unused' });
      await blockedBehind(rows[0]?.pid ?? 0, removal);
      await client.query('COMMIT');
      expect(await removal).toBe(false);
    } finally {
      client.release();
    }
    expect(await stored(file.declare.sha256)).toEqual(file.bytes);
    const exhibit = await submitFileExhibit(bob.actor, bob.caseId, { uploadId: upload.id, title: 'Photo' });
    expect(exhibit.number).toBeGreaterThan(0);
    expect(await stored(file.declare.sha256)).toEqual(file.bytes);
  });

  it('keeps the file while a submission consumes the last upload of it, for its exhibit', async () => {
    const dir = evidenceConfig().dir;
    const file = randomFile(2000);
    const upload = await complete(alice, file);
    const client = await getPool().connect();
    try {
      await client.query('BEGIN');
      const taken = await takeCompletedUpload(client, alice.actor, upload.id, { caseId: alice.caseId });
      // The upload is consumed but its exhibit not yet written (submitFileExhibit's transaction).
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const removal = removeUnreferencedBlob(taken.sha256, { dir, reason: 'unused' });
      await blockedBehind(rows[0]?.pid ?? 0, removal);
      const next = await client.query<{ next: number }>(
        'SELECT coalesce(max(number), 0) + 1 AS next FROM exhibits WHERE case_id = $1',
        [alice.caseId],
      );
      await client.query(
        `INSERT INTO exhibits (id, case_id, number, submitted_by, party_role, kind, title, file_name, media_type, size,
           sha256, sm3, blob_sha256)
         VALUES (gen_random_uuid(), $1, $2, $3, 'plaintiff', 'file', 'Race', $4, $5, $6, $7, $8, $7)`,
        [
          alice.caseId,
          next.rows[0]?.next,
          alice.actor.id,
          taken.fileName,
          taken.mediaType,
          taken.size,
          taken.sha256,
          taken.sm3,
        ],
      );
      await client.query('COMMIT');
      expect(await removal).toBe(false);
    } finally {
      client.release();
    }
    expect(await stored(file.declare.sha256)).toEqual(file.bytes);
  });

  it('is false for a file that is not stored', async () => {
    const { declare } = randomFile(10);
    expect(
      await removeUnreferencedBlob(Buffer.from(declare.sha256, 'hex'), { dir: evidenceConfig().dir, reason: 'unused' }),
    ).toBe(false);
  });
});
