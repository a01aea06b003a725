/**
 * loadReceipts and loadReceiptsByDigest read deposits, the latest checkpoint and the stored nodes
 * of every proof in one statement. Their proofs must equal the ones built node by node from the
 * store (buildInclusionProof) and verify, at every tree size the log passes through.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { base64ToBytes, hashLeaf, parseCheckpoint, parseSignedNote, parseTlogProof, verifyInclusion } from '@/lib/tlog';
import { acceptDeposits } from './accept-deposits';
import { buildInclusionProof } from './build-proofs';
import { insertDeposits } from './insert-deposits';
import { buildDepositorOrg } from './ledger.testing';
import { loadReceipts, loadReceiptsByDigest, type Receipt, ReceiptReader } from './load-receipts';
import type { SealedReceipt } from './receipt';
import { buildLeaf } from './statement';
import { hashLeafBytes } from './tree/node-hash';
import { UpperNodes } from './tree/upper-nodes';

async function expectValid(receipt: Receipt | undefined): Promise<SealedReceipt> {
  expect(receipt?.status).toBe('sealed');
  const r = receipt as SealedReceipt;
  const proof = r.inclusionProof.map(base64ToBytes);
  expect(proof).toEqual(await buildInclusionProof(BigInt(r.leafIndex), BigInt(r.treeSize)));
  const { rootHash, size } = parseCheckpoint(parseSignedNote(r.checkpoint).text);
  expect(size).toBe(BigInt(r.treeSize));
  const leafHash = hashLeaf(base64ToBytes(r.leaf));
  verifyInclusion(r.leafIndex, r.treeSize, leafHash, proof, rootHash);
  expect(parseTlogProof(r.tlogProof).proof).toEqual(proof);
  // The proof is for this leaf only.
  const other = new Uint8Array(leafHash);
  other[0] = (other[0] as number) ^ 1;
  expect(() => verifyInclusion(r.leafIndex, r.treeSize, other, proof, rootHash)).toThrow();
  return r;
}

/** The log's size (other tests of the file share the database, so it is not ids.length). */
async function treeSize(): Promise<bigint> {
  const { rows } = await getPool().query<{ s: string }>('SELECT max(tree_size)::text AS s FROM checkpoints');
  return BigInt(rows[0]?.s ?? 0);
}

/** Refreshes the reader to the log's size now, remembered in refreshedTo (the log may grow on). */
async function refreshed(reader: ReceiptReader, ids: string[]) {
  refreshedTo = await treeSize();
  await reader.refresh(refreshedTo);
  return reader.byIds(ids);
}
let refreshedTo = 0n;

