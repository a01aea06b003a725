/**
 * Which subtree hashes a proof needs, in terms of the complete ("perfect") subtrees the
 * ledger stores. Pure arithmetic over leaf ranges, following the recursive definitions of
 * RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (SUBPROOF).
 *
 * A range [lo, hi) in a proof is either a perfect subtree (hi − lo a power of two, lo aligned
 * to it: one stored node) or, at the right edge of the tree, a range whose hash is the fold
 * of its perfect decomposition (at most 63 stored nodes).
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1
 * @module
 */

/** A stored node: level L, index i covers leaves [i·2^L, (i+1)·2^L). */
export interface NodeKey {
  level: number;
  index: bigint;
}

export interface LeafRange {
  lo: bigint;
  hi: bigint;
}

/** Largest power of two strictly less than n (n ≥ 2). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
}

/** The perfect subtrees that make up [lo, hi), left to right (lo must be aligned as in RFC 6962 trees). */
export function perfectDecomposition({ lo, hi }: LeafRange): NodeKey[] {
  const out: NodeKey[] = [];
  let start = lo;
  while (start < hi) {
    let level = 0;
    // Grow while the subtree stays aligned and inside the range.
    while ((start & ((1n << BigInt(level + 1)) - 1n)) === 0n && start + (1n << BigInt(level + 1)) <= hi) level++;
    out.push({ level, index: start >> BigInt(level) });
    start += 1n << BigInt(level);
  }
  return out;
}

/** Ranges of the inclusion proof for leaf m in a tree of size n, in proof order (leaf's sibling first). */
export function inclusionProofRanges(m: bigint, n: bigint): LeafRange[] {
  if (n <= 0n || m < 0n || m >= n) throw new RangeError(`leaf index ${m} is not in a tree of size ${n}`);
  const out: LeafRange[] = [];
  let lo = 0n;
  let hi = n;
  while (hi - lo > 1n) {
    const k = splitPoint(hi - lo);
    if (m - lo < k) {
      out.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      out.push({ lo, hi: lo + k });
      lo += k;
    }
  }
  return out.reverse();
}

/** Ranges of the consistency proof from size m to size n (0 < m ≤ n), in proof order. */
export function consistencyProofRanges(m: bigint, n: bigint): LeafRange[] {
  if (m <= 0n || m > n) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  const out: LeafRange[] = [];
  let lo = 0n;
  let hi = n;
  let start = true;
  let mm = m;
  // SUBPROOF(m, D[lo:hi], start), unrolled; the recursion appends after the inner call, so collect and reverse.
  while (mm !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (mm <= k) {
      out.push({ lo: lo + k, hi });
      hi = lo + k;
    } else {
      out.push({ lo, hi: lo + k });
      lo += k;
      mm -= k;
      start = false;
    }
  }
  if (!start) out.push({ lo, hi });
  return out.reverse();
}

/** Every stored node the given ranges need, without duplicates. */
export function nodesForRanges(ranges: readonly LeafRange[]): NodeKey[] {
  const seen = new Map<string, NodeKey>();
  for (const range of ranges) for (const key of perfectDecomposition(range)) seen.set(nodeKeyString(key), key);
  return [...seen.values()];
}

export function nodeKeyString({ level, index }: NodeKey): string {
  return `${level}:${index}`;
}
