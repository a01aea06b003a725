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
import type pg from 'pg';
import type { Actor } from '@/lib/auth/actor';
import { isUuid, requireCaseAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import { evidenceConfig } from './config';
import { LEASE_MS } from './upload-lease';
import {
  connectForUpload,
  refuseBusyUpload,
  UPLOAD_COLUMNS,
  type UploadRow,
  uploadBusy,
  uploadNotFound,
} from './upload-row';

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
  if (!isUuid(uploadId) || !isUuid(actor.id)) throw uploadNotFound();
  const client = await connectForUpload();
  try {
    // Three round trips in all (lock and read, the case access, lease and commit).
    const row = await lockRow(client, actor, uploadId);
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
    if (row.busy) throw uploadBusy(received);
    if (options.offset !== received) {
      throw new AppError('CONFLICT', `The server holds ${received} bytes of this upload; send bytes from there.`, {
        offset: received,
      });
    }
    if (options.contentLength !== undefined && received + options.contentLength > size) {
      throw beyondSize(size, received);
    }
    if (row.in_flight >= appendsPerPerson) {
      throw new AppError(
        'RATE_LIMITED',
        `You are already sending ${appendsPerPerson} uploads at once; wait for one to finish, then try again.`,
        { offset: received, retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    const token = randomUUID();
    await client.query(
      `UPDATE uploads SET lease_token = '${token}', lease_until = now() + interval '${LEASE_MS / 1000} seconds',
         updated_at = now() WHERE id = '${uploadId}'; COMMIT`,
    );
    return { row, token, size, received };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The upload's row, locked for the claim in a transaction begun here (NOWAIT: a racing claim is
 * answered at once), with whether a live lease holds it and how many PATCHes its person has in
 * flight, counted under the per-person lock. Someone else's upload does not exist (NOT_FOUND).
 */
async function lockRow(client: pg.PoolClient, actor: Actor, uploadId: string): Promise<LockedRow> {
  let results: pg.QueryResult<LockedRow>[];
  try {
    // One round trip, as this runs before every PATCH: a simple query of several statements (no
    // parameters; both ids are checked UUIDs, safe as literals). Each statement reads a fresh
    // snapshot, so the count, taken after the per-person lock, sees every committed claim. A
    // lease lost in a database crash harms nothing (the upload is just free again), so the
    // claim's commit need not wait for the WAL flush.
    results = (await client.query(
      `BEGIN; SET LOCAL synchronous_commit = off;
       SELECT pg_advisory_xact_lock(${APPENDS_PER_PERSON_LOCK}, hashtext('${actor.id}'));
       SELECT ${UPLOAD_COLUMNS}, coalesce(lease_until > now(), false) AS busy,
              (SELECT count(*)::int FROM uploads mine WHERE mine.user_id = '${actor.id}' AND mine.lease_until > now()) AS in_flight
         FROM uploads WHERE id = '${uploadId}' FOR UPDATE NOWAIT`,
    )) as unknown as pg.QueryResult<LockedRow>[];
  } catch (error) {
    if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
    await client.query('ROLLBACK');
    return refuseBusyUpload(client, actor, uploadId);
  }
  const row = results.at(-1)?.rows[0];
  if (!row || row.user_id !== actor.id) throw uploadNotFound();
  return row;
}

type LockedRow = UploadRow & { busy: boolean; in_flight: number };

export function beyondSize(size: number, received: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `This upload was declared as ${size} bytes and ${received} are received; send at most ${size - received} more.`,
    { offset: received },
  );
}
