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
import { type AnyReceipt, loadReceipts, loadReceiptsByDigest } from './load-receipts';
import type { DepositReceipt } from './receipt';
import { buildLeaf } from './statement';
import { hashLeafBytes } from './tree/node-hash';

async function expectValid(receipt: AnyReceipt | undefined): Promise<DepositReceipt> {
  expect(receipt?.status).toBe('sealed');
  const r = receipt as DepositReceipt;
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
      deposited.push((receipts[0] as AnyReceipt).id);
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
