/**
 * What this machine's PostgreSQL does without the application: batched inserts of leaf-like
 * rows (INSERT … SELECT FROM unnest of 1000-row arrays, one commit each) into a scratch table
 * shaped like `deposits`, and single-row commits (each one WAL flush, the floor under any
 * sealing transaction). Same database, same run as the figures they are compared with.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { byteaArray, uuidArray } from '../../lib/db/binary-array';
import type { CpuGroups } from './cpu-accounting';
import { runPhase } from './run-phase';
import { type LatencySummary, round, summarize } from './stats';

export interface PgBatchInsertOptions {
  databaseUrl: string;
  clients: number;
  rowsPerInsert: number;
  /** Bytes of each row's `leaf`: the mean leaf size of the deposits just measured. */
  leafBytes: number;
  durationMs: number;
  groups: CpuGroups;
}

export async function measurePgBatchInserts(options: PgBatchInsertOptions) {
  const table = `bench_scratch_${randomUUID().replaceAll('-', '')}`;
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const c = new pg.Client({ connectionString: options.databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const [first] = clients;
  if (!first) throw new Error('at least one client is needed');
  await first.query(
    `CREATE TABLE ${table} (id uuid PRIMARY KEY, leaf bytea NOT NULL, leaf_hash bytea NOT NULL, sha256 bytea)`,
  );
  try {
    const n = options.rowsPerInsert;
    const sql = `INSERT INTO ${table} (id, leaf, leaf_hash, sha256)
                 SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::bytea[])`;
    return await runPhase({
      label: `PostgreSQL INSERT … unnest, ${n} rows, ${options.clients} clients`,
      clients: options.clients,
      durationMs: options.durationMs,
      maxRequests: 100_000,
      groups: options.groups,
      request: async (client) => {
        const leaves = randomBytes(n * options.leafBytes);
        const hashes = randomBytes(n * 64);
        // Binary arrays, as the ledger sends them: the bound is PostgreSQL's, not a text encoder's.
        await (clients[client] as pg.Client).query(sql, [
          uuidArray(Array.from({ length: n }, () => randomUUID())),
          byteaArray(
            Array.from({ length: n }, (_, i) => leaves.subarray(i * options.leafBytes, (i + 1) * options.leafBytes)),
          ),
          byteaArray(Array.from({ length: n }, (_, i) => hashes.subarray(i * 64, i * 64 + 32))),
          byteaArray(Array.from({ length: n }, (_, i) => hashes.subarray(i * 64 + 32, i * 64 + 64))),
        ]);
        return n;
      },
    });
  } finally {
    await first.query(`DROP TABLE ${table}`);
    await Promise.all(clients.map((c) => c.end()));
  }
}

export interface CommitReference {
  commitsPerSecond: number;
  latency: LatencySummary;
}

/** Sequential one-row INSERTs, each its own transaction: the cost of one durable commit. */
export async function measurePgCommits(databaseUrl: string, durationMs: number, maxCommits: number) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const table = `bench_scratch_${randomUUID().replaceAll('-', '')}`;
  await c.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, leaf_hash bytea NOT NULL)`);
  try {
    const latencies: number[] = [];
    const t0 = performance.now();
    while (latencies.length < maxCommits && performance.now() - t0 < durationMs) {
      const start = performance.now();
      await c.query(`INSERT INTO ${table} VALUES ($1, $2)`, [randomUUID(), randomBytes(32)]);
      latencies.push(performance.now() - start);
    }
    const seconds = (performance.now() - t0) / 1000;
    const s = summarize(latencies);
    return {
      commitsPerSecond: round(latencies.length / seconds, 1),
      latency: { ...s, meanMs: round(s.meanMs, 3), p50Ms: round(s.p50Ms, 3), p99Ms: round(s.p99Ms, 3) },
    } satisfies CommitReference;
  } finally {
    await c.query(`DROP TABLE ${table}`);
    await c.end();
  }
}
