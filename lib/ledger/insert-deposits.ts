import 'server-only';
/** Writes accepted deposits in one statement (unnest of column arrays, sent in binary: one round trip for any batch). */
import type pg from 'pg';
import { byteaArray, timestamptzArray, uuidArray } from '@/lib/db/binary-array';
import type { PendingDeposit } from './pending-deposit';

/** The INSERT, with the deposits' columns as parameters $1…$7 (see depositColumns). */
export const INSERT_DEPOSITS_SQL = `INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, sm3, deposited_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::timestamptz[])`;

/** The seven array parameters of INSERT_DEPOSITS_SQL. */
export function depositColumns(deposits: readonly PendingDeposit[]): Buffer[] {
  return [
    uuidArray(deposits.map((d) => d.id)),
    uuidArray(deposits.map((d) => d.orgId)),
    byteaArray(deposits.map((d) => d.leaf)),
    byteaArray(deposits.map((d) => d.leafHash)),
    byteaArray(deposits.map((d) => d.sha256)),
    byteaArray(deposits.map((d) => d.sm3)),
    timestamptzArray(deposits.map((d) => d.depositedAt)),
  ];
}

export async function insertDeposits(client: pg.ClientBase, deposits: readonly PendingDeposit[]): Promise<void> {
  await client.query(INSERT_DEPOSITS_SQL, depositColumns(deposits));
}
