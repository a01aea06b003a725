import 'server-only';
/**
 * Where this log anchors its checkpoints (VERITY_ANCHOR_*, VERITY_TSA_*: lib/env/server-env.ts),
 * read from the environment once per value. The start scripts validate the variables before any
 * server starts. `npm start`'s local demo chain and demo authority arrive through the same
 * variables, with VERITY_DEMO_ANCHORS_ACTIVE=true so that every page and certificate says "demo".
 */
import { readFileSync } from 'node:fs';
import { ANCHOR_VARIABLES, parseAnchorEnv } from '@/lib/env/server-env';
import type { ChainLabels } from './anchor-store';

export interface ChainSettings {
  rpcUrl: string;
  chainId: number;
  contract: `0x${string}`;
  /** The key that signs, or the account a node or external signer signs for. */
  signer: { key: `0x${string}` } | { account: `0x${string}` };
  name: string;
  publicRpcUrl: string | null;
  demo: boolean;
}

export interface TimestampSettings {
  urls: string[];
  /** Root certificates (PEM) the TSA's must chain to. */
  roots: string[];
  demo: boolean;
}

export interface AnchorSettings {
  chain: ChainSettings | null;
  tsa: TimestampSettings | null;
  confirmations: number;
  intervalMs: number;
  everyLeaves: number;
}

/** The names a page shows for the demo chain and authority (they prove nothing). */
export const DEMO_CHAIN_NAME = 'Verity 本地演示链 / local demo chain';

let cached: { text: string; settings: AnchorSettings } | undefined;

export function anchorSettings(env: Record<string, string | undefined> = process.env): AnchorSettings {
  const text = [...ANCHOR_VARIABLES, 'VERITY_DEMO_ANCHORS_ACTIVE'].map((name) => env[name] ?? '').join('\n');
  if (env === process.env && cached?.text === text) return cached.settings;
  const parsed = parseAnchorEnv(env);
  const demo = env.VERITY_DEMO_ANCHORS_ACTIVE === 'true';
  const chainId = parsed.VERITY_ANCHOR_CHAIN_ID;
  const chain: ChainSettings | null =
    parsed.VERITY_ANCHOR_RPC_URL && chainId !== undefined && parsed.VERITY_ANCHOR_CONTRACT
      ? {
          rpcUrl: parsed.VERITY_ANCHOR_RPC_URL,
          chainId,
          contract: parsed.VERITY_ANCHOR_CONTRACT,
          signer: parsed.VERITY_ANCHOR_SIGNER_KEY
            ? { key: parsed.VERITY_ANCHOR_SIGNER_KEY }
            : { account: parsed.VERITY_ANCHOR_SIGNER_ACCOUNT ?? '0x' },
          name: parsed.VERITY_ANCHOR_CHAIN_NAME ?? (demo ? DEMO_CHAIN_NAME : `chain ${chainId}`),
          publicRpcUrl: parsed.VERITY_ANCHOR_PUBLIC_RPC_URL ?? null,
          demo,
        }
      : null;
  const tsa: TimestampSettings | null =
    parsed.VERITY_TSA_URLS && parsed.VERITY_TSA_ROOTS
      ? { urls: parsed.VERITY_TSA_URLS, roots: readRoots(parsed.VERITY_TSA_ROOTS), demo }
      : null;
  const settings: AnchorSettings = {
    chain,
    tsa,
    confirmations: parsed.VERITY_ANCHOR_CONFIRMATIONS,
    intervalMs: parsed.VERITY_ANCHOR_INTERVAL_SECONDS * 1000,
    everyLeaves: parsed.VERITY_ANCHOR_EVERY_LEAVES,
  };
  if (env === process.env) cached = { text, settings };
  return settings;
}

/** The PEM certificates in a file, each whole; a missing or empty file is a configuration error. */
function readRoots(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Invalid configuration:\n  - VERITY_TSA_ROOTS: cannot read ${file} (${(error as Error).message})`);
  }
  const roots = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (roots.length === 0) {
    throw new Error(`Invalid configuration:\n  - VERITY_TSA_ROOTS: ${file} holds no PEM certificate`);
  }
  return roots.map((pem) => `${pem}\n`);
}

/** Names for served anchors: the configured chain by its name, any other by its ID. */
export function chainLabels(settings: AnchorSettings = anchorSettings()): ChainLabels {
  const same = (chainId: number, contract: string) =>
    settings.chain !== null && settings.chain.chainId === chainId && settings.chain.contract === contract.toLowerCase();
  return {
    chainName: (chainId, contract) =>
      same(chainId, contract) && settings.chain ? settings.chain.name : `chain ${chainId}`,
    publicRpcUrl: (chainId, contract) => (same(chainId, contract) ? (settings.chain?.publicRpcUrl ?? null) : null),
  };
}

/** True when the log anchors anywhere (receipts then say whether each deposit is anchored yet). */
export function anchoringConfigured(): boolean {
  const settings = anchorSettings();
  return settings.chain !== null || settings.tsa !== null;
}
