/**
 * C2SP signed-note: parsing and formatting of the envelope, without checking signatures
 * (verify-note.ts does that; sign-note.ts makes signatures).
 *
 *     <text, one or more lines, ending in \n>
 *     \n
 *     — <key name> <base64(4-byte big-endian key ID || signature)>\n     (one or more; U+2014)
 *
 * The text is everything up to and including the newline before the *last* empty line. A note
 * must be valid UTF-8 with no control characters other than newline, as in Go's note.Open;
 * parsing is otherwise as strict as Go's, plus canonical base64.
 *
 * @see https://c2sp.org/signed-note
 * @see https://pkg.go.dev/golang.org/x/mod/sumdb/note
 * @module
 */
import {
  base64ToBytes,
  bytesToBase64,
  bytesToUtf8,
  concatBytes,
  hasControlCharacter,
  isWellFormedText,
} from './encoding';
import { TlogError } from './errors';
import { isValidKeyName } from './note-keys';

/** Go's note.Open refuses more; the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;
/** Em dash (U+2014) and a space: the start of every signature line. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';

export interface NoteSignature {
  /** Key name from the signature line. */
  name: string;
  /** uint32 key ID: the first 4 bytes of the decoded signature, big-endian. */
  keyId: number;
  /** The signature proper, after the key ID (64 bytes for Ed25519). */
  signature: Uint8Array;
}

export interface SignedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

function fail(message: string): never {
  throw new TlogError('MALFORMED_NOTE', `signed note: ${message}`);
}

/** Checks the rules every note text obeys: well-formed, no control characters but \n, ends in \n. */
export function assertNoteText(text: string): void {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'note text must be a string');
  if (!isWellFormedText(text)) fail('text is not well-formed Unicode');
  if (hasControlCharacter(text)) fail('contains a control character other than newline');
  if (text === '' || !text.endsWith('\n')) fail('text must be non-empty and end with a newline');
}

function parseSignatureLine(line: string, number: number): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) fail(`signature line ${number} must start with "— " (U+2014, space)`);
  const rest = line.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const encoded = space < 0 ? '' : rest.slice(space + 1);
  if (!isValidKeyName(name)) fail(`signature line ${number} has an invalid key name`);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(encoded);
  } catch {
    fail(`signature line ${number} is not canonical standard base64`);
  }
  if (bytes.length < 5) fail(`signature line ${number} is too short for a key ID and a signature`);
  const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  return { name, keyId, signature: bytes.slice(4) };
}

/** Splits a signed note into its text and its (unverified) signatures. */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const message = note instanceof Uint8Array ? bytesToUtf8(note) : note;
  if (typeof message !== 'string') throw new TlogError('INVALID_ARGUMENT', 'note must be a string or bytes');
  if (!isWellFormedText(message)) fail('not well-formed Unicode');
  if (hasControlCharacter(message)) fail('contains a control character other than newline');

  const split = message.lastIndexOf('\n\n');
  if (split < 0) fail('no empty line before the signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block === '' || !block.endsWith('\n'))
    fail('must end with one or more signature lines, each ending in a newline');

  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) fail(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { text, signatures: lines.map((line, i) => parseSignatureLine(line, i + 1)) };
}

/** One signature line, with its final newline. */
export function formatSignatureLine(signature: NoteSignature): string {
  const { name, keyId, signature: bytes } = signature;
  if (!isValidKeyName(name)) throw new TlogError('INVALID_ARGUMENT', 'signature key name is invalid');
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw new TlogError('INVALID_ARGUMENT', 'signature key ID must be a uint32');
  }
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new TlogError('INVALID_ARGUMENT', 'signature bytes must be a non-empty Uint8Array');
  }
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, keyId, false);
  return `${SIGNATURE_LINE_PREFIX}${name} ${bytesToBase64(concatBytes(id, bytes))}\n`;
}

/** Formats text and signatures as a signed note; the result parses back to the same values. */
export function formatSignedNote(note: SignedNote): string {
  assertNoteText(note.text);
  if (!Array.isArray(note.signatures) || note.signatures.length === 0) {
    throw new TlogError('INVALID_ARGUMENT', 'a signed note needs at least one signature');
  }
  if (note.signatures.length > MAX_NOTE_SIGNATURES) {
    throw new TlogError('INVALID_ARGUMENT', `a signed note may carry at most ${MAX_NOTE_SIGNATURES} signatures`);
  }
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}
