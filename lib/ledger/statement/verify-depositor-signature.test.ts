import { createPrivateKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DepositRequest } from './deposit-request.schema';
import { depositorPublicKey, signDepositRequest } from './sign-deposit-request';
import { SM2_ORDER } from './signature-shape';
import { signedPayload } from './signed-payload';
import { ED25519_PUBLIC_KEY_HEX, ED25519_SEED, SAMPLE_REQUEST, SM2_PRIVATE_KEY } from './statement.testing';
import { type RegisteredDepositorKey, verifyDepositorSignature } from './verify-depositor-signature';

const ED_KEY: RegisteredDepositorKey = {
  id: 'key-ed',
  algorithm: 'ed25519',
  publicKey: depositorPublicKey({ algorithm: 'ed25519', privateKey: ED25519_SEED }),
};
const SM2_KEY: RegisteredDepositorKey = {
  id: 'key-sm2',
  algorithm: 'sm2',
  publicKey: depositorPublicKey({ algorithm: 'sm2', privateKey: SM2_PRIVATE_KEY }),
};
const REGISTERED = [ED_KEY, SM2_KEY];
const edSigned = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'ed25519', privateKey: ED25519_SEED });
const smSigned = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'sm2', privateKey: SM2_PRIVATE_KEY });

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
function withSignature(request: DepositRequest, patch: Partial<NonNullable<DepositRequest['signature']>>) {
  if (request.signature === undefined) throw new Error('test request is unsigned');
  return { ...request, signature: { ...request.signature, ...patch } };
}
function flipBit(text: string, bit: number): string {
  const bytes = unb64(text);
  bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return b64(bytes);
}

describe('depositorPublicKey', () => {
  it('derives the RFC 8032 TEST 1 public key and an uncompressed SM2 point', () => {
    expect(Buffer.from(ED_KEY.publicKey).toString('hex')).toBe(ED25519_PUBLIC_KEY_HEX);
    expect(SM2_KEY.publicKey).toHaveLength(65);
    expect(SM2_KEY.publicKey[0]).toBe(0x04);
  });

  it('refuses private keys of the wrong size or out of range', () => {
    expect(() => depositorPublicKey({ algorithm: 'ed25519', privateKey: new Uint8Array(31) })).toThrow(/32-byte/);
    const nMinus1 = Uint8Array.from(Buffer.from((SM2_ORDER - 1n).toString(16), 'hex'));
    expect(() => depositorPublicKey({ algorithm: 'sm2', privateKey: nMinus1 })).toThrow(/\[1, n-2\]/);
    expect(() => depositorPublicKey({ algorithm: 'sm2', privateKey: new Uint8Array(32) })).toThrow(/\[1, n-2\]/);
  });
});

describe('verifyDepositorSignature: valid signatures', () => {
  it('accepts Ed25519 and SM2 signatures made by signDepositRequest, naming the key', () => {
    expect(verifyDepositorSignature(edSigned, REGISTERED)).toEqual({ ok: true, keyId: 'key-ed' });
    expect(verifyDepositorSignature(smSigned, REGISTERED)).toEqual({ ok: true, keyId: 'key-sm2' });
    // SM2 nonces are random: a second signature differs and verifies too.
    const again = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'sm2', privateKey: SM2_PRIVATE_KEY });
    expect(again.signature?.value).not.toBe(smSigned.signature?.value);
    expect(verifyDepositorSignature(again, [SM2_KEY])).toEqual({ ok: true, keyId: 'key-sm2' });
  });

  it('signDepositRequest returns the normalised request and replaces an old signature', () => {
    expect(edSigned.digests.sha256).toBe(SAMPLE_REQUEST.digests.sha256.toLowerCase());
    expect(edSigned.title).toBe('采购合同 Contract 2026-001');
    const resigned = signDepositRequest(smSigned, { algorithm: 'ed25519', privateKey: ED25519_SEED });
    expect(resigned).toEqual(edSigned);
  });

  it('Ed25519 agrees with node:crypto in both directions', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = privateKey.export({ format: 'jwk' });
    const seed = new Uint8Array(Buffer.from(jwk.d ?? '', 'base64url'));
    const raw = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
    const key: RegisteredDepositorKey = { id: 'node', algorithm: 'ed25519', publicKey: raw };
    const request = { digests: { sm3: 'ab'.repeat(32) }, title: 'node:crypto' };
    // node signs, we verify
    const value = nodeSign(null, signedPayload(request), privateKey);
    const nodeSigned = {
      ...request,
      signature: { algorithm: 'ed25519' as const, publicKey: b64(raw), value: b64(value) },
    };
    expect(verifyDepositorSignature(nodeSigned, [key])).toEqual({ ok: true, keyId: 'node' });
    // we sign, node verifies
    const ours = signDepositRequest(request, { algorithm: 'ed25519', privateKey: seed });
    expect(ours.signature?.publicKey).toBe(b64(raw));
    expect(nodeVerify(null, signedPayload(request), publicKey, unb64(ours.signature?.value ?? ''))).toBe(true);
    expect(createPrivateKey({ key: jwk, format: 'jwk' }).asymmetricKeyType).toBe('ed25519');
  });
});

