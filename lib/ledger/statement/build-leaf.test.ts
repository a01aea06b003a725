import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildLeaf, buildLeafFromParsed, buildLeavesFromParsed } from './build-leaf';
import { canonicalJson } from './canonical-json';
import { ZDepositRequest } from './deposit-request.schema';
import { isStatementError } from './errors';
import { leafJson } from './leaf-json';
import { ZLeafStatement } from './leaf-statement.schema';
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

describe("leafJson and buildLeavesFromParsed (the deposit API's fast path)", () => {
  // Deterministic pseudo-random choices, so a failure names a case that can be run again.
  let state = 0x9e3779b9;
  const next = (n: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state % n;
  };
  const hex = () => Array.from({ length: 64 }, () => '0123456789abcdef'[next(16)]).join('');
  const names = ['北京某科技有限公司', 'A "quoted" \\ name', 'Émile & Zoë', '𝒳 astral 😀', "O'Brien / <tag>", 'x'];

  it('writes exactly what the general RFC 8785 serialiser writes, for every shape of statement', () => {
    for (let i = 0; i < 500; i++) {
      const kind = next(3); // SHA-256 only, SM3 only, or both
      const request = ZDepositRequest.parse({
        digests: { ...(kind !== 1 ? { sha256: hex() } : {}), ...(kind !== 0 ? { sm3: hex().toUpperCase() } : {}) },
        ...(next(2) === 0 ? { title: `标题 ${names[next(names.length)]}` } : {}),
        ...(next(2) === 0 ? { metadata: { [names[next(names.length)] as string]: i } } : {}),
        ...(next(3) === 0
          ? {
              signature: {
                algorithm: 'ed25519',
                publicKey: Buffer.alloc(32, i).toString('base64'),
                value: Buffer.alloc(64, i).toString('base64'),
              },
            }
          : {}),
      });
      const depositor = { id: `dep_${i}`, name: names[next(names.length)] as string };
      const { leaf, statement } = buildLeafFromParsed({
        request,
        depositor,
        depositedAt: new Date(next(2 ** 31) * 1000),
      });
      expect(new TextDecoder().decode(leaf)).toBe(canonicalJson(statement));
      expect(leafJson(statement)).toBe(canonicalJson(statement));
      expect(parseLeaf(leaf)).toEqual(statement);
    }
  });

  it('covers every member of the statement schema, in canonical order', () => {
    const signedRequest = ZDepositRequest.parse(signed);
    const { statement } = buildLeafFromParsed({
      request: signedRequest,
      depositor: SAMPLE_DEPOSITOR,
      depositedAt: SAMPLE_DEPOSITED_AT,
    });
    const written = Object.keys(JSON.parse(leafJson(statement)));
    // A member added to the schema but not to leafJson would be silently dropped from leaves.
    expect(written).toEqual(Object.keys(ZLeafStatement.shape).sort());
    expect(leafJson(statement)).toBe(KNOWN_LEAF);
  });

  it('gives each request of a batch the leaf it would get alone, and checks the shared depositor once for all', () => {
    const requests = [SAMPLE_REQUEST, { digests: { sm3: ABC_SM3 } }, signed].map((r) => ZDepositRequest.parse(r));
    const batch = buildLeavesFromParsed({ requests, depositor: SAMPLE_DEPOSITOR, depositedAt: SAMPLE_DEPOSITED_AT });
    expect(batch).toHaveLength(3);
    for (const [i, built] of batch.entries()) {
      expect(built).toEqual(
        buildLeafFromParsed({
          request: requests[i] as never,
          depositor: SAMPLE_DEPOSITOR,
          depositedAt: SAMPLE_DEPOSITED_AT,
        }),
      );
    }
    expect(() =>
      buildLeavesFromParsed({ requests, depositor: { id: 'a', name: 'bad\u0007' }, depositedAt: SAMPLE_DEPOSITED_AT }),
    ).toThrow(/depositor\.name must not contain/);
    const badSignature = { ...requests[2], signature: { algorithm: 'sm2', publicKey: 'AAAA', value: 'AAAA' } };
    expect(() =>
      buildLeavesFromParsed({
        requests: [requests[0], badSignature] as never,
        depositor: SAMPLE_DEPOSITOR,
        depositedAt: SAMPLE_DEPOSITED_AT,
      }),
    ).toThrow(/SM2 public key is 65 bytes/);
    expect(
      buildLeavesFromParsed({ requests: [], depositor: SAMPLE_DEPOSITOR, depositedAt: SAMPLE_DEPOSITED_AT }),
    ).toEqual([]);
  });
});
