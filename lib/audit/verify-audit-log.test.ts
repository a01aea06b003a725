/**
 * The audit against a real chain in a database of this file's own, tampered with one row at a
 * time (and restored) as an operator with superuser access could; and `npm run audit:verify`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendOn,
  type ChainDatabase,
  createChainDatabase,
  readRow,
  reinsertSql,
  rowParams,
  runAuditCli,
  type StoredRow,
  tamper,
} from './audit.testing';
import type { AuditLogFinding, AuditVerifyReport } from './findings';
import { verifyAuditLog } from './verify-audit-log';

const EVENTS = 12;
let db: ChainDatabase;
let hashes: string[];

async function audit(options: Parameters<typeof verifyAuditLog>[0] = {}): Promise<AuditVerifyReport> {
  return verifyAuditLog({ pool: db.pool, ...options });
}

const summary = (findings: readonly AuditLogFinding[]) => findings.map((f) => [f.kind, f.seq, f.action]);

/** Tampers, audits (in one chunk and in chunks of 5), and restores whatever happens. */
async function withTampering(
  change: () => Promise<void>,
  restore: () => Promise<void>,
  check: (r: AuditVerifyReport) => void,
) {
  await change();
  try {
    for (const chunkSize of [5000, 5]) check(await audit({ chunkSize }));
  } finally {
    await restore();
  }
}

/** Removes event `seq`, runs `fn`, and puts it back. */
async function withoutEvent(seq: number, fn: () => Promise<void>): Promise<void> {
  const row = await readRow(db.pool, seq);
  await tamper(db.pool, 'DELETE FROM audit_events WHERE seq = $1', [seq]);
  try {
    await fn();
  } finally {
    await tamper(db.pool, reinsertSql(), rowParams(row));
  }
}

