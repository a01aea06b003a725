/**
 * The one check of a deposit receipt, made by the server for a court's record
 * (check-against-ledger.ts) and by the browser on its own (check-deposit.ts), trusting nothing the
 * receipt says in plain JSON:
 *
 * 1. the leaf is base64 of a canonical deposit statement (what the log commits to: `leaf`);
 * 2. the receipt's digests, time and depositor are the leaf's (`receipt`);
 * 3. the leaf records every digest it was found by (`search`);
 * 4. sealed: the checkpoint is signed by the pinned log key, for that log's origin (`checkpoint`);
 * 5. sealed: the leaf is in that checkpoint's tree at the receipt's index (`inclusion`);
 * 6. sealed, when a witness policy is given: who cosigned that checkpoint (witnessed-by.ts), from
 *    the signatures alone — the receipt's `witnessed` member is never read. Not a proof step:
 *    a checkpoint not yet witnessed is still the log's signed state (`deposit.witnessing`).
 *
 * Pure and browser-safe. The browser adds one step, the consistency of the receipt's checkpoint
 * with the one it remembers (checkpoint-memory.ts); the failed step and why are in `proof`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @module
 */
import { ALGORITHMS, type Algorithm } from '@/lib/hashing/digests';
import type { Receipt } from '@/lib/ledger/receipt.schema';
import type { LeafStatement } from '@/lib/ledger/statement/leaf-statement.schema';
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import { base64ToBytes, hashLeaf, verifyInclusion } from '@/lib/tlog';
import type { CheckedDeposit, ProofCheck, ProofStep } from './decide-verdict';
import { type KnownCheckpoint, openCheckpoint } from './open-checkpoint';
import { type Subject, subjectMatch } from './subject-match';
import type { WitnessPolicy } from './witness-policy';
import { witnessedBy } from './witnessed-by';

export interface CheckReceiptOptions {
  /** The log key the checkpoint must be signed by (pinned in the page; the server's own). */
  verifierKey: string;
  /** The digest searches that returned this receipt: its leaf must record what was searched. */
  searched?: readonly { algorithm: Algorithm; hex: string }[];
  /** The witness policy to count the checkpoint's cosignatures against (pinned; configured). */
  witnesses?: WitnessPolicy;
  /** POSIX seconds, for cosignatures dated in the future (default: the clock). */
  now?: number;
}

export interface CheckedReceipt {
  deposit: CheckedDeposit;
  /** The receipt's checkpoint, opened, when every step passed for a sealed receipt. */
  checkpoint?: KnownCheckpoint;
}

class ProofFailure extends Error {
  readonly step: ProofStep;
  constructor(step: ProofStep, message: string) {
    super(message);
    this.step = step;
  }
}

/**
 * The deposit as checked, compared with `subject` when there is one. Never throws for a bad
 * receipt: every failed check is in `deposit.proof`. What it records (digests, time, depositor)
 * comes from the leaf once the leaf parses; before that, from what the receipt claims.
 */
export function checkReceipt(
  receipt: Receipt,
  subject: Subject | undefined,
  options: CheckReceiptOptions,
): CheckedReceipt {
  let shown: Pick<CheckedDeposit, 'recorded' | 'depositedAt' | 'depositor' | 'titleSha256'> = {
    recorded: receipt.digests,
    depositedAt: receipt.depositedAt,
    depositor: receipt.depositor,
    ...(receipt.status === 'sealed' && receipt.titleSha256 ? { titleSha256: receipt.titleSha256 } : {}),
  };
  let proof: ProofCheck = { ok: true };
  let opened: KnownCheckpoint | undefined;
  try {
    const leaf = step('leaf', () => base64ToBytes(receipt.leaf), 'the leaf is not base64: ');
    const statement = step('leaf', () => parseLeaf(leaf));
    shown = {
      recorded: statement.digests,
      depositedAt: statement.depositedAt,
      depositor: statement.depositor,
      ...(statement.titleSha256 ? { titleSha256: statement.titleSha256 } : {}),
    };
    checkAgreesWithLeaf(receipt, statement);
    for (const { algorithm, hex } of options.searched ?? []) {
      if (statement.digests[algorithm] !== hex) {
        throw new ProofFailure(
          'search',
          `the ledger returned this deposit for ${algorithm} ${hex}, which its leaf does not record`,
        );
      }
    }
    if (receipt.status === 'sealed') {
      const known = step('checkpoint', () => openCheckpoint(receipt.checkpoint, options.verifierKey));
      step('inclusion', () =>
        verifyInclusion(
          receipt.leafIndex,
          known.checkpoint.size,
          hashLeaf(leaf),
          receipt.inclusionProof.map(base64ToBytes),
          known.checkpoint.rootHash,
        ),
      );
      opened = known;
    }
  } catch (error) {
    if (!(error instanceof ProofFailure)) throw error;
    proof = { ok: false, step: error.step, message: error.message };
  }
  const witnessing = opened
    ? witnessedBy(
        opened.note,
        options.witnesses,
        options.verifierKey,
        options.now === undefined ? {} : { now: options.now },
      )
    : undefined;
  const { match, algorithms } = subject ? subjectMatch(subject, shown.recorded) : { match: null, algorithms: [] };
  return {
    deposit: {
      id: receipt.id,
      status: receipt.status,
      ...shown,
      ...(receipt.status === 'sealed' ? { leafIndex: receipt.leafIndex } : {}),
      ...(opened ? { checkpointSize: opened.checkpoint.size.toString() } : {}),
      ...(witnessing ? { witnessing } : {}),
      match,
      matchedAlgorithms: algorithms,
      proof,
    },
    ...(opened ? { checkpoint: opened } : {}),
  };
}

/** Runs `fn`; any error it throws becomes a failure of `name`. */
function step<T>(name: ProofStep, fn: () => T, prefix = ''): T {
  try {
    return fn();
  } catch (error) {
    throw new ProofFailure(name, `${prefix}${error instanceof Error ? error.message : String(error)}`);
  }
}

function checkAgreesWithLeaf(receipt: Receipt, statement: LeafStatement): void {
  const differs =
    ALGORITHMS.some((a) => receipt.digests[a] !== statement.digests[a]) ||
    receipt.depositedAt !== statement.depositedAt ||
    receipt.depositor.id !== statement.depositor.id ||
    receipt.depositor.name !== statement.depositor.name ||
    (receipt.status === 'sealed' &&
      (receipt.titleSha256 !== statement.titleSha256 || !sameSignature(receipt.signature, statement.signature)));
  if (differs) {
    throw new ProofFailure(
      'receipt',
      "the receipt's digests, time, depositor, title or signature differ from its leaf",
    );
  }
}

function sameSignature(a: LeafStatement['signature'], b: LeafStatement['signature']): boolean {
  if (!a || !b) return a === b;
  return a.algorithm === b.algorithm && a.publicKey === b.publicKey && a.value === b.value;
}
