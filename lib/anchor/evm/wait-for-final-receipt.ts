/**
 * Waits until a transaction is final: its block has K confirmations and is still the chain's block
 * at that height. Our own loop rather than viem's waitForTransactionReceipt, which keeps the first
 * receipt it saw and would count confirmations on a block that a reorg has since replaced.
 */
import { type Hash, type PublicClient, TransactionNotFoundError, TransactionReceiptNotFoundError } from 'viem';
import { EvmAnchorError, toEvmAnchorError } from './evm-anchor-error';

export interface WaitForFinalReceiptOptions {
  /** K: 1 = included. */
  confirmations: number;
  timeoutMs: number;
  pollingIntervalMs: number;
}

export interface FinalReceipt {
  transactionHash: Hash;
  blockNumber: bigint;
  blockHash: Hash;
  blockTime: Date;
  gasUsed: bigint;
}

/** The final receipt; null when the transaction vanished (neither mined nor pending: dropped by a reorg). */
export async function waitForFinalReceipt(
  client: PublicClient,
  hash: Hash,
  options: WaitForFinalReceiptOptions,
): Promise<FinalReceipt | null> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const receipt = await call('reading the receipt', () => client.getTransactionReceipt({ hash }).catch(orNull));
    if (!receipt) {
      const pending = await call('reading the transaction', () => client.getTransaction({ hash }).catch(orNull));
      if (!pending) return null;
    } else {
      if (receipt.status !== 'success') {
        const tx = await call('reading the transaction', () => client.getTransaction({ hash }));
        // A receipt carries no revert reason; all of the gas limit used is how out-of-gas shows.
        if (receipt.gasUsed >= tx.gas) {
          throw new EvmAnchorError('OUT_OF_GAS', `transaction ${hash} ran out of gas (limit ${tx.gas})`);
        }
        throw new EvmAnchorError('REVERTED', `transaction ${hash} reverted in block ${receipt.blockNumber}`);
      }
      const head = await call('reading the block number', () => client.getBlockNumber({ cacheTime: 0 }));
      if (head - receipt.blockNumber + 1n >= BigInt(options.confirmations)) {
        const block = await call('reading the block', () => client.getBlock({ blockNumber: receipt.blockNumber }));
        if (block.hash === receipt.blockHash) {
          return {
            transactionHash: hash,
            blockNumber: receipt.blockNumber,
            blockHash: receipt.blockHash,
            gasUsed: receipt.gasUsed,
            blockTime: new Date(Number(block.timestamp) * 1000),
          };
        }
        // The block at that height changed between the two reads (a reorg): read everything again.
      }
    }
    if (Date.now() >= deadline) {
      throw new EvmAnchorError('TIMEOUT', `transaction ${hash}: not final within ${options.timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollingIntervalMs));
  }
}

/** viem throws "not found" for a receipt or transaction the node does not have; here that is an answer. */
function orNull(error: unknown): null {
  if (error instanceof TransactionReceiptNotFoundError || error instanceof TransactionNotFoundError) return null;
  throw error;
}

async function call<T>(doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toEvmAnchorError(error, doing);
  }
}
