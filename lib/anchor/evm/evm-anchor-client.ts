/**
 * Anchors the log's checkpoints on an EVM chain through the EvidenceAnchor contract, with viem
 * (Node/server: it holds the signing key). One anchor(size, root) call is safe to repeat: a root
 * already on chain is found, not sent again; a reorg that drops the transaction sends it again.
 *
 * Ethereum JSON-RPC: https://ethereum.org/en/developers/docs/apis/json-rpc/
 */
import {
  type Address,
  bytesToHex,
  createPublicClient,
  createWalletClient,
  type Hash,
  type Hex,
  hexToBytes,
  http,
  type PublicClient,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { EVIDENCE_ANCHOR_ABI } from './evidence-anchor-abi';
import { EvmAnchorError, isEvmAnchorError, retryOnNonce, toEvmAnchorError } from './evm-anchor-error';
import { evmChain } from './evm-chain';
import { type FinalReceipt, waitForFinalReceipt } from './wait-for-final-receipt';

export interface EvmAnchorClientOptions {
  rpcUrl: string;
  chainId: number;
  contract: Address;
  /** Needed by anchor() only; reading and checking need no key. */
  signerKey?: Hex;
  /**
   * Instead of a key: an account the node signs for (eth_sendTransaction), e.g. behind an external
   * signer such as EthSigner or Clef; the key then never reaches this process.
   */
  signerAccount?: Address;
  /** K: blocks counted from the anchor's own block before it is final (1 = included). */
  confirmations: number;
  /** Each RPC request's limit, and the wait for a receipt with its confirmations (default 10 s / 120 s). */
  timeoutMs?: number;
  /** How often to look for new blocks (default 1000 ms). */
  pollingIntervalMs?: number;
  /** A fixed gas limit instead of the node's estimate (a chain with a broken estimator; tests of out-of-gas). */
  gasLimit?: bigint;
  /** Where findAnchor starts looking (the contract's deployment block; nodes limit log ranges). */
  fromBlock?: bigint;
}

export interface EvmAnchorRecord {
  transactionHash: Hash;
  blockNumber: bigint;
  blockHash: Hash;
  blockTime: Date;
}

export interface EvmAnchorResult extends FinalReceipt {
  /** How many times a reorg dropped the transaction and it was sent again (0 normally). */
  resent: number;
}

const MAX_SENDS = 5;

export class EvmAnchorClient {
  private readonly publicClient: PublicClient;
  private readonly wallet?: WalletClient;
  private readonly timeoutMs: number;
  private readonly pollingIntervalMs: number;

  constructor(private readonly options: EvmAnchorClientOptions) {
    if (!Number.isInteger(options.confirmations) || options.confirmations < 1) {
      throw new TypeError(`confirmations must be a positive integer, got ${options.confirmations}`);
    }
    const chain = evmChain(options.chainId, options.rpcUrl);
    const requestTimeout = Math.min(options.timeoutMs ?? 10_000, 10_000);
    // One retry only: an unreachable chain must fail fast, the anchoring job retries with backoff.
    const transport = http(options.rpcUrl, { timeout: requestTimeout, retryCount: 1, retryDelay: 100 });
    this.pollingIntervalMs = options.pollingIntervalMs ?? 1_000;
    this.publicClient = createPublicClient({ chain, transport, pollingInterval: this.pollingIntervalMs });
    this.timeoutMs = options.timeoutMs ?? 120_000;
    if (options.signerKey) {
      this.wallet = createWalletClient({ chain, transport, account: privateKeyToAccount(options.signerKey) });
    } else if (options.signerAccount) {
      this.wallet = createWalletClient({ chain, transport, account: options.signerAccount });
    }
  }

  get contractAddress(): Address {
    return this.options.contract;
  }

  /** The node answers, is on the configured chain, and has code at the contract's address. */
  async check(): Promise<void> {
    const chainId = await this.call('reading the chain ID', () => this.publicClient.getChainId());
    if (chainId !== this.options.chainId) {
      throw new EvmAnchorError('WRONG_CHAIN', `the node is on chain ${chainId}, configured: ${this.options.chainId}`);
    }
    const code = await this.call('reading the contract', () =>
      this.publicClient.getCode({ address: this.options.contract }),
    );
    if (!code || code === '0x') {
      throw new EvmAnchorError('NO_CONTRACT', `no contract at ${this.options.contract} on chain ${chainId}`);
    }
  }

  async rootAt(treeSize: bigint): Promise<Uint8Array | null> {
    const root = await this.call('reading rootAt', () =>
      this.publicClient.readContract({ ...this.contract(), functionName: 'rootAt', args: [treeSize] }),
    );
    return /^0x0+$/.test(root) ? null : hexToBytes(root);
  }

  async latestTreeSize(): Promise<bigint> {
    return this.call('reading latestTreeSize', () =>
      this.publicClient.readContract({ ...this.contract(), functionName: 'latestTreeSize' }),
    );
  }

  /** The Anchored event of `treeSize` (the contract emits at most one per size), or null. */
  async findAnchor(treeSize: bigint): Promise<EvmAnchorRecord | null> {
    const logs = await this.call('reading Anchored events', () =>
      this.publicClient.getContractEvents({
        ...this.contract(),
        eventName: 'Anchored',
        args: { treeSize },
        fromBlock: this.options.fromBlock ?? 0n,
        toBlock: 'latest',
        strict: true,
      }),
    );
    const log = logs.find((l) => !l.removed);
    if (!log?.transactionHash || log.blockNumber === null || !log.blockHash) return null;
    return {
      transactionHash: log.transactionHash,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      blockTime: new Date(Number(log.args.time) * 1000),
    };
  }

  /** Puts (treeSize, rootHash) on chain and waits for K confirmations; the anchor already there is returned as it is. */
  async anchor(treeSize: bigint, rootHash: Uint8Array): Promise<EvmAnchorResult> {
    if (treeSize < 1n || treeSize >= 2n ** 64n)
      throw new TypeError(`tree size must be a uint64 above 0, got ${treeSize}`);
    if (rootHash.length !== 32 || rootHash.every((b) => b === 0)) {
      throw new TypeError('the root hash must be 32 bytes, not all zero');
    }
    const wallet = this.wallet;
    if (!wallet?.account) throw new TypeError('anchor() needs a signerKey or a signerAccount');
    await this.check();
    const root = bytesToHex(rootHash);
    for (let resent = 0; resent < MAX_SENDS; resent++) {
      const onChain = await this.rootAt(treeSize);
      if (onChain && bytesToHex(onChain) !== root) {
        throw new EvmAnchorError('ROOT_CONFLICT', `the contract holds another root for tree size ${treeSize}`, onChain);
      }
      const hash = onChain ? await this.existingAnchor(treeSize) : await this.send(wallet, treeSize, root);
      const final = await waitForFinalReceipt(this.publicClient, hash, {
        confirmations: this.options.confirmations,
        timeoutMs: this.timeoutMs,
        pollingIntervalMs: this.pollingIntervalMs,
      }).catch(async (error: unknown) => {
        // Reverted after a clean simulation: someone else anchored this size meanwhile. Say so.
        const other = isEvmAnchorError(error, 'REVERTED') ? await this.rootAt(treeSize) : null;
        if (other && bytesToHex(other) !== root) {
          throw new EvmAnchorError('ROOT_CONFLICT', `the contract holds another root for tree size ${treeSize}`, other);
        }
        throw error;
      });
      if (final) return { ...final, resent };
      // The transaction vanished in a reorg: read the contract again, then send again if needed.
    }
    throw new EvmAnchorError('REORGED', `tree size ${treeSize}: the anchor was dropped by reorgs ${MAX_SENDS} times`);
  }

  private async existingAnchor(treeSize: bigint): Promise<Hash> {
    const found = await this.findAnchor(treeSize);
    if (!found)
      throw new EvmAnchorError(
        'EVENT_NOT_FOUND',
        `tree size ${treeSize} is anchored but its Anchored event was not found`,
      );
    return found.transactionHash;
  }

  private async send(wallet: WalletClient, treeSize: bigint, root: Hex): Promise<Hash> {
    const account = wallet.account;
    if (!account) throw new TypeError('anchor() needs a signerKey or a signerAccount');
    // Simulating first turns a revert into its reason (NotOwner, RootConflict…) before paying gas.
    const { request } = await this.call('simulating anchor', () =>
      this.publicClient.simulateContract({
        ...this.contract(),
        functionName: 'anchor',
        args: [treeSize, root],
        account,
      }),
    );
    try {
      return await retryOnNonce(() => wallet.writeContract({ ...request, gas: this.options.gasLimit }));
    } catch (error) {
      throw toEvmAnchorError(error, 'sending anchor');
    }
  }

  private contract() {
    return { address: this.options.contract, abi: EVIDENCE_ANCHOR_ABI } as const;
  }

  private async call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toEvmAnchorError(error, doing);
    }
  }
}
