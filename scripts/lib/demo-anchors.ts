/**
 * The embedded default's anchors (issue #19): a local development chain (Foundry's anvil, shipped in
 * npm) with the EvidenceAnchor contract deployed, and a built-in RFC 3161 time-stamping authority
 * with its own demo CA — both kept under the data folder, both labelled "demo" everywhere (pages,
 * certificates, the API's `demo` flag), so that a new user sees anchors with nothing to set up. A
 * court configures a real chain (VERITY_ANCHOR_*) and a national time-stamping service
 * (VERITY_TSA_URLS, VERITY_TSA_ROOTS) instead; either turns the demo off.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deployEvidenceAnchor } from '../../lib/anchor/evm/deploy-evidence-anchor';
import { startTimestampResponder } from '../../lib/anchor/rfc3161/responder';
import { LOCAL_CHAIN_DEV_KEY, startLocalChain } from './local-chain';

export interface DemoAnchors {
  /** VERITY_ANCHOR_* and VERITY_TSA_* for the portal. */
  env: Record<string, string>;
  chain: { url: string; chainId: number; contract: string; startMs: number } | null;
  /** Why there is no chain (anvil is shipped for Linux x64 only), when there is none. */
  chainWhy: string;
  tsa: { url: string; rootFile: string };
  readyInMs: number;
  stop(): Promise<void>;
}

/** Demo anchors run with the demo data, unless turned off or the court configured its own. */
export function demoAnchorsWanted(options: {
  demoAnchors: boolean | undefined;
  rawEnv: Record<string, string | undefined>;
  demo: boolean;
}): { run: boolean; why: string } {
  const set = (name: string) => (options.rawEnv[name] ?? '') !== '';
  if (set('VERITY_ANCHOR_RPC_URL') || set('VERITY_TSA_URLS'))
    return { run: false, why: 'the court configured its own chain or time-stamping authority' };
  if (options.demoAnchors === false) return { run: false, why: 'VERITY_DEMO_ANCHORS=false' };
  if (options.demoAnchors === true) return { run: true, why: 'VERITY_DEMO_ANCHORS=true' };
  return options.demo
    ? { run: true, why: 'the demo data is on' }
    : { run: false, why: 'no demo data (a court’s own portal); VERITY_DEMO_ANCHORS=true runs them anyway' };
}

/** How often the demo anchors (the default is 60 s; a person trying the portal should not wait). */
export const DEMO_ANCHOR_INTERVAL_SECONDS = 10;

export async function startDemoAnchors(options: {
  dir: string;
  rawEnv?: Record<string, string | undefined>;
  log?: (line: string) => void;
}): Promise<DemoAnchors> {
  const started = Date.now();
  const root = path.resolve(options.dir);
  const log = options.log ?? (() => {});
  await mkdir(path.join(root, 'chain'), { recursive: true, mode: 0o700 });
  const [chainResult, tsa] = await Promise.all([
    startDemoChain(path.join(root, 'chain')).then(
      (chain) => ({ chain, why: '' }),
      (error: unknown) => ({ chain: null, why: error instanceof Error ? error.message : String(error) }),
    ),
    startTimestampResponder({ dir: path.join(root, 'tsa'), host: '127.0.0.1' }),
  ]);
  const rootFile = path.join(root, 'tsa', 'demo-tsa-root.pem');
  await writeFile(rootFile, tsa.rootPem);
  const { chain } = chainResult;
  if (!chain) log(`The local demo chain is not running: ${chainResult.why}`);
  const rawEnv = options.rawEnv ?? process.env;
  const env: Record<string, string> = {
    VERITY_TSA_URLS: tsa.url,
    VERITY_TSA_ROOTS: rootFile,
    VERITY_DEMO_ANCHORS_ACTIVE: 'true',
    ...(rawEnv.VERITY_ANCHOR_INTERVAL_SECONDS
      ? {}
      : { VERITY_ANCHOR_INTERVAL_SECONDS: String(DEMO_ANCHOR_INTERVAL_SECONDS) }),
    ...(chain
      ? {
          VERITY_ANCHOR_RPC_URL: chain.url,
          VERITY_ANCHOR_CHAIN_ID: String(chain.chainId),
          VERITY_ANCHOR_CONTRACT: chain.contract,
          VERITY_ANCHOR_SIGNER_KEY: LOCAL_CHAIN_DEV_KEY,
          // The browser on this machine reads the anchor back from the same node.
          VERITY_ANCHOR_PUBLIC_RPC_URL: chain.url,
        }
      : {}),
  };
  return {
    env,
    chain: chain && { url: chain.url, chainId: chain.chainId, contract: chain.contract, startMs: chain.startMs },
    chainWhy: chainResult.why,
    tsa: { url: tsa.url, rootFile },
    readyInMs: Date.now() - started,
    stop: async () => {
      await Promise.allSettled([chain?.stop(), tsa.stop()]);
    },
  };
}

/**
 * anvil with its state in `dir/state.json`; the contract deployed once and its address kept in
 * `dir/contract`, deployed again if the state was lost (the address then holds no code).
 */
async function startDemoChain(dir: string) {
  const chain = await startLocalChain({ statePath: path.join(dir, 'state.json') });
  try {
    const file = path.join(dir, 'contract');
    let contract = existsSync(file) ? (await readFile(file, 'utf8')).trim().toLowerCase() : '';
    if (!/^0x[0-9a-f]{40}$/.test(contract) || !(await hasCode(chain.url, contract))) {
      contract = (
        await deployEvidenceAnchor({ rpcUrl: chain.url, chainId: chain.chainId, signerKey: LOCAL_CHAIN_DEV_KEY })
      ).toLowerCase();
      await writeFile(file, `${contract}\n`);
    }
    return { ...chain, contract };
  } catch (error) {
    await chain.stop();
    throw error;
  }
}

async function hasCode(url: string, address: string): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getCode', params: [address, 'latest'] }),
  });
  const { result } = (await response.json()) as { result?: string };
  return typeof result === 'string' && result.length > 2;
}
