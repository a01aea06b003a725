/**
 * The embedded local chain: a real anvil starts, answers on the chain ID asked for, keeps a
 * deployed contract and its anchors across a restart with the same state file, and is gone after stop().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomRoot, rawRpc, requireAnvil } from '@/lib/anchor/evm/chain.testing';
import { deployEvidenceAnchor } from '@/lib/anchor/evm/deploy-evidence-anchor';
import { EvmAnchorClient } from '@/lib/anchor/evm/evm-anchor-client';
import { LOCAL_CHAIN_DEV_KEY, startLocalChain } from './local-chain';

const hasAnvil = requireAnvil();

describe.runIf(hasAnvil)('startLocalChain', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'verity-local-chain-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts anvil on a port of its own with the chain ID asked for, and stop() ends the process', async () => {
    const chain = await startLocalChain({ chainId: 4242 });
    try {
      expect(chain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await rawRpc(chain.url, 'eth_chainId')).toBe('0x1092');
      expect(chain.chainId).toBe(4242);
      expect(chain.startMs).toBeGreaterThan(0);
      expect(() => process.kill(chain.pid, 0)).not.toThrow();
    } finally {
      await chain.stop();
    }
    expect(() => process.kill(chain.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    await expect(rawRpc(chain.url, 'eth_chainId')).rejects.toThrow();
    await chain.stop(); // twice is harmless
  });

  it('two chains run side by side on different ports', async () => {
    const [a, b] = await Promise.all([startLocalChain(), startLocalChain()]);
    try {
      expect(a.url).not.toBe(b.url);
      expect(await rawRpc(b.url, 'eth_chainId')).toBe('0x7a69');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('keeps a deployed contract and its anchors across a restart with the same state file', async () => {
    const statePath = path.join(dir, 'state.json');
    const first = await startLocalChain({ statePath });
    const root = randomRoot();
    let contract: `0x${string}`;
    try {
      contract = await deployEvidenceAnchor({
        rpcUrl: first.url,
        chainId: first.chainId,
        signerKey: LOCAL_CHAIN_DEV_KEY,
      });
      const client = new EvmAnchorClient({
        rpcUrl: first.url,
        chainId: first.chainId,
        contract,
        signerKey: LOCAL_CHAIN_DEV_KEY,
        confirmations: 1,
        pollingIntervalMs: 50,
      });
      await client.anchor(3n, root);
    } finally {
      await first.stop();
    }
    const second = await startLocalChain({ statePath });
    try {
      expect(second.url).not.toBe('');
      const code = await rawRpc<string>(second.url, 'eth_getCode', [contract, 'latest']);
      expect(code.length).toBeGreaterThan(100);
      const client = new EvmAnchorClient({ rpcUrl: second.url, chainId: second.chainId, contract, confirmations: 1 });
      expect(await client.rootAt(3n)).toEqual(root);
      expect(await client.latestTreeSize()).toBe(3n);
    } finally {
      await second.stop();
    }
    // Without the state file the same address holds nothing: the state came from the file.
    const fresh = await startLocalChain();
    try {
      expect(await rawRpc(fresh.url, 'eth_getCode', [contract, 'latest'])).toBe('0x');
    } finally {
      await fresh.stop();
    }
  });
});
