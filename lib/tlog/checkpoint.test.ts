import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { codeOf } from './testing/code-of';

const ROOT_B64 = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
// The example body from c2sp.org/tlog-checkpoint.
const SPEC_EXAMPLE = `example.com/behind-the-sofa\n20852163\n${ROOT_B64}\n`;

describe('parseCheckpoint / formatCheckpoint', () => {
  it('parses the spec example', () => {
    const checkpoint = parseCheckpoint(SPEC_EXAMPLE);
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163n);
    expect(Buffer.from(checkpoint.rootHash).toString('base64')).toBe(ROOT_B64);
    expect(checkpoint.extensions).toEqual([]);
    expect(formatCheckpoint(checkpoint)).toBe(SPEC_EXAMPLE);
  });

  it('round-trips sizes 0 and 2^64-1 and extension lines', () => {
    const rootHash = new Uint8Array(32).fill(0xab);
    for (const size of [0, 1, 2 ** 53 - 1, 2n ** 64n - 1n]) {
      const text = formatCheckpoint({ origin: 'verity.example/log', size, rootHash, extensions: ['ext one', '证据'] });
      const parsed = parseCheckpoint(text);
      expect(parsed).toEqual({
        origin: 'verity.example/log',
        size: BigInt(size),
        rootHash,
        extensions: ['ext one', '证据'],
      });
      expect(formatCheckpoint(parsed)).toBe(text);
    }
  });

  it.each([
    ['missing final newline', `o\n1\n${ROOT_B64}`],
    ['empty origin', `\n1\n${ROOT_B64}\n`],
    ['too few lines', 'o\n1\n'],
    ['leading zero in size', `o\n01\n${ROOT_B64}\n`],
    ['signed size', `o\n+1\n${ROOT_B64}\n`],
    ['negative size', `o\n-1\n${ROOT_B64}\n`],
    ['size with a space', `o\n1 \n${ROOT_B64}\n`],
    ['size above 2^64-1', `o\n18446744073709551616\n${ROOT_B64}\n`],
    ['hex size', `o\n0x10\n${ROOT_B64}\n`],
    ['bad base64', `o\n1\n${ROOT_B64.replace('C', '*')}\n`],
    ['unpadded base64', `o\n1\n${ROOT_B64.slice(0, -1)}\n`],
    ['root of 31 bytes', `o\n1\n${Buffer.alloc(31).toString('base64')}\n`],
    ['root of 33 bytes', `o\n1\n${Buffer.alloc(33).toString('base64')}\n`],
    ['empty extension line', `o\n1\n${ROOT_B64}\n\next\n`],
    ['trailing empty line', `o\n1\n${ROOT_B64}\n\n`],
    ['carriage return', `o\r\n1\n${ROOT_B64}\n`],
    ['tab', `o\t\n1\n${ROOT_B64}\n`],
  ])('rejects %s', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('MALFORMED_CHECKPOINT');
  });

  it('refuses to format what it could not parse back', () => {
    const rootHash = new Uint8Array(32);
    expect(codeOf(() => formatCheckpoint({ origin: '', size: 1, rootHash }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: -1, rootHash }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(31) }))).toBe(
      'INVALID_HASH_SIZE',
    );
    expect(codeOf(() => formatCheckpoint({ origin: 'o', size: 1, rootHash, extensions: [''] }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => formatCheckpoint({ origin: 'o\u0001', size: 1, rootHash }))).toBe('MALFORMED_CHECKPOINT');
  });
});
