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
  if (n <= MAX_SAFE) return BigInt(pow2(floorLog2(Number(n) - 1)));
  let k = 1n;
  while (k << 1n < n) k <<= 1n;
  return k;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The perfect subtrees that make up [lo, hi), left to right (lo must be aligned as in RFC 6962 trees). */
export function perfectDecomposition({ lo, hi }: LeafRange): NodeKey[] {
  // Every lookup decomposes a few ranges: numbers when they fit (always, in practice), bigint otherwise.
  if (lo >= 0n && hi <= MAX_SAFE) {
    return decomposeNumbers(Number(lo), Number(hi)).map((key) => ({ level: key.level, index: BigInt(key.index) }));
  }
  return decomposeBigints(lo, hi);
}

/** perfectDecomposition in bigints, for ranges past 2^53 (exported for the test that holds both paths equal). */
export function decomposeBigints(lo: bigint, hi: bigint): NodeKey[] {
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

/**
 * Nodes that include every stored node the inclusion proof of leaf m in a tree of size n needs
 * (load-receipts.ts fetches them in the same statement as the deposit, in SQL): the sibling of
 * m's ancestor at each level, and the nodes of the tree's right edge (the perfect decomposition
 * of [0, n): one node for each bit set in n). A proof range is either a perfect subtree — then
 * it is such a sibling — or, at the right edge, a range [s, n) where s is a boundary of that
 * decomposition. Some candidates are incomplete subtrees, which the store does not have.
 */
export function inclusionNodeCandidates(m: bigint, n: bigint): NodeKey[] {
  const out: NodeKey[] = [];
  for (let level = 0; n >> BigInt(level) > 0n; level++) {
    const shift = BigInt(level);
    out.push({ level, index: (m >> shift) ^ 1n });
    if (((n >> shift) & 1n) === 1n) out.push({ level, index: (n >> shift) - 1n });
  }
  return out;
}

export function nodeKeyString({ level, index }: NodeKey): string {
  return `${level}:${index}`;
}

// Number fast paths for the sequencer, which works on one batch in memory. Leaf counts stay far
// below 2^53 (a billion deposits a day for 24,000 years), where number arithmetic is exact.

/** A stored node with a number index. */
export interface NumberNodeKey {
  level: number;
  index: number;
}

/** A leaf count or index as a number; refuses what a number cannot hold exactly. */
export function leafNumber(value: bigint): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`ledger: ${value} is outside the leaf counts the sequencer handles (0 to 2^53 − 1)`);
  }
  return Number(value);
}

const POW2 = Array.from({ length: 54 }, (_, level) => 2 ** level);

/** 2^level; a table for levels 0–53, since `2 ** level` with a variable level is a slow Math.pow. */
export function pow2(level: number): number {
  return POW2[level] ?? 2 ** level;
}

/** ⌊log2 x⌋ for 1 ≤ x < 2^53. */
export function floorLog2(x: number): number {
  return x >= 2 ** 32 ? 63 - Math.clz32(Math.floor(x / 2 ** 32)) : 31 - Math.clz32(x);
}

/** Number of trailing zero bits of x, for 1 ≤ x < 2^53. */
function trailingZeros(x: number): number {
  const low = x % 2 ** 32;
  if (low !== 0) return 31 - Math.clz32(low & -low);
  return 32 + trailingZeros(Math.floor(x / 2 ** 32));
}

/** perfectDecomposition in numbers: each part as large as both its alignment and the room left allow. */
export function decomposeNumbers(lo: number, hi: number): NumberNodeKey[] {
  const out: NumberNodeKey[] = [];
  let start = lo;
  while (start < hi) {
    const room = floorLog2(hi - start);
    const level = start === 0 ? room : Math.min(room, trailingZeros(start));
    const width = pow2(level);
    out.push({ level, index: start / width });
    start += width;
  }
  return out;
}

/** perfectDecomposition([0, size)) in numbers: the frontier of a tree of `size` leaves, left to right. */
export function frontierKeys(size: number): NumberNodeKey[] {
  return decomposeNumbers(0, size);
}
