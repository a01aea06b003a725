import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { hashLeaf, parseCheckpoint, verifyCheckpoint, verifyConsistency, verifyInclusion } from '@/lib/tlog';
import { buildConsistencyProof, buildInclusionProof } from './build-proofs';
import { buildDepositorOrg, syntheticDeposit } from './ledger.testing';
import { logSigner } from './log-signer';
import type { SealedDeposit } from './pending-deposit';
import { type SealState, sealBatch } from './seal-batch';

function randomInt(max: number): number {
  return Math.floor(Math.random() * max);
}

describe('sealBatch and proofs from the store', () => {
  it('grows the log to thousands of leaves; every sampled proof verifies and wrong ones do not', {
    timeout: 120_000,
  }, async () => {
    const org = await buildDepositorOrg();
    const target = 3000 + randomInt(7000); // a random size up to 10,000
    const leaves = new Map<string, Uint8Array>();
    const sealed: SealedDeposit[] = [];
    let state: SealState | undefined;
    for (let done = 0; done < target; ) {
      const batch = Array.from({ length: Math.min(target - done, 1 + randomInt(1500)) }, () =>
        syntheticDeposit(org.id),
      );
      for (const d of batch) leaves.set(d.id, d.leafHash);
      const result = await sealBatch(batch, state);
      state = result.state;
      sealed.push(...result.sealed.filter((s) => leaves.has(s.id)));
      done += batch.length;
    }
    expect(sealed).toHaveLength(target);
    expect(new Set(sealed.map((s) => s.leafIndex)).size).toBe(target); // no index twice

    const verifier = logSigner().verifierKey;
    // The proofs handed out at sealing time verify against the checkpoint that sealed them.
    for (const s of sealed.filter(() => Math.random() < 0.02)) {
      const { checkpoint } = verifyCheckpoint(s.checkpoint, [verifier]);
      verifyInclusion(
        s.leafIndex,
        checkpoint.size,
        leaves.get(s.id) as Uint8Array,
        s.inclusionProof,
        checkpoint.rootHash,
      );
    }

    // Fresh proofs from the store to the latest checkpoint.
    const { rows } = await getPool().query<{ tree_size: string; root_hash: Buffer }>(
      'SELECT tree_size, root_hash FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    const size = BigInt(rows[0]?.tree_size ?? 0);
    const root = new Uint8Array(rows[0]?.root_hash ?? []);
    for (let i = 0; i < 200; i++) {
      const s = sealed[randomInt(sealed.length)] as SealedDeposit;
      const leafHash = leaves.get(s.id) as Uint8Array;
      const proof = await buildInclusionProof(s.leafIndex, size);
      verifyInclusion(s.leafIndex, size, leafHash, proof, root);
      // A proof for another leaf, index or size does not verify.
      expect(() => verifyInclusion(s.leafIndex, size, hashLeaf(new Uint8Array([1, 2, 3])), proof, root)).toThrow();
      const other = s.leafIndex === 0n ? 1n : s.leafIndex - 1n;
      expect(() => verifyInclusion(other, size, leafHash, proof, root)).toThrow();
      // …nor one to a smaller tree (when the leaf is the log's last, that tree is this one).
      if (s.leafIndex + 1n < size) {
        const smaller = await buildInclusionProof(s.leafIndex, s.leafIndex + 1n);
        expect(() => verifyInclusion(s.leafIndex, size, leafHash, smaller, root)).toThrow();
      }
    }
  });

  it('gives consistency proofs between any two checkpoints it issued', { timeout: 60_000 }, async () => {
    const org = await buildDepositorOrg();
    for (let i = 0; i < 5; i++)
      await sealBatch(Array.from({ length: 1 + randomInt(300) }, () => syntheticDeposit(org.id)));
    const { rows } = await getPool().query<{ tree_size: string; root_hash: Buffer; note: string }>(
      'SELECT tree_size, root_hash, note FROM checkpoints WHERE tree_size > 0 ORDER BY random() LIMIT 40',
    );
    const verifier = logSigner().verifierKey;
    for (const a of rows) {
      for (const b of rows.slice(0, 8)) {
        const [older, newer] = BigInt(a.tree_size) <= BigInt(b.tree_size) ? [a, b] : [b, a];
        const proof = await buildConsistencyProof(BigInt(older.tree_size), BigInt(newer.tree_size));
        verifyConsistency(BigInt(older.tree_size), BigInt(newer.tree_size), proof, older.root_hash, newer.root_hash);
        expect(parseCheckpoint(verifyCheckpoint(newer.note, [verifier]).note.text).size).toBe(BigInt(newer.tree_size));
        if (older.tree_size !== newer.tree_size) {
          const tampered = new Uint8Array(older.root_hash);
          tampered[0] = (tampered[0] as number) ^ 1;
          expect(() =>
            verifyConsistency(BigInt(older.tree_size), BigInt(newer.tree_size), proof, tampered, newer.root_hash),
          ).toThrow();
        }
      }
    }
  });

  it('refuses to change or delete ledger rows', async () => {
    const org = await buildDepositorOrg();
    const [sealed] = (await sealBatch([syntheticDeposit(org.id)])).sealed;
    const pool = getPool();
    for (const sql of [
      `UPDATE deposits SET leaf = '\\x00' WHERE id = '${sealed?.id}'`,
      `DELETE FROM log_leaves WHERE deposit_id = '${sealed?.id}'`,
      `UPDATE log_nodes SET hash = hash WHERE level = 0 AND node_index = ${sealed?.leafIndex}`,
      `DELETE FROM checkpoints WHERE tree_size = ${sealed?.treeSize}`,
      'TRUNCATE log_nodes',
    ]) {
      await expect(pool.query(sql), sql).rejects.toThrow(/append-only/);
    }
  });

  it('refuses a leaf of an unknown deposit and a deposit of an unknown organisation, writing nothing', async () => {
    const org = await buildDepositorOrg();
    const [sealed] = (await sealBatch([syntheticDeposit(org.id)])).sealed;
    const pool = getPool();
    // A deposit with no leaf yet (as ?wait=false leaves one until the sequencer takes it).
    const unsealed = '00000000-0000-4000-8000-0000000000aa';
    await pool.query(`INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, deposited_at)
      VALUES ('${unsealed}', '${org.id}', '\\x00', sha256('x'), sha256('y'), now())`);
    const before = await pool.query('SELECT (SELECT count(*) FROM deposits) d, (SELECT count(*) FROM log_leaves) l');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const next = BigInt(sealed?.treeSize ?? 0n) + 1000n;
    const attempts = [
      `INSERT INTO log_leaves (leaf_index, deposit_id) VALUES (${next}, '${unknown}')`,
      // One good row beside the bad one: the whole statement fails.
      `INSERT INTO log_leaves (leaf_index, deposit_id) VALUES (${next}, '${unsealed}'), (${next + 1n}, '${unknown}')`,
      `INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, deposited_at)
         VALUES (gen_random_uuid(), '${unknown}', '\\x00', sha256('x'), sha256('y'), now())`,
    ];
    for (const sql of attempts) {
      await expect(pool.query(sql), sql).rejects.toMatchObject({ code: '23503' });
    }
    // Checked at the end of a statement, so one statement may write a deposit and its leaf together.
    const id = '00000000-0000-4000-8000-00000000abcd';
    await pool.query('BEGIN');
    try {
      await pool.query(`WITH d AS (INSERT INTO deposits (id, org_id, leaf, leaf_hash, sha256, deposited_at)
          VALUES ('${id}', '${org.id}', '\\x00', sha256('x'), sha256('y'), now()))
        INSERT INTO log_leaves (leaf_index, deposit_id) VALUES (${next + 7n}, '${id}')`);
    } finally {
      await pool.query('ROLLBACK');
    }
    expect(
      (await pool.query('SELECT (SELECT count(*) FROM deposits) d, (SELECT count(*) FROM log_leaves) l')).rows,
    ).toEqual(before.rows);
  });

  it('never deletes or renumbers a depositor organisation (their deposits point to them)', async () => {
    const org = await buildDepositorOrg();
    await sealBatch([syntheticDeposit(org.id)]);
    const pool = getPool();
    for (const sql of [
      `DELETE FROM depositor_orgs WHERE id = '${org.id}'`,
      `UPDATE depositor_orgs SET id = gen_random_uuid() WHERE id = '${org.id}'`,
      'TRUNCATE depositor_orgs CASCADE',
    ]) {
      await expect(pool.query(sql), sql).rejects.toThrow(/never deleted or renumbered/);
    }
    await pool.query(`UPDATE depositor_orgs SET name = name || ' (renamed)' WHERE id = '${org.id}'`);
    expect((await pool.query(`SELECT name FROM depositor_orgs WHERE id = '${org.id}'`)).rows[0].name).toMatch(
      /renamed/,
    );
  });
});
