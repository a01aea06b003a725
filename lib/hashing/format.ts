/**
 * Digests laid out for people: split into groups so a clerk can read one aloud in court and a
 * party can follow along on paper. Always the whole digest — a shortened digest cannot be
 * compared, and "e3b0…b855" matches files that differ in the middle.
 *
 * @module
 */
import { HashingError } from './errors';

const HEX = /^[0-9a-f]+$/;

/**
 * `hex` in lowercase, split into space-separated groups of `size` digits from the left, e.g.
 * `"e3b0c442 98fc1c14 9afbf4c8 …"`. The last group is shorter when `size` does not divide the
 * length.
 */
export function groupDigest(hex: string, size = 8): string {
  if (typeof hex !== 'string') throw new HashingError('INVALID_ARGUMENT', 'digest must be a hex string');
  const lower = hex.toLowerCase();
  if (!HEX.test(lower)) {
    throw new HashingError('MALFORMED_DIGEST', 'digest must be non-empty and contain only the digits 0-9, a-f, A-F');
  }
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new HashingError('INVALID_ARGUMENT', `group size must be a positive integer, got ${String(size)}`);
  }
  const groups: string[] = [];
  for (let i = 0; i < lower.length; i += size) groups.push(lower.slice(i, i + size));
  return groups.join(' ');
}
