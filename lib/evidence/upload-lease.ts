import 'server-only';
/**
 * An append's lease on its upload once claimed (claim-upload.ts): kept alive while the body
 * streams, and ended by the short transaction that records what the request wrote. Every write
 * to the row checks the lease is still this request's, so a request whose lease was lost (the
 * upload cancelled, or the lease expired while the database was out of reach and another request
 * took over) changes nothing.
 */
import type pg from 'pg';
import { AppError } from '@/lib/errors/app-error';
import { connectForUpload, UPLOAD_COLUMNS, type UploadRow, uploadNotFound } from './upload-row';

/** How long a lease lasts unless renewed; a dead process's uploads are free again after this. */
export const LEASE_MS = 60_000;
/** How often a live append renews its lease: three chances before it would expire. */
const LEASE_RENEW_MS = LEASE_MS / 3;
/**
 * A lease not renewed for this long is treated as lost by its holder, well before it expires
 * for others, so two requests never write to one part file.
 */
const LEASE_TRUST_MS = (LEASE_MS * 2) / 3;

export interface HeldLease {
  /** False once the lease may no longer be this request's: stop writing. */
  held(): boolean;
  stop(): void;
}

/** Renews the lease every LEASE_RENEW_MS until stopped. */
export function keepLease(uploadId: string, token: string): HeldLease {
  let renewedAt = Date.now();
  let lost = false;
  const timer = setInterval(() => {
    const asked = Date.now();
    renewLease(uploadId, token).then(
      (ok) => {
        if (ok) renewedAt = asked;
        else lost = true;
      },
      // The database out of reach: the lease runs out by itself (held() turns false in time).
      (error: unknown) => console.error(`verity: could not renew the lease on upload ${uploadId}`, error),
    );
  }, LEASE_RENEW_MS);
  timer.unref();
  return {
    held: () => !lost && Date.now() - renewedAt < LEASE_TRUST_MS,
    stop: () => clearInterval(timer),
  };
}

async function renewLease(uploadId: string, token: string): Promise<boolean> {
  const client = await connectForUpload();
  try {
    const result = await client.query(
      'UPDATE uploads SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_token = $2',
      [uploadId, token, LEASE_MS / 1000],
    );
    return result.rowCount === 1;
  } finally {
    client.release();
  }
}

/**
 * Runs `record` in a short transaction on the upload's row, locked, if the lease is still
 * `token`'s, and gives the lease back in the same commit. NOT_FOUND when the upload is gone
 * (cancelled meanwhile), CONFLICT when another request holds it now.
 */
export async function finishWithLease<T>(
  uploadId: string,
  token: string,
  record: (client: pg.PoolClient, row: UploadRow) => Promise<T>,
): Promise<T> {
  const client = await connectForUpload();
  try {
    await client.query('BEGIN');
    const row = (
      await client.query<UploadRow & { lease_token: string | null }>(
        `SELECT ${UPLOAD_COLUMNS}, lease_token FROM uploads WHERE id = $1 FOR UPDATE`,
        [uploadId],
      )
    ).rows[0];
    if (!row) throw uploadNotFound();
    if (row.lease_token !== token) {
      throw new AppError(
        'CONFLICT',
        'This request lost its hold on the upload (it was quiet too long); ask for the offset (HEAD) and resume.',
        { offset: Number(row.received) },
      );
    }
    const result = await record(client, row);
    await client.query('UPDATE uploads SET lease_token = NULL, lease_until = NULL WHERE id = $1', [uploadId]);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The common end of a PATCH that did not complete the upload: `received` recorded and the lease
 * given back in one statement (one round trip). When the lease is no longer `token`'s, the same
 * answers as finishWithLease.
 */
export async function recordReceived(uploadId: string, token: string, received: number): Promise<void> {
  const client = await connectForUpload();
  try {
    const result = await client.query(
      `UPDATE uploads SET received = $3, updated_at = now(), lease_token = NULL, lease_until = NULL
        WHERE id = $1 AND lease_token = $2`,
      [uploadId, token, received],
    );
    if (result.rowCount === 1) return;
  } finally {
    client.release();
  }
  // Not this request's any more: say why, as finishWithLease does (it changes nothing here).
  await finishWithLease(uploadId, token, async () => {});
  throw new Error(`the lease on upload ${uploadId} changed hands twice`);
}

/** Gives the lease back with nothing recorded (best effort: it expires anyway). */
export async function releaseLease(uploadId: string, token: string): Promise<void> {
  const client = await connectForUpload();
  try {
    await client.query('UPDATE uploads SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2', [
      uploadId,
      token,
    ]);
  } finally {
    client.release();
  }
}
