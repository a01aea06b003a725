/**
 * The shape of RFC 9162 proofs: how many hashes an inclusion or consistency proof must have for
 * given sizes. Verifiers check the count before hashing anything; the log server uses the same
 * numbers to know which nodes to fetch and to test its own proofs.
 *
 * An inclusion proof for `index` in a tree of `size` splits where the paths to `index` and to
 * `size-1` diverge: below that level ("inner") siblings may sit either side; above it ("border")
 * every sibling is a left subtree on the tree's right border.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3
 * @see https://github.com/transparency-dev/merkle/blob/main/proof/verify.go
 * @module
 */
import { TlogError } from './errors';
import { bitLength, onesCount, toUint64, trailingZeros, type Uint64Like } from './uint64';

export interface InclusionProofDecomposition {
  /** Hashes below the level where the paths to `index` and `size-1` diverge. */
  inner: number;
  /** Hashes above it, all left siblings on the right border. */
  border: number;
}

/** Unchecked decomposition on bigints; requires index < size. */
export function decompose(index: bigint, size: bigint): InclusionProofDecomposition {
  const inner = bitLength(index ^ (size - 1n));
  const border = onesCount(index >> BigInt(inner));
  return { inner, border };
}

function checkedIndex(index: Uint64Like, size: Uint64Like): { index: bigint; size: bigint } {
  const i = toUint64(index, 'index');
  const n = toUint64(size, 'tree size');
  if (i >= n) throw new TlogError('INDEX_OUT_OF_RANGE', `index ${i} is not below tree size ${n}`);
  return { index: i, size: n };
}

/** Splits the inclusion proof for `index` in a tree of `size` into its inner and border parts. */
export function decomposeInclusionProof(index: Uint64Like, size: Uint64Like): InclusionProofDecomposition {
  const checked = checkedIndex(index, size);
  return decompose(checked.index, checked.size);
}

/** Number of hashes in the inclusion proof for `index` in a tree of `size` (requires index < size). */
export function inclusionProofSize(index: Uint64Like, size: Uint64Like): number {
  const { inner, border } = decomposeInclusionProof(index, size);
  return inner + border;
}

export interface ConsistencyProofShape {
  /** Whether the proof starts with the hash of the largest perfect subtree ending at size1. */
  hasSeed: boolean;
  /** Hashes after the optional seed that sit inside the right edge of tree size1. */
  inner: number;
  /** Hashes after those, left subtrees on the right border of tree size2. */
  border: number;
  /** Total number of hashes the proof must contain. */
  total: number;
}

/**
 * Unchecked shape on bigints; requires 0 < size1 < size2. The proof is the suffix of the inclusion
 * proof of leaf size1-1 in tree size2 above level `shift` (the largest perfect subtree ending at
 * size1), preceded by that subtree's hash unless size1 is itself a power of two (then it is root1).
 */
export function consistencyShape(size1: bigint, size2: bigint): ConsistencyProofShape & { shift: number } {
  const { inner, border } = decompose(size1 - 1n, size2);
  const shift = trailingZeros(size1);
  const hasSeed = size1 !== 1n << BigInt(shift);
  const innerAboveShift = inner - shift;
  return { hasSeed, inner: innerAboveShift, border, shift, total: (hasSeed ? 1 : 0) + innerAboveShift + border };
}

/**
 * Number of hashes in the consistency proof from tree size1 to tree size2. Equal sizes need none;
 * a proof from the empty tree is meaningless and is refused, as by transparency-dev/merkle.
 */
export function consistencyProofSize(size1: Uint64Like, size2: Uint64Like): number {
  const m = toUint64(size1, 'size1');
  const n = toUint64(size2, 'size2');
  if (n < m) throw new TlogError('INVALID_TREE_SIZES', `size2 ${n} is smaller than size1 ${m}`);
  if (m === 0n) throw new TlogError('EMPTY_TREE', 'a consistency proof from the empty tree proves nothing');
  if (m === n) return 0;
  return consistencyShape(m, n).total;
}
