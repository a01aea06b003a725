import 'server-only';
/**
 * Receipts for stored deposits, sealed ones with a fresh proof to the latest checkpoint, in one
 * statement (prepared once per connection): the deposits with their leaf index, the latest
 * checkpoint, and the stored nodes their proofs need that this process does not hold already
 * (the upper levels: tree/upper-nodes.ts).
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { HASH_SIZE } from '@/lib/tlog';
import { type WitnessPolicy, witnessPolicy } from '@/lib/witnessing/witness-policy';
import { cosignedNote, newestWitnessedSql } from '@/lib/witnessing/witness-store';
import { buildPendingReceipt, buildReceipt, type Receipt, type Witnessed } from './receipt';
import { DIGEST_MATCH_LIMIT } from './receipt.schema';
import { isStatementError, type LeafStatement, parseLeaf, STATEMENT_VERSION } from './statement';
import { rangeHashes } from './tree/assemble';
import { inclusionProofRanges, type NodeKey, nodeKeyString } from './tree/ranges';
import { type NodeRange, UpperNodes } from './tree/upper-nodes';

export type { Receipt };

interface ReceiptRow {
  id: string;
  leaf: Buffer;
  leaf_index: string | null;
  tree_size: string | null;
  note: string | null;
  /** The configured witnesses' keys and cosignature lines stored for that checkpoint (with witnesses). */
  keys: string[] | null;
  lines: string[] | null;
  /** The nodes found, end to end: level (int16), index (int64), both big-endian, then the 32-byte hash. */
  nodes: Buffer | null;
}

/**
 * Selects deposits with their leaf index and, for sealed ones, the latest checkpoint (same
 * snapshot) and the stored nodes their inclusion proof can need (`inclusionNodeCandidates` in
 * tree/ranges.ts, written in SQL): the sibling of the leaf's ancestor at every level, and the
 * nodes that make up the tree's right edge. Some candidates do not exist (incomplete subtrees)
 * and some are not needed; the proof is then assembled from those found, and a node the proof
 * needs but the store lacks is an error, as before. Candidates this process holds ($2: per level,
 * how many of its first nodes are held) are not read: in a million-leaf log that is 24 of the
 * 40 index probes, which were two thirds of the statement's cost (measured).
 *
 * The leaf is joined LATERAL with LIMIT 1 (not flattened), so it is always one probe of
 * log_leaves' unique index per deposit: a plain join let the planner, misled by stale
 * statistics on a fresh table, hash the whole of log_leaves for a single lookup (3.5 ms on
 * 20,000 leaves, measured). One statement instead of one for the deposits and one more per
 * sealed deposit for its proof: a lookup was two round trips, a certificate of 200 exhibits 201.
 */
const SELECT_RECEIPT_ROWS = selectReceiptRows(false);

/**
 * With witnesses ($3: their keys in configured order, $4: the quorum), a sealed deposit's receipt
 * is to the newest checkpoint that covers it AND meets the quorum, when one exists, else to the
 * latest; either way with the cosignature lines stored for that checkpoint.
 */
const SELECT_WITNESSED_RECEIPT_ROWS = selectReceiptRows(true);

