import 'server-only';
/**
 * The anchors in the ledger's database (migration 20261209000000_log_anchors.sql): log_anchors
 * (EVM transactions and RFC 3161 tokens, append-only, one per checkpoint and target), anchor_alarms
 * (the chain holding another root for a size the log anchored) and anchor_status (how each target
 * is doing, for admins; the only mutable table here).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import type { LogAnchorAnswer } from '@/lib/ledger/log.schema';

export interface StoredEvmAnchor {
  treeSize: bigint;
  rootHash: Uint8Array;
  chainId: number;
  contract: `0x${string}`;
  transactionHash: `0x${string}`;
  blockNumber: bigint;
  blockHash: `0x${string}`;
  /** The block's timestamp. */
  anchoredAt: Date;
  demo: boolean;
}

export interface StoredTimestamp {
  treeSize: bigint;
  rootHash: Uint8Array;
  tsaUrl: string;
  tsaName: string;
  /** The note text the token covers. */
  checkpoint: string;
  token: Uint8Array;
  /** The TSA's chain as PEM, root last. */
  certificates: string[];
  /** The token's genTime. */
  anchoredAt: Date;
  demo: boolean;
}

/** Stores a confirmed EVM anchor; false when one is stored already for this checkpoint and contract. */
export async function storeEvmAnchor(a: StoredEvmAnchor, pool: pg.Pool = getPool()): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO log_anchors (id, kind, tree_size, root_hash, chain_id, contract, transaction_hash, block_number,
       block_hash, anchored_at, demo)
     VALUES ($1, 'evm', $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (chain_id, contract, tree_size) WHERE kind = 'evm' DO NOTHING`,
    [
      randomUUID(),
      a.treeSize.toString(),
      Buffer.from(a.rootHash),
      a.chainId,
      a.contract.toLowerCase(),
      a.transactionHash.toLowerCase(),
      a.blockNumber.toString(),
      a.blockHash.toLowerCase(),
      a.anchoredAt,
      a.demo,
    ],
  );
  return rowCount === 1;
}

/** Stores a checked time-stamp token; false when one is stored already for this checkpoint and TSA. */
export async function storeTimestamp(t: StoredTimestamp, pool: pg.Pool = getPool()): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO log_anchors (id, kind, tree_size, root_hash, tsa_url, tsa_name, checkpoint, token, certificates,
       anchored_at, demo)
     VALUES ($1, 'rfc3161', $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tsa_url, tree_size) WHERE kind = 'rfc3161' DO NOTHING`,
    [
      randomUUID(),
      t.treeSize.toString(),
      Buffer.from(t.rootHash),
      t.tsaUrl,
      t.tsaName,
      t.checkpoint,
      Buffer.from(t.token),
      t.certificates,
      t.anchoredAt,
      t.demo,
    ],
  );
  return rowCount === 1;
}

/** The largest tree size anchored on this chain contract, with when it was recorded; null: none yet. */
export async function lastEvmAnchor(
  chainId: number,
  contract: string,
  pool: pg.Pool = getPool(),
): Promise<{ treeSize: bigint; recordedAt: Date } | null> {
  const { rows } = await pool.query<{ tree_size: string; recorded_at: Date }>(
    `SELECT tree_size, recorded_at FROM log_anchors WHERE kind = 'evm' AND chain_id = $1 AND contract = $2
      ORDER BY tree_size DESC LIMIT 1`,
    [chainId, contract.toLowerCase()],
  );
  const row = rows[0];
  return row ? { treeSize: BigInt(row.tree_size), recordedAt: row.recorded_at } : null;
}

/** The largest tree size time-stamped by any of these TSAs, with when it was recorded; null: none yet. */
export async function lastTimestamp(
  tsaUrls: readonly string[],
  pool: pg.Pool = getPool(),
): Promise<{ treeSize: bigint; recordedAt: Date } | null> {
  const { rows } = await pool.query<{ tree_size: string; recorded_at: Date }>(
    `SELECT tree_size, recorded_at FROM log_anchors WHERE kind = 'rfc3161' AND tsa_url = ANY($1::text[])
      ORDER BY tree_size DESC LIMIT 1`,
    [tsaUrls],
  );
  const row = rows[0];
  return row ? { treeSize: BigInt(row.tree_size), recordedAt: row.recorded_at } : null;
}

/** EVM anchors not yet time-stamped by this TSA, oldest first. */
export async function untimestampedAnchors(
  tsaUrls: readonly string[],
  limit: number,
  pool: pg.Pool = getPool(),
): Promise<Array<{ treeSize: bigint; rootHash: Uint8Array; note: string }>> {
  const { rows } = await pool.query<{ tree_size: string; root_hash: Buffer; note: string }>(
    `SELECT DISTINCT a.tree_size, a.root_hash, c.note FROM log_anchors a JOIN checkpoints c USING (tree_size)
      WHERE a.kind = 'evm' AND NOT EXISTS (SELECT 1 FROM log_anchors t
        WHERE t.kind = 'rfc3161' AND t.tree_size = a.tree_size AND t.tsa_url = ANY($1::text[]))
      ORDER BY a.tree_size LIMIT $2`,
    [tsaUrls, limit],
  );
  return rows.map((r) => ({ treeSize: BigInt(r.tree_size), rootHash: new Uint8Array(r.root_hash), note: r.note }));
}

