import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issueLines } from '@/lib/errors/zod-issues';
import { MAX_METADATA_BYTES, ZDepositBatch, ZDepositRequest } from './deposit-request.schema';

const SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const SM3 = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
const KEY = Buffer.alloc(32, 7).toString('base64');
const SIG = Buffer.alloc(64, 9).toString('base64');

/** The `{ path, message }` issues of a failed parse. */
function issues(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success, 'expected the parse to fail').toBe(false);
  return result.success ? [] : issueLines(result.error);
}

describe('ZDepositRequest: accepts and normalises', () => {
  it('a full statement; digests are lower-cased and the title trimmed', () => {
    const parsed = ZDepositRequest.parse({
      digests: { sha256: SHA256.toUpperCase(), sm3: SM3 },
      title: '  采购合同 Contract 2026-001\u3000',
      metadata: { case: '(2026)京0491民初1号', pages: 12, parties: ['甲', '乙'], sealed: null },
      signature: { algorithm: 'ed25519', publicKey: KEY, value: SIG },
    });
    expect(parsed).toEqual({
      digests: { sha256: SHA256, sm3: SM3 },
      title: '采购合同 Contract 2026-001',
      metadata: { case: '(2026)京0491民初1号', pages: 12, parties: ['甲', '乙'], sealed: null },
      signature: { algorithm: 'ed25519', publicKey: KEY, value: SIG },
    });
  });

  it('one digest alone, either algorithm; parsing the output again is the identity', () => {
    expect(ZDepositRequest.parse({ digests: { sm3: SM3.toUpperCase() } })).toEqual({ digests: { sm3: SM3 } });
    const once = ZDepositRequest.parse({ digests: { sha256: SHA256 }, title: ' t ' });
    expect(ZDepositRequest.parse(once)).toEqual(once);
  });

  it('a title of exactly 500 characters (counted as code points), emoji and CJK included', () => {
    expect(ZDepositRequest.parse({ digests: { sm3: SM3 }, title: '😀'.repeat(500) }).title).toHaveLength(1000);
  });
});

