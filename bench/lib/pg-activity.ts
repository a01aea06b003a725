/**
 * What PostgreSQL did during a phase, from its cumulative statistics views: transactions,
 * rows written and read, WAL written. Divided by the deposits of the phase, it shows the
 * database work behind each one (sealing transactions, authentication queries…).
 * @see https://www.postgresql.org/docs/current/monitoring-stats.html
 */
import { withClient } from './seal-batches';

export interface PgActivity {
  commits: number;
  rollbacks: number;
  rowsInserted: number;
  rowsFetched: number;
  walRecords: number;
  walBytes: number;
}

export async function pgActivity(databaseUrl: string): Promise<PgActivity> {
  return withClient(databaseUrl, async (c) => {
    // Counters are updated when a backend reports, at most once a second: flush ours and wait.
    await c.query('SELECT pg_stat_force_next_flush()');
    const { rows } = await c.query<Record<keyof PgActivity, string>>(
      `SELECT d.xact_commit AS "commits", d.xact_rollback AS "rollbacks", d.tup_inserted AS "rowsInserted",
              d.tup_fetched AS "rowsFetched", w.wal_records AS "walRecords", w.wal_bytes AS "walBytes"
       FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()`,
    );
    const r = rows[0];
    if (!r) throw new Error('no pg_stat_database row for this database');
    return {
      commits: Number(r.commits),
      rollbacks: Number(r.rollbacks),
      rowsInserted: Number(r.rowsInserted),
      rowsFetched: Number(r.rowsFetched),
      walRecords: Number(r.walRecords),
      walBytes: Number(r.walBytes),
    };
  });
}

/** Per item (deposit, lookup) between two readings, rounded to 2 decimals. */
export function perItem(before: PgActivity, after: PgActivity, items: number): PgActivity {
  const per = (k: keyof PgActivity) => Math.round(((after[k] - before[k]) / Math.max(1, items)) * 100) / 100;
  return {
    commits: per('commits'),
    rollbacks: per('rollbacks'),
    rowsInserted: per('rowsInserted'),
    rowsFetched: per('rowsFetched'),
    walRecords: per('walRecords'),
    walBytes: per('walBytes'),
  };
}
