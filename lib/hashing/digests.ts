/**
 * Digest types and the checks every digest passes through: the algorithm list, strict hex
 * parsing of a digest a person or another system typed, and comparison of two digest sets.
 *
 * Verity records SHA-256 (FIPS 180-4) and SM3 (GB/T 32905-2016) side by side; both produce
 * 32-byte digests, carried as lowercase hex at the edges (receipts, JSON, the UI) and as bytes
 * inside.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final (SHA-256)
 * @see https://openstd.samr.gov.cn/bzgk/gb/newGbInfo?hcno=45B1A67F20F3BF339211C391E9278F5E (GB/T 32905-2016, SM3)
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash (SM3, English text)
 * @module
 */
import { HashingError } from './errors';

/** The digest algorithms Verity records, in the order they are shown. */
export const ALGORITHMS = ['sha256', 'sm3'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Output size in bytes of each algorithm. */
export const DIGEST_SIZE: Readonly<Record<Algorithm, number>> = { sha256: 32, sm3: 32 };

/** Digests of one input, lowercase hex, one entry per algorithm that was computed. */
export type Digests = { sha256?: string; sm3?: string };

export function isAlgorithm(value: unknown): value is Algorithm {
  return typeof value === 'string' && (ALGORITHMS as readonly string[]).includes(value);
}

/**
 * Checks a caller's algorithm list and returns it without duplicates, so each algorithm gets
 * exactly one hasher. An empty list is refused: hashing gigabytes to compute nothing is a bug.
 */
export function assertAlgorithms(algorithms: unknown): Algorithm[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new HashingError('INVALID_ARGUMENT', `algorithms must be a non-empty array of ${ALGORITHMS.join(', ')}`);
  }
  for (const algorithm of algorithms) {
    if (!isAlgorithm(algorithm)) {
      throw new HashingError(
        'INVALID_ARGUMENT',
        `unknown digest algorithm ${JSON.stringify(algorithm)}; expected one of ${ALGORITHMS.join(', ')}`,
      );
    }
  }
  return [...new Set(algorithms as Algorithm[])];
}

const HEX = /^[0-9a-f]*$/;

/** Lowercase hex of `bytes`. */
export function bytesToHex(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new HashingError('INVALID_ARGUMENT', 'bytes must be a Uint8Array');
  let out = '';
  for (const byte of bytes) out += HEX_PAIRS[byte];
  return out;
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Bytes of a hex string (either case, even length, no prefix or whitespace). */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== 'string') throw new HashingError('INVALID_ARGUMENT', 'hex input must be a string');
  const lower = hex.toLowerCase();
  if (lower.length % 2 !== 0) {
    throw new HashingError('MALFORMED_DIGEST', `hex must have an even number of digits, got ${hex.length}`);
  }
  if (!HEX.test(lower)) throw new HashingError('MALFORMED_DIGEST', 'hex must contain only the digits 0-9, a-f, A-F');
  const bytes = new Uint8Array(lower.length / 2);
  // Only 0-9 and a-f remain (checked above): char code 48-57 or 97-102.
  const nibble = (code: number) => (code <= 57 ? code - 48 : code - 87);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (nibble(lower.charCodeAt(2 * i)) << 4) | nibble(lower.charCodeAt(2 * i + 1));
  }
  return bytes;
}

/**
 * The canonical form of a digest typed or pasted by a person or sent by another system: trimmed,
 * lowercase, exactly `2 * DIGEST_SIZE[algorithm]` hex digits. Anything else is refused rather
 * than repaired, so a digest that was cut short never reaches a comparison.
 */
export function normaliseHexDigest(input: string, algorithm: Algorithm): string {
  if (!isAlgorithm(algorithm)) {
    throw new HashingError('INVALID_ARGUMENT', `unknown digest algorithm; expected one of ${ALGORITHMS.join(', ')}`);
  }
  if (typeof input !== 'string') throw new HashingError('INVALID_ARGUMENT', `${algorithm} digest must be a string`);
  const hex = input.trim().toLowerCase();
  const digits = 2 * DIGEST_SIZE[algorithm];
  if (hex.length !== digits) {
    throw new HashingError('MALFORMED_DIGEST', `${algorithm} digest must be ${digits} hex digits, got ${hex.length}`);
  }
  if (!HEX.test(hex)) {
    throw new HashingError('MALFORMED_DIGEST', `${algorithm} digest must contain only hex digits 0-9, a-f, A-F`);
  }
  return hex;
}

/**
 * True when every algorithm present in both sets has equal digests. Throws
 * `NO_COMMON_ALGORITHM` when the sets share none: answering `false` there would turn "nothing
 * was compared" into "the file was tampered with", which is the wrong verdict for a court.
 *
 * Each digest is normalised first (so case does not matter) and all bytes of all common
 * digests are compared without an early exit, so the time taken does not reveal where the
 * first difference is.
 */
export function digestsEqual(a: Digests, b: Digests): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    throw new HashingError('INVALID_ARGUMENT', 'digestsEqual needs two digest objects');
  }
  let compared = 0;
  let difference = 0;
  for (const algorithm of ALGORITHMS) {
    const left = a[algorithm];
    const right = b[algorithm];
    if (left === undefined || right === undefined) continue;
    const x = hexToBytes(normaliseHexDigest(left, algorithm));
    const y = hexToBytes(normaliseHexDigest(right, algorithm));
    for (let i = 0; i < x.length; i++) difference |= (x[i] ?? 0) ^ (y[i] ?? 0);
    compared++;
  }
  if (compared === 0) {
    throw new HashingError(
      'NO_COMMON_ALGORITHM',
      `digests share no algorithm to compare; expected at least one of ${ALGORITHMS.join(', ')} in both`,
    );
  }
  return difference === 0;
}
