/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256.
 *
 * The one-byte prefixes give leaves and interior nodes different domains, so no interior node
 * can be passed off as a leaf (second-preimage attack on the tree).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes } from './encoding';

/** Prefix of a leaf hash input: MTH({d0}) = SHA-256(0x00 || d0). */
export const LEAF_HASH_PREFIX = 0x00;
/** Prefix of an interior node hash input: SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export const NODE_HASH_PREFIX = 0x01;
/** SHA-256 output size in bytes; every leaf, node and root hash in the log has this size. */
export const HASH_SIZE = 32;

/**
 * The hashing a verifier needs, passed in so the proof code is independent of the hash function
 * (as transparency-dev/merkle's `LogHasher`). Verity's log uses `rfc6962Sha256`.
 */
export interface MerkleHasher {
  /** Output size in bytes. */
  readonly size: number;
  /** MTH({}): the root of the empty tree. */
  emptyRoot(): Uint8Array;
  hashLeaf(leaf: Uint8Array): Uint8Array;
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

/** SHA-256(0x00 || leaf): the RFC 6962 leaf hash of the exact leaf bytes. */
export function hashLeaf(leaf: Uint8Array): Uint8Array {
  assertBytes(leaf, 'leaf');
  const input = new Uint8Array(1 + leaf.length);
  input[0] = LEAF_HASH_PREFIX;
  input.set(leaf, 1);
  return sha256(input);
}

/** SHA-256(0x01 || left || right): the RFC 6962 interior node hash. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertBytes(left, 'left child hash', HASH_SIZE);
  assertBytes(right, 'right child hash', HASH_SIZE);
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = NODE_HASH_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  return sha256(input);
}

/** SHA-256 of the empty string: RFC 6962 MTH({}), the root hash of a tree of size 0. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** The RFC 6962 SHA-256 hasher Verity's log uses. */
export const rfc6962Sha256: MerkleHasher = { size: HASH_SIZE, emptyRoot, hashLeaf, hashChildren };
