import 'server-only';
/**
 * What the witnesses answered, in the ledger's database: cosignature lines per checkpoint and
 * witness key (checkpoint_cosignatures) and alarms with their evidence (witness_alarms), both
 * append-only (migration 20261208000000_witnessing.sql). A witness's last cosigned size is the
 * largest tree size stored for its key: nothing mutable to keep in step.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import type { ConfiguredWitness, WitnessPolicy } from './witness-policy';

/** For every configured witness key, the largest tree size it cosigned (absent: never). */
export async function lastCosignedSizes(
  keys: readonly string[],
  pool: pg.Pool = getPool(),
): Promise<Map<string, bigint>> {
  if (keys.length === 0) return new Map();
  const { rows } = await pool.query<{ witness_key: string; size: string }>(
    `SELECT k.witness_key, (SELECT max(tree_size) FROM checkpoint_cosignatures c WHERE c.witness_key = k.witness_key) AS size
       FROM unnest($1::text[]) AS k(witness_key)`,
    [keys],
  );
  return new Map(rows.filter((r) => r.size !== null).map((r) => [r.witness_key, BigInt(r.size)]));
}

export interface NewCosignature {
  treeSize: bigint;
  witness: ConfiguredWitness;
  /** The note signature line, `— <name> <base64>\n`, already verified. */
  line: string;
  cosignedAt: Date;
}

/** Stores a verified cosignature; a second one for the same checkpoint and key is not stored (idempotent). */
export async function storeCosignature(c: NewCosignature, pool: pg.Pool = getPool()): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO checkpoint_cosignatures (tree_size, witness_key, witness_name, signature_line, cosigned_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size, witness_key) DO NOTHING`,
    [c.treeSize.toString(), c.witness.verifierKey, c.witness.name, c.line, c.cosignedAt],
  );
  return rowCount === 1;
}

export const ALARM_KINDS = ['proof_refused', 'other_root', 'ahead_of_log'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export interface NewAlarm {
  kind: AlarmKind;
  witness: ConfiguredWitness;
  checkpointSize: bigint;
  checkpoint: string;
  oldSize: bigint;
  proof: string[];
  status: number;
  responseBody: string;
  witnessSize: bigint | null;
  witnessCheckpoint: string | null;
}

/**
 * Stores an alarm unless one is stored already for the same witness holding the same other history:
 * the same witness checkpoint (from its monitoring endpoint) or, when that could not be read, the
 * same kind, status and old size (the size the witness holds, after a 409). A witness that keeps
 * refusing is asked again after its back-off, about ever newer checkpoints of the log (which can
 * change the kind: a fork at the log's size becomes a refused proof once the log grew), and one row
 * says it for as long as it holds the same other history.
 */
export async function storeAlarm(a: NewAlarm, pool: pg.Pool = getPool()): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO witness_alarms (id, kind, witness_key, witness_name, witness_url, checkpoint_size, checkpoint,
       old_size, proof, status, response_body, witness_size, witness_checkpoint)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
     WHERE NOT EXISTS (SELECT 1 FROM witness_alarms
       WHERE witness_key = $3 AND CASE WHEN $13::text IS NOT NULL THEN witness_checkpoint = $13
         ELSE witness_checkpoint IS NULL AND kind = $2 AND status = $10 AND old_size = $8 END)`,
    [
      randomUUID(),
      a.kind,
      a.witness.verifierKey,
      a.witness.name,
      a.witness.url,
      a.checkpointSize.toString(),
      a.checkpoint,
      a.oldSize.toString(),
      a.proof,
      a.status,
      a.responseBody,
      a.witnessSize?.toString() ?? null,
      a.witnessCheckpoint,
    ],
  );
  return rowCount === 1;
}

export interface WitnessedNote {
  treeSize: bigint;
  /** The log's signed note with the configured witnesses' cosignature lines added (in configured order). */
  note: string;
  /** The institutions whose cosignatures it carries, in configured order. */
  by: ConfiguredWitness[];
  /** True when `by` meets the quorum. */
  witnessed: boolean;
}

/**
 * Newest quorum-met checkpoint: the largest tree size that k configured witness keys cosigned
 * (the primary key makes one row per key, so count(*) counts witnesses). Scanned from the largest
 * size down through the primary key's index, stopping at the first that qualifies.
 */
