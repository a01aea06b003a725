import 'server-only';
/**
 * Idempotency-Key: the first request with a key records the deposit IDs it will write; a
 * retry with the same key and the same body gets those IDs back; the same key with another
 * body is refused (it is a client bug, and guessing which one was meant would be worse).
 */
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';

export interface ClaimOptions {
  orgId: string;
  key: string;
  requestHash: Uint8Array;
  depositIds: string[];
}

export async function claimIdempotencyKey(options: ClaimOptions): Promise<{ replayed: boolean; depositIds: string[] }> {
  const pool = getPool();
  const inserted = await pool.query(
    `INSERT INTO idempotency_keys (org_id, key, request_hash, deposit_ids) VALUES ($1, $2, $3, $4::uuid[])
     ON CONFLICT (org_id, key) DO NOTHING`,
    [options.orgId, options.key, Buffer.from(options.requestHash), options.depositIds],
  );
  if (inserted.rowCount === 1) return { replayed: false, depositIds: options.depositIds };
  const { rows } = await pool.query<{ request_hash: Buffer; deposit_ids: string[] }>(
    'SELECT request_hash, deposit_ids FROM idempotency_keys WHERE org_id = $1 AND key = $2',
    [options.orgId, options.key],
  );
  const row = rows[0];
  if (!row) throw new AppError('UNAVAILABLE', 'The Idempotency-Key could not be recorded; retry the request.');
  if (!Buffer.from(options.requestHash).equals(row.request_hash)) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
    );
  }
  return { replayed: true, depositIds: row.deposit_ids };
}

/**
 * Whether an organisation has used an Idempotency-Key: a retry of a request whose deposits exist
 * is answered with them even when the key's deposit limits are spent (lib/ledger/http), since it
 * deposits nothing new.
 */
export async function idempotencyKeyUsed(orgId: string, key: string): Promise<boolean> {
  const { rowCount } = await getPool().query('SELECT 1 FROM idempotency_keys WHERE org_id = $1 AND key = $2', [
    orgId,
    key,
  ]);
  return rowCount === 1;
}
