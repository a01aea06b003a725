import { describe, expect, it } from 'vitest';
import { generateNoteKeys } from './note-keys';
import { signNote } from './sign-note';
import { codeOf } from './testing/code-of';
import { formatTlogProof, MAX_INCLUSION_PROOF_HASHES, parseTlogProof } from './tlog-proof';

// The proof part of the example in c2sp.org/tlog-proof; its checkpoint signatures are elided
// there ("[...]"), so the checkpoint is re-signed here with a test key for the same body.
const SPEC_HEAD = [
  'c2sp.org/tlog-proof@v1',
  'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
  'index 73894',
  'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
  'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
  'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
  'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
  'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
  '',
].join('\n');
const key = generateNoteKeys('example.com/fancylog', new Uint8Array(32).fill(21));
const CHECKPOINT = signNote(
  'example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n',
  key.signerKey,
);
const SPEC_PROOF = `${SPEC_HEAD}\n${CHECKPOINT}`;

describe('parseTlogProof / formatTlogProof', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const proof = parseTlogProof(SPEC_PROOF);
    expect(proof.index).toBe(73894n);
    expect(proof.proof).toHaveLength(5);
    expect(Buffer.from(proof.proof[0] as Uint8Array).toString('base64')).toBe(
      'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
    );
    expect(Buffer.from(proof.extra as Uint8Array).toString('base64')).toBe(
      'YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    );
    expect(proof.checkpoint).toBe(CHECKPOINT);
    expect(formatTlogProof(proof)).toBe(SPEC_PROOF);
    expect(parseTlogProof(new TextEncoder().encode(SPEC_PROOF))).toEqual(proof);
  });

  it('round-trips without extra data, with no hashes, and with a uint64 index', () => {
    for (const [index, hashes] of [
      [0, 0],
      [1, 1],
      [2n ** 64n - 1n, 64],
    ] as const) {
      const proof = Array.from({ length: hashes }, (_, i) => new Uint8Array(32).fill(i));
      const text = formatTlogProof({ index, proof, checkpoint: CHECKPOINT });
      expect(text.startsWith(`c2sp.org/tlog-proof@v1\nindex ${index}\n`)).toBe(true);
      const parsed = parseTlogProof(text);
      expect(parsed).toEqual({ index: BigInt(index), proof, checkpoint: CHECKPOINT });
      expect('extra' in parsed).toBe(false);
    }
  });

  it('keeps empty extra data distinct from none', () => {
    const text = formatTlogProof({ index: 3, proof: [], checkpoint: CHECKPOINT, extra: new Uint8Array(0) });
    expect(text).toContain('\nextra \n');
    expect(parseTlogProof(text).extra).toEqual(new Uint8Array(0));
  });

  const hash = Buffer.alloc(32, 1).toString('base64');
  it.each([
    ['wrong header', `c2sp.org/tlog-proof@v2\nindex 1\n\n${CHECKPOINT}`],
    ['no header', `index 1\n\n${CHECKPOINT}`],
    ['missing index', `c2sp.org/tlog-proof@v1\n${hash}\n\n${CHECKPOINT}`],
    ['index after hashes', `c2sp.org/tlog-proof@v1\n${hash}\nindex 1\n\n${CHECKPOINT}`],
    ['extra after index', `c2sp.org/tlog-proof@v1\nindex 1\nextra AAAA\n\n${CHECKPOINT}`],
    ['leading zero in index', `c2sp.org/tlog-proof@v1\nindex 01\n\n${CHECKPOINT}`],
    ['negative index', `c2sp.org/tlog-proof@v1\nindex -1\n\n${CHECKPOINT}`],
    ['index above 2^64-1', `c2sp.org/tlog-proof@v1\nindex 18446744073709551616\n\n${CHECKPOINT}`],
    ['two spaces before the index', `c2sp.org/tlog-proof@v1\nindex  1\n\n${CHECKPOINT}`],
    ['bad extra base64', `c2sp.org/tlog-proof@v1\nextra AAA\nindex 1\n\n${CHECKPOINT}`],
    ['bad hash base64', `c2sp.org/tlog-proof@v1\nindex 1\n${hash.slice(1)}\n\n${CHECKPOINT}`],
    ['short hash', `c2sp.org/tlog-proof@v1\nindex 1\n${Buffer.alloc(31).toString('base64')}\n\n${CHECKPOINT}`],
    [
      '65 hashes',
      `c2sp.org/tlog-proof@v1\nindex 1\n${`${hash}\n`.repeat(MAX_INCLUSION_PROOF_HASHES + 1)}\n${CHECKPOINT}`,
    ],
    ['no empty line before the checkpoint', `c2sp.org/tlog-proof@v1\nindex 1\n${hash}\n`],
    ['missing checkpoint', `c2sp.org/tlog-proof@v1\nindex 1\n${hash}\n\n`],
    ['CRLF line ends', `c2sp.org/tlog-proof@v1\r\nindex 1\r\n\r\n${CHECKPOINT}`],
  ])('rejects %s', (_, text) => {
    expect(codeOf(() => parseTlogProof(text))).toBe('MALFORMED_PROOF');
  });

  it('rejects a checkpoint that is not a signed checkpoint note', () => {
    expect(codeOf(() => parseTlogProof(`${SPEC_HEAD}\nexample.com/fancylog\n1\n`))).toBe('MALFORMED_NOTE');
    const unsignedBody = signNote('example.com/fancylog\n01\nAAAA\n', key.signerKey);
    expect(codeOf(() => parseTlogProof(`${SPEC_HEAD}\n${unsignedBody}`))).toBe('MALFORMED_CHECKPOINT');
  });

  it('refuses to format what it could not parse back', () => {
    expect(codeOf(() => formatTlogProof({ index: -1, proof: [], checkpoint: CHECKPOINT }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatTlogProof({ index: 0, proof: [new Uint8Array(31)], checkpoint: CHECKPOINT }))).toBe(
      'INVALID_HASH_SIZE',
    );
    expect(codeOf(() => formatTlogProof({ index: 0, proof: [], checkpoint: 'not a note' }))).toBe('MALFORMED_NOTE');
  });

  it('takes proof hashes already in base64, and refuses any that is not 32 bytes in canonical base64', () => {
    const bytes = Array.from({ length: 40 }, (_, i) =>
      Uint8Array.from({ length: 32 }, (_, j) => (i * 37 + j * 11) & 255),
    );
    bytes.push(new Uint8Array(32), new Uint8Array(32).fill(255));
    const encoded = bytes.map((b) => Buffer.from(b).toString('base64'));
    const text = formatTlogProof({ index: 9, proof: encoded, checkpoint: CHECKPOINT });
    expect(text).toBe(formatTlogProof({ index: 9, proof: bytes, checkpoint: CHECKPOINT }));
    expect(parseTlogProof(text).proof).toEqual(bytes);
    const good = encoded[0] as string;
    for (const bad of [
      good.slice(0, 43), // no padding
      `${good.slice(0, 42)}B=`, // non-zero unused bits: not canonical
      Buffer.alloc(31).toString('base64'),
      Buffer.alloc(33).toString('base64'),
      `${good.slice(0, 42)}A==`,
      good.replace(/.$/, 'A'),
      ` ${good.slice(1)}`,
      `${good.slice(0, 10)}-${good.slice(11)}`, // base64url
      `${good.slice(0, 5)}é${good.slice(6)}`,
      `${good.slice(0, 5)}=${good.slice(6)}`,
    ]) {
      expect(
        codeOf(() => formatTlogProof({ index: 0, proof: [bad], checkpoint: CHECKPOINT })),
        bad,
      ).toBe('INVALID_HASH_SIZE');
    }
  });

  it('refuses a bad hash however many good ones it has formatted before (its memory of good ones is bounded)', () => {
    const good = Array.from({ length: 40_000 }, (_, i) => {
      const b = new Uint8Array(32);
      new DataView(b.buffer).setUint32(0, i);
      return Buffer.from(b).toString('base64');
    });
    for (let i = 0; i < good.length; i += 20) {
      formatTlogProof({ index: i, proof: good.slice(i, i + 20), checkpoint: CHECKPOINT });
      formatTlogProof({ index: i, proof: good.slice(i, i + 20), checkpoint: CHECKPOINT }); // again: remembered
    }
    const last = good[good.length - 1] as string;
    for (const bad of [`${last.slice(0, 42)}B=`, last.slice(0, 43), `${last.slice(0, 10)}-${last.slice(11)}`]) {
      expect(codeOf(() => formatTlogProof({ index: 0, proof: [last, bad], checkpoint: CHECKPOINT }))).toBe(
        'INVALID_HASH_SIZE',
      );
    }
    expect(parseTlogProof(formatTlogProof({ index: 3, proof: [last], checkpoint: CHECKPOINT })).proof).toHaveLength(1);
  });
});
