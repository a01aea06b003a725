/**
 * A viem chain for any EVM chain known only by its ID and RPC URL (consortium chains are in no
 * registry). Naming the chain makes viem refuse to sign when the node reports another chain ID.
 */
import { type Chain, defineChain } from 'viem';

export function evmChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: `EVM chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
