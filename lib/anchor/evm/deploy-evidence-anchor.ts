/**
 * Deploys the EvidenceAnchor contract from the committed artefact (contracts/EvidenceAnchor.json,
 * made by contracts/compile.ts), so deploying needs no compiler. The signing key becomes the
 * contract's owner, the only account that may anchor.
 */
import { type Address, createPublicClient, createWalletClient, type Hex, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { z } from 'zod';
import artefact from '@/contracts/EvidenceAnchor.json';
import { EVIDENCE_ANCHOR_ABI } from './evidence-anchor-abi';
import { EvmAnchorError, retryOnNonce, toEvmAnchorError } from './evm-anchor-error';
import { evmChain } from './evm-chain';

export interface DeployEvidenceAnchorOptions {
  rpcUrl: string;
  chainId: number;
  signerKey: Hex;
  /** Blocks to wait for after the deployment's own (default 1: the block it is in). */
  confirmations?: number;
  timeoutMs?: number;
}

const ZBytecode = z.string().regex(/^0x([0-9a-f]{2})+$/i);

export async function deployEvidenceAnchor(options: DeployEvidenceAnchorOptions): Promise<Address> {
  const bytecode = ZBytecode.parse(artefact.bytecode) as Hex;
  const chain = evmChain(options.chainId, options.rpcUrl);
  const transport = http(options.rpcUrl, { timeout: options.timeoutMs ?? 10_000, retryCount: 1 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 100 });
  const wallet = createWalletClient({ chain, transport, account: privateKeyToAccount(options.signerKey) });
  try {
    const hash = await retryOnNonce(() => wallet.deployContract({ abi: EVIDENCE_ANCHOR_ABI, bytecode }));
    const receipt = await publicClient.waitForTransactionReceipt({
      hash,
      confirmations: options.confirmations ?? 1,
      timeout: options.timeoutMs ?? 60_000,
    });
    if (receipt.status !== 'success' || !receipt.contractAddress) {
      throw new EvmAnchorError('REVERTED', `deploying EvidenceAnchor reverted (transaction ${hash})`);
    }
    return receipt.contractAddress;
  } catch (error) {
    throw toEvmAnchorError(error, 'deploying EvidenceAnchor');
  }
}
