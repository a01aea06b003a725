/**
 * Issue #5 acceptance: `npm run audit:verify` passes on the seeded demo data (the demo
 * exhibits were submitted through the real path, so their custody events are real) and fails,
 * naming the event, after one event row is edited by a superuser who bypasses the triggers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { parseServerEnv } from '@/lib/env/server-env';
import { freePort } from '@/scripts/lib/free-port';
import { prepareRuntime } from '@/scripts/lib/prepare-runtime';
import { runAuditCli } from './audit.testing';

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

it('passes on the seeded data and names the event after one row is edited', { timeout: 400_000 }, async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-seeded-custody-'));
  folders.push(dataDir);
  const env = { VERITY_DATA_DIR: dataDir, VERITY_PG_PORT: String(await freePort()) };
  const runtime = await prepareRuntime({ env: parseServerEnv(env) });
  try {
    const client = new pg.Client({ connectionString: runtime.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ seq: string; action: string }>(
        "SELECT seq, action FROM audit_events WHERE action = 'exhibit.verified' ORDER BY seq LIMIT 1",
      );
      const target = rows[0];
      if (!target) throw new Error('the seed recorded no exhibit.verified event');

      const intact = await runAuditCli(env);
      expect(intact.code, `${intact.stderr}\n${intact.stdout}`).toBe(0);
      expect(intact.stdout).toMatch(/intact \(\d+ events\)/);

      // A superuser edits the verdict of one event, bypassing the append-only trigger.
      await client.query('SET session_replication_role = replica');
      await client.query(
        `UPDATE audit_events SET details = jsonb_set(details, '{verdict}', '"tampered"') WHERE seq = $1`,
        [target.seq],
      );
      await client.query('SET session_replication_role = DEFAULT');

      const edited = await runAuditCli(env);
      expect(edited.code, `${edited.stderr}\n${edited.stdout}`).toBe(1);
      expect(edited.stdout).toContain(`first bad event: seq ${target.seq} (${target.action})`);
    } finally {
      await client.end();
    }
  } finally {
    await runtime.stop();
  }
});
