/**
 * Test support only (never imported by library code): an independent reference for RFC 9162
 * trees and proofs, written straight from the spec's recursive definitions and hashed with
 * node:crypto, so tests compare the library against a second implementation rather than itself.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1 (MTH)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1 (PATH)
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1 (PROOF, SUBPROOF)
 * @module
 */
import { createHash } from 'node:crypto';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

export function refLeafHash(leaf: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0x00), leaf);
}

export function refNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0x01), left, right);
}

/** The largest power of two smaller than n (n > 1). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
}

/** A tree that can produce the hash of any range of leaves [start, end). */
export interface RefTree {
  size: bigint;
  mth(start: bigint, end: bigint): Uint8Array;
}

/** A tree over explicit leaf hashes. */
export function listTree(leafHashes: Uint8Array[]): RefTree {
  const memo = new Map<string, Uint8Array>();
  const mth = (start: bigint, end: bigint): Uint8Array => {
    const n = end - start;
    if (n === 0n) return sha256();
    if (n === 1n) return leafHashes[Number(start)] as Uint8Array;
    const key = `${start}:${end}`;
    const cached = memo.get(key);
    if (cached) return cached;
    const k = splitPoint(n);
    const hash = refNodeHash(mth(start, start + k), mth(start + k, end));
    memo.set(key, hash);
    return hash;
  };
  return { size: BigInt(leafHashes.length), mth };
}

/**
 * A tree of `size` leaves that all have the same hash. Its subtree hashes depend only on the
 * subtree size, so trees of up to 2^64-1 leaves have exact, cheaply computed roots and proofs.
 */
export function uniformTree(size: bigint, leafHash: Uint8Array): RefTree {
  const memo = new Map<bigint, Uint8Array>();
  const bySize = (n: bigint): Uint8Array => {
    if (n === 0n) return sha256();
    if (n === 1n) return leafHash;
    const cached = memo.get(n);
    if (cached) return cached;
    const k = splitPoint(n);
    const hash = refNodeHash(bySize(k), bySize(n - k));
    memo.set(n, hash);
    return hash;
  };
  return { size, mth: (start, end) => bySize(end - start) };
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]), leaf sibling first. */
export function refInclusionProof(tree: RefTree, m: bigint, start = 0n, end = tree.size): Uint8Array[] {
  const n = end - start;
  if (n <= 1n) return [];
  const k = splitPoint(n);
  if (m < k) return [...refInclusionProof(tree, m, start, start + k), tree.mth(start + k, end)];
  return [...refInclusionProof(tree, m - k, start + k, end), tree.mth(start, start + k)];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[start:end], b). */
function subproof(tree: RefTree, m: bigint, start: bigint, end: bigint, b: boolean): Uint8Array[] {
  const n = end - start;
  if (m === n) return b ? [] : [tree.mth(start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(tree, m, start, start + k, b), tree.mth(start + k, end)];
  return [...subproof(tree, m - k, start + k, end, false), tree.mth(start, start + k)];
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), for 0 < m <= n. */
export function refConsistencyProof(tree: RefTree, m: bigint): Uint8Array[] {
  return subproof(tree, m, 0n, tree.size, true);
}

/** Deterministic PRNG (mulberry32) so failures reproduce; the seed is printed by the tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/**
 * A copy of `bytes` with one bit flipped. A bit beyond the end is an error, not a copy left as it
 * was: a test "tampering" with a random 1-byte leaf at bit 13 once changed nothing, and the
 * untouched leaf rightly verified (go-verify.test.ts, seed 2324650669).
 */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  if (!Number.isInteger(bit) || bit < 0 || bit >= bytes.length * 8) {
    throw new RangeError(`flipBit: bit ${bit} is outside ${bytes.length} bytes`);
  }
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return copy;
}
