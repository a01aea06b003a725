/**
 * One verification, end to end in the browser: find the deposits (by the named ID, or by
 * digest), check each receipt (`checkDeposit`), and decide the verdict (`decideVerdict`).
 * Only digests and IDs reach the network.
 *
 * @module
 */
import { ALGORITHMS, type Algorithm } from '@/lib/hashing/digests';
import { type CheckDepositOptions, checkDeposit } from './check-deposit';
import { type CheckedDeposit, type Decision, decideVerdict } from './decide-verdict';
import type { LedgerClient, Receipt } from './ledger-client';
import type { Subject } from './subject-match';

export interface VerifyOptions {
  api: Pick<LedgerClient, 'deposit' | 'depositsByDigest'>;
  memory: CheckDepositOptions['memory'];
  /** isLedgerSuspect(the page's check of the ledger): every verdict is then invalid_proof. */
  ledgerSuspect: boolean;
  /** The witness policy in force (witness-policy.ts `policyInForce`); none: nothing about witnesses. */
  witnesses?: CheckDepositOptions['witnesses'];
}

export interface Verification {
  decision: Decision;
  /** Every deposit looked at, in the order the ledger gave them (oldest first). */
  deposits: CheckedDeposit[];
}

/** Verifies `subject` against the deposit `depositId`, or against every deposit of its digest. */
export async function verifySubject(
  subject: Subject,
  depositId: string | undefined,
  options: VerifyOptions,
): Promise<Verification> {
  if (depositId !== undefined) {
    const receipt = await options.api.deposit(depositId);
    const named = receipt
      ? await checkDeposit(receipt, subject, { memory: options.memory, witnesses: options.witnesses })
      : null;
    const decision = decideVerdict({ by: 'id', depositId, named, ledgerSuspect: options.ledgerSuspect });
    return { decision, deposits: named ? [named] : [] };
  }
  const searches: { algorithm: Algorithm; hex: string }[] =
    subject.kind === 'digest'
      ? ALGORITHMS.map((algorithm) => ({ algorithm, hex: subject.hex }))
      : ALGORITHMS.flatMap((algorithm) => {
          const hex = subject.digests[algorithm];
          return hex ? [{ algorithm, hex }] : [];
        });
  const answers = await Promise.all(searches.map((s) => options.api.depositsByDigest(s.algorithm, s.hex)));
  const byId = new Map<string, { receipt: Receipt; searched: typeof searches }>();
  answers.forEach((receipts, i) => {
    for (const receipt of receipts) {
      const entry = byId.get(receipt.id) ?? { receipt, searched: [] };
      entry.searched.push(searches[i] as (typeof searches)[number]);
      byId.set(receipt.id, entry);
    }
  });
  const entries = [...byId.values()].sort((a, b) => a.receipt.depositedAt.localeCompare(b.receipt.depositedAt));
  const deposits: CheckedDeposit[] = [];
  for (const { receipt, searched } of entries) {
    deposits.push(
      await checkDeposit(receipt, subject, { memory: options.memory, searched, witnesses: options.witnesses }),
    );
  }
  return { decision: decideVerdict({ by: 'digest', found: deposits, ledgerSuspect: options.ledgerSuspect }), deposits };
}

/** A deposit looked up by ID alone, with its proof checked; null when no deposit has that ID. */
export async function lookUpDeposit(
  depositId: string,
  options: Pick<VerifyOptions, 'api' | 'memory' | 'witnesses'>,
): Promise<CheckedDeposit | null> {
  const receipt = await options.api.deposit(depositId);
  return receipt ? checkDeposit(receipt, undefined, { memory: options.memory, witnesses: options.witnesses }) : null;
}
