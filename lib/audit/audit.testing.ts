/**
 * Test support for the chain-of-custody log: a database of the test file's own (the shared test
 * database is appended to by every other test file at the same time, and tampering there would
 * break their audits), appends through a pool of that database, and the CLI.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { type AuditDatabase, createAuditDatabase } from '@/lib/ledger/audit/audit.testing';
import { type AppendedAuditEvent, appendAuditEvent } from './append-audit-event';
import type { AuditEventInput } from './audit-event.schema';

export { tamper } from '@/lib/ledger/audit/audit.testing';

export interface ChainDatabase extends AuditDatabase {
  /** A user and a case in that database, for events that name them. */
  userId: string;
  caseId: string;
}

export async function createChainDatabase(): Promise<ChainDatabase> {
  const db = await createAuditDatabase();
  const courtId = randomUUID();
  const userId = randomUUID();
  const caseId = randomUUID();
  await db.pool.query(`INSERT INTO courts (id, code, name_zh, name_en) VALUES ($1, 'T', '测试法院', 'Test Court')`, [
    courtId,
  ]);
  await db.pool.query(
    `INSERT INTO users (id, email, name, role, password_hash, court_id) VALUES ($1, 'j@example.com', '王法官', 'judge', 'x', $2)`,
    [userId, courtId],
  );
  await db.pool.query(
    `INSERT INTO cases (id, court_id, case_number, title, cause_of_action) VALUES ($1, $2, '（2026）测1号', 't', 'c')`,
    [caseId, courtId],
  );
  return { ...db, userId, caseId };
}

/** Appends in a transaction of its own on `pool` (recordAuditEvent, but for a database of the test's own). */
export async function appendOn(pool: pg.Pool, event: AuditEventInput): Promise<AppendedAuditEvent> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const appended = await appendAuditEvent(client, event);
    await client.query('COMMIT');
    return appended;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export interface StoredRow {
  seq: string;
  case_id: string | null;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  details: unknown;
  created_at: Date;
  body: Buffer;
  hash: Buffer;
}

export async function readRow(pool: pg.Pool, seq: bigint | number): Promise<StoredRow> {
  const { rows } = await pool.query<StoredRow>('SELECT * FROM audit_events WHERE seq = $1', [seq.toString()]);
  if (!rows[0]) throw new Error(`no audit event ${seq}`);
  return rows[0];
}

/** Puts back a row removed by tampering (as the superuser, past the chain trigger). */
export function reinsertSql(): string {
  return `INSERT INTO audit_events (seq, case_id, actor_id, action, subject_id, details, created_at, body, hash)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
}

export function rowParams(row: StoredRow): unknown[] {
  return [
    row.seq,
    row.case_id,
    row.actor_id,
    row.action,
    row.subject_id,
    JSON.stringify(row.details),
    row.created_at,
    row.body,
    row.hash,
  ];
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/audit-verify.ts as `npm run audit:verify` does, without the test's DATABASE_URL, plus `env`. */
export function runAuditCli(env: Record<string, string>, args: string[] = []): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', '--conditions=react-server', 'scripts/audit-verify.ts', ...args],
      { cwd: ROOT, env: { ...base, ...env }, timeout: 150_000 },
      (error, stdout, stderr) => {
        // Killed (timeout) or not started: -1, and the signal in stderr.
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr: error?.signal ? `${stderr}\n[killed by ${error.signal}]` : stderr });
      },
    );
  });
}
