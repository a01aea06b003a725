import 'server-only';
/**
 * What an administrator sees of anchoring (the court settings page): where the log anchors (chain
 * and time-stamping authorities, demo or not), the newest anchor of each kind, each target's
 * failures in a row with the last error (a chain or TSA that is down is retried, and shown here),
 * and alarms — the chain holding another root for a size the log anchored.
 */
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { anchorSettings } from './anchor-settings';
import { type AnchorTargetStatus, anchorStatuses } from './anchor-store';

export interface AnchoringStatus {
  chain: { name: string; chainId: number; contract: string; rpcUrl: string; demo: boolean } | null;
  tsa: { urls: string[]; demo: boolean } | null;
  intervalSeconds: number;
  everyLeaves: number;
  latestSize: number;
  newest: {
    evm: { treeSize: number; blockNumber: number; at: Date } | null;
    rfc3161: { treeSize: number; at: Date } | null;
  };
  targets: AnchorTargetStatus[];
  alarms: Array<{
    chainId: number;
    contract: string;
    treeSize: number;
    logRoot: string;
    chainRoot: string;
    detectedAt: Date;
  }>;
}

export async function getAnchoringStatus(actor: Actor): Promise<AnchoringStatus> {
  requireAdmin(actor, 'see the anchoring of the evidence ledger');
  const settings = anchorSettings();
  const pool = getPool();
  const [latest, evm, rfc3161, targets, alarms] = await Promise.all([
    pool.query<{ size: string | null }>('SELECT max(tree_size) AS size FROM checkpoints'),
    pool.query<{ tree_size: string; block_number: string; anchored_at: Date }>(
      `SELECT tree_size, block_number, anchored_at FROM log_anchors WHERE kind = 'evm' ORDER BY tree_size DESC LIMIT 1`,
    ),
    pool.query<{ tree_size: string; anchored_at: Date }>(
      `SELECT tree_size, anchored_at FROM log_anchors WHERE kind = 'rfc3161' ORDER BY tree_size DESC LIMIT 1`,
    ),
    anchorStatuses(pool),
    pool.query<{
      chain_id: string;
      contract: string;
      tree_size: string;
      log_root: Buffer;
      chain_root: Buffer;
      detected_at: Date;
    }>('SELECT * FROM anchor_alarms ORDER BY detected_at DESC LIMIT 5'),
  ]);
  const e = evm.rows[0];
  const r = rfc3161.rows[0];
  return {
    chain: settings.chain && {
      name: settings.chain.name,
      chainId: settings.chain.chainId,
      contract: settings.chain.contract,
      rpcUrl: settings.chain.rpcUrl,
      demo: settings.chain.demo,
    },
    tsa: settings.tsa && { urls: settings.tsa.urls, demo: settings.tsa.demo },
    intervalSeconds: settings.intervalMs / 1000,
    everyLeaves: settings.everyLeaves,
    latestSize: Number(latest.rows[0]?.size ?? 0),
    newest: {
      evm: e ? { treeSize: Number(e.tree_size), blockNumber: Number(e.block_number), at: e.anchored_at } : null,
      rfc3161: r ? { treeSize: Number(r.tree_size), at: r.anchored_at } : null,
    },
    targets,
    alarms: alarms.rows.map((a) => ({
      chainId: Number(a.chain_id),
      contract: a.contract,
      treeSize: Number(a.tree_size),
      logRoot: a.log_root.toString('hex'),
      chainRoot: a.chain_root.toString('hex'),
      detectedAt: a.detected_at,
    })),
  };
}
