import 'server-only';
/**
 * The lease an append holds on its upload instead of a row lock (issue #21, finding 1): taken in
 * a short transaction before the body is read, renewed while it streams, given back in the short
 * transaction that records what was written. No database connection is held while waiting on a
 * client. The lease lives in the row (`lease_token`, `lease_until`), so a second PATCH to the same
 * upload is CONFLICT at once from any process of the cluster, and a lease left by a process that
 * died expires by itself after LEASE_MS.
 *
 * The same transaction enforces the per-person limit of PATCHes in flight: it counts the person's
 * live leases under a per-person advisory lock, so two processes cannot both take the last place.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { LEASE_MS } from './upload-lease';
import { connectForUpload, lockUpload, type UploadRow, uploadNotFound } from './upload-row';

/** Advisory lock namespace (first key) of the per-person count; the second key is the person's hash. */
const APPENDS_PER_PERSON_LOCK = 0x75706c64; // 'upld'
/** What a refused person is told to wait: about one PATCH of a normal upload. */
const RETRY_AFTER_SECONDS = 5;

export interface ClaimUploadOptions {
  /** The PATCH's Upload-Offset (already validated as a whole number). */
  offset: number;
  /** The request's Content-Length when it sent one: refused up front if it would pass the size. */
  contentLength?: number;
}

export interface UploadClaim {
  row: UploadRow;
  token: string;
  size: number;
  received: number;
}

export async function claimUpload(actor: Actor, uploadId: string, options: ClaimUploadOptions): Promise<UploadClaim> {
  const { appendsPerPerson } = evidenceConfig();
  const client = await connectForUpload();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [APPENDS_PER_PERSON_LOCK, actor.id]);
    // Row locks are now held for milliseconds; NOWAIT still answers a racing claim at once.
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
    const busy = await client.query('SELECT 1 FROM uploads WHERE id = $1 AND lease_until > now()', [uploadId]);
    if (busy.rowCount) {
      throw new AppError(
        'CONFLICT',
        'Another request is writing to this upload; ask for its offset (HEAD) and try again in a moment.',
        { offset: received, busy: true },
      );
    }
    if (options.offset !== received) {
      throw new AppError('CONFLICT', `The server holds ${received} bytes of this upload; send bytes from there.`, {
        offset: received,
      });
    }
    if (options.contentLength !== undefined && received + options.contentLength > size) {
      throw beyondSize(size, received);
    }
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM uploads WHERE user_id = $1 AND lease_until > now()',
      [actor.id],
    );
    if ((rows[0]?.n ?? 0) >= appendsPerPerson) {
      throw new AppError(
        'RATE_LIMITED',
        `You are already sending ${appendsPerPerson} uploads at once; wait for one to finish, then try again.`,
        { offset: received, retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    const token = randomUUID();
    await client.query(
      `UPDATE uploads SET lease_token = $2, lease_until = now() + make_interval(secs => $3), updated_at = now()
        WHERE id = $1`,
      [uploadId, token, LEASE_MS / 1000],
    );
    await client.query('COMMIT');
    return { row, token, size, received };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function beyondSize(size: number, received: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `This upload was declared as ${size} bytes and ${received} are received; send at most ${size - received} more.`,
    { offset: received },
  );
}
