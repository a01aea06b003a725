/**
 * Issue #5 acceptance: `npm run audit:verify` passes on the seeded demo data (the demo
 * exhibits and the demo case's evidence exchange went through the real path, so their custody
 * events are real) and fails,
 * naming the event, after one event row is edited by a superuser who bypasses the triggers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { parseServerEnv } from '@/lib/env/server-env';
import { DEMO_EXCHANGE } from '@/prisma/seed/demo-data';
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
  const runtime = await prepareRuntime({ env: parseServerEnv(env), demoWitnesses: false, demoAnchors: false });
  try {
    const client = new pg.Client({ connectionString: runtime.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ seq: string; action: string }>(
        "SELECT seq, action FROM audit_events WHERE action = 'exhibit.verified' ORDER BY seq LIMIT 1",
      );
      const target = rows[0];
      if (!target) throw new Error('the seed recorded no exhibit.verified event');

      // The demo case's evidence exchange (issue #17) is in the log: the deadline, the defendant's
      // objection to authenticity with reasons, the plaintiff's reply, the judge's determination
      // answering the objection in art. 16's words.
      const exchange = await client.query<{ action: string; details: Record<string, unknown>; case_number: string }>(
        `SELECT a.action, a.details, c.case_number FROM audit_events a JOIN cases c ON c.id = a.case_id
          WHERE a.action IN ('case.exchange_deadline_set', 'exhibit.opinion_lodged', 'exhibit.opinion_replied', 'exhibit.determined')
          ORDER BY a.seq`,
      );
      expect(exchange.rows.map((r) => [r.action, r.case_number])).toEqual(
        ['case.exchange_deadline_set', 'exhibit.opinion_lodged', 'exhibit.opinion_replied', 'exhibit.determined'].map(
          (action) => [action, DEMO_EXCHANGE.caseNumber],
        ),
      );
      const [deadline, opinion, reply, determination] = exchange.rows.map((r) => r.details);
      expect(deadline).toMatchObject({ from: null, to: expect.any(String) });
      expect(opinion).toMatchObject({
        party: 'defendant',
        authenticity: { position: 'dispute', reasons: DEMO_EXCHANGE.opinion.authenticityReasons },
        late: false,
      });
      expect(reply).toMatchObject({ opinionId: opinion?.opinionId, party: 'plaintiff', reasons: DEMO_EXCHANGE.reply });
      expect(determination).toMatchObject({ outcome: 'accepted', answers: [opinion?.opinionId] });
      expect(String(determination?.reasoning)).toContain(
        '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外',
      );

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
