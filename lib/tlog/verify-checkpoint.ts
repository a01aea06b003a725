/**
 * Opens a signed checkpoint: verifies the signed note, then parses its text as a checkpoint.
 *
 * Beyond the note rules, the checkpoint must be signed by the log itself: a verified signature
 * whose key name equals the origin line (tlog-checkpoint says the log's key name SHOULD match
 * the origin, and Verity's key is published as `<origin>+…`). Without this, a trusted witness
 * key alone could vouch for a checkpoint of a log it merely observes. Callers that know which
 * log they expect pass `origin` too, so a valid checkpoint of another log is not accepted.
 *
 * @see https://c2sp.org/tlog-checkpoint
 * @see https://c2sp.org/signed-note
 * @module
 */
import { type Checkpoint, parseCheckpoint } from './checkpoint';
import { TlogError } from './errors';
import { type NoteVerifiers, type VerifiedNote, verifyNote } from './verify-note';

export interface VerifyCheckpointOptions {
  /** The origin the caller expects; when set, any other origin is rejected. */
  origin?: string;
}

export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  note: VerifiedNote;
}

/** Verifies the signatures on a checkpoint note and returns the parsed checkpoint. */
export function verifyCheckpoint(
  note: string | Uint8Array,
  verifiers: NoteVerifiers,
  options: VerifyCheckpointOptions = {},
): VerifiedCheckpoint {
  if (options.origin !== undefined && (typeof options.origin !== 'string' || options.origin === '')) {
    throw new TlogError('INVALID_ARGUMENT', 'origin, when given, must be a non-empty string');
  }
  const verified = verifyNote(note, verifiers);
  const checkpoint = parseCheckpoint(verified.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new TlogError('ORIGIN_MISMATCH', `checkpoint origin "${checkpoint.origin}" is not "${options.origin}"`);
  }
  if (!verified.verified.some((signature) => signature.name === checkpoint.origin)) {
    throw new TlogError('ORIGIN_MISMATCH', `checkpoint for "${checkpoint.origin}" is not signed by that log's key`);
  }
  return { checkpoint, note: verified };
}
