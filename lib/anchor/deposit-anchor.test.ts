/**
 * A deposit's anchors end to end on real components: deposits sealed into the shared test log, the
 * anchoring job anchoring a checkpoint on anvil and time-stamping it with the built-in responder,
 * then findDepositAnchor (the first anchored checkpoint containing the leaf, joined to the
 * receipt's checkpoint by a consistency proof, in either direction) and checkDepositAnchor as the
 * pages and the offline checker run it: everything passes with the chain read back; each edit — the
 * consistency proof, the token, the pinned root, the contract — fails its own check; without an
 * endpoint the chain is "not checked" and fails nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { checkpointAt, latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { buildDepositorOrg, syntheticDeposit } from '@/lib/ledger/ledger.testing';
import { logSigner } from '@/lib/ledger/log-signer';
import { sealBatch } from '@/lib/ledger/seal-batch';
import { parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';
import { LOCAL_CHAIN_DEV_KEY, type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import type { AnchorSettings } from './anchor-settings';
import { AnchoringJob } from './anchoring-job';
import { checkDepositAnchor } from './check-deposit-anchor';
import type { DepositAnchor } from './deposit-anchor.schema';
import { ZDepositAnchor } from './deposit-anchor.schema';
import { deployEvidenceAnchor } from './evm/deploy-evidence-anchor';
import { EvmAnchorClient } from './evm/evm-anchor-client';
import { findDepositAnchor } from './find-deposit-anchor';
import { createDemoAuthority } from './rfc3161/demo-authority';
import { requestTimestamp } from './rfc3161/request-timestamp';
import { startTimestampResponder, type TimestampResponder } from './rfc3161/responder';

describe('a deposit’s anchors', () => {
  let dir: string;
  let chain: LocalChain;
  let tsa: TimestampResponder;
  let contract: `0x${string}`;
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
      tsaRoots: extra.tsaRoots ?? [tsa.rootPem],
      rpcUrl: extra.rpcUrl === undefined ? chain.url : extra.rpcUrl,
    });
  const byName = (result: Awaited<ReturnType<typeof check>>) =>
    Object.fromEntries(result.checks.map((c) => [c.name, c]));

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'verity-deposit-anchor-'));
    [chain, tsa] = await Promise.all([startLocalChain(), startTimestampResponder({ dir: path.join(dir, 'tsa') })]);
    contract = (
      await deployEvidenceAnchor({ rpcUrl: chain.url, chainId: chain.chainId, signerKey: LOCAL_CHAIN_DEV_KEY })
    ).toLowerCase() as `0x${string}`;
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
    const settings: AnchorSettings = {
      chain: {
        rpcUrl: chain.url,
        chainId: chain.chainId,
        contract,
        signer: { key: LOCAL_CHAIN_DEV_KEY },
        name: 'test chain',
        publicRpcUrl: chain.url,
        demo: false,
      },
      tsa: { urls: [tsa.url], roots: [tsa.rootPem], demo: false },
      confirmations: 1,
      intervalMs: 60_000,
      everyLeaves: 1,
    };
    const outcome = await new AnchoringJob({
      settings,
      anchorer: new EvmAnchorClient({
        rpcUrl: chain.url,
        chainId: chain.chainId,
        contract,
        signerKey: LOCAL_CHAIN_DEV_KEY,
        confirmations: 1,
        pollingIntervalMs: 20,
      }),
      timestamper: (data) => requestTimestamp({ urls: [tsa.url], data, trustedRoots: [tsa.rootPem] }),
      candidate: () => checkpointAt(anchoredSize),
    }).runOnce();
    expect(outcome.failures).toEqual([]);
    expect(outcome.anchored).toBe(anchoredSize);
    await sealBatch([syntheticDeposit(org.id)]); // a later checkpoint, as a fresh receipt's
  });

  afterAll(async () => {
    await Promise.allSettled([chain?.stop(), tsa?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the first anchored checkpoint containing the leaf, proved consistent with a later receipt’s, and checks', async () => {
    const later = (await latestCheckpoint()).treeSize;
    expect(later).toBeGreaterThan(anchoredSize);
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, later, { chain: { chainId: chain.chainId, contract } }),
    );
    expect(anchor.consistency).toMatchObject({ from: Number(anchoredSize), to: Number(later) });
    // Other files anchor the shared log too (their own contracts): the first anchor containing the
    // leaf is ours or an earlier one of theirs; ours was made for this leaf's checkpoint.
    if (anchor.evm?.contract !== contract)
      return expect(anchor.evm?.treeSize).toBeLessThanOrEqual(Number(anchoredSize));
    const result = await check(anchor, later);
    expect(result.checks.map((c) => [c.name, c.ok, c.checked])).toEqual([
      ['anchor_checkpoint', true, true],
      ['anchor_timestamp', true, true],
      ['anchor_chain', true, true],
    ]);
    expect(result.ok).toBe(true);
    // Named by the configuration (none in this process): another chain is called by its ID.
    expect(result.facts.chain).toMatchObject({ name: 'chain 31337', checked: true, demo: false });
    expect(result.facts.timestamp?.tsa).toMatch(/demo only/);
    expect(result.facts.timestamp?.rootPinned).toBe(true);
  });

  it('is joined the other way when the receipt’s checkpoint is older than the anchor', async () => {
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, leafIndex + 1n, { chain: { chainId: chain.chainId, contract } }),
    );
    expect(anchor.consistency.from).toBe(Number(leafIndex) + 1);
    expect((await check(anchor, leafIndex + 1n)).ok).toBe(true);
  });

  it('fails the check that an edit breaks, and says "not checked" for the chain without an endpoint', async () => {
    const later = (await latestCheckpoint()).treeSize;
    const anchor = ZDepositAnchor.parse(
      await findDepositAnchor(leafIndex, later, { chain: { chainId: chain.chainId, contract } }),
    );
    if (!anchor.timestamp || !anchor.evm) throw new Error('the anchor has no token or no transaction');

    const proof =
      anchor.consistency.proof.length > 0 ? anchor.consistency.proof : ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='];
    const badProof = {
      ...anchor,
      consistency: { ...anchor.consistency, proof: [...proof.slice(1), proof[0] as string].reverse() },
    };
    expect(byName(await check(badProof, later)).anchor_checkpoint?.ok).toBe(false);

    const otherToken = await requestTimestamp({ urls: [tsa.url], data: new TextEncoder().encode('another text\n') });
    const swapped = {
      ...anchor,
      timestamp: { ...anchor.timestamp, token: Buffer.from(otherToken.token).toString('base64') },
    };
    expect(byName(await check(swapped, later)).anchor_timestamp?.message).toMatch(/does not check/);

    const stranger = await createDemoAuthority();
    expect(byName(await check(anchor, later, { tsaRoots: [stranger.rootPem] })).anchor_timestamp?.ok).toBe(false);

    // A second contract made to hold another root for the size: the chain disagrees with the anchor.
    const rogue = await deployEvidenceAnchor({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      signerKey: LOCAL_CHAIN_DEV_KEY,
    });
    const landed = await new EvmAnchorClient({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      contract: rogue,
      signerKey: LOCAL_CHAIN_DEV_KEY,
      confirmations: 1,
      pollingIntervalMs: 20,
    }).anchor(BigInt(anchor.evm.treeSize), new Uint8Array(32).fill(9));
    const elsewhere = {
      ...anchor,
      evm: {
        ...anchor.evm,
        contract: rogue.toLowerCase(),
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
