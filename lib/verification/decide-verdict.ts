/**
 * The verdict of one verification, from facts already established (digests compared, proofs
 * checked): DESIGN.md "Verdicts". Pure, so every branch is tested without a browser or a ledger.
 *
 * Order matters. A suspect ledger or a failed proof overrides everything: when the record cannot
 * be trusted, neither "consistent" nor "tampered" can be said. "Nothing could be compared" (no
 * common algorithm) is never "tampered".
 *
 * @module
 */
import type { Algorithm, Digests } from '@/lib/hashing';
import type { Witnessing } from './witnessed-by';

export const VERDICTS = ['consistent', 'tampered', 'not_found', 'pending', 'invalid_proof'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ProofStep = 'leaf' | 'receipt' | 'search' | 'checkpoint' | 'inclusion' | 'consistency';
export type ProofCheck = { ok: true } | { ok: false; step: ProofStep; message: string };

/** One deposit as the browser checked it. `recorded` and the rest come from the leaf when it parses. */
export interface CheckedDeposit {
  id: string;
  status: 'sealed' | 'pending';
  recorded: Digests;
  depositedAt: string;
  depositor: { id: string; name: string };
  titleSha256?: string;
  leafIndex?: number;
  /** Size of the signed checkpoint the inclusion proof was checked against. */
  checkpointSize?: string;
  /**
   * Who cosigned that checkpoint, counted against the witness policy (absent when the policy has
   * no witnesses, or the proof failed). Informs; never changes the verdict.
   */
  witnessing?: Witnessing;
  /** The subject's digests equal the recorded ones; null when nothing could be compared. */
  match: boolean | null;
  /** Recorded algorithms whose digest equals the subject's. */
  matchedAlgorithms: Algorithm[];
  /** Sealed: leaf, checkpoint signature, inclusion and consistency. Pending: the leaf. */
  proof: ProofCheck;
}

export type VerdictInput =
  | { by: 'id'; depositId: string; named: CheckedDeposit | null; ledgerSuspect: boolean }
  | { by: 'digest'; found: readonly CheckedDeposit[]; ledgerSuspect: boolean };

export type VerdictReason =
  | 'ledger_inconsistent'
  | 'proof_failed'
  | 'unknown_deposit_id'
  | 'no_common_algorithm'
  | 'digest_differs'
  | 'not_sealed'
  | 'no_deposit'
  | 'proven';

export interface Decision {
  verdict: Verdict;
  reason: VerdictReason;
  /** The deposit the verdict is about (the named one, the earliest match, or the failing one). */
  deposit?: CheckedDeposit;
  /** Every deposit that records the subject's digests. */
  matching: CheckedDeposit[];
}

export function decideVerdict(input: VerdictInput): Decision {
  const candidates = input.by === 'id' ? (input.named ? [input.named] : []) : [...input.found];
  const matching = candidates.filter((d) => d.match === true);
  if (input.ledgerSuspect) {
    return { verdict: 'invalid_proof', reason: 'ledger_inconsistent', deposit: matching[0] ?? candidates[0], matching };
  }
  const failed = candidates.find((d) => !d.proof.ok);
  if (failed) return { verdict: 'invalid_proof', reason: 'proof_failed', deposit: failed, matching };

  if (input.by === 'id') {
    const named = input.named;
    if (!named) return { verdict: 'not_found', reason: 'unknown_deposit_id', matching };
    if (named.match === null) return { verdict: 'not_found', reason: 'no_common_algorithm', deposit: named, matching };
    if (!named.match) return { verdict: 'tampered', reason: 'digest_differs', deposit: named, matching };
    if (named.status === 'pending') return { verdict: 'pending', reason: 'not_sealed', deposit: named, matching };
    return { verdict: 'consistent', reason: 'proven', deposit: named, matching };
  }

  const sealed = matching.find((d) => d.status === 'sealed');
  if (sealed) return { verdict: 'consistent', reason: 'proven', deposit: sealed, matching };
  const pending = matching.find((d) => d.status === 'pending');
  if (pending) return { verdict: 'pending', reason: 'not_sealed', deposit: pending, matching };
  return { verdict: 'not_found', reason: 'no_deposit', matching };
}