function selectReceiptRows(witnessed: boolean): string {
  const checkpoint = witnessed
    ? `((SELECT tree_size, note FROM checkpoints
          WHERE tree_size = (SELECT tree_size FROM w WHERE w.tree_size > l.leaf_index))
        UNION ALL (SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1) LIMIT 1)`
    : '(SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1)';
  return `${witnessed ? `WITH w AS (${newestWitnessedSql('$3', '$4')}) ` : ''}SELECT d.id, d.leaf, l.leaf_index, cp.tree_size, cp.note, ${witnessed ? 'cs.keys, cs.lines' : 'NULL::text[] AS keys, NULL::text[] AS lines'}, p.nodes
  FROM deposits d
  LEFT JOIN LATERAL (SELECT leaf_index FROM log_leaves WHERE deposit_id = d.id LIMIT 1) l ON true
  LEFT JOIN LATERAL ${checkpoint} cp
    ON l.leaf_index IS NOT NULL${
      witnessed
        ? `
  LEFT JOIN LATERAL (
    SELECT array_agg(c.witness_key ORDER BY array_position($3::text[], c.witness_key)) AS keys,
      array_agg(c.signature_line ORDER BY array_position($3::text[], c.witness_key)) AS lines
    FROM checkpoint_cosignatures c WHERE c.tree_size = cp.tree_size AND c.witness_key = ANY($3::text[])
  ) cs ON cp.tree_size IS NOT NULL`
        : ''
    }
  LEFT JOIN LATERAL (
    -- One bytea of fixed-size records (level, index, hash) rather than arrays, which node-postgres
    -- parses in JavaScript, at four times the cost of the rest of the statement (measured).
    SELECT string_agg(int2send(n.level) || int8send(n.node_index) || n.hash, ''::bytea) AS nodes
    FROM generate_series(0, 62) lv
    CROSS JOIN LATERAL (VALUES ((l.leaf_index >> lv) # 1),
      (CASE WHEN (cp.tree_size >> lv) & 1 = 1 THEN (cp.tree_size >> lv) - 1 END)) k(node_index)
    JOIN log_nodes n ON n.level = lv AND n.node_index = k.node_index
    WHERE cp.tree_size >> lv > 0 AND k.node_index >= ($2::int8[])[lv + 1]
  ) p ON cp.tree_size IS NOT NULL`;
}

/**
 * The stored nodes in ranges of levels, each level's hashes end to end in index order, with the
 * first index and the count (so a level read whole is recognised: indexes are unique).
 */
const SELECT_NODE_RANGES = `SELECT r.lv AS level, min(n.node_index) AS first, count(*) AS count,
    string_agg(n.hash, ''::bytea ORDER BY n.node_index) AS hashes
  FROM unnest($1::int2[], $2::int8[], $3::int8[]) r(lv, lo, hi)
  JOIN log_nodes n ON n.level = r.lv AND n.node_index >= r.lo AND n.node_index < r.hi
  GROUP BY r.lv`;

/** A refresh of the held nodes starts at most this often (the log grows with every seal). */
const REFRESH_INTERVAL_MS = 250;

