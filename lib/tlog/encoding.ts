/**
 * Strict, dependency-free base64 (RFC 4648 §4, standard alphabet, with padding) and hex.
 *
 * Every C2SP format this module reads (checkpoints, signed notes, tlog proofs) uses standard
 * base64. Decoding is canonical, as Go's `base64.StdEncoding.Strict()`: one text per byte string,
 * so an attacker cannot produce two different-looking proofs for the same bytes and a
 * byte-for-byte comparison of texts stays meaningful. No `atob` (it skips whitespace); Node's
 * `Buffer` only to encode, when present (a server writes many proofs; browsers have no Buffer).
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-4
 * @module
 */
import { TlogError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, i: number): number {
  const value = sextetOrNegative(text, i);
  if (value < 0) {
    throw new TlogError('INVALID_ENCODING', `base64: invalid character at position ${i}; expected A-Z a-z 0-9 + /`);
  }
  return value;
}

/**
 * True when `text` is the canonical base64 of exactly `length` bytes, without decoding it (a
 * server checks some 17 proof hashes per receipt): the right length and padding, digits of the
 * alphabet only, and the last digit's unused low bits zero.
 */
export function isCanonicalBase64Of(text: string, length: number): boolean {
  const padding = (3 - (length % 3)) % 3;
  const digits = Math.ceil(length / 3) * 4 - padding;
  if (text.length !== digits + padding) return false;
  for (let i = digits; i < text.length; i++) if (text.charCodeAt(i) !== 61) return false;
  for (let i = 0; i < digits; i++) if (sextetOrNegative(text, i) < 0) return false;
  // 1 padding "=": the last digit carries 2 unused bits; 2: 4 bits.
  const unused = padding === 0 ? 0 : padding === 1 ? 0b11 : 0b1111;
  return digits === 0 || (sextetOrNegative(text, digits - 1) & unused) === 0;
}

function sextetOrNegative(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? (DECODE[code] ?? -1) : -1;
}

export function assertBytes(value: unknown, what: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new TlogError('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  }
  if (length !== undefined && value.length !== length) {
    throw new TlogError('INVALID_ARGUMENT', `${what} must be ${length} bytes, got ${value.length}`);
  }
}

interface NodeBuffer {
  from(buffer: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string };
}
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
  return portableBase64(bytes);
}

/** The encoder browsers use (exported for the test that holds it equal to Node's). */
export function portableBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/**
 * Decodes canonical standard base64: length a multiple of 4, padding only at the end, no
 * whitespace, and unused low bits of the last character zero. The empty string is zero bytes.
 */
export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'base64 input must be a string');
  if (text.length % 4 !== 0) {
    throw new TlogError('INVALID_ENCODING', `base64: length ${text.length} is not a multiple of 4`);
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const pad = last ? padding : 0;
    const n =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (pad === 2 ? 0 : sextet(text, i + 2) << 6) |
      (pad >= 1 ? 0 : sextet(text, i + 3));
    // Canonical form: the bits a padded group does not carry must be zero.
    if ((pad === 2 && (n & 0xffff) !== 0) || (pad === 1 && (n & 0xff) !== 0)) {
      throw new TlogError('INVALID_ENCODING', 'base64: non-zero bits after the last byte (not canonical)');
    }
    out[o++] = n >> 16;
    if (pad < 2) out[o++] = (n >> 8) & 0xff;
    if (pad < 1) out[o++] = n & 0xff;
  }
  return out;
}

/** Lowercase hex. */
export function bytesToHex(bytes: Uint8Array): string {
  assertBytes(bytes, 'bytes');
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Decodes hex of even length, upper or lower case; anything else is rejected. */
export function hexToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'hex input must be a string');
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new TlogError('INVALID_ENCODING', 'hex: expected an even number of characters 0-9 a-f');
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Byte-for-byte equality. Inputs here are public (hashes, roots), so timing does not matter. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// A lone UTF-16 surrogate has no UTF-8 form; TextEncoder would silently turn it into U+FFFD and
// sign or hash different text than the caller holds.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `text` has an ASCII control character other than newline (below U+0020), which
 * signed notes, and so checkpoints and tlog proofs, must not contain.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** Whether `text` is well-formed Unicode (has a UTF-8 encoding). */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Encodes text as UTF-8, rejecting strings that are not well-formed Unicode. */
export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'text must be a string');
  if (!isWellFormedText(text)) throw new TlogError('INVALID_ENCODING', 'text contains a lone UTF-16 surrogate');
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8, rejecting invalid sequences rather than inserting U+FFFD. */
export function bytesToUtf8(bytes: Uint8Array): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new TlogError('INVALID_ENCODING', 'text is not valid UTF-8');
  }
}
