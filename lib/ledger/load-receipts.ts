import 'server-only';
/** Receipts for stored deposits, sealed ones with a fresh proof to the latest checkpoint. */
import { getPool } from '@/lib/db/pool';
import { buildInclusionProof } from './build-proofs';
import { latestCheckpoint } from './latest-checkpoint';
import { buildPendingReceipt, buildReceipt, type DepositReceipt, type PendingReceipt } from './receipt';

export type AnyReceipt = DepositReceipt | PendingReceipt;

export async function loadReceipts(ids: readonly string[]): Promise<Map<string, AnyReceipt>> {
  const out = new Map<string, AnyReceipt>();
  if (ids.length === 0) return out;
  const { rows } = await getPool().query<{ id: string; leaf: Buffer; leaf_index: string | null }>(
    `SELECT d.id, d.leaf, l.leaf_index FROM deposits d LEFT JOIN log_leaves l ON l.deposit_id = d.id
     WHERE d.id = ANY($1::uuid[])`,
    [ids],
  );
  if (rows.length === 0) return out;
  const checkpoint = rows.some((r) => r.leaf_index !== null) ? await latestCheckpoint() : undefined;
  for (const row of rows) {
    const leaf = new Uint8Array(row.leaf);
    if (row.leaf_index === null || !checkpoint) {
      out.set(row.id, buildPendingReceipt(row.id, leaf));
      continue;
    }
    const leafIndex = BigInt(row.leaf_index);
    const inclusionProof = await buildInclusionProof(leafIndex, checkpoint.treeSize);
    out.set(
      row.id,
      buildReceipt({
        id: row.id,
        leaf,
        leafIndex,
        treeSize: checkpoint.treeSize,
        checkpoint: checkpoint.note,
        inclusionProof,
      }),
    );
  }
  return out;
}
