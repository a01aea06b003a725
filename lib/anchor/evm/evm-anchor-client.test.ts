/**
 * EvmAnchorClient against a real anvil: anchoring, idempotent retries, conflicts, the wrong chain,
 * a stopped chain, out of gas, a reorg that drops the transaction, and K confirmations. What the
 * chain holds is read back with raw JSON-RPC (chain.testing.ts), not with the client under test.
 */
import { bytesToHex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CHAIN_DEV_KEY, type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import { type RawReceipt, randomRoot, rawRpc, requireAnvil } from './chain.testing';
import { deployEvidenceAnchor } from './deploy-evidence-anchor';
import { EvmAnchorClient, type EvmAnchorClientOptions } from './evm-anchor-client';
import { type EvmAnchorErrorCode, isEvmAnchorError } from './evm-anchor-error';

/** Anvil's second development account (public, like LOCAL_CHAIN_DEV_KEY): not the contract's owner. */
const OTHER_DEV_KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const OWNER = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

const hasAnvil = requireAnvil();

async function codeOf(promise: Promise<unknown>): Promise<EvmAnchorErrorCode> {
  try {
    await promise;
  } catch (error) {
    if (isEvmAnchorError(error)) return error.code;
    throw error;
  }
  throw new Error('it did not fail');
}

describe.runIf(hasAnvil)('EvmAnchorClient', () => {
  let chain: LocalChain;
  beforeAll(async () => {
    chain = await startLocalChain();
  });
  afterAll(() => chain?.stop());

  async function client(options: Partial<EvmAnchorClientOptions> = {}): Promise<EvmAnchorClient> {
    const contract =
      options.contract ??
      (await deployEvidenceAnchor({ rpcUrl: chain.url, chainId: chain.chainId, signerKey: LOCAL_CHAIN_DEV_KEY }));
    return new EvmAnchorClient({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      signerKey: LOCAL_CHAIN_DEV_KEY,
      confirmations: 1,
      pollingIntervalMs: 20,
      ...options,
      contract,
    });
  }
  const nonce = () => rawRpc<string>(chain.url, 'eth_getTransactionCount', [OWNER, 'latest']);
  const rootAtRaw = (contract: string, size: bigint) =>
    rawRpc<string>(chain.url, 'eth_call', [
      { to: contract, data: `0xeaa38b41${size.toString(16).padStart(64, '0')}` },
      'latest',
    ]);
  const mined = async (contract: string, size: bigint, root: Uint8Array) => {
    while ((await rootAtRaw(contract, size)) !== bytesToHex(root)) await new Promise((r) => setTimeout(r, 10));
  };

  it('anchors, reads back, and finds the event; the receipt and block agree on the chain', async () => {
    const anchors = await client();
    await anchors.check();
    expect(await anchors.rootAt(5n)).toBeNull();
    expect(await anchors.latestTreeSize()).toBe(0n);
    const root = randomRoot();
    const result = await anchors.anchor(5n, root);
    expect(result.resent).toBe(0);
    expect(result.gasUsed).toBeGreaterThan(21_000n);
    const receipt = await rawRpc<RawReceipt>(chain.url, 'eth_getTransactionReceipt', [result.transactionHash]);
    expect(receipt.blockHash).toBe(result.blockHash);
    expect(BigInt(receipt.blockNumber)).toBe(result.blockNumber);
    expect(BigInt(receipt.gasUsed)).toBe(result.gasUsed);
    const block = await rawRpc<{ hash: string; timestamp: string }>(chain.url, 'eth_getBlockByNumber', [
      receipt.blockNumber,
      false,
    ]);
    expect(result.blockTime.getTime()).toBe(Number(BigInt(block.timestamp)) * 1000);
    expect(await anchors.rootAt(5n)).toEqual(root);
    expect(await anchors.latestTreeSize()).toBe(5n);
    const { gasUsed: _g, resent: _r, ...record } = result;
    expect(await anchors.findAnchor(5n)).toEqual(record);
    expect(await anchors.findAnchor(6n)).toBeNull();
  });

  it('anchors through an account the node signs for (an external signer), without the key in this process', async () => {
    const contract = await deployEvidenceAnchor({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      signerKey: LOCAL_CHAIN_DEV_KEY,
    });
    // anvil signs for its development accounts (eth_sendTransaction), as EthSigner or Clef would.
    const anchors = await client({ contract, signerKey: undefined, signerAccount: OWNER });
    const root = randomRoot();
    const sent = await nonce();
    const result = await anchors.anchor(9n, root);
    expect(await anchors.rootAt(9n)).toEqual(root);
    expect(BigInt(await nonce())).toBe(BigInt(sent) + 1n);
    const tx = await rawRpc<{ from: string }>(chain.url, 'eth_getTransactionByHash', [result.transactionHash]);
    expect(tx.from.toLowerCase()).toBe(OWNER.toLowerCase());
    const reader = await client({ contract, signerKey: undefined });
    await expect(reader.anchor(10n, randomRoot())).rejects.toThrow(/needs a signerKey or a signerAccount/);
  });

  it('anchoring the same root again returns the first transaction and sends nothing', async () => {
    const anchors = await client();
    const root = randomRoot();
    const first = await anchors.anchor(7n, root);
    const sent = await nonce();
    const again = await anchors.anchor(7n, root);
    expect(again).toEqual(first);
    expect(await nonce()).toBe(sent);
  });

  it('another root for an anchored size is ROOT_CONFLICT, carrying the root on the chain, and sends nothing', async () => {
    const anchors = await client();
    const root = randomRoot();
    await anchors.anchor(7n, root);
    const sent = await nonce();
    const error = await anchors.anchor(7n, randomRoot()).catch((e: unknown) => e);
    expect(isEvmAnchorError(error, 'ROOT_CONFLICT')).toBe(true);
    expect((error as { onChainRoot?: Uint8Array }).onChainRoot).toEqual(root);
    expect(await nonce()).toBe(sent);
  });

  it('maps the contract refusals: a smaller size is REVERTED, another key NOT_OWNER', async () => {
    const anchors = await client();
    await anchors.anchor(9n, randomRoot());
    expect(await codeOf(anchors.anchor(8n, randomRoot()))).toBe('REVERTED');
    const stranger = await client({
      contract: anchors.contractAddress,
      signerKey: OTHER_DEV_KEY,
    });
    expect(await codeOf(stranger.anchor(10n, randomRoot()))).toBe('NOT_OWNER');
    expect(await anchors.latestTreeSize()).toBe(9n);
  });

  it('refuses the wrong chain ID and an address without the contract', async () => {
    const right = await client();
    const contract = right.contractAddress;
    const wrong = await client({ contract, chainId: chain.chainId + 1 });
    expect(await codeOf(wrong.check())).toBe('WRONG_CHAIN');
    expect(await codeOf(wrong.anchor(1n, randomRoot()))).toBe('WRONG_CHAIN');
    const empty = await client({ contract: '0x000000000000000000000000000000000000dEaD' });
    expect(await codeOf(empty.check())).toBe('NO_CONTRACT');
    expect(await codeOf(empty.anchor(1n, randomRoot()))).toBe('NO_CONTRACT');
  });

  it('a stopped chain is CHAIN_UNREACHABLE within a bounded time', async () => {
    const other = await startLocalChain();
    const contract = await deployEvidenceAnchor({
      rpcUrl: other.url,
      chainId: other.chainId,
      signerKey: LOCAL_CHAIN_DEV_KEY,
    });
    const anchors = new EvmAnchorClient({
      rpcUrl: other.url,
      chainId: other.chainId,
      contract,
      signerKey: LOCAL_CHAIN_DEV_KEY,
      confirmations: 1,
      timeoutMs: 2_000,
    });
    await anchors.check();
    await other.stop();
    const started = performance.now();
    expect(await codeOf(anchors.check())).toBe('CHAIN_UNREACHABLE');
    expect(await codeOf(anchors.anchor(1n, randomRoot()))).toBe('CHAIN_UNREACHABLE');
    expect(await codeOf(anchors.rootAt(1n))).toBe('CHAIN_UNREACHABLE');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('a gas limit too low is OUT_OF_GAS and anchors nothing', async () => {
    const anchors = await client({ gasLimit: 30_000n });
    expect(await codeOf(anchors.anchor(3n, randomRoot()))).toBe('OUT_OF_GAS');
    expect(await anchors.rootAt(3n)).toBeNull();
  });

  it('waits for K = 2 confirmations: not final until another block is mined', async () => {
    const anchors = await client({ confirmations: 2 });
    const root = randomRoot();
    let settled = false;
    const pending = anchors.anchor(4n, root).finally(() => {
      settled = true;
    });
    const contract = anchors.contractAddress;
    await mined(contract, 4n, root);
    // A non-event can only be observed for a while: ten polling intervals with no new block.
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    await rawRpc(chain.url, 'evm_mine');
    const result = await pending;
    const head = BigInt(await rawRpc<string>(chain.url, 'eth_blockNumber'));
    expect(head).toBeGreaterThanOrEqual(result.blockNumber + 1n);
  });

  it('a reorg that drops the anchor is detected and the anchor sent again', async () => {
    const anchors = await client({ confirmations: 2 });
    const contract = anchors.contractAddress;
    const root = randomRoot();
    const pending = anchors.anchor(6n, root);
    await mined(contract, 6n, root);
    const dropped = await rawRpc<string>(chain.url, 'eth_blockNumber');
    const droppedHash = (await rawRpc<{ hash: string }>(chain.url, 'eth_getBlockByNumber', [dropped, false])).hash;
    await rawRpc(chain.url, 'anvil_reorg', [1, []]);
    expect(await rootAtRaw(contract, 6n)).toBe(`0x${'0'.repeat(64)}`);
    await mined(contract, 6n, root); // sent again by the client
    await rawRpc(chain.url, 'evm_mine');
    const result = await pending;
    expect(result.resent).toBe(1);
    expect(result.blockHash).not.toBe(droppedHash);
    const block = await rawRpc<{ hash: string }>(chain.url, 'eth_getBlockByNumber', [
      `0x${result.blockNumber.toString(16)}`,
      false,
    ]);
    expect(block.hash).toBe(result.blockHash);
    expect(await anchors.rootAt(6n)).toEqual(root);
  });

  it('two senders with one key at once both anchor (a taken nonce is read again)', async () => {
    // Deployed one after the other: two identical deployments at once are one transaction (same hash).
    const a = await client();
    const b = await client();
    const results = [];
    for (let size = 1n; size <= 3n; size++) {
      results.push(...(await Promise.all([a.anchor(size, randomRoot()), b.anchor(size, randomRoot())])));
    }
    expect(new Set(results.map((r) => r.transactionHash)).size).toBe(6);
    expect(await a.latestTreeSize()).toBe(3n);
    expect(await b.latestTreeSize()).toBe(3n);
  });

  it('refuses bad input before touching the chain', async () => {
    const anchors = await client();
    await expect(anchors.anchor(0n, randomRoot())).rejects.toThrow(TypeError);
    await expect(anchors.anchor(1n, new Uint8Array(32))).rejects.toThrow(TypeError);
    await expect(anchors.anchor(1n, new Uint8Array(31).fill(1))).rejects.toThrow(TypeError);
    expect(() => new EvmAnchorClient({ rpcUrl: chain.url, chainId: 1, contract: OWNER, confirmations: 0 })).toThrow(
      TypeError,
    );
    const reader = new EvmAnchorClient({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      contract: OWNER,
      confirmations: 1,
    });
    await expect(reader.anchor(1n, randomRoot())).rejects.toThrow(/signerKey/);
  });
});
