/**
 * Checks an EVM anchor against the chain with four plain JSON-RPC calls, sent at once — for the portal's pages
 * and the offline certificate checker, so it is browser-safe and small: fetch only, no viem (its
 * weight does not belong in the check page's bundle) and no node: imports. The one ABI encoding
 * needed, rootAt(uint64), is a 4-byte selector and one 32-byte word, written here by hand; the
 * selector and the event topic are constants that check-evm-anchor.test.ts recomputes with viem.
 *
 * Ethereum JSON-RPC: https://ethereum.org/en/developers/docs/apis/json-rpc/
 * ABI encoding: https://docs.soliditylang.org/en/v0.8.11/abi-spec.html
 */

/** keccak256("rootAt(uint64)")[0..4]. */
export const ROOT_AT_SELECTOR = '0xeaa38b41';
/** keccak256("Anchored(uint64,bytes32,uint256)"): the event's topic 0. */
export const ANCHORED_TOPIC = '0x536e3d020fdb6cec20829a2383fe616346f84ad3ff82cbcfb3b1f003563b3f7f';

export interface EvmAnchorToCheck {
  chainId: number;
  contract: string;
  transactionHash: string;
  blockNumber: number | bigint | string;
  blockHash: string;
  treeSize: number | bigint | string;
  /** The log's root at treeSize, hex (with or without 0x). */
  rootHash: string;
}

export interface CheckEvmAnchorOptions {
  rpcUrl: string;
  anchor: EvmAnchorToCheck;
  fetch?: typeof fetch;
  /** Each request's limit (default 10 s). */
  timeoutMs?: number;
}

export type EvmAnchorCheckCode =
  | 'CHAIN_UNREACHABLE'
  | 'WRONG_CHAIN'
  | 'TX_NOT_FOUND'
  | 'WRONG_CONTRACT'
  | 'NO_EVENT'
  | 'ROOT_MISMATCH'
  | 'BLOCK_MISMATCH';

export type EvmAnchorCheck = { ok: true; blockTime: Date } | { ok: false; code: EvmAnchorCheckCode; message: string };

interface RpcLog {
  address?: string;
  topics?: string[];
  data?: string;
}

class Failed extends Error {
  constructor(
    readonly code: EvmAnchorCheckCode,
    message: string,
  ) {
    super(message);
  }
}

export async function checkEvmAnchor(options: CheckEvmAnchorOptions): Promise<EvmAnchorCheck> {
  const { anchor } = options;
  try {
    const contract = anchor.contract.toLowerCase();
    const sizeWord = word(BigInt(anchor.treeSize));
    const root = word(BigInt(`0x${anchor.rootHash.replace(/^0x/i, '')}`));
    const blockNumber = `0x${BigInt(anchor.blockNumber).toString(16)}`;
    const rpc = rpcCaller(options);
    // The four calls depend on the anchor only, not on each other: sent at once, the check costs one
    // round trip's latency; their answers are judged in order below.
    const answers = await Promise.allSettled([
      rpc('eth_chainId', []),
      rpc('eth_getTransactionReceipt', [anchor.transactionHash]),
      rpc('eth_getBlockByNumber', [blockNumber, false]),
      rpc('eth_call', [{ to: anchor.contract, data: `${ROOT_AT_SELECTOR}${sizeWord}` }, 'latest']),
    ]);
    const answer = (i: number): unknown => {
      const settled = answers[i] as PromiseSettledResult<unknown>;
      if (settled.status === 'rejected') throw settled.reason;
      return settled.value;
    };
    const chainId = Number(BigInt(String(answer(0))));
    if (chainId !== anchor.chainId)
      throw new Failed('WRONG_CHAIN', `the endpoint serves chain ${chainId}, the anchor names chain ${anchor.chainId}`);
    const receipt = answer(1) as {
      to?: string | null;
      status?: string;
      blockHash?: string;
      blockNumber?: string;
      logs?: RpcLog[];
    } | null;
    if (!receipt) throw new Failed('TX_NOT_FOUND', `the chain has no transaction ${anchor.transactionHash}`);
    if (receipt.to?.toLowerCase() !== contract) {
      throw new Failed(
        'WRONG_CONTRACT',
        `transaction ${anchor.transactionHash} went to ${receipt.to}, not ${anchor.contract}`,
      );
    }
    if (
      receipt.blockHash?.toLowerCase() !== anchor.blockHash.toLowerCase() ||
      BigInt(receipt.blockNumber ?? -1) !== BigInt(anchor.blockNumber)
    ) {
      throw new Failed(
        'BLOCK_MISMATCH',
        `the transaction is in block ${BigInt(receipt.blockNumber ?? -1)} (${receipt.blockHash}), the anchor names ${anchor.blockNumber} (${anchor.blockHash})`,
      );
    }
    const event = (receipt.logs ?? []).find(
      (log) =>
        log.address?.toLowerCase() === contract &&
        log.topics?.[0]?.toLowerCase() === ANCHORED_TOPIC &&
        log.topics[1]?.toLowerCase() === `0x${sizeWord}`,
    );
    if (receipt.status !== '0x1' || !event?.data)
      throw new Failed(
        'NO_EVENT',
        `transaction ${anchor.transactionHash} anchored nothing at tree size ${anchor.treeSize}`,
      );
    if (event.data.slice(2, 66).toLowerCase() !== root)
      throw new Failed('ROOT_MISMATCH', `the transaction anchored another root at tree size ${anchor.treeSize}`);
    const block = answer(2) as {
      hash?: string;
      timestamp?: string;
    } | null;
    if (!block?.hash || block.hash.toLowerCase() !== anchor.blockHash.toLowerCase()) {
      throw new Failed(
        'BLOCK_MISMATCH',
        `block ${anchor.blockNumber} on the chain is ${block?.hash ?? 'missing'}, the anchor names ${anchor.blockHash}`,
      );
    }
    const onChain = String(answer(3));
    if (onChain.replace(/^0x/, '').toLowerCase() !== root) {
      throw new Failed(
        'ROOT_MISMATCH',
        `the contract holds ${onChain} at tree size ${anchor.treeSize}, the anchor says 0x${root}`,
      );
    }
    return { ok: true, blockTime: new Date(Number(BigInt(block.timestamp ?? '0x0')) * 1000) };
  } catch (error) {
    if (error instanceof Failed) return { ok: false, code: error.code, message: error.message };
    // Malformed numbers in the anchor itself (BigInt of garbage) are a mismatch, not an outage.
    if (error instanceof SyntaxError || error instanceof RangeError)
      return { ok: false, code: 'NO_EVENT', message: `the anchor is malformed: ${error.message}` };
    return {
      ok: false,
      code: 'CHAIN_UNREACHABLE',
      message: `the chain endpoint ${options.rpcUrl} did not answer: ${String(error)}`,
    };
  }
}

/** A uint as one 32-byte ABI word, hex without 0x. */
function word(value: bigint): string {
  if (value < 0n || value >= 2n ** 256n) throw new RangeError(`${value} does not fit a 32-byte word`);
  return value.toString(16).padStart(64, '0');
}

function rpcCaller(options: CheckEvmAnchorOptions) {
  const fetchFn = options.fetch ?? globalThis.fetch;
  let id = 0;
  return async (method: string, params: unknown[]): Promise<unknown> => {
    const res = await fetchFn(options.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`${method}: HTTP ${res.status}`);
    const body = (await res.json()) as { result?: unknown; error?: { message?: string } };
    if (body.error) throw new Error(`${method}: ${body.error.message ?? 'error'}`);
    return body.result ?? null;
  };
}
