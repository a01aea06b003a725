import { describe, expect, it } from 'vitest';
import { buildLeaf } from './build-leaf';
import { isStatementError, type StatementErrorCode } from './errors';
import { parseLeaf } from './parse-leaf';
import { signDepositRequest } from './sign-deposit-request';
import { ABC_SM3, ED25519_SEED, SAMPLE_DEPOSITED_AT, SAMPLE_DEPOSITOR, SAMPLE_REQUEST } from './statement.testing';

const { leaf, statement } = buildLeaf({
  request: signDepositRequest(SAMPLE_REQUEST, { algorithm: 'ed25519', privateKey: ED25519_SEED }),
  depositor: SAMPLE_DEPOSITOR,
  depositedAt: SAMPLE_DEPOSITED_AT,
});
const text = new TextDecoder().decode(leaf);
const bytes = (s: string) => new TextEncoder().encode(s);

function rejects(input: Uint8Array, code: StatementErrorCode, message: RegExp) {
  let caught: unknown;
  try {
    parseLeaf(input);
  } catch (error) {
    caught = error;
  }
  expect(isStatementError(caught, code), String(caught)).toBe(true);
  expect((caught as Error).message).toMatch(message);
}

/** A canonical leaf for an arbitrary statement object (keys sorted by hand: all ASCII here). */
function leafOf(value: Record<string, unknown>): Uint8Array {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sortKeys(x)]),
          )
        : v;
  return bytes(JSON.stringify(sortKeys(value)));
}

describe('parseLeaf', () => {
  it('returns the statement of a canonical leaf', () => {
    expect(parseLeaf(leaf)).toEqual(statement);
  });

  it.each([
    ['pretty-printed', JSON.stringify(JSON.parse(text), null, 2)],
    ['members reordered', JSON.stringify({ version: 1, ...JSON.parse(text) })],
    ['a trailing newline', `${text}\n`],
    ['an escaped character', text.replace('"version":1', '"versio\\u006e":1')],
    ['a number spelled 1.0', text.replace('"version":1', '"version":1.0')],
    ['a duplicate key', text.replace('{"depositedAt"', '{"depositedAt":"x","depositedAt"')],
  ])('rejects a non-canonical leaf: %s', (_name, variant) => {
    rejects(bytes(variant), 'NOT_CANONICAL', /not RFC 8785 canonical JSON/);
  });

  it('rejects bytes that are not UTF-8 JSON, or have no canonical form', () => {
    rejects(Uint8Array.from([0x7b, 0xff, 0x7d]), 'NOT_CANONICAL', /not UTF-8 JSON/);
    rejects(bytes('{"version":1'), 'NOT_CANONICAL', /not UTF-8 JSON/);
    rejects(bytes(`\ufeff${text}`), 'NOT_CANONICAL', /not UTF-8 JSON/); // a BOM is kept, so JSON.parse refuses it
    rejects(bytes('{"a":"\\ud800"}'), 'NOT_CANONICAL', /lone UTF-16 surrogate/);
  });

  it('rejects unknown fields, at the top level and nested', () => {
    const value = JSON.parse(text) as Record<string, Record<string, unknown>>;
    rejects(leafOf({ ...value, title: 'secret' }), 'INVALID_STATEMENT', /Unrecognized key: "title"/);
    rejects(
      leafOf({ ...value, depositor: { ...value.depositor, email: 'a@b' } }),
      'INVALID_STATEMENT',
      /depositor.*"email"/,
    );
    rejects(leafOf({ ...value, digests: { ...value.digests, md5: 'x' } }), 'INVALID_STATEMENT', /digests.*"md5"/);
    rejects(leafOf({ ...value, signature: { ...value.signature, der: false } }), 'INVALID_STATEMENT', /"der"/);
  });

  it('rejects canonical JSON that is not a valid statement', () => {
    const value = JSON.parse(text) as Record<string, unknown>;
    const base = { ...value, digests: { sm3: ABC_SM3 } };
    rejects(leafOf({ ...base, version: 2 }), 'INVALID_STATEMENT', /version must be 1/);
    rejects(leafOf({ ...base, digests: {} }), 'INVALID_STATEMENT', /at least one of sha256, sm3/);
    rejects(
      leafOf({ ...base, digests: { sm3: ABC_SM3.toUpperCase() } }),
      'INVALID_STATEMENT',
      /64 lowercase hexadecimal/,
    );
    rejects(
      leafOf({ ...base, depositedAt: '2026-11-23T20:05:56Z' }),
      'INVALID_STATEMENT',
      /RFC 3339 UTC time with milliseconds/,
    );
    rejects(leafOf({ ...base, depositedAt: '2026-02-30T00:00:00.000Z' }), 'INVALID_STATEMENT', /RFC 3339/);
    rejects(leafOf({ ...base, depositedAt: '2026-11-23T20:05:56.123+08:00' }), 'INVALID_STATEMENT', /RFC 3339/);
    rejects(leafOf({ ...base, titleSha256: 'abc' }), 'INVALID_STATEMENT', /titleSha256 must be 64 lowercase/);
    rejects(
      leafOf({ ...base, signature: { algorithm: 'ed25519', publicKey: 'AAAA', value: 'AAAA' } }),
      'INVALID_STATEMENT',
      /32 bytes, got 3/,
    );
    rejects(leafOf({ ...base, depositor: null }), 'INVALID_STATEMENT', /depositor/);
    rejects(bytes('[]'), 'INVALID_STATEMENT', /not a valid deposit statement/);
  });

  it('checks its argument and bounds the input size', () => {
    rejects('{}' as unknown as Uint8Array, 'INVALID_ARGUMENT', /must be a Uint8Array/);
    rejects(new Uint8Array(16 * 1024 + 1), 'INVALID_ARGUMENT', /at most 16384 bytes/);
  });
});
