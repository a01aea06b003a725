/**
 * Independent cross-check of SM2 (GB/T 32918.2 with SM3) against OpenSSL's implementation, in
 * both directions, over the real signed payload. OpenSSL 3.0 does not default to the GB/T
 * user ID, so `-pkeyopt distid:1234567812345678` is passed explicitly; without it OpenSSL
 * hashes an empty ID and neither side would verify the other's signatures.
 *
 * Skipped when the `openssl` on PATH cannot make SM2 keys; under CI that fails the run instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandProblem, requireTools } from '@/test/required-tools';
import { signDepositRequest } from './sign-deposit-request';
import { SM2_DEFAULT_USER_ID } from './signature-shape';
import { signedPayload } from './signed-payload';
import { SAMPLE_REQUEST } from './statement.testing';
import { verifyDepositorSignature } from './verify-depositor-signature';

const dir = mkdtempSync(path.join(tmpdir(), 'verity-sm2-'));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: 'pipe' });

const available = requireTools(
  'openssl with SM2',
  commandProblem('openssl', [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:SM2',
    '-out',
    file('key.pem'),
  ]),
  'an OpenSSL 3 build with SM2',
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The private scalar and public point from `openssl pkey -text`. */
function keyFromOpenssl(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const text = openssl('pkey', '-in', file('key.pem'), '-text', '-noout');
  const field = (from: string, to: string) =>
    Buffer.from((text.split(from)[1] ?? '').split(to)[0]?.replace(/[\s:]/g, '') ?? '', 'hex');
  // `-text` prints the scalar as an integer: leading zero bytes may be missing (or one added).
  let priv = field('priv:', 'pub:');
  while (priv.length > 32 && priv[0] === 0) priv = priv.subarray(1);
  const privateKey = new Uint8Array(32);
  privateKey.set(priv, 32 - priv.length);
  return { privateKey, publicKey: new Uint8Array(field('pub:', 'ASN1')) };
}

/** DER SEQUENCE { INTEGER r, INTEGER s } → 64-byte r||s, and back. */
function derToRaw(der: Buffer): Buffer {
  expect(der[0]).toBe(0x30);
  let at = 2;
  const ints: Buffer[] = [];
  for (let i = 0; i < 2; i++) {
    expect(der[at]).toBe(0x02);
    const len = der[at + 1] ?? 0;
    const int = der.subarray(at + 2, at + 2 + len);
    const trimmed = int[0] === 0 ? int.subarray(1) : int;
    ints.push(Buffer.concat([Buffer.alloc(32 - trimmed.length), trimmed]));
    at += 2 + len;
  }
  return Buffer.concat(ints);
}
function rawToDer(raw: Buffer): Buffer {
  const int = (bytes: Buffer) => {
    let b = bytes;
    while (b.length > 1 && b[0] === 0 && ((b[1] ?? 0) & 0x80) === 0) b = b.subarray(1);
    if (((b[0] ?? 0) & 0x80) !== 0) b = Buffer.concat([Buffer.of(0), b]);
    return Buffer.concat([Buffer.of(0x02, b.length), b]);
  };
  const body = Buffer.concat([int(raw.subarray(0, 32)), int(raw.subarray(32))]);
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

describe.runIf(available)('SM2 interoperability with OpenSSL (SM3, user ID 1234567812345678)', () => {
  const distid = `distid:${SM2_DEFAULT_USER_ID}`;
  const { privateKey, publicKey } = available
    ? keyFromOpenssl()
    : { privateKey: new Uint8Array(), publicKey: new Uint8Array() };
  const registered = [{ id: 'openssl-key', algorithm: 'sm2' as const, publicKey }];

  it('a signature made by OpenSSL verifies here', () => {
    writeFileSync(file('payload'), signedPayload(SAMPLE_REQUEST));
    openssl(
      'pkeyutl',
      '-sign',
      '-inkey',
      file('key.pem'),
      '-rawin',
      '-digest',
      'sm3',
      '-pkeyopt',
      distid,
      '-in',
      file('payload'),
      '-out',
      file('openssl.sig'),
    );
    const value = derToRaw(readFileSync(file('openssl.sig'))).toString('base64');
    const request = {
      ...SAMPLE_REQUEST,
      signature: { algorithm: 'sm2' as const, publicKey: Buffer.from(publicKey).toString('base64'), value },
    };
    expect(verifyDepositorSignature(request, registered)).toEqual({ ok: true, keyId: 'openssl-key' });
    // …and not over a different payload.
    expect(verifyDepositorSignature({ ...request, title: 'other' }, registered)).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('a signature made here verifies in OpenSSL, with the same public key derived', () => {
    const signed = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'sm2', privateKey });
    expect(signed.signature?.publicKey).toBe(Buffer.from(publicKey).toString('base64'));
    writeFileSync(file('payload'), signedPayload(signed));
    writeFileSync(file('ours.sig'), rawToDer(Buffer.from(signed.signature?.value ?? '', 'base64')));
    const verifyArgs = [
      'pkeyutl',
      '-verify',
      '-inkey',
      file('key.pem'),
      '-rawin',
      '-digest',
      'sm3',
      '-in',
      file('payload'),
      '-sigfile',
      file('ours.sig'),
    ];
    expect(openssl(...verifyArgs, '-pkeyopt', distid)).toMatch(/Signature Verified Successfully/);
    // With another user ID the signature must not verify: the ID is part of what is signed (Z_A).
    expect(() => openssl(...verifyArgs, '-pkeyopt', 'distid:another-id')).toThrow();
  });
});
