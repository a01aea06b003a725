import 'server-only';
/**
 * The newest deposits on the ledger, a page at a time, newest first. Leaf indexes are dense
 * (0 … size − 1), so page p is one range of the log_leaves primary key — `size − p·n ≤ index <
 * size − (p − 1)·n` — and each row's deposit one primary-key lookup: the cost of a page does not
 * grow with the ledger (no OFFSET, no count(*)). The size is the newest signed checkpoint's, so a
 * page lists only recorded deposits and "record N of M" agrees with the checkpoint shown.
 */
import type pg from 'pg';
import { z } from 'zod';
import { getPool } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import { type PublicDeposit, publicDepositFromLeaf } from './public-deposit';

export const RECENT_PAGE_SIZE = 20;

export const ZRecentDepositsQuery = z.strictObject({
  page: z.coerce
    .number({ error: 'page must be a whole number from 1' })
    .int({ error: 'page must be a whole number from 1' })
    .min(1, { error: 'page must be a whole number from 1' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'page is too large' })
    .default(1),
});

export interface RecentDeposits {
  /** The page asked for, and how many there are (at least 1: an empty ledger has one empty page). */
  page: number;
  pages: number;
  /** Deposits on the ledger (the newest checkpoint's size). */
  total: number;
  deposits: PublicDeposit[];
}

export async function listRecentDeposits(input: unknown, pool: pg.Pool = getPool()): Promise<RecentDeposits> {
  const { page } = parseInput(ZRecentDepositsQuery, input);
  const { rows: sizes } = await pool.query<{ tree_size: string }>(
    'SELECT tree_size FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  const total = Number(sizes[0]?.tree_size ?? 0);
  const pages = Math.max(1, Math.ceil(total / RECENT_PAGE_SIZE));
  const hi = total - (page - 1) * RECENT_PAGE_SIZE;
  if (hi <= 0) return { page, pages, total, deposits: [] };
  const lo = Math.max(0, hi - RECENT_PAGE_SIZE);
  const { rows } = await pool.query<{ leaf_index: string; id: string; leaf: Buffer; deposited_at: Date }>(
    `SELECT l.leaf_index, d.id, d.leaf, d.deposited_at
       FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id
      WHERE l.leaf_index >= $1 AND l.leaf_index < $2
      ORDER BY l.leaf_index DESC`,
    [lo, hi],
  );
  return {
    page,
    pages,
    total,
    deposits: rows.map((r) =>
      publicDepositFromLeaf({
        id: r.id,
        leafIndex: Number(r.leaf_index),
        leaf: new Uint8Array(r.leaf),
        depositedAt: r.deposited_at,
      }),
    ),
  };
}
