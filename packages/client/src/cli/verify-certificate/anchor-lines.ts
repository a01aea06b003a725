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
import type { DepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
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
  const deposit = body?.deposit;
  if (!body?.anchor || !deposit) return { lines: [], facts: [] };
  return depositAnchorLines(
    {
      anchor: body.anchor,
      leafIndex: deposit.leafIndex,
      tlogProof: deposit.tlogProof,
      origin: body.log.origin,
      verifierKey: check.logKey?.verifierKey ?? body.log.verifierKey,
    },
    options,
  );
}

/** One deposit's anchors, checked against its own proof's checkpoint (both kinds of certificate). */
export async function depositAnchorLines(
  deposit: {
    anchor: DepositAnchor;
    leafIndex: number | null;
    tlogProof: string | null;
    origin: string;
    verifierKey: string;
  },
  options: AnchorLinesOptions & { prefix?: string },
): Promise<{ lines: AnchorLine[]; facts: string[] }> {
  const prefix = options.prefix ?? '';
  let depositCheckpoint: { size: bigint; root: Uint8Array };
  let key: ReturnType<typeof parseVerifierKey>;
  try {
    if (!deposit.tlogProof || deposit.leafIndex === null) throw new Error('the certificate carries no proof');
    key = parseVerifierKey(deposit.verifierKey);
    const { checkpoint } = verifyCheckpoint(parseTlogProof(deposit.tlogProof).checkpoint, key, {
      origin: deposit.origin,
    });
    depositCheckpoint = { size: checkpoint.size, root: checkpoint.rootHash };
  } catch (error) {
    const message = `not checked: the deposit's checkpoint does not check (${error instanceof Error ? error.message : error})`;
    return { lines: [{ name: `${prefix}anchor_checkpoint`, ok: false, message }], facts: [] };
  }
  const result = await checkDepositAnchor(deposit.anchor, {
    logVerifiers: key,
    origin: deposit.origin,
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
      `${prefix ? `${prefix.trim()}: ` : ''}Anchored on ${chain.name} in block ${chain.blockNumber} at ${courtTime(chain.at)}${chain.checked ? ', read back from the chain' : ' (not read back from the chain: add --rpc <url>)'}.${chain.demo ? ' A local demo chain: it proves nothing.' : ''}`,
    );
  }
  const timestamp = result.facts.timestamp;
  if (timestamp) {
    facts.push(
      `${prefix ? `${prefix.trim()}: ` : ''}Timestamped by ${timestamp.tsa} at ${courtTime(timestamp.at)}: the deposit existed no later than this.${timestamp.demo ? ' A demo time-stamping authority: it proves nothing.' : ''}`,
    );
  }
  return {
    lines: result.checks.map((c) => ({ name: `${prefix}${c.name}`, ok: c.ok, message: c.message, checked: c.checked })),
    facts,
  };
}
