/**
 * Signing, against a fixed vector and against implementations that are not Verity's: node:crypto
 * (OpenSSL inside Node) and the `openssl` command verify the court's signature over
 * `certificateSigningBytes`, so a court can check a certificate with tools it already trusts.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFiles, specifiersOf } from '@/test/imports';
import { commandProblem, requireTools } from '@/test/required-tools';
import { certificateSigningBytes } from './canonical';
import type { CertificateFile } from './certificate-body';
import { buildTestCertificate, TEST_COURT_SEED } from './certificates.testing';
import { courtKeyId, courtPublicKey, signCertificate } from './sign-certificate';
import { verifyCertificate } from './verify-certificate';

const DIR = import.meta.dirname;
const vector = JSON.parse(readFileSync(path.join(DIR, 'testdata/certificate-v1.json'), 'utf8')) as {
  courtPublicKey: string;
  logVerifierKey: string;
  fileUtf8: string;
  fileDigests: { sha256: string; sm3: string };
  signingBytesSha256: string;
  certificate: CertificateFile;
};

/** An independent canonical form for this body: sorted keys, no whitespace (no numbers JCS writes differently). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('the test vector (testdata/certificate-v1.json)', () => {
  it('is what signCertificate makes from the fixed inputs, byte for byte', () => {
    const file = buildTestCertificate();
    expect(file).toEqual(vector.certificate);
    const bytes = certificateSigningBytes(vector.certificate.body);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(vector.signingBytesSha256);
    expect(Buffer.from(courtPublicKey(TEST_COURT_SEED)).toString('base64')).toBe(vector.courtPublicKey);
  });

  it('verifies with the published keys and the file', () => {
    const file = new TextEncoder().encode(vector.fileUtf8);
    expect(createHash('sha256').update(file).digest('hex')).toBe(vector.fileDigests.sha256);
    const check = verifyCertificate(vector.certificate, {
      courtPublicKey: vector.courtPublicKey,
      logVerifierKey: vector.logVerifierKey,
      fileDigests: vector.fileDigests,
    });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.ok).toBe(true);
  });
});

describe('certificateSigningBytes', () => {
  it('is the RFC 8785 form: sorted members, no whitespace, UTF-8, and parses back to the body', () => {
    const { body } = buildTestCertificate();
    const bytes = certificateSigningBytes(body);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text).toBe(sortedJson(body));
    expect(JSON.parse(text)).toEqual(body);
    expect(text.startsWith('{"anchor":null,"case":{')).toBe(true);
    expect(text).toContain('"nameZh":"测试互联网法院"'); // UTF-8, not \u escapes
  });

  it('does not depend on the order the body’s members were written in', () => {
    const { body } = buildTestCertificate();
    const reversed = JSON.parse(sortedJson(body), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    expect(certificateSigningBytes(reversed)).toEqual(certificateSigningBytes(body));
  });
});

describe('courtKeyId and signCertificate', () => {
  it('names a key by the first 4 bytes of its SHA-256, in hex', () => {
    const key = courtPublicKey(TEST_COURT_SEED);
    expect(courtKeyId(key)).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
    expect(() => courtKeyId(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('refuses a body that is not a certificate body, and a key that is not a 32-byte seed', () => {
    const { body } = buildTestCertificate();
    expect(() => signCertificate({ ...body, verdict: 'maybe' } as never, TEST_COURT_SEED)).toThrow();
    expect(() => signCertificate({ ...body, extra: 1 } as never, TEST_COURT_SEED)).toThrow();
    expect(() => signCertificate(body, new Uint8Array(64))).toThrow(/32 bytes/);
  });
});

describe('independent verification of the court’s signature', () => {
  const file = buildTestCertificate();
  const publicKey = Buffer.from(file.signature.publicKey, 'base64');
  const signature = Buffer.from(file.signature.value, 'base64');
  const bytes = certificateSigningBytes(file.body);
  // SubjectPublicKeyInfo for Ed25519 (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING key }.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);

  it('node:crypto verifies it, from a JWK and from SPKI DER', () => {
    const fromJwk = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
      format: 'jwk',
    });
    const fromDer = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    for (const key of [fromJwk, fromDer]) {
      expect(verify(null, bytes, key, signature)).toBe(true);
      const changed = Buffer.from(bytes);
      changed[10] = (changed[10] ?? 0) ^ 1;
      expect(verify(null, changed, key, signature)).toBe(false);
    }
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'verity-certificate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' });
  const hasOpenssl = requireTools('openssl', commandProblem('openssl', ['version']), 'apt-get install openssl');

  it.runIf(hasOpenssl)('openssl pkeyutl -verify -rawin verifies it, and refuses a changed body', () => {
    writeFileSync(at('key.der'), spki);
    openssl('pkey', '-pubin', '-inform', 'DER', '-in', at('key.der'), '-out', at('key.pem'));
    writeFileSync(at('body.json'), bytes);
    writeFileSync(at('body.sig'), signature);
    const args = ['pkeyutl', '-verify', '-pubin', '-inkey', at('key.pem'), '-rawin', '-sigfile', at('body.sig')];
    expect(openssl(...args, '-in', at('body.json'))).toMatch(/Signature Verified Successfully/);
    const changed = Buffer.from(bytes);
    changed[changed.length - 3] = (changed[changed.length - 3] ?? 0) ^ 1;
    writeFileSync(at('changed.json'), changed);
    expect(() => openssl(...args, '-in', at('changed.json'))).toThrow();
  });
});

describe('module boundary', () => {
  it('everything in format/ is browser-safe (no node:, server-only, Buffer, process): the check page and the CLI use it', () => {
    const sources = sourceFiles(DIR);
    expect(sources.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['certificate-body.ts', 'canonical.ts', 'sign-certificate.ts', 'verify-certificate.ts']),
    );
    for (const source of sources) {
      const file = path.basename(source);
      const text = readFileSync(source, 'utf8');
      for (const specifier of specifiersOf(source)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(
          /^(\.\/[a-z0-9-]+|zod|@noble\/(hashes|curves)\/[a-z0-9]+\.js|@\/lib\/tlog|@\/lib\/ledger\/statement\/[a-z0-9.-]+|@\/lib\/errors\/zod-issues|@\/lib\/verification\/witnessed-by|@\/lib\/anchor\/deposit-anchor\.schema)$/,
        );
      }
      expect(text, file).not.toMatch(/\bBuffer\.|\bprocess\.|\brequire\(|server-only/);
    }
  });
});
