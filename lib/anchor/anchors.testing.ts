/**
 * Test and benchmark support for anchors: a real local chain (anvil) with the EvidenceAnchor
 * contract deployed, the built-in RFC 3161 responder, and the anchoring job wired to both — what
 * lib/anchor's tests, the deposit certificates' and bench/ need, started once per file.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOCAL_CHAIN_DEV_KEY, type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import type { AnchorSettings } from './anchor-settings';
import { AnchoringJob, type AnchoringJobOptions, type RunOutcome, type Timestamper } from './anchoring-job';
import { deployEvidenceAnchor } from './evm/deploy-evidence-anchor';
import { EvmAnchorClient } from './evm/evm-anchor-client';
import { requestTimestamp } from './rfc3161/request-timestamp';
import { startTimestampResponder, type TimestampResponder } from './rfc3161/responder';

export interface TestAnchors {
  dir: string;
  chain: LocalChain;
  tsa: TimestampResponder;
  /** The contract the job anchors to (lower case). */
  contract: `0x${string}`;
  /** Settings naming this chain and authority; `overrides` replace fields (e.g. everyLeaves). */
  settings(overrides?: Partial<AnchorSettings>): AnchorSettings;
  /** A chain client for `contract` (another contract when given), signing with the development key. */
  client(contract?: `0x${string}`): EvmAnchorClient;
  timestamper: Timestamper;
  /** The anchoring job with these settings, client and authority; `options` replace any of them. */
  job(options?: Partial<AnchoringJobOptions>): AnchoringJob;
  /** Another EvidenceAnchor contract on the same chain (lower case). */
  deployAnother(): Promise<`0x${string}`>;
  /** Stops the chain; `restartChain` brings it back on the same port with the same state. */
  stopChain(): Promise<void>;
  restartChain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestAnchors(): Promise<TestAnchors> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verity-test-anchors-'));
  const statePath = path.join(dir, 'chain-state.json');
  // A chain ID of its own: every anvil deploys its first contract at the same address, and the test
  // files share one database, where an anchor is one per chain ID, contract and size.
  const chainId = 1_000_000 + randomInt(1_000_000_000);
  let [chain, tsa] = await Promise.all([
    startLocalChain({ statePath, chainId }),
    startTimestampResponder({ dir: path.join(dir, 'tsa') }),
  ]);
  const port = Number(new URL(chain.url).port);
  const deploy = async () =>
    (
      await deployEvidenceAnchor({ rpcUrl: chain.url, chainId: chain.chainId, signerKey: LOCAL_CHAIN_DEV_KEY })
    ).toLowerCase() as `0x${string}`;
  const contract = await deploy();
  const timestamper: Timestamper = (data) => requestTimestamp({ urls: [tsa.url], data, trustedRoots: [tsa.rootPem] });
  const settings = (overrides: Partial<AnchorSettings> = {}): AnchorSettings => ({
    chain: {
      rpcUrl: chain.url,
      chainId: chain.chainId,
      contract,
      signer: { key: LOCAL_CHAIN_DEV_KEY },
      name: 'test chain',
      publicRpcUrl: null,
      demo: false,
    },
    tsa: { urls: [tsa.url], roots: [tsa.rootPem], demo: false },
    confirmations: 1,
    intervalMs: 3_600_000,
    everyLeaves: 1,
    ...overrides,
  });
  const client = (other: `0x${string}` = contract) =>
    new EvmAnchorClient({
      rpcUrl: chain.url,
      chainId: chain.chainId,
      contract: other,
      signerKey: LOCAL_CHAIN_DEV_KEY,
      confirmations: 1,
      timeoutMs: 2_000,
      pollingIntervalMs: 20,
    });
  return {
    dir,
    get chain() {
      return chain;
    },
    tsa,
    contract,
    settings,
    client,
    timestamper,
    job: (options = {}) => {
      const s = options.settings ?? settings();
      return new AnchoringJob({
        anchorer: client(s.chain?.contract),
        timestamper,
        maxBackoffMs: 1,
        ...options,
        settings: s,
      });
    },
    deployAnother: deploy,
    stopChain: () => chain.stop(),
    restartChain: async () => {
      chain = await startLocalChain({ port, statePath, chainId });
    },
    stop: async () => {
      await Promise.allSettled([chain.stop(), tsa.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One run of `job` that really ran: tests in other files (other processes, one database) may hold
 * the anchoring lock for a moment, and a run that finds it held does nothing — as in a cluster.
 */
export async function runHoldingTheLock(job: AnchoringJob, timeoutMs = 30_000): Promise<RunOutcome> {
  const gives = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await job.runOnce();
    if (outcome.ran) return outcome;
    if (Date.now() > gives) throw new Error('another process held the anchoring lock for too long');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
