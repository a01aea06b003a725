/**
 * The Merkle Tree Hash (MTH) of a list of leaf hashes, RFC 9162 §2.1.1.
 *
 * Used by tests and by the server to cross-check the roots its stored subtrees produce. It holds
 * the whole level in memory, so it suits batches and tests, not a full log.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 * @module
 */
import { TlogError } from './errors';
import { type MerkleHasher, rfc6962Sha256 } from './hash';

/**
 * Returns MTH(D[0:n]) given the leaf hashes (each already SHA-256(0x00 || leaf)).
 *
 * RFC 9162 splits at the largest power of two below n; hashing level by level and carrying an
 * unpaired last node up unchanged yields the same tree, because every left subtree is perfect.
 */
export function rootFromLeafHashes(
  leafHashes: readonly Uint8Array[],
  hasher: MerkleHasher = rfc6962Sha256,
): Uint8Array {
  if (!Array.isArray(leafHashes)) throw new TlogError('INVALID_ARGUMENT', 'leafHashes must be an array');
  leafHashes.forEach((hash, i) => {
    if (!(hash instanceof Uint8Array) || hash.length !== hasher.size) {
      throw new TlogError('INVALID_HASH_SIZE', `leaf hash ${i} must be ${hasher.size} bytes`);
    }
  });
  if (leafHashes.length === 0) return hasher.emptyRoot();

  let level: Uint8Array[] = [...leafHashes];
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(hasher.hashChildren(level[i] as Uint8Array, level[i + 1] as Uint8Array));
    }
    if (level.length % 2 === 1) next.push(level[level.length - 1] as Uint8Array);
    level = next;
  }
  return Uint8Array.from(level[0] as Uint8Array);
}
