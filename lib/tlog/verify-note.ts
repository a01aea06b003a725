/**
 * Verifies a C2SP signed note against a set of trusted Ed25519 verifier keys.
 *
 * The rules, from the spec and Go's note.Open:
 * - a signature whose (key name, key ID) matches no trusted key is ignored (key rotation,
 *   witness cosignatures), even if it shares the name or the ID alone with a trusted key;
 * - a signature from a trusted key that fails to verify rejects the whole note: a log that
 *   emits one bad signature is broken or under attack, and its other lines deserve no trust;
 * - at least one signature from a trusted key must verify.
 * Unlike Go, every line from a trusted key is verified, including repeats.
 *
 * @see https://c2sp.org/signed-note
 * @module
 */

import { type Ed25519, nobleEd25519 } from './ed25519';
import { bytesEqual, utf8ToBytes } from './encoding';
import { TlogError } from './errors';
import { type NoteVerifierKey, parseVerifierKey } from './note-keys';
import { type NoteSignature, parseSignedNote } from './signed-note';

/** Trusted verifier keys as `<name>+<hex>+<base64>` strings or already parsed. */
export type NoteVerifiers = string | NoteVerifierKey | readonly (string | NoteVerifierKey)[];

export interface VerifiedNote {
  /** The signed text, including its final newline. Trust it only because this returned. */
  text: string;
  /** Signatures by trusted keys, all verified, one per key. */
  verified: NoteSignature[];
  /** Signatures by keys not in the trusted set, not checked. */
  unverified: NoteSignature[];
}

/** Builds the lookup by (name, key ID); two different keys under one identity are refused. */
export function toVerifierMap(verifiers: NoteVerifiers): Map<string, NoteVerifierKey> {
  const list = Array.isArray(verifiers) ? verifiers : [verifiers];
  if (list.length === 0) throw new TlogError('INVALID_ARGUMENT', 'at least one verifier key is required');
  const map = new Map<string, NoteVerifierKey>();
  for (const entry of list as readonly (string | NoteVerifierKey)[]) {
    const key = typeof entry === 'string' ? parseVerifierKey(entry) : entry;
    if (typeof key !== 'object' || key === null || !(key.publicKey instanceof Uint8Array)) {
      throw new TlogError('INVALID_ARGUMENT', 'a verifier must be a verifier key string or a parsed NoteVerifierKey');
    }
    const id = `${key.name}+${key.keyId}`;
    const existing = map.get(id);
    if (existing && !bytesEqual(existing.publicKey, key.publicKey)) {
      throw new TlogError('AMBIGUOUS_KEY', `two different verifier keys are named ${key.name} with the same key ID`);
    }
    map.set(id, key);
  }
  return map;
}

export interface VerifyNoteOptions {
  /** Another Ed25519 (node:crypto's in a Node server: lib/witness/node-ed25519.ts); default @noble/curves. */
  ed25519?: Ed25519;
}

/** Parses `note` and checks its signatures; throws a TlogError unless the note is trusted. */
export function verifyNote(
  note: string | Uint8Array,
  verifiers: NoteVerifiers,
  options: VerifyNoteOptions = {},
): VerifiedNote {
  const ed25519 = options.ed25519 ?? nobleEd25519;
  const keys = toVerifierMap(verifiers);
  const { text, signatures } = parseSignedNote(note);
  const message = utf8ToBytes(text);
  const verified = new Map<string, NoteSignature>();
  const unverified: NoteSignature[] = [];

  for (const signature of signatures) {
    const id = `${signature.name}+${signature.keyId}`;
    const key = keys.get(id);
    if (!key) {
      unverified.push(signature);
      continue;
    }
    if (!ed25519.verify(signature.signature, message, key.publicKey)) {
      throw new TlogError('SIGNATURE_INVALID', `the signature by trusted key ${signature.name} does not verify`);
    }
    if (!verified.has(id)) verified.set(id, signature);
  }
  if (verified.size === 0) {
    throw new TlogError('NO_VERIFIED_SIGNATURE', 'the note carries no signature by a trusted key');
  }
  return { text, verified: [...verified.values()], unverified };
}
