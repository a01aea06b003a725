/**
 * checkTimestampToken against real tokens: our issuer's, openssl's (`openssl ts -reply`, an
 * openssl-made CA and TSA), and tokens made wrong on purpose — over another hash, under another
 * root, by a TSA certificate expired at genTime or without the timeStamping usage, with the
 * signature or the ESS binding broken, truncated, garbage. Every failure is a result, never a throw.
 */
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { requireTools } from '@/test/required-tools';
import { checkTimestampToken } from './check-token';
import { DEMO_TSA_NAME } from './demo-authority';
import { DEMO_TSA_POLICY, issueTimestampToken, prepareTokenSigner } from './issue-token';
import { authority, opensslTsa, sha256Imprint, tokenFrom, utf8 } from './rfc3161.testing';

const data = utf8(
  'verity.example/log\n42\nq6gH0GZs2lRbvSwQ2u4uQ3nYgJmP2mM0nSRN7yQ0sVY=\n\n— verity.example/log abcd\n',
);

describe('checkTimestampToken accepts', () => {
  it('a token from our issuer, and names the TSA, serial, policy and genTime', async () => {
    const a = await authority();
    const before = Date.now();
    const token = await tokenFrom(a, data);
    const result = await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] });
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect(result.tsa).toBe(DEMO_TSA_NAME);
    expect(result.policy).toBe(DEMO_TSA_POLICY);
    expect(result.hashAlgorithm).toBe('SHA-256');
    expect(result.serial).toMatch(/^[0-9a-f]{32}$/);
    expect(result.genTime.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(result.genTime.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a token without certificates when the chain is given beside it, and refuses it without', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data, { includeCertificate: false });
    expect(await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'SIGNER_CERT_MISSING',
    });
    expect(
      await checkTimestampToken({ token, data, trustedRoots: [a.rootPem], certificates: [a.tsaPem] }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('a token whose genTime lies within an expired TSA certificate (validity is judged at genTime, not now)', async () => {
    const a = await authority({ now: new Date('2020-01-01T00:00:00Z'), tsaNotAfter: new Date('2021-01-01T00:00:00Z') });
    const token = await tokenFrom(a, data, { genTime: new Date('2020-06-01T00:00:00Z') });
    const result = await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] });
    expect(result).toMatchObject({ ok: true, genTime: new Date('2020-06-01T00:00:00Z') });
  });

  it('the nonce it was asked for, and refuses another', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data, { nonce: 0x1234 });
    expect(
      await checkTimestampToken({ token, data, trustedRoots: [a.rootPem], nonce: new Uint8Array([0x12, 0x34]) }),
    ).toMatchObject({ ok: true });
    expect(
      await checkTimestampToken({ token, data, trustedRoots: [a.rootPem], nonce: new Uint8Array([0x12, 0x35]) }),
    ).toMatchObject({ ok: false, code: 'NONCE_MISMATCH' });
  });
});

const hasOpenssl = requireTools('openssl', ['openssl']);

describe.runIf(hasOpenssl)('interoperability: a token made by openssl ts -reply', () => {
  it.each(['ec', 'rsa'] as const)(
    '(%s keys) passes with the openssl CA pinned, and fails for changed data and under our root',
    async (key) => {
      const tsa = await opensslTsa(key);
      const token = await tsa.token(data); // openssl steps its serial file (01) before it issues: 02
      const result = await checkTimestampToken({ token, data, trustedRoots: [tsa.rootPem] });
      expect(result).toMatchObject({ ok: true, tsa: 'OpenSSL Test TSA', policy: '1.2.3.4.1', serial: '02' });
      expect(
        await checkTimestampToken({ token, data: utf8('another checkpoint'), trustedRoots: [tsa.rootPem] }),
      ).toMatchObject({ ok: false, code: 'IMPRINT_MISMATCH' });
      expect(await checkTimestampToken({ token, data, trustedRoots: [(await authority()).rootPem] })).toMatchObject({
        ok: false,
        code: 'UNTRUSTED',
      });
    },
  );
});

