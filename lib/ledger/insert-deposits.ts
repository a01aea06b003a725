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

/**
 * The INSERT of the titles the portal keeps (deposit_titles), with parameters $1…$3 numbered from
 * `first` (see titleColumns); no row when no deposit has a title.
 */
export function insertTitlesSql(first: number): string {
  return `INSERT INTO deposit_titles (deposit_id, org_id, title)
  SELECT * FROM unnest($${first}::uuid[], $${first + 1}::uuid[], $${first + 2}::text[])`;
}

/** The three array parameters of insertTitlesSql: the deposits that carry a title. */
export function titleColumns(deposits: readonly PendingDeposit[]): [Buffer, Buffer, string[]] {
  const titled = deposits.filter((d): d is PendingDeposit & { title: string } => d.title !== undefined);
  return [uuidArray(titled.map((d) => d.id)), uuidArray(titled.map((d) => d.orgId)), titled.map((d) => d.title)];
}

export async function insertDeposits(client: pg.ClientBase, deposits: readonly PendingDeposit[]): Promise<void> {
  await client.query(`WITH d AS (${INSERT_DEPOSITS_SQL}) ${insertTitlesSql(8)}`, [
    ...depositColumns(deposits),
    ...titleColumns(deposits),
  ]);
}