/** Reads receipts, holding the log's upper nodes in memory as it goes (one per pool: loadReceipts). */
export class ReceiptReader {
  private refreshing: Promise<void> | undefined;
  private lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    readonly nodes: UpperNodes,
    private readonly pool: () => pg.Pool = getPool,
  ) {}

  async byIds(ids: readonly string[]): Promise<Map<string, Receipt>> {
    if (ids.length === 0) return new Map();
    const counts = this.nodes.counts();
    const policy = witnessPolicy();
    const { rows } = await this.pool().query<ReceiptRow>(
      policy.witnesses.length === 0
        ? {
            name: 'verity-receipts-by-id',
            text: `${SELECT_RECEIPT_ROWS} WHERE d.id = ANY($1::uuid[])`,
            values: [ids, counts],
          }
        : {
            name: 'verity-witnessed-receipts-by-id',
            text: `${SELECT_WITNESSED_RECEIPT_ROWS} WHERE d.id = ANY($1::uuid[])`,
            values: [ids, counts, ...witnessParams(policy)],
          },
    );
    return this.receiptsOf(rows, policy);
  }

  /** Receipts of every deposit of a digest, oldest first. */
  async byDigest(column: 'sha256' | 'sm3', digest: Uint8Array): Promise<Receipt[]> {
    const counts = this.nodes.counts();
    const policy = witnessPolicy();
    const where = `WHERE d.${column} = $1 ORDER BY d.deposited_at, d.id LIMIT ${DIGEST_MATCH_LIMIT}`;
    const { rows } = await this.pool().query<ReceiptRow>(
      policy.witnesses.length === 0
        ? {
            name: `verity-receipts-by-${column}`,
            text: `${SELECT_RECEIPT_ROWS} ${where}`,
            values: [Buffer.from(digest), counts],
          }
        : {
            name: `verity-witnessed-receipts-by-${column}`,
            text: `${SELECT_WITNESSED_RECEIPT_ROWS} ${where}`,
            values: [Buffer.from(digest), counts, ...witnessParams(policy)],
          },
    );
    return [...(await this.receiptsOf(rows, policy)).values()];
  }

  /** Reads what the held nodes lack for a tree of `treeSize` leaves (one statement). */
  async refresh(treeSize: bigint): Promise<void> {
    const ranges = this.nodes.missing(treeSize);
    if (ranges.length === 0) return;
    const { rows } = await this.pool().query<{ level: number; first: string; count: string; hashes: Buffer }>({
      name: 'verity-node-ranges',
      text: SELECT_NODE_RANGES,
      values: [ranges.map((r) => r.level), ranges.map((r) => String(r.from)), ranges.map((r) => String(r.to))],
    });
    for (const row of rows) {
      const range = ranges.find((r) => r.level === row.level) as NodeRange;
      // Held only if the whole range came back (a level's prefix stays contiguous).
      if (Number(row.first) !== range.from || Number(row.count) !== range.to - range.from) continue;
      const hashes = Array.from({ length: range.to - range.from }, (_, i) =>
        row.hashes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
      );
      this.nodes.extend(range.level, range.from, hashes);
    }
  }

  /** Starts a refresh in the background unless one runs or ran within REFRESH_INTERVAL_MS. */
  private refreshSoon(treeSize: bigint): void {
    if (this.refreshing || performance.now() - this.lastRefresh < REFRESH_INTERVAL_MS) return;
    if (this.nodes.missing(treeSize).length === 0) return;
    this.lastRefresh = performance.now();
    this.refreshing = this.refresh(treeSize)
      .catch((error: unknown) => {
        // Lookups read what is not held from the store, so they stay correct; the next one retries.
        console.error(`verity: reading the log's upper nodes failed (${(error as Error).message})`);
      })
      .finally(() => {
        this.refreshing = undefined;
      });
  }

  /** What the rows record beside their leaves: digests, time and depositor, as a statement would. */
  private async asRecorded(ids: readonly string[]): Promise<Map<string, LeafStatement>> {
    const { rows } = await this.pool().query<{
      id: string;
      sha256: Buffer | null;
      sm3: Buffer | null;
      deposited_at: Date;
      org_id: string;
      org_name: string;
    }>(
      `SELECT d.id, d.sha256, d.sm3, d.deposited_at, o.id AS org_id, o.name AS org_name
        FROM deposits d JOIN depositor_orgs o ON o.id = d.org_id WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          version: STATEMENT_VERSION,
          digests: {
            ...(row.sha256 ? { sha256: row.sha256.toString('hex') } : {}),
            ...(row.sm3 ? { sm3: row.sm3.toString('hex') } : {}),
          },
          depositor: { id: row.org_id, name: row.org_name },
          depositedAt: row.deposited_at.toISOString(),
        },
      ]),
    );
  }

  private async receiptsOf(rows: readonly ReceiptRow[], policy: WitnessPolicy): Promise<Map<string, Receipt>> {
    // A leaf that is not a deposit statement (a damaged ledger) still gets a receipt, saying what
    // the row records, so every reader of it — lib/verification's check, a browser, a depositor's
    // tool — finds the leaf bad and says so, instead of the lookup failing. Rare: read apart.
    const statements = rows.map((row) => statementOf(row.leaf));
    const unreadable = rows.filter((_, i) => statements[i] === undefined).map((row) => row.id);
    const recorded = unreadable.length > 0 ? await this.asRecorded(unreadable) : undefined;
    const out = new Map<string, Receipt>();
    let newest = 0n;
    for (const [i, row] of rows.entries()) {
      const leaf = new Uint8Array(row.leaf);
      const statement = statements[i] ?? recorded?.get(row.id);
      if (row.leaf_index === null || row.tree_size === null || row.note === null) {
        out.set(row.id, buildPendingReceipt(row.id, leaf, statement));
        continue;
      }
      const leafIndex = BigInt(row.leaf_index);
      const treeSize = BigInt(row.tree_size);
      if (treeSize > newest) newest = treeSize;
      const found = new Map<string, Uint8Array>();
      const records = row.nodes ?? Buffer.alloc(0);
      for (let at = 0; at + NODE_RECORD <= records.length; at += NODE_RECORD) {
        const key = nodeKeyString({ level: records.readInt16BE(at), index: records.readBigInt64BE(at + 2) });
        found.set(key, Uint8Array.prototype.slice.call(records, at + 10, at + NODE_RECORD));
      }
      // The held nodes only grow, so every node the statement skipped is held.
      const lookup = (key: NodeKey) => found.get(nodeKeyString(key)) ?? this.nodes.get(key);
      const inclusionProof = rangeHashes(inclusionProofRanges(leafIndex, treeSize), lookup);
      const { checkpoint, witnessed } = withCosignatures(policy, treeSize, row);
      out.set(
        row.id,
        buildReceipt({ id: row.id, leaf, leafIndex, treeSize, checkpoint, inclusionProof, statement, witnessed }),
      );
    }
    if (newest > 0n) this.refreshSoon(newest);
    return out;
  }
}

/** The witnesses' keys in configured order, and the quorum: $3 and $4 of the witnessed statement. */
function witnessParams(policy: WitnessPolicy): [string[], number] {
  return [policy.witnesses.map((w) => w.verifierKey), policy.quorum];
}

/** The row's note with its stored cosignature lines, and whether they meet the quorum (with witnesses). */
function withCosignatures(
  policy: WitnessPolicy,
  treeSize: bigint,
  row: ReceiptRow,
): { checkpoint: string; witnessed: Witnessed | undefined } {
  const note = row.note as string;
  if (policy.witnesses.length === 0) return { checkpoint: note, witnessed: undefined };
  const cosigned = cosignedNote(policy, treeSize, note, row.keys ?? [], row.lines ?? []);
  return {
    checkpoint: cosigned.note,
    witnessed: cosigned.witnessed
      ? { quorum: policy.quorum, of: policy.witnesses.length, by: cosigned.by.map((w) => w.name) }
      : null,
  };
}

/** level (2 bytes) + index (8) + hash (32): one node in ReceiptRow.nodes. */
const NODE_RECORD = 2 + 8 + HASH_SIZE;

const readers = new WeakMap<pg.Pool, ReceiptReader>();

/** The reader of the process's pool (the held nodes belong to that pool's database). */
function reader(): ReceiptReader {
  const pool = getPool();
  let r = readers.get(pool);
  if (!r) {
    r = new ReceiptReader(new UpperNodes(), () => pool);
    readers.set(pool, r);
  }
  return r;
}

export function loadReceipts(ids: readonly string[]): Promise<Map<string, Receipt>> {
  return reader().byIds(ids);
}

/** Receipts of every deposit of a digest, oldest first. */
export function loadReceiptsByDigest(column: 'sha256' | 'sm3', digest: Uint8Array): Promise<Receipt[]> {
  return reader().byDigest(column, digest);
}

/** The leaf's statement, parsed once; undefined when it is not one (the rows of a sound ledger all are). */
function statementOf(leaf: Uint8Array): LeafStatement | undefined {
  try {
    return parseLeaf(leaf);
  } catch (error) {
    if (isStatementError(error)) return undefined;
    throw error;
  }
}
