/**
 * checkEvmAnchor against a real anvil: a good anchor passes, and each edit of it — chain, contract,
 * transaction, size, root, block — fails with its own code; a second contract holding another root
 * for the same size is ROOT_MISMATCH; a stopped chain is CHAIN_UNREACHABLE.
 */
import { readFileSync } from 'node:fs';
import { bytesToHex, toEventSelector, toFunctionSelector } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CHAIN_DEV_KEY, type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import { randomRoot, rawRpc, requireAnvil, sendFrom } from './chain.testing';
import { ANCHORED_TOPIC, checkEvmAnchor, type EvmAnchorToCheck, ROOT_AT_SELECTOR } from './check-evm-anchor';
import { deployEvidenceAnchor } from './deploy-evidence-anchor';
import { EvmAnchorClient } from './evm-anchor-client';

it('uses the selector and topic of the contract, and imports nothing (browser-safe, no viem)', () => {
  expect(ROOT_AT_SELECTOR).toBe(toFunctionSelector('rootAt(uint64)'));
  expect(ANCHORED_TOPIC).toBe(toEventSelector('Anchored(uint64,bytes32,uint256)'));
  const source = readFileSync(new URL('./check-evm-anchor.ts', import.meta.url), 'utf8');
  expect(source).not.toMatch(/^\s*import\s/m);
});

const hasAnvil = requireAnvil();

describe.runIf(hasAnvil)('checkEvmAnchor', () => {
  let chain: LocalChain;
  let anchor: EvmAnchorToCheck;
  let other: { contract: `0x${string}`; transactionHash: string; blockNumber: bigint; blockHash: string };
  let blockTime: Date;

  async function anchorOn(root: Uint8Array) {
    const contract = await deployEvidenceAnchor({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      signerKey: LOCAL_CHAIN_DEV_KEY,
    });
    const client = new EvmAnchorClient({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      contract,
      signerKey: LOCAL_CHAIN_DEV_KEY,
      confirmations: 1,
      pollingIntervalMs: 20,
    });
    return { contract, ...(await client.anchor(5n, root)) };
  }

  beforeAll(async () => {
    chain = await startLocalChain();
    const root = randomRoot();
    const mine = await anchorOn(root);
    blockTime = mine.blockTime;
    anchor = {
      chainId: chain.chainId,
      contract: mine.contract,
      transactionHash: mine.transactionHash,
      blockNumber: mine.blockNumber,
      blockHash: mine.blockHash,
      treeSize: 5n,
      rootHash: bytesToHex(root),
    };
    other = await anchorOn(randomRoot());
  });
  afterAll(() => chain?.stop());

  const check = (edit: Partial<EvmAnchorToCheck> = {}) =>
    checkEvmAnchor({ rpcUrl: chain.url, anchor: { ...anchor, ...edit } });

  it('passes a good anchor and answers its block time, in four JSON-RPC calls through the fetch given', async () => {
    const methods: string[] = [];
    const counting: typeof fetch = (input, init) => {
      methods.push(JSON.parse(String(init?.body)).method);
      return fetch(input, init);
    };
    expect(await checkEvmAnchor({ rpcUrl: chain.url, anchor, fetch: counting })).toEqual({ ok: true, blockTime });
    expect(methods).toEqual(['eth_chainId', 'eth_getTransactionReceipt', 'eth_getBlockByNumber', 'eth_call']);
    // Numbers as decimal strings and hex without 0x, as JSON carries them.
    expect(
      (
        await check({
          blockNumber: String(anchor.blockNumber),
          treeSize: '5',
          rootHash: anchor.rootHash.slice(2).toUpperCase(),
        })
      ).ok,
    ).toBe(true);
  });

  it('fails each edited field with its own code', async () => {
    const code = async (edit: Partial<EvmAnchorToCheck>) => {
      const result = await check(edit);
      return result.ok ? 'ok' : result.code;
    };
    expect(await code({ chainId: chain.chainId + 1 })).toBe('WRONG_CHAIN');
    expect(await code({ transactionHash: bytesToHex(randomRoot()) })).toBe('TX_NOT_FOUND');
    expect(await code({ contract: other.contract })).toBe('WRONG_CONTRACT');
    expect(await code({ treeSize: 6n })).toBe('NO_EVENT');
    expect(await code({ rootHash: bytesToHex(randomRoot()) })).toBe('ROOT_MISMATCH');
    expect(await code({ blockHash: bytesToHex(randomRoot()) })).toBe('BLOCK_MISMATCH');
    expect(await code({ blockNumber: BigInt(anchor.blockNumber) + 1n })).toBe('BLOCK_MISMATCH');
    expect(await code({ rootHash: 'not hex' })).toBe('NO_EVENT');
  });

  it('a second contract holding another root for the same size: ROOT_MISMATCH when the anchor names it', async () => {
    const result = await check({
      contract: other.contract,
      transactionHash: other.transactionHash,
      blockNumber: other.blockNumber,
      blockHash: other.blockHash,
    });
    expect(result).toMatchObject({ ok: false, code: 'ROOT_MISMATCH' });
  });

  it('a transaction of the contract that anchored nothing (a retried anchor, a no-op) is NO_EVENT', async () => {
    const [from = ''] = await rawRpc<string[]>(chain.url, 'eth_accounts');
    const data = `0xa6855208${(5).toString(16).padStart(64, '0')}${anchor.rootHash.slice(2)}`;
    const retry = await sendFrom(chain.url, from, { to: anchor.contract, data });
    expect(retry.status).toBe('0x1');
    const result = await check({
      transactionHash: retry.transactionHash,
      blockNumber: BigInt(retry.blockNumber),
      blockHash: retry.blockHash,
    });
    expect(result).toMatchObject({ ok: false, code: 'NO_EVENT' });
  });

  it('a stopped chain is CHAIN_UNREACHABLE, quickly', async () => {
    const gone = await startLocalChain();
    await gone.stop();
    const started = performance.now();
    const result = await checkEvmAnchor({ rpcUrl: gone.url, anchor, timeoutMs: 2_000 });
    expect(result).toMatchObject({ ok: false, code: 'CHAIN_UNREACHABLE' });
    expect(performance.now() - started).toBeLessThan(2_500);
  });
});
