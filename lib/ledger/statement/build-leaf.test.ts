import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildLeaf } from './build-leaf';
import { isStatementError } from './errors';
import { parseLeaf } from './parse-leaf';
import { signDepositRequest } from './sign-deposit-request';
import {
  ABC_SHA256,
  ABC_SM3,
  ED25519_PUBLIC_KEY_HEX,
  ED25519_SEED,
  SAMPLE_DEPOSITED_AT,
  SAMPLE_DEPOSITOR,
  SAMPLE_REQUEST,
} from './statement.testing';

/** Known answer: Ed25519 is deterministic (RFC 8032), so the whole leaf is fixed. */
const SIGNATURE = 'CipAXam5ym0Llgwi6xUhVcwjJLDO4tqAlIbHFMngnrZKnnBjut0IdHdb7o3Op0Yfu5D1boiOI+A6lNWWITdEAA==';
const KNOWN_LEAF =
  '{"depositedAt":"2026-11-23T20:05:56.123Z",' +
  '"depositor":{"id":"dep_01HZX","name":"北京某科技有限公司"},' +
  `"digests":{"sha256":"${ABC_SHA256}","sm3":"${ABC_SM3}"},` +
  '"metadataSha256":"ff3e3dc11b21daa22dfc725038301d3d410045bee11d69f096581ee89f5acdb7",' +
  `"signature":{"algorithm":"ed25519","publicKey":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=","value":"${SIGNATURE}"},` +
  '"titleSha256":"9ebac46e1999a74b48dfd5c08b6d8faad755d89cee5f836b86924ed02ea4d7ed",' +
  '"version":1}';

const signed = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'ed25519', privateKey: ED25519_SEED });
const build = (overrides: Partial<Parameters<typeof buildLeaf>[0]> = {}) =>
  buildLeaf({ request: signed, depositor: SAMPLE_DEPOSITOR, depositedAt: SAMPLE_DEPOSITED_AT, ...overrides });

describe('buildLeaf', () => {
  it('writes the known-answer leaf, byte for byte', () => {
    const { leaf, statement } = build();
    expect(new TextDecoder().decode(leaf)).toBe(KNOWN_LEAF);
    expect(Buffer.from(leaf).equals(Buffer.from(KNOWN_LEAF, 'utf8'))).toBe(true);
    expect(statement).toEqual(JSON.parse(KNOWN_LEAF));
    // Its RFC 6962 leaf hash, as any log client computes it.
    const leafHash = createHash('sha256')
      .update(Buffer.from([0]))
      .update(leaf)
      .digest('hex');
    expect(leafHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the known-answer signature is a real Ed25519 signature (checked with node:crypto)', () => {
    const payload = `{"digests":{"sha256":"${ABC_SHA256}","sm3":"${ABC_SM3}"},"metadataSha256":"ff3e3dc11b21daa22dfc725038301d3d410045bee11d69f096581ee89f5acdb7","titleSha256":"9ebac46e1999a74b48dfd5c08b6d8faad755d89cee5f836b86924ed02ea4d7ed","version":1}`;
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(ED25519_PUBLIC_KEY_HEX, 'hex').toString('base64url') },
      format: 'jwk',
    });
    expect(verify(null, Buffer.from(payload), key, Buffer.from(SIGNATURE, 'base64'))).toBe(true);
  });

  it('round-trips through parseLeaf', () => {
    const { leaf, statement } = build();
    expect(parseLeaf(leaf)).toEqual(statement);
    const minimal = buildLeaf({
      request: { digests: { sm3: ABC_SM3 } },
      depositor: SAMPLE_DEPOSITOR,
      depositedAt: new Date(0),
    });
    expect(new TextDecoder().decode(minimal.leaf)).toBe(
      `{"depositedAt":"1970-01-01T00:00:00.000Z","depositor":{"id":"dep_01HZX","name":"北京某科技有限公司"},"digests":{"sm3":"${ABC_SM3}"},"version":1}`,
    );
    expect(parseLeaf(minimal.leaf)).toEqual(minimal.statement);
    expect(Object.keys(minimal.statement).sort()).toEqual(['depositedAt', 'depositor', 'digests', 'version']);
  });

  it('never carries the title or metadata text', () => {
    const text = new TextDecoder().decode(build().leaf);
    expect(text).not.toContain('采购合同');
    expect(text).not.toContain('京0491');
  });

  it('refuses bad times, depositors and signatures', () => {
    const fails = (fn: () => unknown, code: string, message: RegExp) => {
      let caught: unknown;
      try {
        fn();
      } catch (error) {
        caught = error;
      }
      expect(isStatementError(caught), String(caught)).toBe(true);
      expect((caught as { code: string }).code).toBe(code);
      expect((caught as Error).message).toMatch(message);
    };
    fails(() => build({ depositedAt: new Date(Number.NaN) }), 'INVALID_ARGUMENT', /valid Date/);
    fails(() => build({ depositedAt: new Date('+010000-01-01T00:00:00Z') }), 'INVALID_ARGUMENT', /0000 to 9999/);
    fails(() => build({ depositor: { id: '', name: 'x' } }), 'INVALID_STATEMENT', /depositor\.id must not be empty/);
    fails(
      () => build({ depositor: { id: 'a', name: 'x\ny' } }),
      'INVALID_STATEMENT',
      /depositor\.name must not contain/,
    );
    fails(
      () => build({ depositor: { id: 'a', name: ' x' } }),
      'INVALID_STATEMENT',
      /must not start or end with whitespace/,
    );
    const shortKey = {
      ...signed,
      signature: { algorithm: 'sm2' as const, publicKey: signed.signature?.publicKey ?? '', value: SIGNATURE },
    };
    fails(() => build({ request: shortKey }), 'INVALID_STATEMENT', /an SM2 public key is 65 bytes/);
    expect(() => build({ request: { digests: {} } })).toThrow(/at least one of sha256, sm3/);
  });
});
