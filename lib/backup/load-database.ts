import 'server-only';
/**
 * Puts a dump's rows (dump-database.ts) back into a database whose schema the same migrations
 * built, in one transaction: all or nothing. The portal's append-only tables refuse TRUNCATE and
 * their insert triggers re-check what the original inserts already checked, so the tables' own
 * (user) triggers are off while the rows go in — as pg_restore loads data before it creates
 * triggers; foreign keys stay on, so tables are loaded parents first. Rows migrations put in
 * (settings singletons) are replaced by the backup's.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { BackupManifest } from './backup-manifest';
import { TABLES_SQL } from './dump-database';

export interface LoadDatabaseOptions {
  databaseUrl: string;
  /** The backup folder the dump's files are in. */
  dir: string;
  database: BackupManifest['database'];
  /** Rows per INSERT. */
  batchRows?: number;
}

export async function loadDatabase(options: LoadDatabaseOptions): Promise<void> {
  const batchRows = options.batchRows ?? 1000;
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const present = (await client.query<{ name: string }>(TABLES_SQL)).rows.map((r) => r.name);
    const wanted = options.database.tables.map((t) => t.name);
    const differ = [...present.filter((n) => !wanted.includes(n)), ...wanted.filter((n) => !present.includes(n))];
    if (differ.length > 0) {
      throw new Error(`the restored schema and the backup's tables differ (${differ.join(', ')})`);
    }
    const parents = await foreignKeys(client);
    const order = parentsFirst(wanted, parents);
    for (const name of order) await client.query(`ALTER TABLE "${name}" DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${order.map((n) => `"${n}"`).join(', ')}`);
    for (const name of order) {
      const table = options.database.tables.find((t) => t.name === name);
      if (table) await loadTable(client, name, path.join(options.dir, table.file), table.rows, batchRows);
    }
    for (const s of options.database.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, true)', [`"${s.name}"`, s.lastValue]);
    }
    for (const name of order) await client.query(`ALTER TABLE "${name}" ENABLE TRIGGER USER`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

async function foreignKeys(client: pg.Client): Promise<Map<string, Set<string>>> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace AND k.conrelid <> k.confrelid`,
  );
  const parents = new Map<string, Set<string>>();
  for (const r of rows) parents.set(r.child, (parents.get(r.child) ?? new Set()).add(r.parent));
  return parents;
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export function parentsFirst(tables: readonly string[], parents: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (done.has(name)) return;
    if (path.includes(name)) throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
    for (const parent of parents.get(name) ?? []) if (tables.includes(parent)) visit(parent, [...path, name]);
    done.add(name);
    order.push(name);
  };
  for (const name of tables) visit(name, []);
  return order;
}

async function loadTable(client: pg.Client, table: string, file: string, expected: number, batchRows: number) {
  // The columns an INSERT may name: generated ones are computed again.
  const columns = (
    await client.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
          AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
      [`"${table}"`],
    )
  ).rows.map((r) => `"${r.name}"`);
  const list = columns.join(', ');
  // json_populate_recordset reads each value with its column type's own input function, so bytea
  // (`\x…`), timestamps, numerics, enums and arrays come back exactly as row_to_json wrote them.
  const sql = `INSERT INTO "${table}" (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  let loaded = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await client.query(sql, [`[${batch.join(',')}]`]);
    loaded += batch.length;
    batch = [];
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    if (batch.length >= batchRows) await flush();
  }
  await flush();
  if (loaded !== expected)
    throw new Error(`${table}: ${loaded} rows in the backup's file, the manifest says ${expected}`);
}