describe('verifyDepositorSignature: failures', () => {
  it('a flipped bit in the signature or in the signed content → SIGNATURE_INVALID', () => {
    for (const request of [edSigned, smSigned]) {
      for (const bit of [0, 100, 255, 256, 511]) {
        const tampered = withSignature(request, { value: flipBit(request.signature?.value ?? '', bit) });
        expect(verifyDepositorSignature(tampered, REGISTERED)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
      }
      const retitled = { ...request, title: `${request.title}.` };
      expect(verifyDepositorSignature(retitled, REGISTERED)).toMatchObject({
        ok: false,
        code: 'SIGNATURE_INVALID',
        message: expect.stringMatching(/signature does not verify over the signed payload/),
      });
      const otherDigest = { ...request, digests: { sm3: 'ab'.repeat(32) } };
      expect(verifyDepositorSignature(otherDigest, REGISTERED)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    }
  });

  it('Ed25519 is strict: S + L (non-canonical, accepted by ZIP-215) is refused, as node:crypto does', () => {
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    const sig = unb64(edSigned.signature?.value ?? '');
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i] ?? 0);
    let bumped = s + L;
    for (let i = 0; i < 32; i++) {
      sig[32 + i] = Number(bumped & 0xffn);
      bumped >>= 8n;
    }
    const request = withSignature(edSigned, { value: b64(sig) });
    expect(verifyDepositorSignature(request, REGISTERED)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    const pem = {
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(ED_KEY.publicKey).toString('base64url') },
      format: 'jwk' as const,
    };
    expect(nodeVerify(null, signedPayload(edSigned), pem, sig)).toBe(false);
  });

  it('SM2: r or s outside [1, n-1] → SIGNATURE_INVALID, without reaching the library', () => {
    const sig = unb64(smSigned.signature?.value ?? '');
    const n = Buffer.from(SM2_ORDER.toString(16), 'hex');
    const variants = [
      Buffer.concat([sig.subarray(0, 32), Buffer.alloc(32)]), // s = 0
      Buffer.concat([Buffer.alloc(32), sig.subarray(32)]), // r = 0
      Buffer.concat([sig.subarray(0, 32), n]), // s = n
      Buffer.concat([n, sig.subarray(32)]), // r = n
    ];
    for (const value of variants) {
      const request = withSignature(smSigned, { value: b64(value) });
      expect(verifyDepositorSignature(request, REGISTERED)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    }
  });

  it('a key that is not registered → KEY_NOT_REGISTERED', () => {
    expect(verifyDepositorSignature(edSigned, [SM2_KEY])).toEqual({
      ok: false,
      code: 'KEY_NOT_REGISTERED',
      message: 'signature.publicKey is not an Ed25519 key registered to this depositor; register it first',
    });
    expect(verifyDepositorSignature(smSigned, [])).toMatchObject({ code: 'KEY_NOT_REGISTERED' });
    const otherSeed = new Uint8Array(32).fill(1);
    const stranger = signDepositRequest(SAMPLE_REQUEST, { algorithm: 'ed25519', privateKey: otherSeed });
    expect(verifyDepositorSignature(stranger, REGISTERED)).toMatchObject({ code: 'KEY_NOT_REGISTERED' });
  });

  it('algorithm mismatch: the key must be registered with the algorithm the request names', () => {
    // Registered bytes under another algorithm do not count.
    const mislabelled: RegisteredDepositorKey = { ...ED_KEY, algorithm: 'sm2' };
    expect(verifyDepositorSignature(edSigned, [mislabelled])).toEqual({
      ok: false,
      code: 'KEY_NOT_REGISTERED',
      message: 'signature.publicKey is registered as an SM2 key, not Ed25519',
    });
    // An Ed25519 signature labelled SM2 (or the reverse) does not even have the right key size.
    expect(verifyDepositorSignature(withSignature(edSigned, { algorithm: 'sm2' }), REGISTERED)).toMatchObject({
      code: 'SIGNATURE_MALFORMED',
      message: 'signature.publicKey: an SM2 public key is 65 bytes (uncompressed 04||x||y), got 32',
    });
    expect(verifyDepositorSignature(withSignature(smSigned, { algorithm: 'ed25519' }), REGISTERED)).toMatchObject({
      code: 'SIGNATURE_MALFORMED',
      message: 'signature.publicKey: an Ed25519 public key is 32 bytes, got 65',
    });
  });

  it.each([
    ['no signature', { ...SAMPLE_REQUEST }, /has no signature; expected signature \{ algorithm, publicKey, value \}/],
    [
      'key not base64',
      withSignature(edSigned, { publicKey: 'not base64!' }),
      /signature\.publicKey is not standard base64/,
    ],
    ['value not base64', withSignature(edSigned, { value: 'AAA' }), /signature\.value is not standard base64/],
    [
      'key too short',
      withSignature(edSigned, { publicKey: b64(new Uint8Array(31)) }),
      /Ed25519 public key is 32 bytes, got 31/,
    ],
    [
      'signature too long',
      withSignature(edSigned, { value: b64(new Uint8Array(65)) }),
      /Ed25519 signature is 64 bytes, got 65/,
    ],
    [
      'SM2 signature in DER',
      withSignature(smSigned, { value: b64(new Uint8Array(71)) }),
      /SM2 signature is 64 bytes \(r\|\|s, not DER\), got 71/,
    ],
    [
      'compressed SM2 key',
      withSignature(smSigned, { publicKey: b64(Uint8Array.of(2, ...SM2_KEY.publicKey.subarray(1, 33))) }),
      /SM2 public key is 65 bytes/,
    ],
    [
      'SM2 key without 0x04',
      withSignature(smSigned, { publicKey: b64(Uint8Array.of(5, ...SM2_KEY.publicKey.subarray(1))) }),
      /must be uncompressed \(first byte 0x04\)/,
    ],
    [
      'SM2 key off the curve',
      withSignature(smSigned, { publicKey: b64(Uint8Array.of(4, ...new Uint8Array(64).fill(1))) }),
      /not a valid SM2 public key/,
    ],
    [
      'unknown algorithm',
      withSignature(edSigned, { algorithm: 'rsa' as 'sm2' }),
      /algorithm must be "ed25519" or "sm2"/,
    ],
  ])('%s → SIGNATURE_MALFORMED', (_name, request, message) => {
    const result = verifyDepositorSignature(request, REGISTERED);
    expect(result).toMatchObject({ ok: false, code: 'SIGNATURE_MALFORMED' });
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('an Ed25519 key that is not a curve point → SIGNATURE_MALFORMED', () => {
    // y = 2 has no x on edwards25519 (not a square), so these 32 bytes decode to no point.
    const notAPoint = new Uint8Array(32);
    notAPoint[0] = 2;
    const result = verifyDepositorSignature(withSignature(edSigned, { publicKey: b64(notAPoint) }), REGISTERED);
    expect(result).toMatchObject({
      code: 'SIGNATURE_MALFORMED',
      message: expect.stringMatching(/not a valid Ed25519 public key/),
    });
  });
});
