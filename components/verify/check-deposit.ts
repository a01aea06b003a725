/**
 * Checks one receipt in the browser, trusting nothing the server said in plain JSON: the leaf
 * must be a canonical deposit statement (its digests are what the log commits to), the receipt's
 * fields must agree with it, the checkpoint must be signed by the pinned log key, the leaf must
 * be included in that checkpoint's tree, and that checkpoint must be consistent with every other
 * checkpoint this page has seen (`CheckpointWitness`).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @module
 */
import { ALGORITHMS, type Algorithm } from '@/lib/hashing/digests';
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import { base64ToBytes, hashLeaf, isTlogError, verifyInclusion } from '@/lib/tlog';
import type { CheckedDeposit, ProofCheck, ProofStep } from '@/lib/verification/decide-verdict';
import { type Subject, subjectMatch } from '@/lib/verification/subject-match';
import { type CheckpointWitness, ConsistencyFailure } from './checkpoint-witness';
import type { Receipt } from './ledger-api';

export interface CheckDepositOptions {
  witness: Pick<CheckpointWitness, 'observe'>;
  /** The digest searches that returned this receipt: its leaf must record what was searched. */
  searched?: readonly { algorithm: Algorithm; hex: string }[];
}

class ProofFailure extends Error {
  readonly step: ProofStep;
  constructor(step: ProofStep, message: string) {
    super(message);
    this.step = step;
  }
}

/**
 * The deposit as checked. Throws only when the ledger could not be asked (LedgerUnavailableError
 * from the witness); every failed check is in `proof` instead.
 */
export async function checkDeposit(
  receipt: Receipt,
  subject: Subject | undefined,
  options: CheckDepositOptions,
): Promise<CheckedDeposit> {
  let shown = {
    recorded: receipt.digests,
    depositedAt: receipt.depositedAt,
    depositor: receipt.depositor,
    titleSha256: receipt.status === 'sealed' ? receipt.titleSha256 : undefined,
  };
  let proof: ProofCheck = { ok: true };
  let checkpointSize: string | undefined;
  try {
    const leaf = decodeLeaf(receipt.leaf);
    const statement = parseStatement(leaf);
    shown = {
      recorded: statement.digests,
      depositedAt: statement.depositedAt,
      depositor: statement.depositor,
      titleSha256: statement.titleSha256,
    };
    checkReceiptAgrees(receipt, statement);
    for (const { algorithm, hex } of options.searched ?? []) {
      if (statement.digests[algorithm] !== hex) {
        throw new ProofFailure(
          'search',
          `the ledger returned this deposit for ${algorithm} ${hex}, which its leaf does not record`,
        );
      }
    }
    if (receipt.status === 'sealed') {
      checkpointSize = await checkSealed(receipt, leaf, options.witness);
    }
  } catch (error) {
    if (!(error instanceof ProofFailure)) throw error;
    proof = { ok: false, step: error.step, message: error.message };
  }
  const { match, algorithms } = subject ? subjectMatch(subject, shown.recorded) : { match: null, algorithms: [] };
  return {
    id: receipt.id,
    status: receipt.status,
    ...shown,
    ...(receipt.status === 'sealed' ? { leafIndex: receipt.leafIndex } : {}),
    ...(checkpointSize ? { checkpointSize } : {}),
    match,
    matchedAlgorithms: algorithms,
    proof,
  };
}

function decodeLeaf(text: string): Uint8Array {
  try {
    return base64ToBytes(text);
  } catch (error) {
    throw new ProofFailure('leaf', `the leaf is not base64: ${messageOf(error)}`);
  }
}

function parseStatement(leaf: Uint8Array) {
  try {
    return parseLeaf(leaf);
  } catch (error) {
    throw new ProofFailure('leaf', messageOf(error));
  }
}

function checkReceiptAgrees(receipt: Receipt, statement: ReturnType<typeof parseLeaf>): void {
  const differs =
    ALGORITHMS.some((a) => receipt.digests[a] !== statement.digests[a]) ||
    receipt.depositedAt !== statement.depositedAt ||
    receipt.depositor.id !== statement.depositor.id ||
    receipt.depositor.name !== statement.depositor.name;
  if (differs) throw new ProofFailure('receipt', "the receipt's digests, time or depositor differ from its leaf");
}

async function checkSealed(
  receipt: Receipt & { status: 'sealed' },
  leaf: Uint8Array,
  witness: CheckDepositOptions['witness'],
): Promise<string> {
  let known: Awaited<ReturnType<CheckpointWitness['observe']>>;
  try {
    known = await witness.observe(receipt.checkpoint);
  } catch (error) {
    if (isTlogError(error)) throw new ProofFailure('checkpoint', error.message);
    if (error instanceof ConsistencyFailure) throw new ProofFailure('consistency', error.message);
    throw error;
  }
  try {
    const proof = receipt.inclusionProof.map(base64ToBytes);
    verifyInclusion(receipt.leafIndex, known.checkpoint.size, hashLeaf(leaf), proof, known.checkpoint.rootHash);
  } catch (error) {
    if (isTlogError(error)) throw new ProofFailure('inclusion', error.message);
    throw error;
  }
  return known.checkpoint.size.toString();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