/** Records that the chain holds another root for a size the log anchored (once per distinct root). */
export async function storeAnchorAlarm(
  a: { chainId: number; contract: string; treeSize: bigint; logRoot: Uint8Array; chainRoot: Uint8Array },
  pool: pg.Pool = getPool(),
): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO anchor_alarms (id, chain_id, contract, tree_size, log_root, chain_root)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [
      randomUUID(),
      a.chainId,
      a.contract.toLowerCase(),
      a.treeSize.toString(),
      Buffer.from(a.logRoot),
      Buffer.from(a.chainRoot),
    ],
  );
  return rowCount === 1;
}

/** A target's success or failure, for admins (anchor_status). */
export async function recordAnchorOutcome(
  target: string,
  outcome: { ok: true } | { ok: false; code: string; message: string },
  pool: pg.Pool = getPool(),
): Promise<void> {
  if (outcome.ok) {
    await pool.query(
      `INSERT INTO anchor_status (target, last_success_at, failures_in_row, updated_at) VALUES ($1, now(), 0, now())
       ON CONFLICT (target) DO UPDATE SET last_success_at = now(), failures_in_row = 0, updated_at = now()`,
      [target],
    );
    return;
  }
  await pool.query(
    `INSERT INTO anchor_status (target, last_failure_at, last_error_code, last_error_message, failures_in_row, updated_at)
     VALUES ($1, now(), $2, $3, 1, now())
     ON CONFLICT (target) DO UPDATE SET last_failure_at = now(), last_error_code = $2, last_error_message = $3,
       failures_in_row = anchor_status.failures_in_row + 1, updated_at = now()`,
    [target, outcome.code.slice(0, 64), outcome.message.slice(0, 2000) || outcome.code],
  );
}

export interface AnchorTargetStatus {
  target: string;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  failuresInRow: number;
}

/** Every target's status, for the admins' page. */
export async function anchorStatuses(pool: pg.Pool = getPool()): Promise<AnchorTargetStatus[]> {
  const { rows } = await pool.query<{
    target: string;
    last_success_at: Date | null;
    last_failure_at: Date | null;
    last_error_code: string | null;
    last_error_message: string | null;
    failures_in_row: number;
  }>('SELECT * FROM anchor_status ORDER BY target');
  return rows.map((r) => ({
    target: r.target,
    lastSuccessAt: r.last_success_at,
    lastFailureAt: r.last_failure_at,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    failuresInRow: r.failures_in_row,
  }));
}

/** How a served anchor names its chain and whether the public may read it (from the configuration). */
export interface ChainLabels {
  chainName(chainId: number, contract: string): string;
  publicRpcUrl(chainId: number, contract: string): string | null;
}

interface AnchorRow {
  kind: 'evm' | 'rfc3161';
  tree_size: string;
  root_hash: Buffer;
  chain_id: string | null;
  contract: string | null;
  transaction_hash: string | null;
  block_number: string | null;
  block_hash: string | null;
  tsa_url: string | null;
  tsa_name: string | null;
  checkpoint: string | null;
  token: Buffer | null;
  certificates: string[];
  anchored_at: Date;
  demo: boolean;
}

/**
 * Anchors as `GET /api/v1/log/anchors` serves them, in tree-size order: `from` given, up to `limit`
 * from that size on; otherwise the newest `limit`.
 */
export async function listAnchors(
  options: { from?: bigint; to?: bigint; limit: number; labels: ChainLabels },
  pool: pg.Pool = getPool(),
): Promise<LogAnchorAnswer[]> {
  const { rows } =
    options.from === undefined
      ? await pool.query<AnchorRow>(
          `SELECT * FROM (SELECT * FROM log_anchors ORDER BY tree_size DESC, kind, id LIMIT $1) newest
            ORDER BY tree_size, kind, id`,
          [options.limit],
        )
      : await pool.query<AnchorRow>(
          `SELECT * FROM log_anchors WHERE tree_size >= $1 AND ($2::bigint IS NULL OR tree_size <= $2)
            ORDER BY tree_size, kind, id LIMIT $3`,
          [options.from.toString(), options.to?.toString() ?? null, options.limit],
        );
  return rows.map((r) => anchorAnswer(r, options.labels));
}

function anchorAnswer(r: AnchorRow, labels: ChainLabels): LogAnchorAnswer {
  const common = {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash.toString('base64'),
    demo: r.demo,
    anchoredAt: r.anchored_at.toISOString(),
  };
  if (r.kind === 'evm') {
    const chainId = Number(r.chain_id);
    const contract = r.contract ?? '';
    return {
      kind: 'evm',
      ...common,
      chainId,
      chain: labels.chainName(chainId, contract),
      contract,
      transactionHash: r.transaction_hash ?? '',
      blockNumber: Number(r.block_number),
      blockHash: r.block_hash ?? '',
      rpcUrl: labels.publicRpcUrl(chainId, contract),
    };
  }
  return {
    kind: 'rfc3161',
    ...common,
    tsa: r.tsa_name ?? '',
    tsaUrl: r.tsa_url ?? '',
    checkpoint: r.checkpoint ?? '',
    token: (r.token ?? Buffer.alloc(0)).toString('base64'),
    certificates: r.certificates,
  };
}
