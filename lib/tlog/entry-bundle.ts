/**
 * Entry bundles of a tiled log (c2sp.org/tlog-tiles "Log entries"): a bundle's entries, each
 * as a big-endian uint16 length followed by that many bytes of the entry, one after the other.
 * Entry i of bundle N is leaf N·256 + i; it hashes (RFC 6962 leaf hash) to entry i of the level-0
 * tile N.
 *
 * @see https://c2sp.org/tlog-tiles#log-entries
 * @module
 */
import { assertBytes } from './encoding';
import { TlogError } from './errors';
import { TILE_WIDTH } from './tile-path';

/** The longest entry a 2-byte length can announce. */
export const MAX_ENTRY_BYTES = 0xffff;

/** The bundle of `entries` (1–256 of them, each at most 65,535 bytes). */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > TILE_WIDTH) {
    throw new TlogError('INVALID_ARGUMENT', `an entry bundle holds 1–${TILE_WIDTH} entries`);
  }
  let total = 0;
  entries.forEach((entry, i) => {
    assertBytes(entry, `entry ${i}`);
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new TlogError(
        'INVALID_ARGUMENT',
        `entry ${i} is ${entry.length} bytes; a bundle entry is at most ${MAX_ENTRY_BYTES}`,
      );
    }
    total += 2 + entry.length;
  });
  const out = new Uint8Array(total);
  let at = 0;
  for (const entry of entries) {
    out[at] = entry.length >> 8;
    out[at + 1] = entry.length & 0xff;
    out.set(entry, at + 2);
    at += 2 + entry.length;
  }
  return out;
}

/**
 * The entries of a bundle (views into `bundle`). With `count`, the bundle must hold exactly that
 * many; a length running past the end, or bytes after the last entry, are MALFORMED_TILE.
 */
export function parseEntryBundle(bundle: Uint8Array, count?: number): Uint8Array[] {
  assertBytes(bundle, 'entry bundle');
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (entries.length === TILE_WIDTH)
      throw new TlogError('MALFORMED_TILE', `an entry bundle has more than ${TILE_WIDTH} entries`);
    if (at + 2 > bundle.length) throw new TlogError('MALFORMED_TILE', `entry ${entries.length}'s length is cut off`);
    const length = ((bundle[at] as number) << 8) | (bundle[at + 1] as number);
    const end = at + 2 + length;
    if (end > bundle.length) {
      throw new TlogError('MALFORMED_TILE', `entry ${entries.length} claims ${length} bytes; the bundle ends before`);
    }
    entries.push(bundle.subarray(at + 2, end));
    at = end;
  }
  if (count !== undefined && entries.length !== count) {
    throw new TlogError('MALFORMED_TILE', `the entry bundle has ${entries.length} entries, expected ${count}`);
  }
  return entries;
}
