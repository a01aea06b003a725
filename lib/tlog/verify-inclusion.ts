/**
 * RFC 9162 inclusion proof verification, §2.1.3.2, in the shape of transparency-dev/merkle:
 * "compute the root" is split from "compare it", so a caller holding several candidate roots, or
 * a server testing its own proofs, can use the computation alone.
 *
 * The index, size and every hash are attacker-controlled. Sizes are checked and the proof length
 * is compared with the exact length the index and size require before any hashing, so neither a
 * wrong index nor a padded or truncated proof can pass.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @see https://github.com/transparency-dev/merkle/blob/main/proof/verify.go
 * @module
 */
import { bytesEqual } from './encoding';
import { TlogError } from './errors';
import { type MerkleHasher, rfc6962Sha256 } from './hash';
import { assertHash, assertProofHashes, chainBorderRight, chainInner } from './merkle-chain';
import { decompose } from './proof-shape';
import { toUint64, type Uint64Like } from './uint64';

/**
 * Computes the root of a tree of `size` from the leaf hash at `index` and its inclusion proof
 * (ordered from the leaf's sibling up to the root's child). Requires index < size.
 */
export function rootFromInclusionProof(
  index: Uint64Like,
  size: Uint64Like,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  hasher: MerkleHasher = rfc6962Sha256,
): Uint8Array {
  const i = toUint64(index, 'index');
  const n = toUint64(size, 'tree size');
  if (i >= n) throw new TlogError('INDEX_OUT_OF_RANGE', `index ${i} is not below tree size ${n}`);
  assertHash(leafHash, 'leaf hash', hasher);
  assertProofHashes(proof, hasher);

  const { inner, border } = decompose(i, n);
  if (proof.length !== inner + border) {
    throw new TlogError('WRONG_PROOF_SIZE', `inclusion proof has ${proof.length} hashes, expected ${inner + border}`);
  }
  const subtree = chainInner(hasher, leafHash, proof.slice(0, inner), i);
  return chainBorderRight(hasher, subtree, proof.slice(inner));
}

/**
 * Verifies that the leaf hash at `index` is included in the tree of `size` with root `root`.
 * Returns nothing on success; throws a TlogError (INDEX_OUT_OF_RANGE, INVALID_HASH_SIZE,
 * WRONG_PROOF_SIZE, ROOT_MISMATCH, INVALID_ARGUMENT) otherwise.
 */
export function verifyInclusion(
  index: Uint64Like,
  size: Uint64Like,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  hasher: MerkleHasher = rfc6962Sha256,
): void {
  assertHash(root, 'root', hasher);
  const computed = rootFromInclusionProof(index, size, leafHash, proof, hasher);
  if (!bytesEqual(computed, root)) {
    throw new TlogError('ROOT_MISMATCH', 'the inclusion proof leads to a different root than the expected one');
  }
}
