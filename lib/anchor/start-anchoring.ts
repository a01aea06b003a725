import 'server-only';
/**
 * Starts this process's anchoring job (anchoring-job.ts) with the configured chain and
 * time-stamping authorities: once per process, nothing when the log anchors nowhere. Called where
 * the portal's server starts (instrumentation.ts); the advisory lock keeps it to one process at a
 * time across a cluster.
 */
import { anchorSettings } from './anchor-settings';
import { AnchoringJob, type ChainAnchorer, type Timestamper } from './anchoring-job';
import { EvmAnchorClient } from './evm/evm-anchor-client';
import { requestTimestamp } from './rfc3161/request-timestamp';

const globalForAnchoring = globalThis as unknown as { verityAnchoring?: AnchoringJob };

export function startAnchoring(): AnchoringJob | undefined {
  if (globalForAnchoring.verityAnchoring) return globalForAnchoring.verityAnchoring;
  const settings = anchorSettings();
  if (!settings.chain && !settings.tsa) return undefined;
  let anchorer: ChainAnchorer | undefined;
  if (settings.chain) {
    const { chain } = settings;
    anchorer = new EvmAnchorClient({
      rpcUrl: chain.rpcUrl,
      chainId: chain.chainId,
      contract: chain.contract,
      ...('key' in chain.signer ? { signerKey: chain.signer.key } : { signerAccount: chain.signer.account }),
      confirmations: settings.confirmations,
    });
  }
  let timestamper: Timestamper | undefined;
  if (settings.tsa) {
    const { urls, roots } = settings.tsa;
    timestamper = (data) => requestTimestamp({ urls, data, trustedRoots: roots });
  }
  const job = new AnchoringJob({ settings, anchorer, timestamper });
  globalForAnchoring.verityAnchoring = job;
  job.start();
  return job;
}
