/**
 * On a brand-new log, concurrent readers each ask for the first checkpoint: exactly one empty
 * checkpoint is signed and all of them get it. Runs on a database of its own (a fresh log),
 * which is possible because each test file runs in its own process and the pool is lazy.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/scripts/lib/migrate';

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const name = `verity_fresh_${randomBytes(4).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(process.env.DATABASE_URL as string);
url.pathname = `/${name}`;
await migrateDatabase(url.toString());
process.env.DATABASE_URL = url.toString();

const { latestCheckpoint } = await import('./latest-checkpoint');
const { getPool } = await import('@/lib/db/pool');
const { logSigner } = await import('./log-signer');
const { verifyCheckpoint } = await import('@/lib/tlog');

afterAll(async () => {
  await getPool().end();
  await admin.query(`DROP DATABASE ${name}`);
  await admin.end();
});

describe('latestCheckpoint on a new log', () => {
  it('signs one empty checkpoint however many readers ask at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => latestCheckpoint()));
    const notes = new Set(results.map((r) => r.note));
    expect(notes.size).toBe(1);
    expect(results[0]?.treeSize).toBe(0n);
    expect(verifyCheckpoint(results[0]?.note as string, [logSigner().verifierKey]).checkpoint.size).toBe(0n);
    const { rows } = await getPool().query('SELECT count(*)::int AS n FROM checkpoints');
    expect(rows[0].n).toBe(1);
  });
});