describe('ZDepositRequest: rejects with messages that say what is expected', () => {
  const REJECTED: Array<[name: string, input: unknown, expected: Array<{ path: string; message: string }>]> = [
    ['not an object', 'x', [{ path: '', message: 'the deposit statement must be a JSON object' }]],
    ['null', null, [{ path: '', message: 'the deposit statement must be a JSON object' }]],
    ['an array', [], [{ path: '', message: 'the deposit statement must be a JSON object' }]],
    [
      'missing digests',
      { title: 'x' },
      [{ path: 'digests', message: 'digests is required: an object with a sha256 and/or an sm3 digest in hex' }],
    ],
    [
      'empty digests',
      { digests: {} },
      [{ path: 'digests', message: 'digests must contain at least one of sha256, sm3' }],
    ],
    ['digests as a string', { digests: SHA256 }, [{ path: 'digests', message: 'digests must be a JSON object' }]],
    [
      'a short digest',
      { digests: { sha256: SHA256.slice(1) } },
      [
        {
          path: 'digests.sha256',
          message: 'digests.sha256 must be 64 hexadecimal characters (SHA-256), got 63 characters',
        },
      ],
    ],
    [
      'a long digest',
      { digests: { sm3: `${SM3}00` } },
      [{ path: 'digests.sm3', message: 'digests.sm3 must be 64 hexadecimal characters (SM3), got 66 characters' }],
    ],
    [
      'a non-hex digest',
      { digests: { sha256: `${SHA256.slice(0, 63)}g` } },
      [
        {
          path: 'digests.sha256',
          message: 'digests.sha256 must be 64 hexadecimal characters (SHA-256); only 0-9, a-f and A-F are allowed',
        },
      ],
    ],
    [
      'a digest with a 0x prefix',
      { digests: { sha256: `0x${SHA256.slice(2)}` } },
      [
        {
          path: 'digests.sha256',
          message: 'digests.sha256 must be 64 hexadecimal characters (SHA-256); only 0-9, a-f and A-F are allowed',
        },
      ],
    ],
    [
      'a digest as a number',
      { digests: { sm3: 12 } },
      [{ path: 'digests.sm3', message: 'digests.sm3 must be a string of 64 hexadecimal characters (SM3)' }],
    ],
    [
      'an unknown top-level field',
      { digests: { sm3: SM3 }, titel: 'x' },
      [
        {
          path: '',
          message: 'the deposit statement has unknown field "titel"; allowed: digests, title, metadata, signature',
        },
      ],
    ],
    [
      'an unknown digest algorithm',
      { digests: { sm3: SM3, md5: 'd41d8cd98f00b204e9800998ecf8427e' } },
      [{ path: 'digests', message: 'digests has unknown field "md5"; allowed: sha256, sm3' }],
    ],
    [
      'an unknown signature field',
      { digests: { sm3: SM3 }, signature: { algorithm: 'sm2', publicKey: KEY, value: SIG, der: true } },
      [{ path: 'signature', message: 'signature has unknown field "der"; allowed: algorithm, publicKey, value' }],
    ],
    [
      'an unknown signature algorithm',
      { digests: { sm3: SM3 }, signature: { algorithm: 'rsa', publicKey: KEY, value: SIG } },
      [{ path: 'signature.algorithm', message: 'signature.algorithm must be one of "ed25519", "sm2"' }],
    ],
    [
      'a missing signature value',
      { digests: { sm3: SM3 }, signature: { algorithm: 'sm2', publicKey: KEY } },
      [
        {
          path: 'signature.value',
          message: 'signature.value is required: the signature (64 bytes; SM2: r||s) in base64',
        },
      ],
    ],
    [
      'base64url in a signature',
      { digests: { sm3: SM3 }, signature: { algorithm: 'ed25519', publicKey: KEY, value: `_${SIG.slice(1)}` } },
      [
        {
          path: 'signature.value',
          message: 'signature.value must be standard base64 (RFC 4648 §4: A-Z a-z 0-9 + / with = padding)',
        },
      ],
    ],
    [
      'a title that is not a string',
      { digests: { sm3: SM3 }, title: 5 },
      [{ path: 'title', message: 'title must be a string' }],
    ],
    [
      'a blank title',
      { digests: { sm3: SM3 }, title: ' \t ' },
      [{ path: 'title', message: 'title must not be empty or only whitespace; omit it instead' }],
    ],
    [
      'a title of 501 characters',
      { digests: { sm3: SM3 }, title: '字'.repeat(501) },
      [{ path: 'title', message: 'title must be at most 500 characters, got 501' }],
    ],
    ...(
      [
        ['a\nb', 'U+000A, a control character'],
        ['a\u0000b', 'U+0000, a control character'],
        ['a\u007fb', 'U+007F, a control character'],
        ['a\u0085b', 'U+0085, a control character'],
        ['a\u202eb', 'U+202E, a text-direction control'],
        ['a\u2067b', 'U+2067, a text-direction control'],
        ['a\u2028b', 'U+2028, an invisible line break'],
        ['a\ufeffb', 'U+FEFF, an invisible zero-width character'],
        ['a\ud800b', 'U+D800, half of a character (an unpaired surrogate)'],
      ] as const
    ).map(
      ([title, found]) =>
        [
          `a title with ${JSON.stringify(title)}`,
          { digests: { sm3: SM3 }, title },
          [
            {
              path: 'title',
              message: `title must not contain control characters, bidirectional overrides or lone surrogates (found ${found})`,
            },
          ],
        ] as [string, unknown, Array<{ path: string; message: string }>],
    ),
    [
      'metadata that is an array',
      { digests: { sm3: SM3 }, metadata: [1] },
      [{ path: 'metadata', message: 'metadata must be a JSON object' }],
    ],
    [
      'metadata that is null',
      { digests: { sm3: SM3 }, metadata: null },
      [{ path: 'metadata', message: 'metadata must be a JSON object' }],
    ],
    [
      'metadata with a lone surrogate',
      JSON.parse(`{"digests":{"sm3":"${SM3}"},"metadata":{"a":["\\ud800"]}}`),
      [
        {
          path: 'metadata',
          message:
            'canonical JSON (RFC 8785): metadata.a[0] contains a lone UTF-16 surrogate; strings must be valid Unicode',
        },
      ],
    ],
    [
      'metadata with a non-JSON value',
      { digests: { sm3: SM3 }, metadata: { at: new Date(0) } },
      [
        {
          path: 'metadata',
          message: 'canonical JSON (RFC 8785): metadata.at is a Date; only plain objects and arrays are JSON',
        },
      ],
    ],
  ];
  it.each(REJECTED)('%s', (_name, input, expected) => {
    expect(issues(ZDepositRequest, input)).toEqual(expected);
  });

  it('oversized metadata, measured as canonical JSON bytes (not characters)', () => {
    // {"n":"…"} is 8 bytes of syntax; each 字 is 3 bytes of UTF-8.
    const fits = { n: 'x'.repeat(MAX_METADATA_BYTES - 8) };
    expect(ZDepositRequest.safeParse({ digests: { sm3: SM3 }, metadata: fits }).success).toBe(true);
    const over = { n: `${'x'.repeat(MAX_METADATA_BYTES - 10)}字` };
    expect(issues(ZDepositRequest, { digests: { sm3: SM3 }, metadata: over })).toEqual([
      { path: 'metadata', message: 'metadata must be at most 4096 bytes as canonical JSON (RFC 8785), got 4097' },
    ]);
  });

  it('a "__proto__" member from JSON.parse is an unknown field, not a prototype', () => {
    const input = JSON.parse(`{"digests":{"sm3":"${SM3}"},"__proto__":{"title":"x"}}`);
    expect(issues(ZDepositRequest, input)).toEqual([
      {
        path: '',
        message: 'the deposit statement has unknown field "__proto__"; allowed: digests, title, metadata, signature',
      },
    ]);
    const metadata = JSON.parse('{"__proto__":{"a":1}}');
    expect(ZDepositRequest.parse({ digests: { sm3: SM3 }, metadata }).metadata).toBe(metadata);
  });

  it('reports every problem at once', () => {
    const found = issues(ZDepositRequest, { digests: { sha256: 'abc' }, title: '', extra: 1 });
    expect(found.map((issue) => issue.path).sort()).toEqual(['', 'digests.sha256', 'title']);
  });
});

