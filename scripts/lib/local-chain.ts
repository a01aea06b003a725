/**
 * The embedded local development chain (issue #19): Foundry's anvil, a real EVM node shipped as
 * the optional npm package @foundry-rs/anvil-linux-amd64, on 127.0.0.1 with the London hardfork
 * (what the anchor contract is compiled for). With `statePath` the chain's state is written there
 * every second and on exit, and read back on the next start, so anchors survive restarts.
 *
 * It is a demo chain: one operator's own node proves nothing to anyone else. Courts configure a
 * chain the operator does not control (README: FISCO BCOS, ChainMaker, Besu, Quorum).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Anvil's first development account's private key. It is PUBLIC — printed by every anvil and
 * Hardhat node, in their documentation — and must never hold value or sign on a real chain.
 */
export const LOCAL_CHAIN_DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80' as const;
export const LOCAL_CHAIN_ID = 31337;
const ANVIL_PACKAGE = '@foundry-rs/anvil-linux-amd64';
const READY_TIMEOUT_MS = 15_000;

export interface LocalChainOptions {
  /** 0 or absent: the OS picks a free port (read back from anvil's output). */
  port?: number;
  /** A file the chain's state is loaded from (when it exists) and dumped to. */
  statePath?: string;
  chainId?: number;
}

export interface LocalChain {
  url: string;
  chainId: number;
  pid: number;
  /** From spawn to the first answer of eth_chainId, in milliseconds. */
  startMs: number;
  /** Ends the node (its state is dumped first when it has a statePath) and waits for it to exit. */
  stop(): Promise<void>;
}

/** The anvil binary's path, or an error saying that the local chain is unavailable here and what to do instead. */
export function anvilPath(): string {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${ANVIL_PACKAGE}/package.json`));
  } catch {
    throw new Error(
      `The local development chain is not available on this machine (${process.platform}-${process.arch}): ` +
        `the optional package ${ANVIL_PACKAGE} is not installed (it exists for Linux x64 only). ` +
        'Configure an external EVM chain instead (RPC URL, chain ID, contract address and signing key; see the README).',
    );
  }
  const binary = path.join(dir, 'bin', 'anvil');
  if (!existsSync(binary)) throw new Error(`${ANVIL_PACKAGE} is installed but has no binary at ${binary}`);
  return binary;
}

export async function startLocalChain(options: LocalChainOptions = {}): Promise<LocalChain> {
  const chainId = options.chainId ?? LOCAL_CHAIN_ID;
  const args = ['--hardfork', 'london', '--host', '127.0.0.1', '--port', String(options.port ?? 0)];
  args.push('--chain-id', String(chainId));
  if (options.statePath) args.push('--state', options.statePath, '--state-interval', '1');
  const started = performance.now();
  const child = spawn(anvilPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const port = await listeningPort(child);
    const url = `http://127.0.0.1:${port}`;
    const answered = await rpcChainId(url);
    if (answered !== chainId) throw new Error(`anvil answered chain ID ${answered}, not ${chainId}`);
    const startMs = performance.now() - started;
    return {
      url,
      chainId,
      pid: child.pid as number,
      startMs,
      async stop() {
        process.removeListener('exit', killOnExit);
        if (child.exitCode === null && child.signalCode === null) {
          // SIGTERM lets anvil dump its state; SIGKILL if it does not exit in time.
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
      },
    };
  } catch (error) {
    process.removeListener('exit', killOnExit);
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}

/** Reads "Listening on 127.0.0.1:<port>" from anvil's output (the port it bound, also when asked for 0). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`anvil did not start within ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      // Keep only the tail: the banner is long and only the last lines matter for errors.
      output = (output + chunk.toString('utf8')).slice(-4096);
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) done(() => resolve(Number(match[1])));
    };
    const onExit = (code: number | null) =>
      fail(
        new Error(`anvil exited (code ${code}) before listening:\n${output.trim().split('\n').slice(-5).join('\n')}`),
      );
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      // Keep draining its output so the pipe never fills and blocks the node.
      child.stdout?.removeListener('data', onData);
      child.stderr?.removeListener('data', onData);
      child.stdout?.resume();
      child.stderr?.resume();
      then();
    };
    const fail = (error: Error) => done(() => reject(error));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

async function rpcChainId(url: string): Promise<number> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(2_000),
      });
      const body = (await res.json()) as { result?: string };
      if (typeof body.result === 'string') return Number(BigInt(body.result));
      if (Date.now() > deadline) throw new Error(`anvil at ${url} answered eth_chainId with ${JSON.stringify(body)}`);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`anvil at ${url} does not answer eth_chainId: ${String(error)}`);
    }
    // Anvil prints "Listening" once bound, so this loop almost never turns; a short pause if it does.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
