import 'server-only';
/**
 * Receipts for stored deposits, sealed ones with a fresh proof to the latest checkpoint. A
 * lookup is two statements, both prepared once per connection: the deposits with their leaf
 * index and the latest checkpoint, then the stored nodes of each proof.
 */
import { getPool } from '@/lib/db/pool';
import { buildInclusionProof } from './build-proofs';
import { buildPendingReceipt, buildReceipt, type DepositReceipt, type PendingReceipt } from './receipt';

export type AnyReceipt = DepositReceipt | PendingReceipt;

interface ReceiptRow {
  id: string;
  leaf: Buffer;
  leaf_index: string | null;
  tree_size: string | null;
  note: string | null;
}

/**
 * Selects deposits with their leaf index and, for sealed ones, the latest checkpoint (same
 * snapshot). The leaf is joined LATERAL with LIMIT 1 (not flattened), so it is always one probe of log_leaves' unique index
 * per deposit: a plain join let the planner, misled by stale statistics on a fresh table, hash
 * the whole of log_leaves for a single lookup (3.5 ms on 20,000 leaves, measured).
 */
const SELECT_RECEIPT_ROWS = `SELECT d.id, d.leaf, l.leaf_index, cp.tree_size, cp.note
  FROM deposits d
  LEFT JOIN LATERAL (SELECT leaf_index FROM log_leaves WHERE deposit_id = d.id LIMIT 1) l ON true
  LEFT JOIN LATERAL (SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1) cp
    ON l.leaf_index IS NOT NULL`;

export async function loadReceipts(ids: readonly string[]): Promise<Map<string, AnyReceipt>> {
  if (ids.length === 0) return new Map();
  const { rows } = await getPool().query<ReceiptRow>({
    name: 'verity-receipts-by-id',
    text: `${SELECT_RECEIPT_ROWS} WHERE d.id = ANY($1::uuid[])`,
    values: [ids],
  });
  return receiptsOf(rows);
}

/** At most this many matches are returned (a digest deposited more often than this is an anomaly). */
export const DIGEST_MATCH_LIMIT = 100;

/** Receipts of every deposit of a digest, oldest first. */
export async function loadReceiptsByDigest(column: 'sha256' | 'sm3', digest: Uint8Array): Promise<AnyReceipt[]> {
  const { rows } = await getPool().query<ReceiptRow>({
    name: `verity-receipts-by-${column}`,
    text: `${SELECT_RECEIPT_ROWS} WHERE d.${column} = $1 ORDER BY d.deposited_at, d.id LIMIT ${DIGEST_MATCH_LIMIT}`,
    values: [Buffer.from(digest)],
  });
  return [...(await receiptsOf(rows)).values()];
}

async function receiptsOf(rows: readonly ReceiptRow[]): Promise<Map<string, AnyReceipt>> {
  const out = new Map<string, AnyReceipt>();
  for (const row of rows) {
    const leaf = new Uint8Array(row.leaf);
    if (row.leaf_index === null || row.tree_size === null || row.note === null) {
      out.set(row.id, buildPendingReceipt(row.id, leaf));
      continue;
    }
    const leafIndex = BigInt(row.leaf_index);
    const treeSize = BigInt(row.tree_size);
    const inclusionProof = await buildInclusionProof(leafIndex, treeSize);
    out.set(row.id, buildReceipt({ id: row.id, leaf, leafIndex, treeSize, checkpoint: row.note, inclusionProof }));
  }
  return out;
}
