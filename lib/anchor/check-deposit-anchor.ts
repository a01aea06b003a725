/**
 * Checks a deposit's anchors (deposit-anchor.schema.ts) where a person is: in the browser on the
 * exhibit and /verify pages, in the offline certificate checker, and on the server. Browser-safe.
 *
 * - `anchor_checkpoint`: the anchored checkpoint is signed by the log key, its tree contains the
 *   deposit's leaf, the consistency proof joins it to the deposit's own checkpoint, and the anchors
 *   name its size and root.
 * - `anchor_timestamp` (with a token): the RFC 3161 token covers SHA-256 of the checkpoint text, is
 *   signed by the TSA, and the TSA's certificate chains to a pinned root (without pinned roots, to
 *   the root the anchor carries, and the message says it was not pinned).
 * - `anchor_chain` (with an EVM anchor): read by JSON-RPC from `rpcUrl`, the transaction's Anchored
 *   event and the contract's rootAt(size) agree with the checkpoint; without a URL, "not checked".
 *
 * Never throws; each check passes or fails with a message.
 * @module
 */
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  type NoteVerifiers,
  verifyCheckpoint,
  verifyConsistency,
} from '@/lib/tlog';
import type { DepositAnchor } from './deposit-anchor.schema';
import { checkEvmAnchor } from './evm/check-evm-anchor';
import { checkTimestampToken } from './rfc3161/check-token';

export type AnchorCheckName = 'anchor_checkpoint' | 'anchor_timestamp' | 'anchor_chain';

export interface AnchorCheckItem {
  name: AnchorCheckName;
  ok: boolean;
  message: string;
  /** False for a check that was not made (no chain endpoint): it neither passes nor fails the anchor. */
  checked: boolean;
}

export interface CheckDepositAnchorOptions {
  /** The log's key, as the deposit's own proof was checked with. */
  logVerifiers: NoteVerifiers;
  origin: string;
  leafIndex: bigint;
  /** The deposit's own checkpoint (already verified by the caller). */
  depositCheckpoint: { size: bigint; root: Uint8Array };
  /** TSA root certificates (PEM) to pin; absent: the anchor's own root, and the message says so. */
  tsaRoots?: readonly string[];
  /** A JSON-RPC endpoint of the anchor's chain; absent or null: the chain anchor is not checked. */
  rpcUrl?: string | null;
  fetch?: typeof fetch;
}

export interface AnchorFacts {
  /** "anchored on <chain> in block N at <time>": when the chain anchor is present. */
  chain: { name: string; chainId: number; blockNumber: number; at: string; demo: boolean; checked: boolean } | null;
  /** "timestamped by <TSA> at <time>": from the token itself, when it checked. */
  timestamp: { tsa: string; at: string; demo: boolean; rootPinned: boolean } | null;
}

