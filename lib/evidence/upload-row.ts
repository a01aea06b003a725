import 'server-only';
/**
 * The uploads table as node-postgres returns it, the DTO callers see, and the locked read every
 * state change starts with. Uploads are read and written with node-postgres rather than Prisma
 * because an append holds a row lock for the length of a request.
 */
import pg from 'pg';
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/cases/access';
import { withIdleErrorLogged } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import type { UploadState } from './upload-protocol';

export interface UploadRow {
  id: string;
  case_id: string;
  user_id: string;
  file_name: string;
  media_type: string;
  /** bigint: node-postgres returns it as a string. */
  size: string;
  expected_sha256: Buffer;
  expected_sm3: Buffer;
  received: string;
  status: UploadState;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export const UPLOAD_COLUMNS =
  'id, case_id, user_id, file_name, media_type, size, expected_sha256, expected_sm3, received, status, created_at, updated_at, completed_at';

/** What an uploader sees of their upload. */
export interface UploadStatus {
  id: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  size: number;
  /** Bytes the server holds (fsync'd and hashed): where the next PATCH starts. */
  offset: number;
  status: UploadState;
  /**
   * Lowercase hex. While `open` or `failed`: the digests the uploader declared. Once `complete`
   * or `consumed`: also the server's own digests of the bytes it received (they were equal).
   */
  sha256: string;
  sm3: string;
  createdAt: string;
  completedAt: string | null;
}

export function toUploadStatus(row: UploadRow): UploadStatus {
  return {
    id: row.id,
    caseId: row.case_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: Number(row.size),
    offset: Number(row.received),
    status: row.status,
    sha256: row.expected_sha256.toString('hex'),
    sm3: row.expected_sm3.toString('hex'),
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

export function uploadNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such upload: it does not exist, is not yours, or was cancelled or expired.');
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Locks the actor's upload `uploadId` for the caller's transaction (SELECT … FOR UPDATE).
 * Someone else's upload does not exist for the actor (NOT_FOUND). With `nowait`, an upload
 * another request is appending to is CONFLICT at once (details: the offset already recorded),
 * rather than a wait that would only end in a wrong offset.
 */
export async function lockUpload(
  client: pg.PoolClient,
  actor: Actor,
  uploadId: string,
  options: { nowait: boolean },
): Promise<UploadRow> {
  if (!isUuid(uploadId)) throw uploadNotFound();
  const sql = `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = $1 FOR UPDATE${options.nowait ? ' NOWAIT' : ''}`;
  await client.query('SAVEPOINT lock_upload');
  let row: UploadRow | undefined;
  try {
    row = (await client.query<UploadRow>(sql, [uploadId])).rows[0];
  } catch (error) {
    if ((error as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw error;
    await client.query('ROLLBACK TO SAVEPOINT lock_upload');
    return refuseBusyUpload(client, actor, uploadId);
  }
  if (!row || row.user_id !== actor.id) throw uploadNotFound();
  return row;
}

const globalForPool = globalThis as unknown as { verityUploadPool?: pg.Pool };

/**
 * Connections for appends, apart from the ledger's pool (lib/db/pool.ts): an append holds its
 * connection (and the row lock) while the request body streams in, and uploads must never starve
 * the sequencer. At most this many appends run at once per process; more wait for a connection.
 */
export const UPLOAD_POOL_SIZE = 16;

export function getUploadPool(): pg.Pool {
  if (globalForPool.verityUploadPool) return globalForPool.verityUploadPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString)
    throw new Error('DATABASE_URL is not set: start the portal with `npm start`, which provides it.');
  // allowExitOnIdle: a script that appended (the demo seed) can exit without closing this pool.
  globalForPool.verityUploadPool = withIdleErrorLogged(
    new pg.Pool({ connectionString, max: UPLOAD_POOL_SIZE, allowExitOnIdle: true }),
  );
  return globalForPool.verityUploadPool;
}

/** Ends the upload pool (scripts, before they stop the database). */
export async function closeUploadPool(): Promise<void> {
  const pool = globalForPool.verityUploadPool;
  globalForPool.verityUploadPool = undefined;
  await pool?.end();
}

/**
 * The answer when another request holds `uploadId`'s row (its lock could not be had): NOT_FOUND
 * when it is not the actor's, else CONFLICT with the offset recorded, so the client asks (HEAD)
 * and tries again. `client` must be usable (the failed statement rolled back).
 */
export async function refuseBusyUpload(client: pg.PoolClient, actor: Actor, uploadId: string): Promise<never> {
  const current = (
    await client.query<Pick<UploadRow, 'user_id' | 'received'>>('SELECT user_id, received FROM uploads WHERE id = $1', [
      uploadId,
    ])
  ).rows[0];
  if (!current || current.user_id !== actor.id) throw uploadNotFound();
  throw uploadBusy(Number(current.received));
}

/** CONFLICT: another request is writing to the upload, which holds `received` bytes. */
export function uploadBusy(received: number): AppError {
  return new AppError(
    'CONFLICT',
    'Another request is writing to this upload; ask for its offset (HEAD) and try again in a moment.',
    { offset: received, busy: true },
  );
}

/** A connection from the upload pool; UNAVAILABLE when every one has been busy for 30 s. */
export async function connectForUpload(): Promise<pg.PoolClient> {
  const pool = getUploadPool();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('UNAVAILABLE', 'The server is receiving too many uploads; try again in a minute.')),
      30_000,
    );
  });
  const connecting = pool.connect();
  try {
    return await Promise.race([connecting, timeout]);
  } catch (error) {
    // A connection that arrives after the timeout goes straight back to the pool.
    connecting.then((client) => client.release()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
