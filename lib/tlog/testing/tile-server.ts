/**
 * Test support only: the tiles and entry bundles of a tree, built straight from the tlog-tiles
 * definition (level-L tile N, hash i = MTH(D[(N·256+i)·256^L : (N·256+i+1)·256^L])) with the
 * reference tree's node:crypto hashing, so the reader is checked against a second implementation.
 */
import { refLeafHash, refNodeHash, sha256, splitPoint } from './reference-tree';

export interface TestTiles {
  size: number;
  leaves: Uint8Array[];
  /** Complete-subtree hashes by tree level: levels[ℓ][i] covers leaves [i·2^ℓ, (i+1)·2^ℓ). */
  levels: Uint8Array[][];
  /** Serves `tile/…` paths of this tree; undefined for tiles it does not have. */
  serve(path: string): Uint8Array | undefined;
  /** MTH(D[start:end]) by RFC 9162's recursion over the stored complete subtrees. */
  mth(start: bigint, end: bigint): Uint8Array;
  /** The tree of the first `size` leaves (its complete subtrees are this tree's). */
  prefix(size: number): TestTiles;
}

const INDEX = /^(?:x\d{3}\/)*\d{3}$/;

function parseIndex(text: string): number {
  return Number(text.replaceAll('x', '').replaceAll('/', ''));
}

export function buildTestTiles(leaves: Uint8Array[]): TestTiles {
  const levels: Uint8Array[][] = [leaves.map(refLeafHash)];
  for (let l = 0; (levels[l] as Uint8Array[]).length > 1; l++) {
    const below = levels[l] as Uint8Array[];
    const above: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2)
      above.push(refNodeHash(below[i] as Uint8Array, below[i + 1] as Uint8Array));
    levels.push(above);
  }
  return testTiles(leaves, levels);
}

function testTiles(leaves: Uint8Array[], levels: Uint8Array[][]): TestTiles {
  const size = leaves.length;
  const mth = (start: bigint, end: bigint): Uint8Array => {
    const n = end - start;
    if (n === 0n) return sha256();
    if ((n & (n - 1n)) === 0n && start % n === 0n) {
      return levels[n.toString(2).length - 1]?.[Number(start / n)] as Uint8Array;
    }
    const k = splitPoint(n);
    return refNodeHash(mth(start, start + k), mth(start + k, end));
  };
  const prefix = (n: number) =>
    testTiles(
      leaves.slice(0, n),
      levels.map((row, l) => row.slice(0, Math.floor(n / 2 ** l))),
    );
  const serve = (path: string): Uint8Array | undefined => {
    const m = /^tile\/(\d+|entries)\/(.+?)(?:\.p\/(\d+))?$/.exec(path);
    if (!m || !INDEX.test(m[2] as string)) return undefined;
    const n = parseIndex(m[2] as string);
    const width = m[3] === undefined ? 256 : Number(m[3]);
    if (m[1] === 'entries') {
      if ((n + 1) * 256 > size && n * 256 + width !== size) return undefined;
      const chunks = leaves.slice(n * 256, n * 256 + width);
      const out: number[] = [];
      for (const c of chunks) out.push(c.length >> 8, c.length & 255, ...c);
      return Uint8Array.from(out);
    }
    const row = levels[8 * Number(m[1])] ?? [];
    if (n * 256 + width > row.length) return undefined;
    const out = new Uint8Array(width * 32);
    for (let i = 0; i < width; i++) out.set(row[n * 256 + i] as Uint8Array, i * 32);
    return out;
  };
  return { size, leaves, levels, serve, mth, prefix };
}
