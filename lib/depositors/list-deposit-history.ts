import 'server-only';
/**
 * A depositor organisation's deposits, newest first, a page at a time: what its depositor accounts
 * see on /deposit/history. Every deposit the organisation made, from the portal or the API; the
 * title where the portal kept one (deposit_titles), the position on the ledger once recorded.
 *
 * Who may: an active depositor account, for its own organisation only (ownDepositorOrg re-reads
 * the account). The organisation is part of the query's `where`; no filter can widen it.
 * Anyone else is FORBIDDEN. Malformed filters are VALIDATION_FAILED, naming each field.
 */
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import {
  beijingDayAfter,
  beijingDayStart,
  type DepositHistoryFilters,
  type DepositHistoryQuery,
  HISTORY_PAGE_SIZE,
  ZDepositHistoryQuery,
} from './deposit-history.schema';
import { ownDepositorOrg } from './own-depositor-org';

export interface DepositHistoryItem {
  id: string;
  /** RFC 3339, UTC. */
  depositedAt: string;
  title: string | null;
  sha256: string | null;
  sm3: string | null;
  /** Zero-based position in the ledger; null while the deposit is being recorded. */
  leafIndex: number | null;
}

export interface DepositHistoryPage {
  org: { id: string; name: string };
  filters: DepositHistoryFilters;
  items: DepositHistoryItem[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  /** How many records the ledger holds now (the M of "record N of M"). */
  treeSize: number;
}

interface Row {
  id: string;
  deposited_at: Date;
  title: string | null;
  sha256: string | null;
  sm3: string | null;
  leaf_index: string | null;
  total: string;
}

export async function listDepositHistory(actor: Actor, query: DepositHistoryQuery = {}): Promise<DepositHistoryPage> {
  const org = await requireOwnOrg(actor);
  const filters = parseInput(ZDepositHistoryQuery, query);
  const { where, params } = conditions(org.id, filters);
  const pool = getPool();
  const offset = (filters.page - 1) * HISTORY_PAGE_SIZE;
  const [{ rows }, size] = await Promise.all([
    pool.query<Row>(
      `SELECT d.id, d.deposited_at, t.title, encode(d.sha256, 'hex') AS sha256, encode(d.sm3, 'hex') AS sm3,
              l.leaf_index, count(*) OVER () AS total
         FROM deposits d
         LEFT JOIN deposit_titles t ON t.deposit_id = d.id
         LEFT JOIN log_leaves l ON l.deposit_id = d.id
        WHERE ${where}
        ORDER BY d.deposited_at DESC, d.id DESC
        LIMIT ${HISTORY_PAGE_SIZE} OFFSET ${offset}`,
      params,
    ),
    pool.query<{ size: string | null }>('SELECT max(tree_size) AS size FROM checkpoints'),
  ]);
  const total = rows[0] ? Number(rows[0].total) : await count(where, params);
  return {
    org,
    filters,
    items: rows.map((row) => ({
      id: row.id,
      depositedAt: row.deposited_at.toISOString(),
      title: row.title,
      sha256: row.sha256,
      sm3: row.sm3,
      leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
    })),
    total,
    page: filters.page,
    pageSize: HISTORY_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)),
    treeSize: Number(size.rows[0]?.size ?? 0),
  };
}

/** The signed-in depositor's organisation; FORBIDDEN for anyone else. */
export async function requireOwnOrg(actor: Actor): Promise<{ id: string; name: string }> {
  if (actor.role !== 'depositor') {
    throw new AppError('FORBIDDEN', 'Only depositor accounts have a deposit history.');
  }
  const org = await ownDepositorOrg(actor);
  if (!org) throw new AppError('FORBIDDEN', 'This account is not an active member of a depositor organisation.');
  return org;
}

function conditions(orgId: string, filters: DepositHistoryFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [orgId];
  const where = ['d.org_id = $1'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`t.title ILIKE ${param(pattern)}`);
  }
  if (filters.digest.length === 64) {
    // Whole digests use the digest indexes.
    const bytes = param(Buffer.from(filters.digest, 'hex'));
    where.push(`(d.sha256 = ${bytes} OR d.sm3 = ${bytes})`);
  } else if (filters.digest) {
    const prefix = param(filters.digest);
    where.push(
      `(left(encode(d.sha256, 'hex'), ${filters.digest.length}) = ${prefix} OR left(encode(d.sm3, 'hex'), ${filters.digest.length}) = ${prefix})`,
    );
  }
  if (filters.from) where.push(`d.deposited_at >= ${param(beijingDayStart(filters.from))}`);
  if (filters.to) where.push(`d.deposited_at < ${param(beijingDayAfter(filters.to))}`);
  return { where: where.join(' AND '), params };
}

async function count(where: string, params: unknown[]): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(
    `SELECT count(*) AS n FROM deposits d LEFT JOIN deposit_titles t ON t.deposit_id = d.id WHERE ${where}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}
