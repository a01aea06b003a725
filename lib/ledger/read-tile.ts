import 'server-only';
/**
 * The log's tiles (c2sp.org/tlog-tiles) from the stored tree: a hash tile at level L is the
 * stored subtree hashes of tree level 8·L (log_nodes keeps every complete subtree, so every hash
 * a tile can hold is a row: nothing is computed), an entry bundle is the leaves' exact bytes
 * (deposits.leaf) with 2-byte length prefixes. One indexed range read each. Nodes, leaves and
 * the checkpoint are written in one transaction, so what a read sees is a whole tree.
 *
 * @see https://c2sp.org/tlog-tiles
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { encodeEntryBundle, TILE_HEIGHT, TILE_WIDTH, type Tile } from '@/lib/tlog';

/** log_nodes holds levels 0–63, and no tree here reaches 2^53 leaves (sizes are JS-safe numbers elsewhere). */
const MAX_STORED_LEAF = 2n ** 53n;

/**
 * The tile's bytes, or null when the tree does not (yet) have all of its `width` hashes or
 * entries. A partial tile is served for any width the tree covers — the widths of earlier
 * checkpoints too, whose readers still ask for them — and a full tile once all 256 exist.
 */
export async function readTile(tile: Tile, client: pg.Pool | pg.ClientBase = getPool()): Promise<Uint8Array | null> {
  const level = tile.level === 'entries' ? 0 : tile.level;
  const treeLevel = TILE_HEIGHT * level;
  const first = tile.index * BigInt(TILE_WIDTH);
  // Past any stored tree: no query (and nothing that overflows PostgreSQL's bigint).
  if (treeLevel > 53 || (first + BigInt(tile.width)) << BigInt(treeLevel) > MAX_STORED_LEAF) return null;
  const range = [first.toString(), (first + BigInt(tile.width)).toString()];
  if (tile.level === 'entries') {
    const { rows } = await client.query<{ leaf: Buffer }>({
      name: 'verity-read-entry-bundle',
      text: `SELECT d.leaf FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id
             WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index`,
      values: range,
    });
    return rows.length === tile.width ? encodeEntryBundle(rows.map((r) => r.leaf)) : null;
  }
  const { rows } = await client.query<{ hash: Buffer }>({
    name: 'verity-read-hash-tile',
    text: `SELECT hash FROM log_nodes WHERE level = $1 AND node_index >= $2 AND node_index < $3 ORDER BY node_index`,
    values: [treeLevel, ...range],
  });
  if (rows.length !== tile.width) return null;
  const out = new Uint8Array(tile.width * 32);
  rows.forEach((row, i) => {
    out.set(row.hash, i * 32);
  });
  return out;
}
