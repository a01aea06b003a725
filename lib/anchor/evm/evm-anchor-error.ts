/**
 * What can go wrong when anchoring on an EVM chain, as codes the anchoring job and the admin pages
 * act on, and the mapping from viem's errors to them (one place, so every call agrees).
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  HttpRequestError,
  NonceTooHighError,
  NonceTooLowError,
  TimeoutError,
  WaitForTransactionReceiptTimeoutError,
} from 'viem';
import { EVIDENCE_ANCHOR_ABI } from './evidence-anchor-abi';

export const EVM_ANCHOR_ERROR_CODES = [
  'CHAIN_UNREACHABLE',
  'WRONG_CHAIN',
  'NO_CONTRACT',
  'ROOT_CONFLICT',
  'REVERTED',
  'OUT_OF_GAS',
  'REORGED',
  'TIMEOUT',
  'NOT_OWNER',
  /** The contract holds our root but no Anchored event was found (the node's log range was pruned or limited). */
  'EVENT_NOT_FOUND',
] as const;
export type EvmAnchorErrorCode = (typeof EVM_ANCHOR_ERROR_CODES)[number];

export class EvmAnchorError extends Error {
  override readonly name = 'EvmAnchorError';
  constructor(
    readonly code: EvmAnchorErrorCode,
    message: string,
    /** ROOT_CONFLICT: the root the contract holds for that size. */
    readonly onChainRoot?: Uint8Array,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEvmAnchorError(error: unknown, code?: EvmAnchorErrorCode): error is EvmAnchorError {
  return error instanceof EvmAnchorError && (code === undefined || error.code === code);
}

export function isNonceError(error: unknown): boolean {
  if (!(error instanceof BaseError)) return false;
  return (
    error.walk((e) => e instanceof NonceTooLowError || e instanceof NonceTooHighError) !== null ||
    /nonce too low|already known|replacement transaction underpriced/i.test(error.message)
  );
}

/**
 * Runs a send again when its nonce was taken meanwhile (another sender of the same key): viem reads
 * the pending nonce afresh on each attempt.
 */
export async function retryOnNonce<T>(send: () => Promise<T>, retries = 5): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isNonceError(error) || attempt >= retries) throw error;
      // A random pause, so that senders who collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * (attempt + 1)));
    }
  }
}

/** Any error of a chain call, as an EvmAnchorError (kept as it is when it already is one). */
export function toEvmAnchorError(error: unknown, doing: string): EvmAnchorError {
  if (error instanceof EvmAnchorError) return error;
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      const name = reverted.data?.errorName ?? errorNameOf(reverted.raw);
      if (name === 'NotOwner')
        return new EvmAnchorError('NOT_OWNER', `${doing}: the signing key is not the contract's owner`);
      if (name === 'RootConflict') {
        return new EvmAnchorError('ROOT_CONFLICT', `${doing}: the contract holds another root for this tree size`);
      }
      return new EvmAnchorError(
        'REVERTED',
        `${doing}: the contract reverted (${name ?? reverted.reason ?? 'no reason'})`,
        undefined,
        {
          cause: error,
        },
      );
    }
    if (error.walk((e) => e instanceof WaitForTransactionReceiptTimeoutError)) {
      return new EvmAnchorError('TIMEOUT', `${doing}: no receipt in time`, undefined, { cause: error });
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return new EvmAnchorError(
        'CHAIN_UNREACHABLE',
        `${doing}: the chain's RPC endpoint does not answer (${error.shortMessage})`,
        undefined,
        {
          cause: error,
        },
      );
    }
    return new EvmAnchorError('REVERTED', `${doing}: ${error.shortMessage}`, undefined, { cause: error });
  }
  return new EvmAnchorError('CHAIN_UNREACHABLE', `${doing}: ${String(error)}`, undefined, { cause: error });
}

/**
 * The contract's error name from raw revert data. viem decodes with the ABI it was called with,
 * and the request simulateContract hands to writeContract carries the function's item only, so a
 * revert at send time (the state changed since the simulation) arrives undecoded.
 */
function errorNameOf(raw: Hex | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeErrorResult({ abi: EVIDENCE_ANCHOR_ABI, data: raw }).errorName;
  } catch {
    return undefined;
  }
}
