import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { publicKeyProblem } from './depositor-public-key';
import { ed25519PublicKey, sm2PublicKey } from './testing';

function ed25519NotAPoint(): Uint8Array {
  // About half of all y coordinates have no x on the curve; find one deterministically.
  for (let i = 2; i < 256; i++) {
    const bytes = new Uint8Array(32);
    bytes[0] = i;
    try {
      ed25519.Point.fromBytes(bytes);
    } catch {
      return bytes;
    }
  }
  throw new Error('no invalid encoding found');
}

describe('publicKeyProblem', () => {
  it('accepts real Ed25519 and SM2 public keys', () => {
    expect(publicKeyProblem('ed25519', ed25519PublicKey())).toBeNull();
    expect(publicKeyProblem('sm2', sm2PublicKey())).toBeNull();
  });

  it('refuses Ed25519 keys of the wrong length, off the curve, non-canonical or of small order', () => {
    expect(publicKeyProblem('ed25519', ed25519PublicKey().subarray(0, 31))).toMatch(/32 bytes, not 31/);
    expect(publicKeyProblem('ed25519', new Uint8Array(33))).toMatch(/32 bytes, not 33/);
    expect(publicKeyProblem('ed25519', sm2PublicKey())).toMatch(/32 bytes, not 65/);
    expect(publicKeyProblem('ed25519', ed25519NotAPoint())).toMatch(/not an Ed25519 public key/);
    // y = 2^255 - 1 ≥ p: not a canonical encoding (RFC 8032 §5.1.3 step 1).
    expect(publicKeyProblem('ed25519', new Uint8Array(32).fill(0xff))).toMatch(/not an Ed25519 public key/);
    const identity = new Uint8Array(32);
    identity[0] = 1;
    expect(publicKeyProblem('ed25519', identity)).toMatch(/small-order/);
  });

  it('refuses SM2 keys of the wrong length, compressed, or off the curve', () => {
    const good = sm2PublicKey();
    expect(publicKeyProblem('sm2', good.subarray(0, 64))).toMatch(/65 bytes .*not 64/);
    expect(publicKeyProblem('sm2', ed25519PublicKey())).toMatch(/not 32/);
    const compressed = new Uint8Array(good);
    compressed[0] = 0x02;
    expect(publicKeyProblem('sm2', compressed)).toMatch(/start with 0x04.*not 0x02/);
    const offCurve = new Uint8Array(good);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(publicKeyProblem('sm2', offCurve)).toMatch(/not on the SM2 curve/);
  });
});
