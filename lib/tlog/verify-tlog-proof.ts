/**
 * Verifies a C2SP tlog-proof@v1 for given leaf bytes, offline: the checkpoint must be signed by
 * a trusted log key, and SHA-256(0x00 || leaf) must be included at `index` in the tree the
 * checkpoint commits to. This is what a court or a receipt holder runs, years later, with no call
 * to Verity: the proof text, the leaf bytes (JCS deposit statement) and the log's verifier key.
 *
 * The `extra` line is unauthenticated and plays no part here; it is returned for the caller.
 *
 * @see https://c2sp.org/tlog-proof
 * @module
 */
import type { Checkpoint } from './checkpoint';
import { assertBytes } from './encoding';
import { hashLeaf } from './hash';
import { parseTlogProof } from './tlog-proof';
import { type VerifyCheckpointOptions, verifyCheckpoint } from './verify-checkpoint';
import { verifyInclusion } from './verify-inclusion';
import type { NoteVerifiers, VerifiedNote } from './verify-note';

export type VerifyTlogProofOptions = VerifyCheckpointOptions;

export interface VerifiedTlogProof {
  index: bigint;
  /** SHA-256(0x00 || leaf): the leaf hash proven to be in the log. */
  leafHash: Uint8Array;
  /** The verified checkpoint the proof is against. */
  checkpoint: Checkpoint;
  note: VerifiedNote;
  /** Unauthenticated extra data from the proof, if any. */
  extra?: Uint8Array;
}

/**
 * Parses and verifies `proofText` for `leafBytes`. Throws a TlogError (MALFORMED_PROOF,
 * MALFORMED_NOTE, MALFORMED_CHECKPOINT, SIGNATURE_INVALID, NO_VERIFIED_SIGNATURE,
 * ORIGIN_MISMATCH, INDEX_OUT_OF_RANGE, WRONG_PROOF_SIZE, ROOT_MISMATCH, …) unless it all checks.
 */
export function verifyTlogProof(
  proofText: string | Uint8Array,
  leafBytes: Uint8Array,
  verifierKeys: NoteVerifiers,
  options: VerifyTlogProofOptions = {},
): VerifiedTlogProof {
  assertBytes(leafBytes, 'leaf bytes');
  const parsed = parseTlogProof(proofText);
  const { checkpoint, note } = verifyCheckpoint(parsed.checkpoint, verifierKeys, options);
  const leafHash = hashLeaf(leafBytes);
  verifyInclusion(parsed.index, checkpoint.size, leafHash, parsed.proof, checkpoint.rootHash);
  const result: VerifiedTlogProof = { index: parsed.index, leafHash, checkpoint, note };
  if (parsed.extra !== undefined) result.extra = parsed.extra;
  return result;
}