describe('ZDepositBatch', () => {
  const one = { digests: { sha256: SHA256 } };

  it('accepts 1 and 1000 statements', () => {
    expect(ZDepositBatch.parse({ deposits: [one] }).deposits).toHaveLength(1);
    expect(ZDepositBatch.parse({ deposits: Array.from({ length: 1000 }, () => one) }).deposits).toHaveLength(1000);
  });

  it('rejects 0 and 1001 statements, and a missing or non-array list', () => {
    expect(issues(ZDepositBatch, { deposits: [] })).toEqual([
      { path: 'deposits', message: 'deposits must contain at least 1 deposit statement' },
    ]);
    expect(issues(ZDepositBatch, { deposits: Array.from({ length: 1001 }, () => one) })).toEqual([
      {
        path: 'deposits',
        message:
          'deposits must contain at most 1000 deposit statements, got 1001; split the batch into several requests',
      },
    ]);
    expect(issues(ZDepositBatch, {})).toEqual([
      { path: 'deposits', message: 'deposits is required: an array of deposit statements' },
    ]);
    expect(issues(ZDepositBatch, { deposits: one })).toEqual([
      { path: 'deposits', message: 'deposits must be an array of deposit statements' },
    ]);
  });

  it('does not parse the statements of an oversized batch (the count is checked first)', () => {
    const bad = Array.from({ length: 1001 }, () => ({ digests: {} }));
    expect(issues(ZDepositBatch, { deposits: bad })).toHaveLength(1);
  });

  it('paths point into the batch; unknown batch fields are refused', () => {
    expect(issues(ZDepositBatch, { deposits: [one, { digests: { sm3: 'zz' } }] })).toEqual([
      {
        path: 'deposits[1].digests.sm3',
        message: 'digests.sm3 must be 64 hexadecimal characters (SM3), got 2 characters',
      },
    ]);
    expect(issues(ZDepositBatch, { deposits: [one], wait: true })).toEqual([
      { path: '', message: 'the batch has unknown field "wait"; allowed: deposits' },
    ]);
  });
});
