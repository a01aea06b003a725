import 'server-only';
/**
 * The state of the evidence ledger as the public ledger page states it: how many records, the
 * checkpoint the page checks in the browser (the one GET /api/v1/log/checkpoint serves: the
 * newest the witness quorum cosigned, else the newest the log signed, with the lines it has), when
 * the log signed it and when each witness cosigned it, the keys the browser checks them with, and
 * the witnesses' alarms. Everything here is public already (the log's checkpoint, key, witness
 * policy and alarms API); each query is one index read.
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { logSigner } from '@/lib/ledger/log-signer';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';
import { listAlarms, type StoredAlarm, servedCheckpoint } from '@/lib/witnessing/witness-store';

/** Alarms shown on the page (the total says how many exist; GET /api/v1/log/alarms lists 20). */
export const ALARMS_SHOWN = 5;

export interface PublicWitness {
  name: string;
  nameEn: string | null;
  verifierKey: string;
  /** When the log received this witness's cosignature of the shown checkpoint; null: none. */
  cosignedAt: string | null;
}

export interface PublicAlarm extends Omit<StoredAlarm, 'witness'> {
  witness: { name: string; nameEn: string | null; verifierKey: string; url: string };
}

export interface LedgerOverview {
  /** Deposits on the ledger: the size of the newest checkpoint the log signed. */
  records: number;
  /** The checkpoint the page checks; null for a log that never signed one. */
  checkpoint: {
    treeSize: number;
    /** The signed note with the witnesses' lines (in configured order). */
    note: string;
    /** When the log signed it (its row's time). */
    signedAt: string;
    /** True when it carries the quorum's cosignatures (always false without witnesses). */
    witnessed: boolean;
  } | null;
  /** The log's verifier key, pinned into the page as on /verify. */
  logKey: string;
  /** k of n; n = 0 when the log has no witnesses. */
  quorum: number;
  witnesses: PublicWitness[];
  alarms: { total: number; newest: PublicAlarm[] };
}

export async function getLedgerOverview(pool: pg.Pool = getPool()): Promise<LedgerOverview> {
  const policy = witnessPolicy();
  const [latest, served, alarms] = await Promise.all([
    pool.query<{ tree_size: string; note: string; created_at: Date }>(
      'SELECT tree_size, note, created_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
    ),
    policy.witnesses.length > 0 ? servedCheckpoint(policy, pool) : Promise.resolve(null),
    listAlarms(ALARMS_SHOWN, pool),
  ]);
  const newest = latest.rows[0];
  const shownSize = served ? served.treeSize.toString() : newest?.tree_size;
  const [signed, cosigned] = await Promise.all([
    shownSize === undefined || shownSize === newest?.tree_size
      ? Promise.resolve(newest?.created_at)
      : pool
          .query<{ created_at: Date }>('SELECT created_at FROM checkpoints WHERE tree_size = $1', [shownSize])
          .then((r) => r.rows[0]?.created_at),
    shownSize === undefined || policy.witnesses.length === 0
      ? Promise.resolve([])
      : pool
          .query<{ witness_key: string; cosigned_at: Date }>(
            'SELECT witness_key, cosigned_at FROM checkpoint_cosignatures WHERE tree_size = $1',
            [shownSize],
          )
          .then((r) => r.rows),
  ]);
  const cosignedAt = new Map(cosigned.map((r) => [r.witness_key, r.cosigned_at.toISOString()]));
  const nameEnOf = new Map(policy.witnesses.map((w) => [w.verifierKey, w.nameEn ?? null]));
  const note = served ? served.note : newest?.note;
  return {
    records: Number(newest?.tree_size ?? 0),
    checkpoint:
      shownSize !== undefined && note !== undefined && signed
        ? {
            treeSize: Number(shownSize),
            note,
            signedAt: signed.toISOString(),
            witnessed: served?.witnessed ?? false,
          }
        : null,
    logKey: logSigner().verifierKey,
    quorum: policy.quorum,
    witnesses: policy.witnesses.map((w) => ({
      name: w.name,
      nameEn: w.nameEn ?? null,
      verifierKey: w.verifierKey,
      cosignedAt: cosignedAt.get(w.verifierKey) ?? null,
    })),
    alarms: {
      total: alarms.total,
      newest: alarms.alarms.map((a) => ({
        ...a,
        witness: { ...a.witness, nameEn: nameEnOf.get(a.witness.verifierKey) ?? null },
      })),
    },
  };
}
