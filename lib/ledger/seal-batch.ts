import 'server-only';
/**
 * The sequencer's one transaction: under a PostgreSQL advisory lock (one sealer at a time
 * across every process on the database), insert the new deposits, take any queued ones,
 * assign the next contiguous leaf indexes, store the new subtree hashes, and sign and store
 * the next checkpoint. Everything commits together or not at all, and each checkpoint
 * extends the previous one, so the log cannot fork.
 */
import type pg from 'pg';
import { withTransaction } from '@/lib/db/pool';
import { emptyRoot, formatCheckpoint, signNote } from '@/lib/tlog';
import { insertDeposits } from './insert-deposits';
import { logSigner } from './log-signer';
import { readNodes } from './node-store';
import type { PendingDeposit, SealedDeposit } from './pending-deposit';
import { appendLeaves, type StoredNode } from './tree/append';
import { mapLookup, rangeHash } from './tree/assemble';
import { inclusionProofRanges, nodeKeyString, perfectDecomposition } from './tree/ranges';

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
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK]);
    const state = await currentState(client, cached);
    if (fresh.length > 0) await insertDeposits(client, fresh);
    const queued = await takeQueued(client, MAX_BATCH - fresh.length);
    const batch = [...queued, ...fresh.map((d) => ({ id: d.id, leafHash: d.leafHash }))];

    const signer = logSigner();
    if (batch.length === 0) {
      if (state.size === 0n) {
        // The empty log's first checkpoint, so there is always one to hand out.
        const note = signNote(formatCheckpoint({ origin: signer.origin, size: 0n, rootHash: emptyRoot() }), [
          signer.signer,
        ]);
        // "No checkpoint yet" and "the empty checkpoint" both read as size 0: only the first sealer writes it.
        await client.query(
          'INSERT INTO checkpoints (tree_size, root_hash, note) VALUES (0, $1, $2) ON CONFLICT (tree_size) DO NOTHING',
          [Buffer.from(emptyRoot()), note],
        );
        const { rows } = await client.query<{ note: string }>('SELECT note FROM checkpoints WHERE tree_size = 0');
        return { sealed: [], state, checkpoint: rows[0]?.note ?? note };
      }
      const { rows } = await client.query<{ note: string }>('SELECT note FROM checkpoints WHERE tree_size = $1', [
        state.size.toString(),
      ]);
      return { sealed: [], state, checkpoint: rows[0]?.note ?? '' };
    }
    const appended = appendLeaves(
      state.size,
      state.frontier,
      batch.map((d) => d.leafHash),
    );
    const newSize = state.size + BigInt(batch.length);
    await client.query(
      'INSERT INTO log_leaves (leaf_index, deposit_id) SELECT * FROM unnest($1::bigint[], $2::uuid[])',
      [batch.map((_, i) => (state.size + BigInt(i)).toString()), batch.map((d) => d.id)],
    );
    await client.query(
      'INSERT INTO log_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])',
      [
        appended.newNodes.map((n) => n.level),
        appended.newNodes.map((n) => n.index.toString()),
        appended.newNodes.map((n) => Buffer.from(n.hash)),
      ],
    );
    const note = signNote(formatCheckpoint({ origin: signer.origin, size: newSize, rootHash: appended.root }), [
      signer.signer,
    ]);
    await client.query('INSERT INTO checkpoints (tree_size, root_hash, note) VALUES ($1, $2, $3)', [
      newSize.toString(),
      Buffer.from(appended.root),
      note,
    ]);

    // Proofs for the new leaves come from memory: every node they need is on the old frontier or new.
    const nodes = new Map<string, Uint8Array>();
    for (const n of [...state.frontier, ...appended.newNodes]) nodes.set(nodeKeyString(n), n.hash);
    const lookup = mapLookup(nodes);
    const sealed = batch.map((d, i) => {
      const leafIndex = state.size + BigInt(i);
      return {
        id: d.id,
        leafIndex,
        treeSize: newSize,
        checkpoint: note,
        inclusionProof: inclusionProofRanges(leafIndex, newSize).map((r) => rangeHash(r, lookup)),
      };
    });
    return { sealed, state: { size: newSize, frontier: appended.frontier }, checkpoint: note };
  });
}

async function currentState(client: pg.PoolClient, cached?: SealState): Promise<SealState> {
  const { rows } = await client.query<{ tree_size: string }>(
    'SELECT tree_size FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  const size = BigInt(rows[0]?.tree_size ?? '0');
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

async function takeQueued(client: pg.PoolClient, limit: number): Promise<Array<{ id: string; leafHash: Uint8Array }>> {
  if (limit <= 0) return [];
  const { rows } = await client.query<{ id: string; leaf_hash: Buffer }>(
    `WITH taken AS (
       DELETE FROM sequence_queue WHERE deposit_id IN (
         SELECT deposit_id FROM sequence_queue ORDER BY enqueued_at, deposit_id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING deposit_id, enqueued_at)
     SELECT d.id, d.leaf_hash FROM taken JOIN deposits d ON d.id = taken.deposit_id
     ORDER BY taken.enqueued_at, d.id`,
    [limit],
  );
  return rows.map((r) => ({ id: r.id, leafHash: new Uint8Array(r.leaf_hash) }));
}
