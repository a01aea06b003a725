import 'server-only';
/**
 * The sequencer's one transaction: under a PostgreSQL advisory lock (one sealer at a time
 * across every process on the database), insert the new deposits, take any queued ones,
 * assign the next contiguous leaf indexes, store the new subtree hashes, and sign and store
 * the next checkpoint. Everything commits together or not at all, and each checkpoint
 * extends the previous one, so the log cannot fork. Four round trips: BEGIN; lock + size +
 * queue; all the inserts; COMMIT (plus one to read the tree's right edge when another
 * process sealed since this one's last batch).
 */
import type pg from 'pg';
import { byteaArray, int2Array, int8Array, uuidArray } from '@/lib/db/binary-array';
import { withTransaction } from '@/lib/db/pool';
import { emptyRoot, formatCheckpoint } from '@/lib/tlog';
import { depositColumns, INSERT_DEPOSITS_SQL, insertTitlesSql, titleColumns } from './insert-deposits';
import { logSigner } from './log-signer';
import { readNodes } from './node-store';
import type { PendingDeposit, SealedDeposit } from './pending-deposit';
import { appendLeaves, type StoredNode } from './tree/append';
import { appendedLeafProofs } from './tree/batch-proofs';
import { nodeKeyString, perfectDecomposition } from './tree/ranges';

/** Arbitrary, fixed: the advisory lock key that makes one sealer at a time. */
export const SEQUENCER_LOCK = 7_406_110_321;
export const MAX_BATCH = 4000;

export interface SealState {
  size: bigint;
  frontier: StoredNode[];
}

export interface SealResult {
  sealed: SealedDeposit[];
  state: SealState;
  checkpoint: string;
}

export async function sealBatch(fresh: readonly PendingDeposit[], cached?: SealState): Promise<SealResult> {
  return withTransaction(async (client) => {
    // Lock, tree size and queued deposits in one round trip (a simple-protocol query: no parameters).
    const results = (await client.query(
      `SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK});
       SELECT tree_size FROM checkpoints ORDER BY tree_size DESC LIMIT 1;
       ${takeQueuedSql(MAX_BATCH - fresh.length)}`,
    )) as unknown as [pg.QueryResult, pg.QueryResult<{ tree_size: string }>, pg.QueryResult<QueuedRow>];
    const state = await currentState(client, BigInt(results[1].rows[0]?.tree_size ?? '0'), cached);
    const queued = results[2].rows.map((r) => ({ id: r.id, leafHash: new Uint8Array(r.leaf_hash) }));
    const batch = [...queued, ...fresh.map((d) => ({ id: d.id, leafHash: d.leafHash }))];

    const signer = logSigner();
    if (batch.length === 0) return { sealed: [], state, checkpoint: await unchangedCheckpoint(client, state.size) };
    const appended = appendLeaves(
      state.size,
      state.frontier,
      batch.map((d) => d.leafHash),
    );
    const newSize = state.size + BigInt(batch.length);
    const note = signer.signCheckpoint(
      formatCheckpoint({ origin: signer.origin, size: newSize, rootHash: appended.root }),
    );
    // Deposits (with the titles the portal keeps), leaves, nodes and the checkpoint in one
    // statement (references are checked at its end).
    await client.query({
      name: 'verity-seal',
      text: `WITH d AS (${INSERT_DEPOSITS_SQL}),
        l AS (INSERT INTO log_leaves (leaf_index, deposit_id) SELECT * FROM unnest($8::bigint[], $9::uuid[])),
        n AS (INSERT INTO log_nodes (level, node_index, hash)
              SELECT * FROM unnest($10::smallint[], $11::bigint[], $12::bytea[])),
        t AS (${insertTitlesSql(16)})
        INSERT INTO checkpoints (tree_size, root_hash, note) VALUES ($13, $14, $15)`,
      values: [
        ...depositColumns(fresh),
        int8Array(batch.map((_, i) => state.size + BigInt(i))),
        uuidArray(batch.map((d) => d.id)),
        int2Array(appended.newNodes.map((n) => n.level)),
        int8Array(appended.newNodes.map((n) => n.index)),
        byteaArray(appended.newNodes.map((n) => n.hash)),
        newSize.toString(),
        Buffer.from(appended.root),
        note,
        ...titleColumns(fresh),
      ],
    });

    // Proofs for the new leaves come from memory: every node they need is on the old frontier or new.
    const proofs = appendedLeafProofs(state.size, state.frontier, appended.newNodes);
    const sealed = batch.map((d, i) => ({
      id: d.id,
      leafIndex: state.size + BigInt(i),
      treeSize: newSize,
      checkpoint: note,
      inclusionProof: proofs[i] as Uint8Array[],
    }));
    return { sealed, state: { size: newSize, frontier: appended.frontier }, checkpoint: note };
  });
}

/** The checkpoint of a seal with nothing to add: the current one, or the empty log's first. */
async function unchangedCheckpoint(client: pg.PoolClient, size: bigint): Promise<string> {
  if (size === 0n) {
    const signer = logSigner();
    const note = signer.signCheckpoint(formatCheckpoint({ origin: signer.origin, size: 0n, rootHash: emptyRoot() }));
    // "No checkpoint yet" and "the empty checkpoint" both read as size 0: only the first sealer writes it.
    await client.query(
      'INSERT INTO checkpoints (tree_size, root_hash, note) VALUES (0, $1, $2) ON CONFLICT (tree_size) DO NOTHING',
      [Buffer.from(emptyRoot()), note],
    );
  }
  const { rows } = await client.query<{ note: string }>('SELECT note FROM checkpoints WHERE tree_size = $1', [
    size.toString(),
  ]);
  return rows[0]?.note ?? '';
}

async function currentState(client: pg.PoolClient, size: bigint, cached?: SealState): Promise<SealState> {
  if (cached && cached.size === size) return cached; // nobody else sealed since our last batch
  const keys = perfectDecomposition({ lo: 0n, hi: size });
  const found = await readNodes(client, keys);
  const frontier = keys.map((key) => {
    const hash = found.get(nodeKeyString(key));
    if (!hash) throw new Error(`ledger: frontier node ${nodeKeyString(key)} of size ${size} is missing`);
    return { ...key, hash };
  });
  return { size, frontier };
}

interface QueuedRow {
  id: string;
  leaf_hash: Buffer;
}

/** Takes up to `limit` deposits accepted with ?wait=false (oldest first), as one statement. */
function takeQueuedSql(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`queue limit ${limit}`);
  return `WITH taken AS (
       DELETE FROM sequence_queue WHERE deposit_id IN (
         SELECT deposit_id FROM sequence_queue ORDER BY enqueued_at, deposit_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       RETURNING deposit_id, enqueued_at)
     SELECT d.id, d.leaf_hash FROM taken JOIN deposits d ON d.id = taken.deposit_id
     ORDER BY taken.enqueued_at, d.id`;
}
