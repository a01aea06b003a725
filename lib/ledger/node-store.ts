import 'server-only';
/** Reading stored subtree hashes: one round trip for any set of nodes, prepared once per connection. */
import type pg from 'pg';
import { type NodeKey, nodeKeyString } from './tree/ranges';

export async function readNodes(
  client: pg.ClientBase | pg.Pool,
  keys: readonly NodeKey[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (keys.length === 0) return found;
  const { rows } = await client.query<{ level: number; node_index: string; hash: Buffer }>({
    name: 'verity-read-nodes',
    text: `SELECT n.level, n.node_index, n.hash FROM log_nodes n
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, node_index)
         ON n.level = k.level AND n.node_index = k.node_index`,
    values: [keys.map((k) => k.level), keys.map((k) => k.index.toString())],
  });
  for (const row of rows) {
    found.set(nodeKeyString({ level: row.level, index: BigInt(row.node_index) }), new Uint8Array(row.hash));
  }
  return found;
}