export interface DepositAnchorCheck {
  ok: boolean;
  checks: AnchorCheckItem[];
  facts: AnchorFacts;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function checkDepositAnchor(
  anchor: DepositAnchor,
  options: CheckDepositAnchorOptions,
): Promise<DepositAnchorCheck> {
  const checks: AnchorCheckItem[] = [];
  const add = (name: AnchorCheckName, ok: boolean, message: string, checked = true) =>
    checks.push({ name, ok, message, checked });
  const facts: AnchorFacts = { chain: null, timestamp: null };

  // anchor_checkpoint
  let root: Uint8Array | null = null;
  let size: bigint | null = null;
  try {
    const { checkpoint } = verifyCheckpoint(anchor.checkpoint, options.logVerifiers, { origin: options.origin });
    size = checkpoint.size;
    root = checkpoint.rootHash;
    const problem = checkpointProblem(anchor, checkpoint.size, checkpoint.rootHash, options);
    if (problem) add('anchor_checkpoint', false, problem);
    else {
      add(
        'anchor_checkpoint',
        true,
        `the anchored checkpoint of size ${checkpoint.size} is signed by the log and consistent with the deposit's checkpoint of size ${options.depositCheckpoint.size}`,
      );
    }
  } catch (error) {
    add('anchor_checkpoint', false, `the anchored checkpoint is not signed by the log key: ${messageOf(error)}`);
  }

  // anchor_timestamp
  const timestamp = anchor.timestamp;
  if (timestamp) {
    const pinned = (options.tsaRoots?.length ?? 0) > 0;
    const roots = pinned ? [...(options.tsaRoots ?? [])] : timestamp.certificates.slice(-1);
    const result = await checkTimestampToken({
      token: base64ToBytes(timestamp.token),
      data: new TextEncoder().encode(anchor.checkpoint),
      trustedRoots: roots,
      certificates: timestamp.certificates,
    }).catch((error: unknown) => ({ ok: false as const, code: 'TOKEN_MALFORMED', message: messageOf(error) }));
    if (result.ok) {
      const at = result.genTime.toISOString();
      facts.timestamp = { tsa: result.tsa, at, demo: timestamp.demo, rootPinned: pinned };
      const drift = Math.abs(result.genTime.getTime() - Date.parse(timestamp.anchoredAt));
      if (drift > 1000)
        add('anchor_timestamp', false, `the token's time ${at} is not the anchor's ${timestamp.anchoredAt}`);
      else
        add(
          'anchor_timestamp',
          true,
          `time-stamped by ${result.tsa} at ${at}${pinned ? '' : " (the TSA's root was not pinned: compare it with the authority's published root)"}`,
        );
    } else {
      add('anchor_timestamp', false, `the time-stamp token does not check: ${result.message}`);
    }
  }

  // anchor_chain
  const evm = anchor.evm;
  if (evm) {
    facts.chain = {
      name: evm.chain,
      chainId: evm.chainId,
      blockNumber: evm.blockNumber,
      at: evm.anchoredAt,
      demo: evm.demo,
      checked: false,
    };
    const rpcUrl = options.rpcUrl ?? null;
    if (!rpcUrl) {
      add('anchor_chain', true, `not checked: no JSON-RPC endpoint of chain ${evm.chainId} was given`, false);
    } else if (!root || size === null) {
      add('anchor_chain', false, 'not checked: the anchored checkpoint did not check');
    } else {
      const result = await checkEvmAnchor({
        rpcUrl,
        anchor: {
          chainId: evm.chainId,
          contract: evm.contract as `0x${string}`,
          transactionHash: evm.transactionHash as `0x${string}`,
          blockNumber: evm.blockNumber,
          blockHash: evm.blockHash as `0x${string}`,
          treeSize: Number(size),
          rootHash: `0x${bytesToHex(root)}`,
        },
        fetch: options.fetch,
      });
      if (result.ok) {
        facts.chain.checked = true;
        add('anchor_chain', true, `anchored on ${evm.chain} in block ${evm.blockNumber}, read back from ${rpcUrl}`);
      } else add('anchor_chain', false, `the chain does not hold this anchor: ${result.message}`);
    }
  }

  return { ok: checks.every((c) => c.ok), checks, facts };
}

/** What is wrong between the anchored checkpoint, the deposit and the anchors; null when nothing. */
function checkpointProblem(
  anchor: DepositAnchor,
  size: bigint,
  root: Uint8Array,
  options: CheckDepositAnchorOptions,
): string | null {
  if (size <= options.leafIndex) return `the anchored tree (size ${size}) does not contain leaf ${options.leafIndex}`;
  const deposit = options.depositCheckpoint;
  const [from, to] = size < deposit.size ? [size, deposit.size] : [deposit.size, size];
  const [fromRoot, toRoot] = size < deposit.size ? [root, deposit.root] : [deposit.root, root];
  if (BigInt(anchor.consistency.from) !== from || BigInt(anchor.consistency.to) !== to) {
    return `the consistency proof is from ${anchor.consistency.from} to ${anchor.consistency.to}, not ${from} to ${to}`;
  }
  try {
    verifyConsistency(from, to, anchor.consistency.proof.map(base64ToBytes), fromRoot, toRoot);
  } catch (error) {
    return `the anchored checkpoint is not consistent with the deposit's: ${messageOf(error)}`;
  }
  const rootText = bytesToBase64(root);
  for (const part of [anchor.evm, anchor.timestamp]) {
    if (part && (BigInt(part.treeSize) !== size || part.rootHash !== rootText)) {
      return `the ${part.kind === 'evm' ? 'chain anchor' : 'time-stamp'} names size ${part.treeSize}, not the anchored checkpoint's ${size} and root`;
    }
  }
  return null;
}
