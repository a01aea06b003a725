import 'server-only';
/**
 * The audit's reads. Every query returns a bounded slice (one chunk of leaf indexes, one page
 * of checkpoints, the first few problems), so memory does not grow with the log.
 */
import type pg from 'pg';
import { type NodeKey, nodeKeyString } from '../tree/ranges';

const LEVELS = Array.from({ length: 64 }, (_, level) => level);

/**
 * Keeps a LATERAL subquery from being flattened into a join. Flattened, the planner may answer a
 * chunk with a hash join over the whole table (it did, measured at 300,000 leaves): cheap for one
 * query, but once per chunk it makes the audit quadratic. Fenced, each outer row drives an index
 * lookup, so a chunk costs the same at any log size.
 */
const FENCED = 'OFFSET 0';

export interface LogExtent {
  /** One past the largest leaf index in log_leaves (0 when empty). */
  leafEnd: bigint;
  /** The latest checkpoint's tree size, or null when there is none. */
  checkpointEnd: bigint | null;
}

export async function readLogExtent(client: pg.ClientBase): Promise<LogExtent> {
  const { rows } = await client.query<{ max_leaf: string | null; max_size: string | null }>(
    `SELECT (SELECT max(leaf_index) FROM log_leaves) AS max_leaf, (SELECT max(tree_size) FROM checkpoints) AS max_size`,
  );
  const row = rows[0];
  return {
    leafEnd: row?.max_leaf == null ? 0n : BigInt(row.max_leaf) + 1n,
    checkpointEnd: row?.max_size == null ? null : BigInt(row.max_size),
  };
}

export interface LeafRow {
  leafIndex: bigint;
  depositId: string;
  /** Null when the deposit row does not exist. */
  leaf: Uint8Array | null;
  leafHash: Uint8Array | null;
}

/** The log_leaves rows in [lo, hi) with their deposits, by leaf index. */
export async function readLeafRows(client: pg.ClientBase, lo: bigint, hi: bigint): Promise<LeafRow[]> {
  const { rows } = await client.query<{
    leaf_index: string;
    deposit_id: string;
    leaf: Buffer | null;
    leaf_hash: Buffer | null;
  }>(
    // One primary-key lookup per leaf (see FENCED): a hash join would read all deposits per chunk.
    `SELECT l.leaf_index, l.deposit_id, d.leaf, d.leaf_hash
       FROM log_leaves l
       LEFT JOIN LATERAL (SELECT leaf, leaf_hash FROM deposits WHERE id = l.deposit_id ${FENCED}) d ON true
      WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index`,
    [lo.toString(), hi.toString()],
  );
  return rows.map((r) => ({
    leafIndex: BigInt(r.leaf_index),
    depositId: r.deposit_id,
    leaf: r.leaf,
    leafHash: r.leaf_hash,
  }));
}

/**
 * Every stored node that completes when the tree grows from lo to hi leaves: at level L, the
 * indexes [lo >> L, hi >> L). These are exactly the nodes appendLeaves produces for that growth.
 */
export async function readNodesCompletingIn(
  client: pg.ClientBase,
  lo: bigint,
  hi: bigint,
): Promise<Map<string, Uint8Array>> {
  const ranges = LEVELS.map((level) => ({ level, first: lo >> BigInt(level), last: hi >> BigInt(level) })).filter(
    (r) => r.first < r.last,
  );
  const { rows } = await client.query<{ level: number; node_index: string; hash: Buffer }>(
    // One primary-key range scan per level (see FENCED).
    `SELECT n.level, n.node_index, n.hash FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS r(level, first, last)
       CROSS JOIN LATERAL (SELECT level, node_index, hash FROM log_nodes
                            WHERE level = r.level AND node_index >= r.first AND node_index < r.last ${FENCED}) n`,
    [ranges.map((r) => r.level), ranges.map((r) => r.first.toString()), ranges.map((r) => r.last.toString())],
  );
  const found = new Map<string, Uint8Array>();
  for (const r of rows) found.set(nodeKeyString({ level: r.level, index: BigInt(r.node_index) }), r.hash);
  return found;
}

/** Stored nodes that a tree of `size` leaves does not have (index ≥ size >> level), the first `limit`. */
export async function readUnexpectedNodes(
  client: pg.ClientBase,
  size: bigint,
  limit: number,
): Promise<{ nodes: NodeKey[]; total: number }> {
  const { rows } = await client.query<{ level: number; node_index: string; total: string }>(
    `SELECT n.level, n.node_index, count(*) OVER () AS total
       FROM unnest($1::smallint[], $2::bigint[]) AS k(level, first)
       CROSS JOIN LATERAL (SELECT level, node_index FROM log_nodes WHERE level = k.level AND node_index >= k.first ${FENCED}) n
      ORDER BY n.level, n.node_index LIMIT $3`,
    [LEVELS, LEVELS.map((level) => (size >> BigInt(level)).toString()), limit],
  );
  return {
    nodes: rows.map((r) => ({ level: r.level, index: BigInt(r.node_index) })),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Deposits neither in the log nor waiting to be sealed, the first `limit`. */
export async function readOrphanDeposits(
  client: pg.ClientBase,
  limit: number,
): Promise<{ ids: string[]; total: number }> {
  const { rows } = await client.query<{ id: string; total: string }>(
    `SELECT d.id, count(*) OVER () AS total FROM deposits d
      WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.deposit_id = d.id)
        AND NOT EXISTS (SELECT 1 FROM sequence_queue q WHERE q.deposit_id = d.id)
      ORDER BY d.id LIMIT $1`,
    [limit],
  );
  return { ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0) };
}

export interface CheckpointRow {
  treeSize: bigint;
  rootHash: Uint8Array;
  note: string;
}

/** Checkpoints in tree-size order, a page at a time (keyset pagination), with one-row lookahead. */
export class CheckpointCursor {
  private page: CheckpointRow[] = [];
  private at = 0;
  private after = -1n;
  private done = false;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly pageSize = 1000,
  ) {}

  async peek(): Promise<CheckpointRow | undefined> {
    if (this.at === this.page.length && !this.done) {
      const { rows } = await this.client.query<{ tree_size: string; root_hash: Buffer; note: string }>(
        'SELECT tree_size, root_hash, note FROM checkpoints WHERE tree_size > $1 ORDER BY tree_size LIMIT $2',
        [this.after.toString(), this.pageSize],
      );
      this.page = rows.map((r) => ({ treeSize: BigInt(r.tree_size), rootHash: r.root_hash, note: r.note }));
      this.at = 0;
      this.done = rows.length < this.pageSize;
      const last = this.page.at(-1);
      if (last) this.after = last.treeSize;
    }
    return this.page[this.at];
  }

  take(): void {
    this.at++;
  }
}
