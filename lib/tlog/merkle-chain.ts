/**
 * Internal steps shared by the inclusion and consistency verifiers (RFC 9162 §2.1.3.2, §2.1.4.2),
 * one helper per step as in transparency-dev/merkle `proof/verify.go`. Not part of the public API.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @see https://github.com/transparency-dev/merkle/blob/main/proof/verify.go
 * @module
 */
import { TlogError } from './errors';
import type { MerkleHasher } from './hash';

/** Throws INVALID_HASH_SIZE unless `hash` is a byte array of the hasher's size. */
export function assertHash(hash: unknown, what: string, hasher: MerkleHasher): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array)) throw new TlogError('INVALID_ARGUMENT', `${what} must be a Uint8Array`);
  if (hash.length !== hasher.size) {
    throw new TlogError('INVALID_HASH_SIZE', `${what} is ${hash.length} bytes, expected ${hasher.size}`);
  }
}

/** Checks that `proof` is an array of hashes of the right size. */
export function assertProofHashes(proof: unknown, hasher: MerkleHasher): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) throw new TlogError('INVALID_ARGUMENT', 'proof must be an array of hashes');
  proof.forEach((hash, i) => {
    assertHash(hash, `proof hash ${i}`, hasher);
  });
}

/** Hashes `seed` up through `proof`, taking each sibling's side from the bits of `index`. */
export function chainInner(hasher: MerkleHasher, seed: Uint8Array, proof: readonly Uint8Array[], index: bigint) {
  let hash = seed;
  proof.forEach((sibling, i) => {
    hash = ((index >> BigInt(i)) & 1n) === 0n ? hasher.hashChildren(hash, sibling) : hasher.hashChildren(sibling, hash);
  });
  return hash;
}

/** Like chainInner, but only left siblings: the hash of this subtree as it was at an earlier size. */
export function chainInnerRight(hasher: MerkleHasher, seed: Uint8Array, proof: readonly Uint8Array[], index: bigint) {
  let hash = seed;
  proof.forEach((sibling, i) => {
    if (((index >> BigInt(i)) & 1n) === 1n) hash = hasher.hashChildren(sibling, hash);
  });
  return hash;
}

/** Hashes `seed` up the right border, where every sibling is a left subtree. */
export function chainBorderRight(hasher: MerkleHasher, seed: Uint8Array, proof: readonly Uint8Array[]) {
  let hash = seed;
  for (const sibling of proof) hash = hasher.hashChildren(sibling, hash);
  return hash;
}