export function newestWitnessedSql(keys = '$1', quorum = '$2'): string {
  return `SELECT c.tree_size FROM checkpoint_cosignatures c
  WHERE c.witness_key = ANY(${keys}::text[])
  GROUP BY c.tree_size HAVING count(*) >= ${quorum}::int
  ORDER BY c.tree_size DESC LIMIT 1`;
}

/**
 * The checkpoint to serve: the newest that meets the quorum, else the newest the log signed (with
 * whatever cosignatures it has so far, `witnessed: false`); null for a log that never signed one.
 */
export async function servedCheckpoint(
  policy: WitnessPolicy,
  pool: pg.Pool = getPool(),
): Promise<WitnessedNote | null> {
  const keys = policy.witnesses.map((w) => w.verifierKey);
  const { rows } = await pool.query<{ tree_size: string; note: string; keys: string[]; lines: string[] }>(
    `WITH w AS (${newestWitnessedSql()}),
     cp AS ((SELECT tree_size, note FROM checkpoints WHERE tree_size = (SELECT tree_size FROM w))
            UNION ALL (SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1) LIMIT 1)
     SELECT cp.tree_size, cp.note,
       coalesce(array_agg(c.witness_key ORDER BY array_position($1::text[], c.witness_key))
         FILTER (WHERE c.witness_key IS NOT NULL), '{}') AS keys,
       coalesce(array_agg(c.signature_line ORDER BY array_position($1::text[], c.witness_key))
         FILTER (WHERE c.witness_key IS NOT NULL), '{}') AS lines
     FROM cp LEFT JOIN checkpoint_cosignatures c ON c.tree_size = cp.tree_size AND c.witness_key = ANY($1::text[])
     GROUP BY cp.tree_size, cp.note`,
    [keys, policy.quorum],
  );
  const row = rows[0];
  if (!row) return null;
  return cosignedNote(policy, BigInt(row.tree_size), row.note, row.keys, row.lines);
}

/** The log's note with the stored lines of the configured witnesses, and who they are. */
export function cosignedNote(
  policy: WitnessPolicy,
  treeSize: bigint,
  note: string,
  keys: readonly string[],
  lines: readonly string[],
): WitnessedNote {
  const by = keys.flatMap((key) => policy.witnesses.filter((w) => w.verifierKey === key));
  return {
    treeSize,
    note: note + lines.join(''),
    by,
    witnessed: policy.quorum > 0 && by.length >= policy.quorum,
  };
}

export interface StoredAlarm {
  id: string;
  kind: AlarmKind;
  witness: { name: string; verifierKey: string; url: string };
  checkpointSize: number;
  checkpoint: string;
  oldSize: number;
  proof: string[];
  status: number;
  responseBody: string;
  witnessSize: number | null;
  witnessCheckpoint: string | null;
  detectedAt: string;
}

/** The newest alarms first (at most `limit`), and how many are stored in all. */
export async function listAlarms(
  limit = 20,
  pool: pg.Pool | pg.ClientBase = getPool(),
): Promise<{ total: number; alarms: StoredAlarm[] }> {
  const { rows } = await pool.query<{
    id: string;
    kind: AlarmKind;
    witness_key: string;
    witness_name: string;
    witness_url: string;
    checkpoint_size: string;
    checkpoint: string;
    old_size: string;
    proof: string[];
    status: number;
    response_body: string;
    witness_size: string | null;
    witness_checkpoint: string | null;
    detected_at: Date;
    total: string;
  }>(`SELECT a.*, count(*) OVER () AS total FROM witness_alarms a ORDER BY detected_at DESC, id DESC LIMIT $1`, [
    limit,
  ]);
  const total = rows[0] ? Number(rows[0].total) : await countAlarms(pool);
  return {
    total,
    alarms: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      witness: { name: r.witness_name, verifierKey: r.witness_key, url: r.witness_url },
      checkpointSize: Number(r.checkpoint_size),
      checkpoint: r.checkpoint,
      oldSize: Number(r.old_size),
      proof: r.proof,
      status: r.status,
      responseBody: r.response_body,
      witnessSize: r.witness_size === null ? null : Number(r.witness_size),
      witnessCheckpoint: r.witness_checkpoint,
      detectedAt: r.detected_at.toISOString(),
    })),
  };
}

async function countAlarms(pool: pg.Pool | pg.ClientBase): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM witness_alarms');
  return Number(rows[0]?.n ?? 0);
}
