import 'server-only';
/**
 * The server's verification of a pair of digests against the ledger, for a court's record:
 * the deposits are read from the database, but nothing in them is taken on trust — each leaf is
 * parsed to see what it really commits to, each sealed deposit's checkpoint signature is checked
 * with the log's key and its inclusion proof against the checkpoint's root (so a row edited
 * behind the log's back shows as `invalid_proof`, not as a verdict). The decision itself is the
 * same pure `decideVerdict` the public check page uses.
 *
 * @module
 */
import { AppError } from '@/lib/errors/app-error';
import type { Digests } from '@/lib/hashing/digests';
import { findDepositsByDigest } from '@/lib/ledger/find-deposits-by-digest';
import { type Receipt, loadReceipts } from '@/lib/ledger/load-receipts';
import { logSigner } from '@/lib/ledger/log-signer';
import { parseLeaf } from '@/lib/ledger/statement';
import { base64ToBytes, hashLeaf, verifyCheckpoint, verifyInclusion } from '@/lib/tlog';
import { type CheckedDeposit, type Decision, decideVerdict, type ProofCheck } from './decide-verdict';
import { subjectMatch } from './subject-match';

export interface LedgerCheck {
  decision: Decision;
  /** Size of the checkpoint the decisive deposit's proof was checked against (sealed deposits). */
  checkpointSize: bigint | null;
  /** The receipt of the decisive deposit, as the ledger serves it. */
  receipt: Receipt | null;
}

export interface FileDigests {
  sha256: string;
  sm3: string;
}

/**
 * Verifies `digests` against the deposit `claimedDepositId` when one is named (tampered when
 * they differ), or against every deposit recording either digest (the earliest sealed match
 * decides). An unknown deposit ID is a `not_found` decision, not an error.
 */
export async function checkAgainstLedger(digests: FileDigests, claimedDepositId: string | null): Promise<LedgerCheck> {
  const subject = { kind: 'file' as const, digests: digests as Digests };
  if (claimedDepositId) {
    const receipt = (await loadReceipts([claimedDepositId])).get(claimedDepositId) ?? null;
    const named = receipt ? checkReceipt(receipt, subject.digests) : null;
    const decision = decideVerdict({ by: 'id', depositId: claimedDepositId, named, ledgerSuspect: false });
    return { decision, checkpointSize: sizeOf(decision.deposit), receipt };
  }
  const [bySha256, bySm3] = await Promise.all([
    findDepositsByDigest({ sha256: digests.sha256 }),
    findDepositsByDigest({ sm3: digests.sm3 }),
  ]);
  const receipts = new Map<string, Receipt>();
  for (const r of [...bySha256, ...bySm3]) receipts.set(r.id, r);
  const found = [...receipts.values()]
    .map((r) => checkReceipt(r, subject.digests))
    .sort((a, b) => a.depositedAt.localeCompare(b.depositedAt) || a.id.localeCompare(b.id));
  const decision = decideVerdict({ by: 'digest', found, ledgerSuspect: false });
  return {
    decision,
    checkpointSize: sizeOf(decision.deposit),
    receipt: decision.deposit ? (receipts.get(decision.deposit.id) ?? null) : null,
  };
}

/** Throws VALIDATION_FAILED when no deposit has this ID (for forms that name one). */
export async function assertDepositExists(depositId: string): Promise<void> {
  const receipts = await loadReceipts([depositId]);
  if (!receipts.has(depositId)) {
    throw new AppError('VALIDATION_FAILED', `No deposit has the ID ${depositId}. Check the ID on the deposit receipt.`);
  }
}

function sizeOf(deposit: CheckedDeposit | undefined): bigint | null {
  return deposit?.checkpointSize ? BigInt(deposit.checkpointSize) : null;
}

/** The receipt as checked by the server: what its leaf records and whether its proof holds. */
export function checkReceipt(receipt: Receipt, digests: Digests): CheckedDeposit {
  let leaf: Uint8Array;
  let statement: ReturnType<typeof parseLeaf>;
  try {
    leaf = base64ToBytes(receipt.leaf);
    statement = parseLeaf(leaf);
  } catch (error) {
    return {
      id: receipt.id,
      status: receipt.status,
      recorded: receipt.digests,
      depositedAt: receipt.depositedAt,
      depositor: receipt.depositor,
      match: null,
      matchedAlgorithms: [],
      proof: { ok: false, step: 'leaf', message: messageOf(error) },
    };
  }
  const { match, algorithms } = subjectMatch({ kind: 'file', digests }, statement.digests);
  let proof: ProofCheck = { ok: true };
  let checkpointSize: string | undefined;
  if (receipt.status === 'sealed') {
    const signer = logSigner();
    try {
      const { checkpoint } = verifyCheckpoint(receipt.checkpoint, signer.verifierKey, { origin: signer.origin });
      checkpointSize = checkpoint.size.toString();
      try {
        verifyInclusion(
          receipt.leafIndex,
          checkpoint.size,
          hashLeaf(leaf),
          receipt.inclusionProof.map(base64ToBytes),
          checkpoint.rootHash,
        );
      } catch (error) {
        proof = { ok: false, step: 'inclusion', message: messageOf(error) };
      }
    } catch (error) {
      proof = { ok: false, step: 'checkpoint', message: messageOf(error) };
    }
  }
  return {
    id: receipt.id,
    status: receipt.status,
    recorded: statement.digests,
    depositedAt: statement.depositedAt,
    depositor: statement.depositor,
    ...(statement.titleSha256 ? { titleSha256: statement.titleSha256 } : {}),
    ...(receipt.status === 'sealed' ? { leafIndex: receipt.leafIndex } : {}),
    ...(checkpointSize ? { checkpointSize } : {}),
    match,
    matchedAlgorithms: algorithms,
    proof,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
