import { describe, expect, it } from 'vitest';
import { PROBED_LEVELS, UpperNodes } from './upper-nodes';

const hash = (level: number, index: number) => new Uint8Array(32).fill((level * 31 + index) % 251);
const hashes = (level: number, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => hash(level, from + i));

describe('UpperNodes', () => {
  it('asks for every complete node of the held levels, up to the per-level limit', () => {
    const nodes = new UpperNodes({ minLevel: 2, maxPerLevel: 3 });
    // 21 leaves: level 2 has 5 complete nodes (3 held at most), level 3 has 2, level 4 has 1.
    expect(nodes.missing(21n)).toEqual([
      { level: 2, from: 0, to: 3 },
      { level: 3, from: 0, to: 2 },
      { level: 4, from: 0, to: 1 },
    ]);
    expect(nodes.missing(3n)).toEqual([]);
    nodes.extend(2, 0, hashes(2, 0, 3));
    nodes.extend(3, 0, hashes(3, 0, 1));
    expect(nodes.missing(21n)).toEqual([
      { level: 3, from: 1, to: 2 },
      { level: 4, from: 0, to: 1 },
    ]);
  });

  it('holds a contiguous prefix of each level and hands out exactly the stored hashes', () => {
    const nodes = new UpperNodes({ minLevel: 1, maxPerLevel: 1000 });
    nodes.extend(1, 0, hashes(1, 0, 5));
    nodes.extend(1, 5, hashes(1, 5, 300)); // grows its buffer several times
    expect(nodes.count(1)).toBe(300);
    for (let i = 0; i < 300; i++) expect(nodes.get({ level: 1, index: BigInt(i) })).toEqual(hash(1, i));
    expect(nodes.get({ level: 1, index: 300n })).toBeUndefined();
    expect(nodes.get({ level: 1, index: -1n })).toBeUndefined();
    expect(nodes.get({ level: 2, index: 0n })).toBeUndefined();
    // A view handed out before the buffer grew still reads its hash.
    const early = nodes.get({ level: 1, index: 3n });
    nodes.extend(1, 300, hashes(1, 300, 900));
    expect(early).toEqual(hash(1, 3));
    expect(nodes.get({ level: 1, index: 899n })).toEqual(hash(1, 899));
  });

  it('ignores what does not continue the prefix, below minLevel or past the limit, and refuses short hashes', () => {
    const nodes = new UpperNodes({ minLevel: 3, maxPerLevel: 4 });
    nodes.extend(3, 1, hashes(3, 1, 2)); // a gap before it
    expect(nodes.count(3)).toBe(0);
    nodes.extend(2, 0, hashes(2, 0, 2)); // below minLevel
    expect(nodes.count(2)).toBe(0);
    nodes.extend(3, 0, hashes(3, 0, 6)); // only 4 kept
    expect(nodes.count(3)).toBe(4);
    expect(nodes.get({ level: 3, index: 4n })).toBeUndefined();
    nodes.extend(3, 2, hashes(3, 2, 4)); // a refresh that raced another: already held
    expect(nodes.get({ level: 3, index: 2n })).toEqual(hash(3, 2));
    expect(() => nodes.extend(4, 0, [new Uint8Array(31)])).toThrow(/32 bytes/);
    expect(nodes.count(4)).toBe(0);
  });

  it('gives the statement one count per probed level, as an array literal kept until the next change', () => {
    const nodes = new UpperNodes({ minLevel: 5 });
    const before = nodes.counts();
    expect(before).toBe(`{${Array(PROBED_LEVELS).fill(0).join(',')}}`);
    nodes.extend(6, 0, hashes(6, 0, 2));
    const counts = nodes.counts().slice(1, -1).split(',');
    expect(counts).toHaveLength(PROBED_LEVELS);
    expect(counts[6]).toBe('2');
    expect(counts.filter((c) => c !== '0')).toEqual(['2']);
    nodes.extend(6, 2, hashes(6, 2, 3));
    expect(nodes.counts().split(',')[6]).toBe('3');
  });

  it('refuses limits that make no sense', () => {
    expect(() => new UpperNodes({ minLevel: -1 })).toThrow(RangeError);
    expect(() => new UpperNodes({ minLevel: PROBED_LEVELS })).toThrow(RangeError);
    expect(() => new UpperNodes({ minLevel: 1.5 })).toThrow(RangeError);
    expect(() => new UpperNodes({ maxPerLevel: 0 })).toThrow(RangeError);
  });
});
