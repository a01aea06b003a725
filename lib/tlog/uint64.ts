/**
 * Tree sizes and leaf indexes are uint64 in every log format (RFC 9162, C2SP). They arrive from
 * untrusted text and JSON, so they are carried as `bigint` inside this module: a JS `number`
 * silently rounds above 2^53 (2^64-1 parses as 18446744073709552000), which would turn an
 * out-of-range index into an in-range one.
 *
 * Public functions accept `number | bigint`; a number must be a safe non-negative integer.
 *
 * @module
 */
import { TlogError, type TlogErrorCode } from './errors';

export const MAX_UINT64 = (1n << 64n) - 1n;

/** A size or index as callers may pass it. */
export type Uint64Like = number | bigint;

/** Checks that `value` is an integer in [0, 2^64-1] and returns it as a bigint. */
export function toUint64(value: Uint64Like, what: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n || value > MAX_UINT64) {
      throw new TlogError('INVALID_ARGUMENT', `${what} must be between 0 and 2^64-1, got ${value}`);
    }
    return value;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TlogError(
      'INVALID_ARGUMENT',
      `${what} must be a non-negative safe integer or a bigint, got ${String(value)} (use a bigint above 2^53-1)`,
    );
  }
  return BigInt(value);
}

/**
 * Parses an ASCII decimal uint64 with no sign, no spaces and no leading zeros (unless it is "0"),
 * as both tlog-checkpoint and tlog-proof require: one number has exactly one spelling.
 */
export function parseUint64Decimal(text: string, what: string, code: TlogErrorCode): bigint {
  if (!/^(0|[1-9][0-9]{0,19})$/.test(text)) {
    throw new TlogError(code, `${what} must be a decimal number without leading zeros, got "${text.slice(0, 32)}"`);
  }
  const value = BigInt(text);
  if (value > MAX_UINT64) throw new TlogError(code, `${what} ${text} does not fit in 64 bits`);
  return value;
}

/** Number of bits needed to represent `x` (Go's bits.Len64). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Number of one bits in `x` (Go's bits.OnesCount64). */
export function onesCount(x: bigint): number {
  let count = 0;
  for (let v = x; v > 0n; v >>= 1n) count += Number(v & 1n);
  return count;
}

/** Number of trailing zero bits in a positive `x` (Go's bits.TrailingZeros64). */
export function trailingZeros(x: bigint): number {
  let count = 0;
  for (let v = x; v > 0n && (v & 1n) === 0n; v >>= 1n) count++;
  return count;
}
