import { describe, expect, it } from 'vitest';
import { type HashedFile, pickOriginal } from './pick-original';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const certified = { fileName: 'contract.pdf', digests: { sha256: A, sm3: B } };
const file = (id: string, name: string, sha256: string, sm3 = B): HashedFile => ({
  id,
  name,
  digests: { sha256, sm3 },
});

describe('pickOriginal', () => {
  it('takes the file dropped with the certificate that has the certified digests', () => {
    const right = file('2', 'renamed.pdf', A);
    expect(pickOriginal(certified, [file('1', 'contract.pdf', C), right], [])).toBe(right);
  });

  it('else the one with the certified name, else the only one dropped with it', () => {
    const named = file('1', 'contract.pdf', C);
    expect(pickOriginal(certified, [file('0', 'x', C), named], [])).toBe(named);
    const only = file('3', 'other.bin', C);
    expect(pickOriginal(certified, [only], [file('9', 'contract.pdf', A)])).toBe(only);
  });

  it('looks at files already in the list only when none was dropped with it', () => {
    const earlier = file('9', 'whatever', A);
    expect(pickOriginal(certified, [], [file('8', 'x', C), earlier])).toBe(earlier);
    expect(pickOriginal(certified, [], [file('7', 'contract.pdf', C)])?.id).toBe('7');
    expect(pickOriginal(certified, [], [file('8', 'x', C)])).toBeNull();
    expect(pickOriginal(certified, [file('1', 'x', C), file('2', 'y', C)], [])).toBeNull();
  });

  it('does not take a file whose SM3 differs even when its SHA-256 matches', () => {
    expect(pickOriginal(certified, [], [file('1', 'x', A, C)])).toBeNull();
  });
});
