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
import { anchorSettings, chainLabels } from './anchor-settings';
import { listAnchors } from './anchor-store';
import type { DepositAnchor } from './deposit-anchor.schema';

/** Where to look: the configured chain's anchors (default), or time-stamps alone when there is no chain. */
export interface FindDepositAnchorOptions {
  chain?: { chainId: number; contract: string } | null;
  pool?: pg.Pool;
}

/**
 * Null when no anchor covers the leaf yet (or the log anchors nowhere). With a chain, the first
 * checkpoint anchored on it (a log that moved chains keeps the old anchors, which are not the
 * configured chain's); without one, the first time-stamped checkpoint.
 */
export async function findDepositAnchor(
  leafIndex: bigint,
  proofTreeSize: bigint,
  options: FindDepositAnchorOptions = {},
): Promise<DepositAnchor | null> {
  const pool = options.pool ?? getPool();
  const settings = anchorSettings();
  const configured = settings.chain;
  const chain =
    options.chain === undefined
      ? configured && { chainId: configured.chainId, contract: configured.contract }
      : options.chain;
  const { rows } = chain
    ? await pool.query<{ tree_size: string }>(
        `SELECT tree_size FROM log_anchors WHERE kind = 'evm' AND chain_id = $2 AND contract = $3 AND tree_size > $1
          ORDER BY tree_size LIMIT 1`,
        [leafIndex.toString(), chain.chainId, chain.contract.toLowerCase()],
      )
    : await pool.query<{ tree_size: string }>(
        // The configured authorities' tokens (all authorities' when none is configured).
        `SELECT tree_size FROM log_anchors WHERE kind = 'rfc3161' AND tree_size > $1
            AND ($2::text[] IS NULL OR tsa_url = ANY($2::text[]))
          ORDER BY tree_size LIMIT 1`,
        [leafIndex.toString(), settings.tsa?.urls ?? null],
      );
  if (!rows[0]) return null;
  const size = BigInt(rows[0].tree_size);
  const labels = chainLabels(settings);
  const [anchors, checkpoint] = await Promise.all([
    listAnchors({ from: size, to: size, limit: 20, labels }, pool),
    checkpointAt(size),
  ]);
  if (!checkpoint) return null;
  const [from, to] = size < proofTreeSize ? [size, proofTreeSize] : [proofTreeSize, size];
  const proof = await buildConsistencyProof(from, to, pool);
  const evm =
    (chain &&
      anchors.find(
        (a): a is Extract<typeof a, { kind: 'evm' }> =>
          a.kind === 'evm' && a.chainId === chain.chainId && a.contract === chain.contract.toLowerCase(),
      )) ??
    null;
  // A token from a configured authority first (its roots are the ones the log checks tokens
  // against); one from an authority configured before, if that is all there is.
  const tokens = anchors.filter((a) => a.kind === 'rfc3161');
  const timestamp = tokens.find((a) => settings.tsa?.urls.includes(a.tsaUrl)) ?? tokens[0] ?? null;
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
