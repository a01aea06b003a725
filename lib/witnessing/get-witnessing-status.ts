import 'server-only';
/**
 * What an administrator sees of witnessing (the court settings page): the policy, per witness the
 * newest checkpoint it cosigned and when, the newest witnessed checkpoint, and the alarms.
 */
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { witnessPolicy } from './witness-policy';
import { listAlarms, type StoredAlarm, servedCheckpoint } from './witness-store';

export interface WitnessingStatus {
  quorum: number;
  witnesses: Array<{
    name: string;
    nameEn: string | null;
    url: string;
    /** The largest tree size it cosigned, and when the log received that cosignature; null: never. */
    lastCosigned: { treeSize: number; receivedAt: Date } | null;
  }>;
  /** The log's newest checkpoint's size, and the newest that met the quorum (null: none yet). */
  latestSize: number;
  witnessedSize: number | null;
  alarms: { total: number; newest: StoredAlarm[] };
}

export async function getWitnessingStatus(actor: Actor): Promise<WitnessingStatus> {
  requireAdmin(actor, 'see the witnessing of the evidence ledger');
  const policy = witnessPolicy();
  const pool = getPool();
  const keys = policy.witnesses.map((w) => w.verifierKey);
  const [last, latest, served, alarms] = await Promise.all([
    pool.query<{ witness_key: string; tree_size: string; received_at: Date }>(
      `SELECT k.witness_key, c.tree_size, c.received_at FROM unnest($1::text[]) AS k(witness_key)
       CROSS JOIN LATERAL (SELECT tree_size, received_at FROM checkpoint_cosignatures c
         WHERE c.witness_key = k.witness_key ORDER BY tree_size DESC LIMIT 1) c`,
      [keys],
    ),
    pool.query<{ size: string | null }>('SELECT max(tree_size) AS size FROM checkpoints'),
    policy.witnesses.length > 0 ? servedCheckpoint(policy, pool) : Promise.resolve(null),
    listAlarms(5, pool),
  ]);
  const byKey = new Map(last.rows.map((r) => [r.witness_key, r]));
  return {
    quorum: policy.quorum,
    witnesses: policy.witnesses.map((w) => {
      const row = byKey.get(w.verifierKey);
      return {
        name: w.name,
        nameEn: w.nameEn ?? null,
        url: w.url,
        lastCosigned: row ? { treeSize: Number(row.tree_size), receivedAt: row.received_at } : null,
      };
    }),
    latestSize: Number(latest.rows[0]?.size ?? 0),
    witnessedSize: served?.witnessed ? Number(served.treeSize) : null,
    alarms: { total: alarms.total, newest: alarms.alarms },
  };
}
