/**
 * A checkpoint note opened against the pinned log key: its Ed25519 signature by that key, and
 * its origin the key's name (so another log's checkpoint, even signed by a key the reader also
 * trusts, is refused). Browser-safe; shared by the receipt check and the remembered checkpoint.
 *
 * @see https://c2sp.org/tlog-checkpoint
 * @module
 */
import { type Checkpoint, parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';

export interface KnownCheckpoint {
  note: string;
  checkpoint: Checkpoint;
}

/** The log's origin: the name in its verifier key (`<origin>+<key id>+<key>`). */
export function logOrigin(verifierKey: string): string {
  return parseVerifierKey(verifierKey).name;
}

/** Opens `note` as a checkpoint of the pinned log; throws a TlogError otherwise. */
export function openCheckpoint(note: string, verifierKey: string): KnownCheckpoint {
  const { checkpoint } = verifyCheckpoint(note, verifierKey, { origin: logOrigin(verifierKey) });
  return { note, checkpoint };
}
