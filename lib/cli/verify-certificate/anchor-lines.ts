/**
 * What `verity verify-certificate` checks and prints about a certificate's anchors (issue #19):
 * the anchored checkpoint (log signature, consistency with the deposit's checkpoint), the RFC 3161
 * token offline (against `--tsa-root` when given, else the root the certificate carries — said so),
 * and the chain anchor by JSON-RPC with `--rpc <url>` ("not checked" without it). Plain sentences:
 * "anchored on <chain> in block N at <time>", "timestamped by <TSA> at <time>: the deposit existed
 * no later than this".
 *
 * @module
 */
import { checkDepositAnchor } from '@/lib/anchor/check-deposit-anchor';
import type { CertificateCheck } from '@/lib/certificates/format/verify-certificate';
import { parseTlogProof, parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';
import { courtTime } from './check-online-status';

export interface AnchorLine {
  name: string;
  ok: boolean;
  message: string;
  /** False: the check was not made (no --rpc); printed with "–", it fails nothing. */
  checked?: boolean;
}

export interface AnchorLinesOptions {
  tsaRoots: string[];
  rpcUrl?: string;
  fetch: typeof fetch;
}

export async function anchorLines(
  check: CertificateCheck,
  options: AnchorLinesOptions,
): Promise<{ lines: AnchorLine[]; facts: string[] }> {
  const body = check.file?.body;
  const anchor = body?.anchor;
  const deposit = body?.deposit;
  if (!body || !anchor || !deposit) return { lines: [], facts: [] };
  const verifierKey = check.logKey?.verifierKey ?? body.log.verifierKey;
  let depositCheckpoint: { size: bigint; root: Uint8Array };
  let key: ReturnType<typeof parseVerifierKey>;
  try {
    if (!deposit.tlogProof || deposit.leafIndex === null) throw new Error('the certificate carries no proof');
    key = parseVerifierKey(verifierKey);
    const { checkpoint } = verifyCheckpoint(parseTlogProof(deposit.tlogProof).checkpoint, key, {
      origin: body.log.origin,
    });
    depositCheckpoint = { size: checkpoint.size, root: checkpoint.rootHash };
  } catch (error) {
    const message = `not checked: the deposit's checkpoint does not check (${error instanceof Error ? error.message : error})`;
    return { lines: [{ name: 'anchor_checkpoint', ok: false, message }], facts: [] };
  }
  const result = await checkDepositAnchor(anchor, {
    logVerifiers: key,
    origin: body.log.origin,
    leafIndex: BigInt(deposit.leafIndex),
    depositCheckpoint,
    tsaRoots: options.tsaRoots,
    rpcUrl: options.rpcUrl ?? null,
    fetch: options.fetch,
  });
  const facts: string[] = [];
  const chain = result.facts.chain;
  if (chain) {
    facts.push(
      `Anchored on ${chain.name} in block ${chain.blockNumber} at ${courtTime(chain.at)}${chain.checked ? ', read back from the chain' : ' (not read back from the chain: add --rpc <url>)'}.${chain.demo ? ' A local demo chain: it proves nothing.' : ''}`,
    );
  }
  const timestamp = result.facts.timestamp;
  if (timestamp) {
    facts.push(
      `Timestamped by ${timestamp.tsa} at ${courtTime(timestamp.at)}: the deposit existed no later than this.${timestamp.demo ? ' A demo time-stamping authority: it proves nothing.' : ''}`,
    );
  }
  return {
    lines: result.checks.map((c) => ({ name: c.name, ok: c.ok, message: c.message, checked: c.checked })),
    facts,
  };
}
