import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { checkpointAt, latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { buildDepositorOrg, syntheticDeposit } from '@/lib/ledger/ledger.testing';
import { logSigner } from '@/lib/ledger/log-signer';
import { sealBatch } from '@/lib/ledger/seal-batch';
import { parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';
import { runHoldingTheLock, startTestAnchors, type TestAnchors } from './anchors.testing';
import { checkDepositAnchor } from './check-deposit-anchor';
import type { DepositAnchor } from './deposit-anchor.schema';
import { ZDepositAnchor } from './deposit-anchor.schema';
import { findDepositAnchor } from './find-deposit-anchor';
import { createDemoAuthority } from './rfc3161/demo-authority';
import { requestTimestamp } from './rfc3161/request-timestamp';

describe('a deposit’s anchors', () => {
  let anchors: TestAnchors;
  let leafIndex: bigint;
  let anchoredSize: bigint;

  const key = () => parseVerifierKey(logSigner().verifierKey);
  const depositCheckpoint = async (size: bigint) => {
    const stored = await checkpointAt(size);
    const { checkpoint } = verifyCheckpoint(stored?.note ?? '', key(), { origin: key().name });
    return { size: checkpoint.size, root: checkpoint.rootHash };
  };
  const check = async (
    anchor: DepositAnchor,
    size: bigint,
    extra: { rpcUrl?: string | null; tsaRoots?: string[] } = {},
  ) =>
    checkDepositAnchor(anchor, {
      logVerifiers: key(),
      origin: key().name,
      leafIndex,
      depositCheckpoint: await depositCheckpoint(size),
      tsaRoots: extra.tsaRoots ?? [anchors.tsa.rootPem],
      rpcUrl: extra.rpcUrl === undefined ? anchors.chain.url : extra.rpcUrl,
    });
  const byName = (result: Awaited<ReturnType<typeof check>>) =>
    Object.fromEntries(result.checks.map((c) => [c.name, c]));

  beforeAll(async () => {
    anchors = await startTestAnchors();
    const org = await buildDepositorOrg();
    const deposit = syntheticDeposit(org.id);
    await sealBatch([deposit]);
    const { rows } = await getPool().query<{ leaf_index: string }>(
      'SELECT leaf_index FROM log_leaves WHERE deposit_id = $1',
      [deposit.id],
    );
    leafIndex = BigInt(rows[0]?.leaf_index ?? '-1');
    await sealBatch([syntheticDeposit(org.id), syntheticDeposit(org.id)]);
    const anchored = await latestCheckpoint();
    anchoredSize = anchored.treeSize;
    const outcome = await runHoldingTheLock(
      anchors.job({ settings: anchors.settings({ intervalMs: 60_000 }), candidate: () => checkpointAt(anchoredSize) }),
    );
    expect(outcome.failures).toEqual([]);
    expect(outcome.anchored).toBe(anchoredSize);
    await sealBatch([syntheticDeposit(org.id)]); // a later checkpoint, as a fresh receipt's
  });

  afterAll(() => anchors?.stop());

  it('is the first anchored checkpoint containing the leaf, proved consistent with a later receipt’s, and checks', async () => {
    const later = (await latestCheckpoint()).treeSize;
    expect(later).toBeGreaterThan(anchoredSize);
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, later, {
        chain: { chainId: anchors.chain.chainId, contract: anchors.contract },
      }),
    );
    expect(anchor.consistency).toMatchObject({ from: Number(anchoredSize), to: Number(later) });
    expect(anchor.evm).toMatchObject({ contract: anchors.contract, treeSize: Number(anchoredSize) });
    const result = await check(anchor, later);
    expect(result.checks.map((c) => [c.name, c.ok, c.checked])).toEqual([
      ['anchor_checkpoint', true, true],
      ['anchor_timestamp', true, true],
      ['anchor_chain', true, true],
    ]);
    expect(result.ok).toBe(true);
    // Named by the configuration (none in this process): another chain is called by its ID.
    expect(result.facts.chain).toMatchObject({ name: `chain ${anchors.chain.chainId}`, checked: true, demo: false });
    expect(result.facts.timestamp?.tsa).toMatch(/demo only/);
    expect(result.facts.timestamp?.rootPinned).toBe(true);
  });

  it('is joined the other way when the receipt’s checkpoint is older than the anchor', async () => {
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, leafIndex + 1n, {
        chain: { chainId: anchors.chain.chainId, contract: anchors.contract },
      }),
    );
    expect(anchor.consistency.from).toBe(Number(leafIndex) + 1);
    expect((await check(anchor, leafIndex + 1n)).ok).toBe(true);
  });

  it('fails the check that an edit breaks, and says "not checked" for the chain without an endpoint', async () => {
    const later = (await latestCheckpoint()).treeSize;
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, later, {
        chain: { chainId: anchors.chain.chainId, contract: anchors.contract },
      }),
    );
    if (!anchor.timestamp || !anchor.evm) throw new Error('the anchor has no token or no transaction');

    const proof =
      anchor.consistency.proof.length > 0 ? anchor.consistency.proof : ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='];
    const badProof = {
      ...anchor,
      consistency: { ...anchor.consistency, proof: [...proof.slice(1), proof[0] as string].reverse() },
    };
    expect(byName(await check(badProof, later)).anchor_checkpoint?.ok).toBe(false);

    const otherToken = await requestTimestamp({
      urls: [anchors.tsa.url],
      data: new TextEncoder().encode('another text\n'),
    });
    const swapped = {
      ...anchor,
      timestamp: { ...anchor.timestamp, token: Buffer.from(otherToken.token).toString('base64') },
    };
    expect(byName(await check(swapped, later)).anchor_timestamp?.message).toMatch(/does not check/);

    const stranger = await createDemoAuthority();
    expect(byName(await check(anchor, later, { tsaRoots: [stranger.rootPem] })).anchor_timestamp?.ok).toBe(false);

    // A second contract made to hold another root for the size: the chain disagrees with the anchor.
    const rogue = await anchors.deployAnother();
    const landed = await anchors.client(rogue).anchor(BigInt(anchor.evm.treeSize), new Uint8Array(32).fill(9));
    const elsewhere = {
      ...anchor,
      evm: {
        ...anchor.evm,
        contract: rogue,
        transactionHash: landed.transactionHash,
        blockNumber: Number(landed.blockNumber),
        blockHash: landed.blockHash,
      },
    };
    const chainCheck = byName(await check(elsewhere, later)).anchor_chain;
    expect(chainCheck?.ok).toBe(false);
    expect(chainCheck?.message).toMatch(/root/i);

    const offline = await check(anchor, later, { rpcUrl: null });
    expect(byName(offline).anchor_chain).toMatchObject({ ok: true, checked: false });
    expect(offline.facts.chain?.checked).toBe(false);
    expect(offline.ok).toBe(true);
  });
});
