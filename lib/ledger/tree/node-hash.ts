/**
 * The RFC 6962 interior node hash, SHA-256(0x01 || left || right), for the server: node:crypto's
 * one-shot hash takes about half the time of @noble/hashes on these 65-byte inputs, and the
 * ledger computes one per new node. Same bytes as lib/tlog's hashChildren, which stays the
 * browser-safe one (tested against each other).
 * @module
 */
import { hash } from 'node:crypto';
import { HASH_SIZE, LEAF_HASH_PREFIX, NODE_HASH_PREFIX } from '@/lib/tlog';

/** Reused for every call: hashing is synchronous, so no two calls share it at once. */
const input = new Uint8Array(1 + 2 * HASH_SIZE);
input[0] = NODE_HASH_PREFIX;

export function hashNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError(`ledger: child hashes must be ${HASH_SIZE} bytes, got ${left.length} and ${right.length}`);
  }
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  const digest = hash('sha256', input, 'buffer');
  // A plain Uint8Array over the digest's own 32-byte buffer, like every other hash in the ledger.
  return new Uint8Array(digest.buffer, digest.byteOffset, HASH_SIZE);
}

/** The RFC 6962 leaf hash, SHA-256(0x00 || leaf), for the server (lib/tlog's hashLeaf in browsers). */
export function hashLeafBytes(leaf: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = LEAF_HASH_PREFIX;
  input.set(leaf, 1);
  const digest = hash('sha256', input, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, HASH_SIZE);
}
