import 'server-only';
/**
 * The anchors of a deposit: the first anchored checkpoint whose tree contains its leaf, with the
 * consistency proof between the checkpoint the deposit's proof is to and that one (either may be the
 * larger: a receipt's checkpoint is the newest covering the deposit, often after the anchor).
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { buildConsistencyProof } from '@/lib/ledger/build-proofs';
import { checkpointAt } from '@/lib/ledger/latest-checkpoint';
import { bytesToBase64 } from '@/lib/tlog';
import { chainLabels } from './anchor-settings';
import { listAnchors } from './anchor-store';
import type { DepositAnchor } from './deposit-anchor.schema';

/** Null when no anchor covers the leaf yet (or the log anchors nowhere). */
export async function findDepositAnchor(
  leafIndex: bigint,
  proofTreeSize: bigint,
  pool: pg.Pool = getPool(),
): Promise<DepositAnchor | null> {
  const { rows } = await pool.query<{ tree_size: string }>(
    'SELECT tree_size FROM log_anchors WHERE tree_size > $1 ORDER BY tree_size LIMIT 1',
    [leafIndex.toString()],
  );
  if (!rows[0]) return null;
  const size = BigInt(rows[0].tree_size);
  const labels = chainLabels();
  const [anchors, checkpoint] = await Promise.all([
    listAnchors({ from: size, to: size, limit: 20, labels }, pool),
    checkpointAt(size),
  ]);
  if (!checkpoint) return null;
  const [from, to] = size < proofTreeSize ? [size, proofTreeSize] : [proofTreeSize, size];
  const proof = await buildConsistencyProof(from, to, pool);
  // The configured chain's anchor first (a log that moved chains keeps the old ones too).
  const evm =
    anchors
      .filter((a) => a.kind === 'evm')
      .sort((a, b) => Number(b.rpcUrl !== null) - Number(a.rpcUrl !== null) || a.chainId - b.chainId)[0] ?? null;
  const timestamp = anchors.find((a) => a.kind === 'rfc3161') ?? null;
  let timestampPart: DepositAnchor['timestamp'] = null;
  if (timestamp) {
    const { checkpoint: _covered, ...rest } = timestamp;
    timestampPart = rest;
  }
  return {
    checkpoint: checkpoint.note,
    consistency: { from: Number(from), to: Number(to), proof: proof.map(bytesToBase64) },
    evm,
    timestamp: timestampPart,
  };
}
