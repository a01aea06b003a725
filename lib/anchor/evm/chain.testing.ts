/**
 * For the chain tests: whether anvil can run here (Linux x64 only: the tests register "has anvil",
 * which fails under CI when it cannot), and raw JSON-RPC with plain fetch, so that what the tests
 * read back does not go through viem or our client.
 */
import { anvilPath } from '@/scripts/lib/local-chain';
import { requireTools } from '@/test/required-tools';

export function requireAnvil(): boolean {
  let problem: string | null = null;
  try {
    anvilPath();
  } catch (error) {
    problem = (error as Error).message;
  }
  return requireTools('anvil (the local chain)', problem);
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }
}

export async function rawRpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string; data?: string } };
  if (body.error) throw new RpcError(body.error.message, body.error.data);
  return body.result as T;
}

export interface RawReceipt {
  status: string;
  to: string | null;
  contractAddress: string | null;
  blockHash: string;
  blockNumber: string;
  gasUsed: string;
  transactionHash: string;
  logs: { address: string; topics: string[]; data: string; blockHash: string }[];
}

/** Sends from one of anvil's unlocked development accounts; automining puts it in a block at once. */
export async function sendFrom(url: string, from: string, tx: { to?: string; data: string }): Promise<RawReceipt> {
  const hash = await rawRpc<string>(url, 'eth_sendTransaction', [{ from, ...tx }]);
  // anvil mines it at once, but under load the receipt may not be readable yet: ask until it is.
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const receipt = await rawRpc<RawReceipt | null>(url, 'eth_getTransactionReceipt', [hash]);
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export function randomRoot(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}
