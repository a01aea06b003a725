/**
 * The audit against a real log: built by sealBatch in a database of this file's own, then
 * tampered with one row at a time (and restored) as an operator with superuser access could.
 *
 * sealBatch writes through the process-wide pool (lib/db/pool.ts), which reads DATABASE_URL on
 * first use. Vitest runs each test file in its own process (pool "forks"), so pointing
 * DATABASE_URL at our database before the first getPool() call redirects sealBatch without
 * touching the shared test database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { base64ToBytes, bytesToBase64, verifierKeyFromSignerKey } from '@/lib/tlog';
import { syntheticDeposit } from '../ledger.testing';
import { sealBatch } from '../seal-batch';
import { type AuditDatabase, createAuditDatabase, createOrg, flipByte, tamper } from './audit.testing';
import { runCli } from './cli.testing';
import type { AuditFinding, LedgerAuditReport } from './findings';
import { verifyLedger } from './verify-ledger';

const BATCHES = [37, 64, 1, 100, 50, 48]; // checkpoints at 0, 37, 101, 102, 202, 252, 300
const SIZE = 300n;
const CHUNK_SIZES = [10_000, 13]; // one chunk, and chunks that cut through batches and subtrees

let db: AuditDatabase;
let verifierKey: string;
let orgId: string;

async function audit(chunkSize?: number, maxFindings?: number): Promise<LedgerAuditReport> {
  return verifyLedger({ pool: db.pool, verifierKey, chunkSize, maxFindings });
}

function summary(findings: readonly AuditFinding[]) {
  return findings.map(({ kind, leafIndex, level, nodeIndex, treeSize }) => ({
    kind,
    leafIndex,
    level,
    nodeIndex,
    treeSize,
  }));
}

/** Tampers, audits at every chunk size, and restores the row whatever happens. */
async function withTampering(
  change: () => Promise<void>,
  restore: () => Promise<void>,
  check: (report: LedgerAuditReport) => void,
): Promise<void> {
  await change();
  try {
    for (const chunkSize of CHUNK_SIZES) check(await audit(chunkSize));
  } finally {
    await restore();
  }
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.pool.query(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row from ${sql}`);
  return rows[0] as T;
}

beforeAll(async () => {
  // If this process had already used the shared pool, sealBatch would write to the shared log.
  expect((globalThis as { verityPool?: unknown }).verityPool).toBeUndefined();
  db = await createAuditDatabase();
  process.env.DATABASE_URL = db.url;
  verifierKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
  orgId = await createOrg(db.pool);
  await sealBatch([]); // the empty log's checkpoint
  for (const n of BATCHES) await sealBatch(Array.from({ length: n }, () => syntheticDeposit(orgId)));
}, 60_000);

afterAll(async () => {
  await getPool().end();
  await db?.drop();
});

describe('verifyLedger', () => {
  it('was given a log in its own database', async () => {
    expect(await one<{ n: string }>('SELECT count(*) AS n FROM log_leaves')).toEqual({ n: String(SIZE) });
    expect(await one<{ n: string }>('SELECT count(*) AS n FROM checkpoints')).toEqual({ n: '7' });
  });

  it.each(CHUNK_SIZES)('passes a clean log with zero findings (chunks of %i)', async (chunkSize) => {
    const report = await audit(chunkSize);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, treeSize: SIZE, leavesChecked: 300, checkpointsChecked: 7 });
    expect(report.nodesChecked).toBe(2 * 300 - 4); // 2n − popcount(n): every stored node, 300 = 0b100101100
    expect(report.firstBadLeafIndex).toBeNull();
  });

  it("reports (a) an edited deposit's leaf bytes at its leaf index", async () => {
    const { id, leaf } = await one<{ id: string; leaf: Buffer }>(
      'SELECT d.id, d.leaf FROM deposits d JOIN log_leaves l ON l.deposit_id = d.id WHERE l.leaf_index = 123',
    );
    const set = (bytes: Buffer) => tamper(db.pool, 'UPDATE deposits SET leaf = $1 WHERE id = $2', [bytes, id]);
    await withTampering(
      () => set(flipByte(leaf, 5)),
      () => set(leaf),
      (report) => {
        expect(summary(report.findings)).toEqual([{ kind: 'LEAF_HASH_MISMATCH', leafIndex: 123n }]);
        expect(report.findings[0]?.depositId).toBe(id);
        expect(report.findings[0]?.message).toMatch(/^leaf 123: stored leaf hash does not match the leaf bytes/);
        expect(report.firstBadLeafIndex).toBe(123n);
      },
    );
  });

  it('reports (b) an edited level-0 node, and (c) an edited level-3 node, at the first leaf they cover', async () => {
    for (const [level, index, firstLeaf] of [
      [0, 200n, 200n],
      [3, 10n, 80n],
    ] as const) {
      const { hash } = await one<{ hash: Buffer }>('SELECT hash FROM log_nodes WHERE level = $1 AND node_index = $2', [
        level,
        index,
      ]);
      const set = (bytes: Buffer) =>
        tamper(db.pool, 'UPDATE log_nodes SET hash = $1 WHERE level = $2 AND node_index = $3', [bytes, level, index]);
      await withTampering(
        () => set(flipByte(hash, 31)),
        () => set(hash),
        (report) => {
          const tree = report.findings.filter((f) => f.kind !== 'INCONSISTENT_CHECKPOINTS');
          expect(summary(tree)).toEqual([{ kind: 'NODE_MISMATCH', leafIndex: firstLeaf, level, nodeIndex: index }]);
          expect(report.firstBadLeafIndex).toBe(firstLeaf);
        },
      );
    }
  });

  it("reports (d) an edited checkpoint root_hash and (e) an edited note signature at the checkpoint's size", async () => {
    const { root_hash } = await one<{ root_hash: Buffer }>('SELECT root_hash FROM checkpoints WHERE tree_size = 101');
    const setRoot = (bytes: Buffer) =>
      tamper(db.pool, 'UPDATE checkpoints SET root_hash = $1 WHERE tree_size = 101', [bytes]);
    await withTampering(
      () => setRoot(flipByte(root_hash, 7)),
      () => setRoot(root_hash),
      (report) => {
        expect(summary(report.findings)).toEqual([{ kind: 'CHECKPOINT_ROOT_MISMATCH', treeSize: 101n }]);
        expect(report.firstBadLeafIndex).toBeNull();
      },
    );

    const { note } = await one<{ note: string }>('SELECT note FROM checkpoints WHERE tree_size = 202');
    // The signature line is "— <name> <base64(key ID ‖ signature)>": flip a byte of the signature itself.
    const lines = note.split('\n');
    const at = lines.findIndex((l) => l.startsWith('— '));
    const parts = (lines[at] ?? '').split(' ');
    parts[2] = bytesToBase64(flipByte(base64ToBytes(parts[2] ?? ''), 20));
    const forged = lines.with(at, parts.join(' ')).join('\n');
    const setNote = (text: string) => tamper(db.pool, 'UPDATE checkpoints SET note = $1 WHERE tree_size = 202', [text]);
    await withTampering(
      () => setNote(forged),
      () => setNote(note),
      (report) => {
        expect(summary(report.findings)).toEqual([{ kind: 'CHECKPOINT_SIGNATURE', treeSize: 202n }]);
        expect(report.findings[0]?.message).toMatch(/^checkpoint 202: the note does not verify/);
      },
    );
  });

  it('reports (f) a deleted log_leaves row as a gap at its index, its deposit as orphaned', async () => {
    const { deposit_id } = await one<{ deposit_id: string }>(
      'SELECT deposit_id FROM log_leaves WHERE leaf_index = 150',
    );
    await withTampering(
      () => tamper(db.pool, 'DELETE FROM log_leaves WHERE leaf_index = 150'),
      () => tamper(db.pool, 'INSERT INTO log_leaves (leaf_index, deposit_id) VALUES (150, $1)', [deposit_id]),
      (report) => {
        expect(summary(report.findings)).toEqual([{ kind: 'INDEX_GAP', leafIndex: 150n }, { kind: 'ORPHAN_DEPOSIT' }]);
        expect(report.findings[0]?.message).toBe(
          'leaf 150: missing from log_leaves (leaf indexes must run from 0 without gaps)',
        );
        expect(report.findings[1]?.depositId).toBe(deposit_id);
        expect(report.firstBadLeafIndex).toBe(150n);
      },
    );
  });

  it('reports nodes a tree of this size would not have, and caps the findings it keeps', async () => {
    const extra = 'INSERT INTO log_nodes (level, node_index, hash) VALUES (2, 75, $1), (0, 300, $1), (1, 151, $1)';
    await db.pool.query(extra, [Buffer.alloc(32)]);
    try {
      const report = await audit(undefined, 2);
      expect(summary(report.findings)).toEqual([
        { kind: 'UNEXPECTED_NODE', leafIndex: 300n, level: 0, nodeIndex: 300n },
        { kind: 'UNEXPECTED_NODE', leafIndex: 302n, level: 1, nodeIndex: 151n },
      ]);
      expect(report).toMatchObject({ ok: false, findingsTotal: 3, truncated: true, firstBadLeafIndex: 300n });
    } finally {
      await tamper(db.pool, 'DELETE FROM log_nodes WHERE level = 0 AND node_index = 300');
      await tamper(db.pool, 'DELETE FROM log_nodes WHERE level = 1 AND node_index = 151');
      await tamper(db.pool, 'DELETE FROM log_nodes WHERE level = 2 AND node_index = 75');
    }
  });

  it('accepts deposits waiting in sequence_queue; reports those neither queued nor sealed', async () => {
    const queued = syntheticDeposit(orgId);
    const lost = syntheticDeposit(orgId);
    for (const d of [queued, lost]) {
      await db.pool.query(
        `INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, deposited_at) VALUES ($1, $2, $3, $4, $5, now())`,
        [d.id, orgId, Buffer.from(d.leaf), Buffer.from(d.leafHash), d.sha256 && Buffer.from(d.sha256)],
      );
    }
    await db.pool.query('INSERT INTO sequence_queue (deposit_id) VALUES ($1)', [queued.id]);
    try {
      const report = await audit();
      expect(report.findings.map((f) => [f.kind, f.depositId])).toEqual([['ORPHAN_DEPOSIT', lost.id]]);
    } finally {
      await tamper(db.pool, 'DELETE FROM sequence_queue WHERE deposit_id = $1', [queued.id]);
      for (const d of [queued, lost]) await tamper(db.pool, 'DELETE FROM deposits WHERE id = $1', [d.id]);
    }
  });

  it('is clean again after every restore', async () => {
    expect((await audit(13)).findings).toEqual([]);
  });

  it('audits one snapshot while the sequencer keeps sealing', async () => {
    let sealing: Promise<unknown> | undefined;
    const during = await verifyLedger({
      pool: db.pool,
      verifierKey,
      chunkSize: 7,
      // After the first chunk the audit's snapshot is taken: seal more batches while it reads on.
      onProgress: () => {
        sealing ??= (async () => {
          for (let i = 0; i < 8; i++) await sealBatch(Array.from({ length: 1 + i * 7 }, () => syntheticDeposit(orgId)));
        })();
      },
    });
    await sealing;
    expect(during.findings).toEqual([]);
    expect(during.treeSize).toBe(SIZE);
    const after = await audit();
    expect(after.findings).toEqual([]);
    expect(after.treeSize).toBe(SIZE + 204n);
  });

  it('runs as `npm run ledger:verify`: exit 0 when clean, 1 naming the leaf after tampering, 2 on a bad key', {
    timeout: 120_000,
  }, async () => {
    const env = { DATABASE_URL: db.url, VERITY_LOG_SIGNER_KEY: process.env.VERITY_LOG_SIGNER_KEY ?? '' };
    const clean = await runCli(env);
    expect(clean.stdout).toMatch(/ledger is intact/);
    expect(clean.code).toBe(0);

    const { id, leaf } = await one<{ id: string; leaf: Buffer }>(
      'SELECT d.id, d.leaf FROM deposits d JOIN log_leaves l ON l.deposit_id = d.id WHERE l.leaf_index = 42',
    );
    const set = (bytes: Buffer) => tamper(db.pool, 'UPDATE deposits SET leaf = $1 WHERE id = $2', [bytes, id]);
    await set(flipByte(leaf));
    try {
      const bad = await runCli(env);
      expect(bad.stdout).toMatch(/leaf 42: stored leaf hash does not match the leaf bytes/);
      expect(bad.stdout).toMatch(/first bad leaf index: 42/);
      expect(bad.code).toBe(1);
    } finally {
      await set(leaf);
    }

    const misconfigured = await runCli({ ...env, VERITY_LOG_VERIFIER_KEY: 'not-a-key' });
    expect(misconfigured.stderr).toMatch(/VERITY_LOG_VERIFIER_KEY/);
    expect(misconfigured.code).toBe(2);
  });
});
