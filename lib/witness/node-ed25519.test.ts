import { randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '@/lib/tlog';
import { nodeEd25519 } from './node-ed25519';

/** Plain Uint8Arrays: a Buffer's slice() is a view, and the cases below alter copies. */
const random = (n: number) => new Uint8Array(randomBytes(n));

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;

function littleEndian(value: bigint, length = 32): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

function readLittleEndian(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v;
}

/** A signature with its R or S replaced. */
function withR(signature: Uint8Array, r: Uint8Array): Uint8Array {
  const out = signature.slice();
  out.set(r, 0);
  return out;
}
function withS(signature: Uint8Array, s: bigint): Uint8Array {
  const out = signature.slice();
  out.set(littleEndian(s), 32);
  return out;
}

describe('node:crypto Ed25519 for the witness', () => {
  it('signs exactly as @noble/curves (Ed25519 is deterministic)', () => {
    for (let i = 0; i < 20; i++) {
      const seed = random(32);
      const message = random(i * 7);
      expect(Buffer.from(nodeEd25519.sign(message, seed))).toEqual(Buffer.from(nobleEd25519.sign(message, seed)));
    }
  });

  it('accepts and refuses exactly what lib/tlog refuses: altered, non-canonical and malformed signatures', () => {
    const cases: Array<{ what: string; signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array }> = [];
    for (let i = 0; i < 8; i++) {
      const seed = random(32);
      const publicKey = ed25519.getPublicKey(seed);
      const message = random(40);
      const signature = nobleEd25519.sign(message, seed);
      const s = readLittleEndian(signature.subarray(32));
      const r = readLittleEndian(signature.subarray(0, 32));
      const flipped = (bytes: Uint8Array, bit: number) => {
        const out = bytes.slice();
        out[bit >> 3] = (out[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        return out;
      };
      cases.push(
        { what: 'valid', signature, message, publicKey },
        { what: 'S + L (non-canonical S)', signature: withS(signature, s + L), message, publicKey },
        { what: 'S + 2^253', signature: withS(signature, s + 2n ** 253n), message, publicKey },
        { what: 'S = L', signature: withS(signature, L), message, publicKey },
        { what: 'S = 0', signature: withS(signature, 0n), message, publicKey },
        // y = 1 spelled as 1 + p: the identity point's non-canonical encoding.
        { what: 'R non-canonical (y = p + 1)', signature: withR(signature, littleEndian(P + 1n)), message, publicKey },
        { what: 'R = identity', signature: withR(signature, littleEndian(1n)), message, publicKey },
        {
          what: 'R with the sign bit flipped',
          signature: withR(signature, littleEndian(r ^ (1n << 255n))),
          message,
          publicKey,
        },
        { what: 'a bit of R flipped', signature: flipped(signature, 8 * i + 3), message, publicKey },
        { what: 'a bit of S flipped', signature: flipped(signature, 256 + 8 * i + 1), message, publicKey },
        { what: 'the message altered', signature, message: flipped(message, i), publicKey },
        { what: 'another key', signature, message, publicKey: ed25519.getPublicKey(random(32)) },
        { what: 'short', signature: signature.subarray(0, 63), message, publicKey },
        { what: 'long', signature: Uint8Array.of(...signature, 0), message, publicKey },
        { what: 'empty', signature: new Uint8Array(0), message, publicKey },
      );
    }
    let valid = 0;
    for (const c of cases) {
      const noble = nobleEd25519.verify(c.signature, c.message, c.publicKey);
      expect(nodeEd25519.verify(c.signature, c.message, c.publicKey), c.what).toBe(noble);
      if (noble) valid++;
    }
    expect(valid).toBe(8); // the valid ones, nothing else
  });

  it('refuses a public key that is not 32 bytes or not a key, without throwing', () => {
    const seed = random(32);
    const message = random(10);
    const signature = nodeEd25519.sign(message, seed);
    expect(nodeEd25519.verify(signature, message, ed25519.getPublicKey(seed))).toBe(true);
    expect(nodeEd25519.verify(signature, message, ed25519.getPublicKey(seed).subarray(1))).toBe(false);
    expect(nodeEd25519.verify(signature, message, new Uint8Array(33))).toBe(false);
    expect(() => nodeEd25519.sign(message, seed.subarray(1))).toThrow(/32 bytes/);
  });
});
