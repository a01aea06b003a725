import 'server-only';
/**
 * Receipts for stored deposits, sealed ones with a fresh proof to the latest checkpoint, in one
 * statement (prepared once per connection): the deposits with their leaf index, the latest
 * checkpoint, and the stored nodes their proofs need.
 */
import { getPool } from '@/lib/db/pool';
import { HASH_SIZE } from '@/lib/tlog';
import { buildPendingReceipt, buildReceipt, type DepositReceipt, type PendingReceipt } from './receipt';
import { rangeHashes } from './tree/assemble';
import { inclusionProofRanges, nodeKeyString } from './tree/ranges';

export type AnyReceipt = DepositReceipt | PendingReceipt;

interface ReceiptRow {
  id: string;
  leaf: Buffer;
  leaf_index: string | null;
  tree_size: string | null;
  note: string | null;
  /** The nodes found, end to end: level (int16), index (int64), both big-endian, then the 32-byte hash. */
  nodes: Buffer | null;
}

/**
 * Selects deposits with their leaf index and, for sealed ones, the latest checkpoint (same
 * snapshot) and the stored nodes their inclusion proof can need (`inclusionNodeCandidates` in
 * tree/ranges.ts, written in SQL): the sibling of the leaf's ancestor at every level, and the
 * nodes that make up the tree's right edge. Some candidates do not exist (incomplete subtrees)
 * and some are not needed; the proof is then assembled from those found, and a node the proof
 * needs but the store lacks is an error, as before.
 *
 * The leaf is joined LATERAL with LIMIT 1 (not flattened), so it is always one probe of
 * log_leaves' unique index per deposit: a plain join let the planner, misled by stale
 * statistics on a fresh table, hash the whole of log_leaves for a single lookup (3.5 ms on
 * 20,000 leaves, measured). One statement instead of one for the deposits and one more per
 * sealed deposit for its proof: a lookup was two round trips, a certificate of 200 exhibits 201.
 */
const SELECT_RECEIPT_ROWS = `SELECT d.id, d.leaf, l.leaf_index, cp.tree_size, cp.note, p.nodes
  FROM deposits d
  LEFT JOIN LATERAL (SELECT leaf_index FROM log_leaves WHERE deposit_id = d.id LIMIT 1) l ON true
  LEFT JOIN LATERAL (SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1) cp
    ON l.leaf_index IS NOT NULL
  LEFT JOIN LATERAL (
    -- One bytea of fixed-size records (level, index, hash) rather than arrays, which node-postgres
    -- parses in JavaScript, at four times the cost of the rest of the statement (measured).
    SELECT string_agg(int2send(n.level) || int8send(n.node_index) || n.hash, ''::bytea) AS nodes
    FROM generate_series(0, 62) lv
    CROSS JOIN LATERAL (VALUES ((l.leaf_index >> lv) # 1),
      (CASE WHEN (cp.tree_size >> lv) & 1 = 1 THEN (cp.tree_size >> lv) - 1 END)) k(node_index)
    JOIN log_nodes n ON n.level = lv AND n.node_index = k.node_index
    WHERE cp.tree_size >> lv > 0
  ) p ON cp.tree_size IS NOT NULL`;

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
  return [...receiptsOf(rows).values()];
}

/** level (2 bytes) + index (8) + hash (32): one node in ReceiptRow.nodes. */
const NODE_RECORD = 2 + 8 + HASH_SIZE;

function receiptsOf(rows: readonly ReceiptRow[]): Map<string, AnyReceipt> {
  const out = new Map<string, AnyReceipt>();
  for (const row of rows) {
    const leaf = new Uint8Array(row.leaf);
    if (row.leaf_index === null || row.tree_size === null || row.note === null) {
      out.set(row.id, buildPendingReceipt(row.id, leaf));
      continue;
    }
    const leafIndex = BigInt(row.leaf_index);
    const treeSize = BigInt(row.tree_size);
    const nodes = new Map<string, Uint8Array>();
    const records = row.nodes ?? Buffer.alloc(0);
    for (let at = 0; at + NODE_RECORD <= records.length; at += NODE_RECORD) {
      const key = nodeKeyString({ level: records.readInt16BE(at), index: records.readBigInt64BE(at + 2) });
      nodes.set(key, Uint8Array.prototype.slice.call(records, at + 10, at + NODE_RECORD));
    }
    const inclusionProof = rangeHashes(inclusionProofRanges(leafIndex, treeSize), nodes);
    out.set(row.id, buildReceipt({ id: row.id, leaf, leafIndex, treeSize, checkpoint: row.note, inclusionProof }));
  }
  return out;
}
