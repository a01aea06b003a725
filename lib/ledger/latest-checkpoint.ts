import 'server-only';
/** The newest signed checkpoint (signing the empty log's first one if the log is new). */
import { getPool } from '@/lib/db/pool';
import { sealBatch } from './seal-batch';

export interface StoredCheckpoint {
  treeSize: bigint;
  rootHash: Uint8Array;
  note: string;
}

export async function latestCheckpoint(): Promise<StoredCheckpoint> {
  const found = await readLatest();
  if (found) return found;
  await sealBatch([]);
  const created = await readLatest();
  if (!created) throw new Error('ledger: no checkpoint after initialising the log');
  return created;
}

export async function checkpointAt(treeSize: bigint): Promise<StoredCheckpoint | null> {
  const { rows } = await getPool().query<{ tree_size: string; root_hash: Buffer; note: string }>(
    'SELECT tree_size, root_hash, note FROM checkpoints WHERE tree_size = $1',
    [treeSize.toString()],
  );
  const row = rows[0];
  return row ? { treeSize: BigInt(row.tree_size), rootHash: new Uint8Array(row.root_hash), note: row.note } : null;
}

async function readLatest(): Promise<StoredCheckpoint | null> {
  const { rows } = await getPool().query<{ tree_size: string; root_hash: Buffer; note: string }>(
    'SELECT tree_size, root_hash, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  const row = rows[0];
  return row ? { treeSize: BigInt(row.tree_size), rootHash: new Uint8Array(row.root_hash), note: row.note } : null;
}
