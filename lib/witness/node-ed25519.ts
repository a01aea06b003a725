/**
 * Ed25519 by node:crypto (OpenSSL) for the witness, which verifies the log's signature and signs
 * a cosignature on every request: measured here (bench/witnesses.ts), @noble/curves took about
 * 2 ms for each of the two, most of a request's CPU; OpenSSL takes a few hundredths of that.
 * Verification is strict RFC 8032, as lib/tlog's default (node-ed25519.test.ts holds the two
 * equal on valid, altered and non-canonical signatures). Key objects are made once per key: the
 * witness has a handful (its own, one per log it witnesses).
 *
 * @module
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { Ed25519 } from '@/lib/tlog';

// DER of an Ed25519 key (RFC 8410) before its 32 bytes: PKCS #8 private (the seed), SPKI public.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** More keys than any witness holds; beyond it the cache starts over (it only saves time). */
const MAX_KEYS = 256;

function cached(cache: Map<string, KeyObject>, bytes: Uint8Array, make: (der: Buffer) => KeyObject): KeyObject {
  const id = Buffer.from(bytes).toString('hex');
  let key = cache.get(id);
  if (!key) {
    if (cache.size >= MAX_KEYS) cache.clear();
    key = make(Buffer.from(bytes));
    cache.set(id, key);
  }
  return key;
}

const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

export const nodeEd25519: Ed25519 = {
  sign(message, seed) {
    if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
    const key = cached(privateKeys, seed, (b) =>
      createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, b]), format: 'der', type: 'pkcs8' }),
    );
    return new Uint8Array(sign(null, message, key));
  },
  verify(signature, message, publicKey) {
    if (signature.length !== 64 || publicKey.length !== 32) return false;
    try {
      const key = cached(publicKeys, publicKey, (b) =>
        createPublicKey({ key: Buffer.concat([SPKI_PREFIX, b]), format: 'der', type: 'spki' }),
      );
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  },
};