beforeAll(async () => {
  db = await createChainDatabase();
  hashes = [];
  const actions = ['case.created', 'exhibit.submitted', 'exhibit.verified', 'exhibit.viewed'] as const;
  for (let i = 0; i < EVENTS; i++) {
    const { hash } = await appendOn(db.pool, {
      action: actions[i % actions.length] ?? 'exhibit.viewed',
      actorId: i % 3 === 0 ? null : db.userId,
      caseId: i === 5 ? null : db.caseId,
      subjectId: randomUUID(),
      details: { i, title: `证据 ${i}`, nested: { ok: i % 2 === 0, list: [i, 0.5, 'x'] } },
    });
    hashes.push(hash);
  }
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe('verifyAuditLog', () => {
  it('passes an intact chain and reports its head', async () => {
    for (const chunkSize of [5000, 5, 1]) {
      const report = await audit({ chunkSize });
      expect(report.findings).toEqual([]);
      expect(report).toMatchObject({ ok: true, count: EVENTS, firstBad: null });
      expect(report.head).toEqual({ seq: BigInt(EVENTS), hash: hashes[EVENTS - 1] });
    }
  });

  it('names an event whose details column was edited', async () => {
    const row = await readRow(db.pool, 7);
    const set = (details: unknown) =>
      tamper(db.pool, 'UPDATE audit_events SET details = $1 WHERE seq = 7', [JSON.stringify(details)]);
    await withTampering(
      () => set({ ...(row.details as object), title: '伪造' }),
      () => set(row.details),
      (report) => {
        expect(summary(report.findings)).toEqual([['BODY_MISMATCH', 7n, 'exhibit.verified']]);
        expect(report.firstBad?.message).toBe(
          'event 7 (exhibit.verified): the row does not say what its hashed body says (edited?): details differ from the body',
        );
      },
    );
  });

  it('names an event whose action, actor or case column was edited', async () => {
    const row = await readRow(db.pool, 3);
    await withTampering(
      () => tamper(db.pool, `UPDATE audit_events SET action = 'exhibit.viewed', actor_id = NULL WHERE seq = 3`),
      () =>
        tamper(db.pool, 'UPDATE audit_events SET action = $1, actor_id = $2 WHERE seq = 3', [row.action, row.actor_id]),
      (report) => {
        expect(summary(report.findings)).toEqual([['BODY_MISMATCH', 3n, 'exhibit.viewed']]);
        expect(report.firstBad?.message).toMatch(
          /action is exhibit\.viewed but the body says exhibit\.verified; actor_id is null but the body says [0-9a-f-]{36}$/,
        );
      },
    );
  });

  it('names an event rewritten with a body and hash that agree (its successor committed to the old hash)', async () => {
    const row = await readRow(db.pool, 4);
    const forged = Buffer.from(row.body.toString('utf8').replace('"i":3', '"i":30'));
    const details = { ...(row.details as object), i: 30 };
    await withTampering(
      () =>
        tamper(db.pool, 'UPDATE audit_events SET body = $1, hash = sha256($1), details = $2 WHERE seq = 4', [
          forged,
          JSON.stringify(details),
        ]),
      () =>
        tamper(db.pool, 'UPDATE audit_events SET body = $1, hash = $2, details = $3 WHERE seq = 4', [
          row.body,
          row.hash,
          JSON.stringify(row.details),
        ]),
      (report) => {
        expect(summary(report.findings)).toEqual([['BROKEN_LINK', 4n, 'exhibit.viewed']]);
        expect(report.firstBad?.message).toMatch(
          /^event 4 \(exhibit\.viewed\): its hash is not the one event 5 committed to/,
        );
        // The head is unchanged: this is caught from the chain alone.
        expect(report.head?.hash).toBe(hashes[EVENTS - 1]);
      },
    );
    // Rewriting the last event too moves the head: only an expected head catches that.
    const last = await readRow(db.pool, EVENTS);
    const forgedLast = Buffer.from(last.body.toString('utf8').replace(`"i":${EVENTS - 1}`, '"i":0'));
    await withTampering(
      () =>
        tamper(db.pool, `UPDATE audit_events SET body = $1, hash = sha256($1), details = $2 WHERE seq = ${EVENTS}`, [
          forgedLast,
          JSON.stringify({ ...(last.details as object), i: 0 }),
        ]),
      () =>
        tamper(db.pool, `UPDATE audit_events SET body = $1, hash = $2, details = $3 WHERE seq = ${EVENTS}`, [
          last.body,
          last.hash,
          JSON.stringify(last.details),
        ]),
      (report) => expect(report.ok).toBe(true),
    );
  });

  it('names a deleted event in the middle of the chain', async () => {
    await withoutEvent(6, async () => {
      for (const chunkSize of [5000, 5]) {
        const report = await audit({ chunkSize });
        expect(summary(report.findings)).toEqual([['MISSING_EVENTS', 6n, null]]);
        expect(report.firstBad?.message).toBe(
          'event 6 is missing: sequence numbers must run from 1 without gaps (deleted?)',
        );
      }
    });
  });

  it('names a deleted last event when the head recorded earlier is given, and only then', async () => {
    const witnessed = { seq: BigInt(EVENTS), hash: hashes[EVENTS - 1] ?? '' };
    expect((await audit({ expectHeads: [witnessed] })).ok).toBe(true);
    await withoutEvent(EVENTS, async () => {
      const blind = await audit();
      expect(blind.ok).toBe(true);
      expect(blind.head).toEqual({ seq: BigInt(EVENTS - 1), hash: hashes[EVENTS - 2] });

      const report = await audit({ expectHeads: [{ seq: 3n, hash: hashes[2] ?? '' }, witnessed] });
      expect(summary(report.findings)).toEqual([['HEAD_MISMATCH', BigInt(EVENTS), null]]);
      expect(report.firstBad?.message).toBe(
        `event ${EVENTS} (expected head, hash ${hashes[EVENTS - 1]?.slice(0, 16)}…) is missing: ` +
          `the log ends at event ${EVENTS - 1} (events were removed from its end)`,
      );
    });
  });

  it('names an expected head whose hash differs', async () => {
    const report = await audit({ expectHeads: [{ seq: 2n, hash: hashes[2] ?? '' }] });
    expect(summary(report.findings)).toEqual([['HEAD_MISMATCH', 2n, 'exhibit.submitted']]);
    expect(report.firstBad?.message).toMatch(
      /^event 2 \(exhibit\.submitted\): its hash is [0-9a-f]{16}…, not the expected/,
    );
  });

  it('is clean again after every restore', async () => {
    const report = await audit({ expectHeads: [{ seq: BigInt(EVENTS), hash: hashes[EVENTS - 1] ?? '' }] });
    expect(report.findings).toEqual([]);
    expect(
      createHash('sha256')
        .update((await readRow(db.pool, 1)).body)
        .digest('hex'),
    ).toBe(hashes[0]);
  });

  it('audits one snapshot while events keep being appended', async () => {
    let appending: Promise<unknown> | undefined;
    const during = await audit({
      chunkSize: 2,
      onProgress: () => {
        appending ??= Promise.all(
          Array.from({ length: 10 }, () =>
            appendOn(db.pool, { action: 'exhibit.viewed', actorId: null, caseId: null }),
          ),
        );
      },
    });
    await appending;
    expect(during.findings).toEqual([]);
    expect(during.count).toBe(EVENTS);
    const after = await audit();
    expect(after).toMatchObject({ ok: true, count: EVENTS + 10 });
  });
});

describe('npm run audit:verify', () => {
  it('exits 0 printing the head, 1 naming the edited event, 2 when it cannot run', { timeout: 300_000 }, async () => {
    const env = { DATABASE_URL: db.url };
    const clean = await runAuditCli(env);
    expect(clean.stdout).toMatch(/^OK: the chain-of-custody log is intact \(\d+ events\)\.$/m);
    const head = /^Head: (\d+:[0-9a-f]{64})$/m.exec(clean.stdout)?.[1] ?? '';
    expect(head).not.toBe('');
    expect(clean.stdout).toContain(`--expect-head ${head}`);
    expect(clean.code).toBe(0);

    const witnessed = await runAuditCli(env, ['--expect-head', head]);
    expect(witnessed.stdout).toMatch(/and 1 expected head/);
    expect(witnessed.code).toBe(0);

    const row: StoredRow = await readRow(db.pool, 5);
    const set = (action: string) => tamper(db.pool, 'UPDATE audit_events SET action = $1 WHERE seq = 5', [action]);
    await set('exhibit.downloaded');
    try {
      const bad = await runAuditCli(env);
      expect(bad.stdout).toMatch(/event 5 \(exhibit\.downloaded\): the row does not say what its hashed body says/);
      expect(bad.stdout).toMatch(
        /^FAILED: 1 problem\(s\); first bad event: seq 5 \(exhibit\.downloaded\), BODY_MISMATCH\.$/m,
      );
      expect(bad.code).toBe(1);
    } finally {
      await set(row.action);
    }

    const [seq] = head.split(':');
    const truncated = await runAuditCli(env, [`--expect-head=${Number(seq) + 1}:${'0'.repeat(64)}`]);
    expect(truncated.stdout).toMatch(/is missing: the log ends at event/);
    expect(truncated.code).toBe(1);

    const malformed = await runAuditCli(env, ['--expect-head', '12:abc']);
    expect(malformed.stderr).toMatch(/--expect-head: "12:abc" is not an audit head/);
    expect(malformed.code).toBe(2);
    const unknown = await runAuditCli(env, ['--fast']);
    expect(unknown.stderr).toMatch(/unexpected argument --fast/);
    expect(unknown.code).toBe(2);
  });
});
