/**
 * RFC 9162 consistency proof verification, §2.1.4.2, in the shape of transparency-dev/merkle:
 * `rootFromConsistencyProof` checks the proof against the old root and returns the new root it
 * implies; `verifyConsistency` also compares that with the new root.
 *
 * This is how a client that kept an older checkpoint catches an operator who rewrote history:
 * the old tree must be a prefix of the new one. Sizes and hashes are attacker-controlled and are
 * checked, and the proof length is compared with the exact required length, before any hashing.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 * @see https://github.com/transparency-dev/merkle/blob/main/proof/verify.go
 * @module
 */
import { bytesEqual } from './encoding';
import { TlogError } from './errors';
import { type MerkleHasher, rfc6962Sha256 } from './hash';
import { assertHash, assertProofHashes, chainBorderRight, chainInner, chainInnerRight } from './merkle-chain';
import { consistencyShape } from './proof-shape';
import { toUint64, type Uint64Like } from './uint64';

/**
 * Checks `proof` from tree size1 (root1) to tree size2 and returns the root of tree size2 it
 * implies. Requires 0 < size1 <= size2.
 *
 * Equal sizes need an empty proof and return root1 unchanged: both trees are the same tree, so
 * only byte equality of the roots is checked (as in transparency-dev/merkle, whose vectors
 * include such a case with non-hash "roots"). Size1 = 0 is refused even when size2 = 0: a proof
 * from the empty tree proves nothing, and accepting it would bless any bytes as an empty root.
 */
export function rootFromConsistencyProof(
  size1: Uint64Like,
  size2: Uint64Like,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  hasher: MerkleHasher = rfc6962Sha256,
): Uint8Array {
  const m = toUint64(size1, 'size1');
  const n = toUint64(size2, 'size2');
  if (!(root1 instanceof Uint8Array)) throw new TlogError('INVALID_ARGUMENT', 'root1 must be a Uint8Array');
  assertProofHashes(proof, hasher);
  if (n < m) throw new TlogError('INVALID_TREE_SIZES', `size2 ${n} is smaller than size1 ${m}`);
  if (m === 0n) throw new TlogError('EMPTY_TREE', 'a consistency proof from the empty tree proves nothing');
  if (m === n) {
    if (proof.length !== 0) {
      throw new TlogError('WRONG_PROOF_SIZE', `sizes are equal, so the proof must be empty; it has ${proof.length}`);
    }
    return root1;
  }
  assertHash(root1, 'root1', hasher);

  const shape = consistencyShape(m, n);
  if (proof.length !== shape.total) {
    throw new TlogError('WRONG_PROOF_SIZE', `consistency proof has ${proof.length} hashes, expected ${shape.total}`);
  }
  // The seed is the hash of the largest perfect subtree ending at size1: root1 itself when size1
  // is a power of two, otherwise the first proof hash.
  const seed = shape.hasSeed ? (proof[0] as Uint8Array) : root1;
  const rest = proof.slice(shape.hasSeed ? 1 : 0);
  const inner = rest.slice(0, shape.inner);
  const border = rest.slice(shape.inner);
  // Start chaining at level `shift`, where the seed sits.
  const mask = (m - 1n) >> BigInt(shape.shift);

  const hash1 = chainBorderRight(hasher, chainInnerRight(hasher, seed, inner, mask), border);
  if (!bytesEqual(hash1, root1)) {
    throw new TlogError('ROOT_MISMATCH', 'the consistency proof does not lead to the old root (root1)');
  }
  return chainBorderRight(hasher, chainInner(hasher, seed, inner, mask), border);
}

/**
 * Verifies that the tree of size1 with root1 is a prefix of the tree of size2 with root2.
 * Returns nothing on success; throws a TlogError (INVALID_TREE_SIZES, EMPTY_TREE,
 * INVALID_HASH_SIZE, WRONG_PROOF_SIZE, ROOT_MISMATCH, INVALID_ARGUMENT) otherwise.
 */
export function verifyConsistency(
  size1: Uint64Like,
  size2: Uint64Like,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
  hasher: MerkleHasher = rfc6962Sha256,
): void {
  if (!(root2 instanceof Uint8Array)) throw new TlogError('INVALID_ARGUMENT', 'root2 must be a Uint8Array');
  const computed = rootFromConsistencyProof(size1, size2, proof, root1, hasher);
  if (!bytesEqual(computed, root2)) {
    throw new TlogError('ROOT_MISMATCH', 'the consistency proof does not lead to the new root (root2)');
  }
}
