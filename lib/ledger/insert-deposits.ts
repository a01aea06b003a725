import 'server-only';
/** Writes accepted deposits in one statement (unnest of column arrays: one round trip for any batch). */
import type pg from 'pg';
import type { PendingDeposit } from './pending-deposit';

export async function insertDeposits(client: pg.ClientBase, deposits: readonly PendingDeposit[]): Promise<void> {
  await client.query(
    `INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, sm3, deposited_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bytea[], $4::bytea[], $5::bytea[], $6::bytea[], $7::timestamptz[])`,
    [
      deposits.map((d) => d.id),
      deposits.map((d) => d.orgId),
      deposits.map((d) => Buffer.from(d.leaf)),
      deposits.map((d) => Buffer.from(d.leafHash)),
      deposits.map((d) => (d.sha256 ? Buffer.from(d.sha256) : null)),
      deposits.map((d) => (d.sm3 ? Buffer.from(d.sm3) : null)),
      deposits.map((d) => d.depositedAt.toISOString()),
    ],
  );
}