describe('loadReceipts', () => {
  it('gives every deposit a proof equal to the one built from the store, at every size the log grows through', async () => {
    const org = await buildDepositorOrg();
    const ids: string[] = [];
    // Sizes with every shape of right edge: single leaves, powers of two and their neighbours.
    for (const count of [1, 1, 1, 2, 3, 1, 7, 1, 16, 1, 31, 2, 64, 1, 5, 127, 3]) {
      const { receipts } = await acceptDeposits({
        org,
        requests: Array.from({ length: count }, () => ({ digests: { sha256: randomBytes(32).toString('hex') } })),
        wait: true,
      });
      ids.push(...receipts.map((r) => r.id));
      const sample = ids.length <= 80 ? ids : [...ids.slice(0, 20), ...ids.slice(-40), ids[Math.floor(ids.length / 2)]];
      const loaded = await loadReceipts(sample as string[]);
      expect(loaded.size).toBe(new Set(sample).size);
      for (const id of sample) expect((await expectValid(loaded.get(id as string))).id).toBe(id);
    }
  });

  it('takes the upper nodes it holds from memory, cold, partly held or refreshed, and the statement skips them', async () => {
    const org = await buildDepositorOrg();
    // Low levels and a small limit per level, so a small log exercises held, unheld and capped levels.
    const reader = new ReceiptReader(new UpperNodes({ minLevel: 1, maxPerLevel: 5 }));
    const ids: string[] = [];
    for (const count of [1, 2, 5, 1, 8, 13, 1, 32, 3]) {
      const { receipts } = await acceptDeposits({
        org,
        requests: Array.from({ length: count }, () => ({ digests: { sha256: randomBytes(32).toString('hex') } })),
        wait: true,
      });
      ids.push(...receipts.map((r) => r.id));
      // Held as of an earlier size (or nothing), then refreshed to the current one.
      for (const loaded of [await reader.byIds(ids), await refreshed(reader, ids)]) {
        expect(loaded.size).toBe(ids.length);
        for (const id of ids) expect((await expectValid(loaded.get(id))).id).toBe(id);
      }
    }
    // The size the reader last refreshed to: other test files share the database, so the log may
    // have grown since, and nodes past that size are rightly not held (CI stop 27 met exactly that).
    const size = refreshedTo;
    expect(reader.nodes.missing(size)).toEqual([]);
    expect(reader.nodes.count(1)).toBe(5); // capped: nodes past the limit still come from the store
    expect(reader.nodes.count(5)).toBe(Math.min(5, Number(size >> 5n)));

    // Held nodes that differ from the store's (as if memory were corrupted) break the proofs that
    // need them: so the statement really leaves them out instead of fetching everything.
    const wrong = new UpperNodes({ minLevel: 1, maxPerLevel: 5 });
    for (const r of wrong.missing(size)) {
      wrong.extend(
        r.level,
        r.from,
        Array.from({ length: r.to - r.from }, () => new Uint8Array(32).fill(7)),
      );
    }
    const poisoned = await new ReceiptReader(wrong).byIds(ids);
    const broken = [...poisoned.values()].filter((r) => {
      const { rootHash } = parseCheckpoint(parseSignedNote((r as SealedReceipt).checkpoint).text);
      try {
        const d = r as SealedReceipt;
        verifyInclusion(
          d.leafIndex,
          d.treeSize,
          hashLeaf(base64ToBytes(d.leaf)),
          d.inclusionProof.map(base64ToBytes),
          rootHash,
        );
        return false;
      } catch {
        return true;
      }
    });
    expect(broken.length).toBeGreaterThan(ids.length / 2);
  });

  it('lists every deposit of a digest, oldest first, each with its proof; a deposit not yet sealed is pending', async () => {
    const org = await buildDepositorOrg();
    const sha256 = randomBytes(32).toString('hex');
    const deposited: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { receipts } = await acceptDeposits({
        org,
        requests: [{ digests: { sha256 } }, { digests: { sha256: randomBytes(32).toString('hex') } }],
        wait: true,
      });
      deposited.push((receipts[0] as Receipt).id);
    }
    // A deposit written but not sealed (as ?wait=false leaves one until the sequencer takes it).
    const { leaf, statement } = buildLeaf({
      request: { digests: { sha256 } },
      depositor: org,
      depositedAt: new Date(Date.now() + 60_000),
    });
    const pendingId = '00000000-0000-4000-8000-0000000000bb';
    const client = await getPool().connect();
    try {
      await insertDeposits(client, [
        {
          id: pendingId,
          orgId: org.id,
          leaf,
          leafHash: hashLeafBytes(leaf),
          sha256: Buffer.from(sha256, 'hex'),
          sm3: null,
          depositedAt: new Date(statement.depositedAt),
        },
      ]);
    } finally {
      client.release();
    }

    const found = await loadReceiptsByDigest('sha256', Buffer.from(sha256, 'hex'));
    expect(found.map((r) => r.id)).toEqual([...deposited, pendingId]);
    for (const r of found.slice(0, 3)) expect((await expectValid(r)).digests.sha256).toBe(sha256);
    expect(found[3]).toMatchObject({ id: pendingId, status: 'pending', digests: { sha256 } });
    expect(await loadReceiptsByDigest('sha256', randomBytes(32))).toEqual([]);
  });
});
