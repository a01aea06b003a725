/**
 * EVM anchoring (issue #19), on the embedded local chain (anvil), each figure beside a reference
 * measured in the same run:
 *
 * 1. the local chain's start time (spawn → first eth_chainId answer), median of several starts,
 *    beside `node -e 0` (a process that does nothing) — the goal: ≤ 1 s added to `npm start`;
 * 2. gas per anchor: the first anchor of a contract (a fresh storage slot for latestTreeSize) and
 *    later ones, beside the contract's deployment;
 * 3. checkEvmAnchor's time (the browser's check of an anchor: four JSON-RPC calls) p50/p99, beside
 *    one eth_chainId round trip to the same node — the goal: ≤ 100 ms.
 *
 *   npx tsx --conditions=react-server bench/anchoring.ts [--quick] [--starts 9] [--samples 1000]
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { checkEvmAnchor } from '@/lib/anchor/evm/check-evm-anchor';
import { deployEvidenceAnchor } from '@/lib/anchor/evm/deploy-evidence-anchor';
import { EvmAnchorClient } from '@/lib/anchor/evm/evm-anchor-client';
import { LOCAL_CHAIN_DEV_KEY, type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import { measuredQuietly } from './lib/cpu-accounting';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';
import type { BenchSection, Figure } from './lib/report';
import { phaseDefaults } from './lib/run-phase';
import { round, roundedSummary } from './lib/stats';

const options = benchOptions('anchoring', { starts: { type: 'string' } });
const starts = Number(options.own.starts ?? (options.quick ? 3 : 9));
const samples = Math.min(options.samples, options.quick ? 200 : 2_000);
const LATER_ANCHORS = options.quick ? 5 : 20;
if (!Number.isInteger(starts) || starts < 1) throw new Error('--starts must be a positive integer');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function nodeNothing(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - started));
  });
}

async function startSection(): Promise<BenchSection> {
  const anvil: number[] = [];
  const node: number[] = [];
  const { otherCores } = await measuredQuietly({}, phaseDefaults.quietWaitMs, async () => {
    // Alternated, so that a busy moment of the machine falls on both.
    for (let i = 0; i < starts; i++) {
      const chain = await startLocalChain();
      anvil.push(chain.startMs);
      await chain.stop();
      node.push(await nodeNothing());
    }
  });
  const figures: Figure[] = [
    {
      section: `local chain (anvil, london), median of ${starts} starts`,
      metric: 'spawn → first eth_chainId answer',
      value: round(median(anvil), 1),
      unit: 'ms',
      reference: { name: '`node -e 0`', value: round(median(node), 1), unit: 'ms' },
      goal: { op: '<=', value: 1000 },
      otherCores,
    },
  ];
  return { figures, details: { anvilStartMs: anvil, nodeNothingMs: node }, postgres: '', failures: [] };
}

async function chainSections(chain: LocalChain): Promise<BenchSection> {
  const failures: string[] = [];
  const { url: rpcUrl, chainId } = chain;
  const contract = await deployEvidenceAnchor({ rpcUrl, chainId, signerKey: LOCAL_CHAIN_DEV_KEY });
  const deployReceipt = await rpc<{ gasUsed: string }>(rpcUrl, 'eth_getTransactionReceipt', [
    await deploymentHash(rpcUrl, contract),
  ]);
  const client = new EvmAnchorClient({
    rpcUrl,
    chainId,
    contract,
    signerKey: LOCAL_CHAIN_DEV_KEY,
    confirmations: 1,
    pollingIntervalMs: 5,
  });
  const root = () => crypto.getRandomValues(new Uint8Array(32));
  const firstRoot = root();
  const first = await client.anchor(1_000n, firstRoot);
  const later: number[] = [];
  for (let i = 1; i <= LATER_ANCHORS; i++)
    later.push(Number((await client.anchor(1_000n + BigInt(i) * 1_000n, root())).gasUsed));

  const anchor = {
    chainId,
    contract,
    transactionHash: first.transactionHash,
    blockNumber: first.blockNumber,
    blockHash: first.blockHash,
    treeSize: 1_000n,
    rootHash: Buffer.from(firstRoot).toString('hex'),
  };
  const check: number[] = [];
  const chainIdTrip: number[] = [];
  const { otherCores } = await measuredQuietly({ anvil: [chain.pid] }, phaseDefaults.quietWaitMs, async () => {
    for (let i = 0; i < samples; i++) {
      let t = performance.now();
      const result = await checkEvmAnchor({ rpcUrl, anchor });
      check.push(performance.now() - t);
      if (!result.ok && failures.length < 5) failures.push(`checkEvmAnchor: ${result.code} ${result.message}`);
      t = performance.now();
      await rpc(rpcUrl, 'eth_chainId', []);
      chainIdTrip.push(performance.now() - t);
    }
  });
  const c = roundedSummary(check);
  const r = roundedSummary(chainIdTrip);
  const gasSection = 'gas per anchor (EvidenceAnchor, solc 0.8.11, optimizer 200 runs)';
  const checkSection = `checkEvmAnchor against the local chain, ${samples} sequential checks`;
  const figures: Figure[] = [
    {
      section: gasSection,
      metric: 'first anchor of a contract',
      value: Number(first.gasUsed),
      unit: 'gas',
      reference: { name: 'deployment', value: Number(BigInt(deployReceipt.gasUsed)), unit: 'gas' },
    },
    {
      section: gasSection,
      metric: `later anchors (median of ${LATER_ANCHORS})`,
      value: median(later),
      unit: 'gas',
      reference: { name: 'first anchor', value: Number(first.gasUsed), unit: 'gas' },
    },
    {
      section: checkSection,
      metric: 'p50 (4 JSON-RPC calls at once)',
      value: c.p50Ms,
      unit: 'ms',
      reference: { name: 'p50 of one eth_chainId', value: r.p50Ms, unit: 'ms' },
      goal: { op: '<=', value: 100 },
      otherCores,
    },
    {
      section: checkSection,
      metric: 'p99 (4 JSON-RPC calls at once)',
      value: c.p99Ms,
      unit: 'ms',
      reference: { name: 'p99 of one eth_chainId', value: r.p99Ms, unit: 'ms' },
      goal: { op: '<=', value: 100 },
      otherCores,
    },
  ];
  return { figures, details: { laterAnchorGas: later, check: c, chainIdRoundTrip: r }, postgres: '', failures };
}

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result: T };
  return body.result;
}

/** The deployment's transaction: on a fresh anvil, the only transaction of block 1. */
async function deploymentHash(url: string, contract: string): Promise<string> {
  const block = await rpc<{ transactions: string[] }>(url, 'eth_getBlockByNumber', ['0x1', false]);
  const hash = block.transactions[0] as string;
  const receipt = await rpc<{ contractAddress: string }>(url, 'eth_getTransactionReceipt', [hash]);
  if (receipt.contractAddress.toLowerCase() !== contract.toLowerCase())
    throw new Error('block 1 is not the deployment');
  return hash;
}

const chain = await startLocalChain();
try {
  await publishRun('anchoring', options, [startSection, () => chainSections(chain)]);
} finally {
  await chain.stop();
}