describe('checkTimestampToken refuses', () => {
  it('a token over another hash (IMPRINT_MISMATCH)', async () => {
    const a = await authority();
    const token = await tokenFrom(a, utf8('another checkpoint'));
    expect(await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'IMPRINT_MISMATCH',
    });
  });

  it('a token whose TSA chains to another root (UNTRUSTED)', async () => {
    const token = await tokenFrom(await authority(), data);
    const other = await authority({ rootName: 'Another Root' });
    expect(await checkTimestampToken({ token, data, trustedRoots: [other.rootPem] })).toMatchObject({
      ok: false,
      code: 'UNTRUSTED',
    });
  });

  it('a token whose own root comes along in `certificates`: brought is not trusted (UNTRUSTED)', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data);
    const other = await authority({ rootName: 'Another Root' });
    const result = await checkTimestampToken({
      token,
      data,
      trustedRoots: [other.rootPem],
      certificates: [a.tsaPem, a.rootPem],
    });
    expect(result).toMatchObject({ ok: false, code: 'UNTRUSTED' });
  });

  it('a token made after its TSA certificate expired (CERT_NOT_VALID_AT_TIME)', async () => {
    const a = await authority({ now: new Date('2020-01-01T00:00:00Z'), tsaNotAfter: new Date('2021-01-01T00:00:00Z') });
    const token = await tokenFrom(a, data);
    const result = await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] });
    expect(result).toMatchObject({ ok: false, code: 'CERT_NOT_VALID_AT_TIME' });
  });

  it('a token made before its TSA certificate was valid (CERT_NOT_VALID_AT_TIME)', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data, { genTime: new Date(Date.now() - 30 * 24 * 3600_000) });
    expect(await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'CERT_NOT_VALID_AT_TIME',
    });
  });

  it.each([
    ['no extendedKeyUsage', 'none'],
    ['a non-critical extendedKeyUsage', 'non-critical'],
  ] as const)('a TSA certificate with %s (NOT_A_TSA_CERT)', async (_, eku) => {
    const a = await authority({ timeStampingEku: eku });
    const token = await tokenFrom(a, data);
    expect(await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'NOT_A_TSA_CERT',
    });
  });

  it('a token whose signature was altered (SIGNATURE_INVALID)', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data);
    // The ECDSA signature's last byte is the token's last byte (no unsigned attributes follow).
    const altered = token.slice();
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 0x01;
    expect(await checkTimestampToken({ token: altered, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('a token whose ESSCertIDv2 names another certificate (CERT_BINDING_MISMATCH)', async () => {
    const a = await authority();
    const b = await authority({ tsaName: 'Some other TSA' });
    const signer = await prepareTokenSigner(a.tsaPem, a.tsaKeyPem);
    const otherBinding = (await prepareTokenSigner(b.tsaPem, b.tsaKeyPem)).essCertIdV2;
    const token = await issueTimestampToken({
      signer: { ...signer, essCertIdV2: otherBinding },
      messageImprint: await sha256Imprint(data),
      includeCertificate: true,
    });
    expect(await checkTimestampToken({ token, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'CERT_BINDING_MISMATCH',
    });
  });

  it('truncated, extended, garbage and empty bytes (TOKEN_MALFORMED), without throwing', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data);
    const cases = [
      token.subarray(0, token.length - 1),
      token.subarray(0, 40),
      new Uint8Array([...token, 0]),
      utf8('not a token at all'),
      new Uint8Array(),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), // a DER SEQUENCE, but not a ContentInfo
    ];
    for (const bad of cases) {
      expect(await checkTimestampToken({ token: bad, data, trustedRoots: [a.rootPem] })).toMatchObject({
        ok: false,
        code: 'TOKEN_MALFORMED',
      });
    }
  });

  it('a CMS SignedData that is not a time-stamp token (TOKEN_MALFORMED)', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data);
    const contentInfo = pkijs.ContentInfo.fromBER(token.slice());
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    signedData.encapContentInfo.eContentType = '1.2.840.113549.1.7.1'; // id-data
    const relabelled = new pkijs.ContentInfo({
      contentType: contentInfo.contentType,
      content: signedData.toSchema(true),
    });
    const bytes = new Uint8Array(relabelled.toSchema().toBER());
    expect(await checkTimestampToken({ token: bytes, data, trustedRoots: [a.rootPem] })).toMatchObject({
      ok: false,
      code: 'TOKEN_MALFORMED',
    });
  });

  it('wrong arguments (BAD_INPUT) rather than throwing', async () => {
    const a = await authority();
    const token = await tokenFrom(a, data);
    const bad = [
      { token, data, trustedRoots: [] },
      { token, data, trustedRoots: ['not PEM'] },
      { token: 'abc' as unknown as Uint8Array, data, trustedRoots: [a.rootPem] },
      null as unknown as Parameters<typeof checkTimestampToken>[0],
    ];
    for (const options of bad) {
      expect(await checkTimestampToken(options)).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    }
  });
});
