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

/**
 * Checkpoints already opened, by key and note text. The receipts of one batch (and a page's
 * receipts of one search) share their checkpoint, and its Ed25519 signature costs about 4 ms in
 * JavaScript — 40 s for 10,000 receipts checked one by one, 4 ms once remembered. Opening is a
 * pure function of the two strings, so an exact match may be answered from here; failures are
 * not kept, and each caller gets its own copy.
 */
const OPENED = new Map<string, Checkpoint>();
const OPENED_KEPT = 256;

/** Opens `note` as a checkpoint of the pinned log; throws a TlogError otherwise. */
export function openCheckpoint(note: string, verifierKey: string): KnownCheckpoint {
  const memo = `${verifierKey}\n${note}`;
  let checkpoint = OPENED.get(memo);
  if (!checkpoint) {
    checkpoint = verifyCheckpoint(note, verifierKey, { origin: logOrigin(verifierKey) }).checkpoint;
    if (OPENED.size >= OPENED_KEPT) OPENED.delete(OPENED.keys().next().value as string);
    OPENED.set(memo, checkpoint);
  }
  return {
    note,
    checkpoint: { ...checkpoint, rootHash: checkpoint.rootHash.slice(), extensions: [...checkpoint.extensions] },
  };
}
