/**
 * Signs a text as a C2SP signed note with one or more Ed25519 signer keys.
 *
 * Each signature is Ed25519 (RFC 8032) over the UTF-8 bytes of the text, including its final
 * newline but not the separating empty line, prefixed by the signer's 4-byte key ID. Ed25519 is
 * deterministic, so the same key and text always give the same note.
 *
 * @see https://c2sp.org/signed-note
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from './encoding';
import { TlogError } from './errors';
import { type NoteSignerKey, parseSignerKey } from './note-keys';
import { assertNoteText, formatSignedNote, type NoteSignature } from './signed-note';

/** Signer keys as `PRIVATE+KEY+…` strings or already parsed. */
export type NoteSigners = string | NoteSignerKey | readonly (string | NoteSignerKey)[];

function toSignerList(signers: NoteSigners): NoteSignerKey[] {
  const list = Array.isArray(signers) ? signers : [signers];
  if (list.length === 0) throw new TlogError('INVALID_ARGUMENT', 'at least one signer key is required');
  return list.map((signer: string | NoteSignerKey) => {
    if (typeof signer === 'string') return parseSignerKey(signer);
    if (typeof signer !== 'object' || signer === null || !(signer.seed instanceof Uint8Array)) {
      throw new TlogError('INVALID_ARGUMENT', 'a signer must be a signer key string or a parsed NoteSignerKey');
    }
    return signer;
  });
}

/** Signs `text` (which must end in a newline) and returns the whole signed note. */
export function signNote(text: string, signers: NoteSigners): string {
  assertNoteText(text);
  const message = utf8ToBytes(text);
  const seen = new Set<string>();
  const signatures: NoteSignature[] = toSignerList(signers).map(({ name, keyId, seed }) => {
    const id = `${name}+${keyId}`;
    if (seen.has(id)) throw new TlogError('INVALID_ARGUMENT', `signer key ${name} is listed twice`);
    seen.add(id);
    return { name, keyId, signature: ed25519.sign(message, seed) };
  });
  return formatSignedNote({ text, signatures });
}
