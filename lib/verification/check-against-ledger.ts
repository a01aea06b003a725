import 'server-only';
/**
 * The server's verification of a pair of digests against the ledger, for a court's record:
 * the deposits are read from the database, but nothing in them is taken on trust — each receipt
 * goes through the same check the browser makes (check-receipt.ts: its leaf parsed to see what it
 * really commits to, the receipt's fields against the leaf, the digest it was found by, the
 * checkpoint's signature by the log's key, the inclusion proof), so a row edited behind the log's
 * back shows as `invalid_proof`, not as a verdict. The decision itself is the same pure
 * `decideVerdict` the public check page uses; the server has no remembered checkpoint of its own
 * to compare with, so the ledger is never "suspect" here beyond what each proof says.
 *
 * Who vouched (issue #18): each receipt's checkpoint cosignatures are counted against the
 * configured witness policy (lib/witnessing) by the same `witnessedBy` the browser uses, from the
 * signatures alone; the decisive deposit's answer is returned for the verification's record.
 *
 * @module
 */
import { AppError } from '@/lib/errors/app-error';
import { ALGORITHMS, type Algorithm, type Digests } from '@/lib/hashing/digests';
import { findDepositsByDigest } from '@/lib/ledger/find-deposits-by-digest';
import { loadReceipts, type Receipt } from '@/lib/ledger/load-receipts';
import { logSigner } from '@/lib/ledger/log-signer';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';
import { checkReceipt } from './check-receipt';
import { type CheckedDeposit, type Decision, decideVerdict } from './decide-verdict';
import type { WitnessPolicy } from './witness-policy';
import type { Witnessing } from './witnessed-by';

export interface CheckedAgainstLedger {
  decision: Decision;
  /** Size of the checkpoint the decisive deposit's proof was checked against (sealed deposits). */
  checkpointSize: bigint | null;
  /** The receipt of the decisive deposit, as the ledger serves it. */
  receipt: Receipt | null;
  /**
   * Who cosigned the decisive deposit's checkpoint (of size `checkpointSize`), counted against the
   * configured policy; null when the log has no witnesses or no sealed deposit's proof held.
   */
  witnessing: Witnessing | null;
}

/** The configured policy in the shape the receipt check counts against (undefined: no witnesses). */
export function configuredWitnessPolicy(): WitnessPolicy | undefined {
  const { quorum, witnesses } = witnessPolicy();
  if (witnesses.length === 0) return undefined;
  return {
    quorum,
    witnesses: witnesses.map((w) => ({
      name: w.name,
      ...(w.nameEn ? { nameEn: w.nameEn } : {}),
      verifierKey: w.verifierKey,
    })),
  };
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
export async function checkAgainstLedger(
  digests: FileDigests,
  claimedDepositId: string | null,
): Promise<CheckedAgainstLedger> {
  const subject = { kind: 'file' as const, digests: digests as Digests };
  const verifierKey = logSigner().verifierKey;
  const witnesses = configuredWitnessPolicy();
  if (claimedDepositId) {
    const receipt = (await loadReceipts([claimedDepositId])).get(claimedDepositId) ?? null;
    const named = receipt ? checkReceipt(receipt, subject, { verifierKey, witnesses }).deposit : null;
    const decision = decideVerdict({ by: 'id', depositId: claimedDepositId, named, ledgerSuspect: false });
    return { decision, checkpointSize: sizeOf(decision.deposit), receipt, witnessing: witnessingOf(decision.deposit) };
  }
  const searches = ALGORITHMS.map((algorithm) => ({ algorithm, hex: digests[algorithm].toLowerCase() }));
  const answers = await Promise.all(
    searches.map((s) => findDepositsByDigest(s.algorithm === 'sha256' ? { sha256: s.hex } : { sm3: s.hex })),
  );
  const found = new Map<string, { receipt: Receipt; searched: { algorithm: Algorithm; hex: string }[] }>();
  answers.forEach((receipts, i) => {
    for (const receipt of receipts) {
      const entry = found.get(receipt.id) ?? { receipt, searched: [] };
      entry.searched.push(searches[i] as (typeof searches)[number]);
      found.set(receipt.id, entry);
    }
  });
  const checked = [...found.values()]
    .map(({ receipt, searched }) => checkReceipt(receipt, subject, { verifierKey, searched, witnesses }).deposit)
    .sort((a, b) => a.depositedAt.localeCompare(b.depositedAt) || a.id.localeCompare(b.id));
  const decision = decideVerdict({ by: 'digest', found: checked, ledgerSuspect: false });
  return {
    decision,
    checkpointSize: sizeOf(decision.deposit),
    receipt: decision.deposit ? (found.get(decision.deposit.id)?.receipt ?? null) : null,
    witnessing: witnessingOf(decision.deposit),
  };
}

/** Throws VALIDATION_FAILED when no deposit has this ID (for forms that name one). */
export async function assertDepositExists(depositId: string): Promise<void> {
  const receipts = await loadReceipts([depositId]);
  if (!receipts.has(depositId)) {
    throw new AppError('VALIDATION_FAILED', `No deposit has the ID ${depositId}. Check the ID on the deposit receipt.`);
  }
}

function witnessingOf(deposit: CheckedDeposit | undefined): Witnessing | null {
  return deposit?.proof.ok && deposit.checkpointSize ? (deposit.witnessing ?? null) : null;
}

function sizeOf(deposit: CheckedDeposit | undefined): bigint | null {
  return deposit?.checkpointSize ? BigInt(deposit.checkpointSize) : null;
}
