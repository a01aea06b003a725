/**
 * Ed25519 (RFC 8032) as lib/tlog signs and verifies it, behind a small interface so that a
 * process running in Node may pass node:crypto's (OpenSSL's) instead — about thirty times faster
 * here than the portable @noble/curves, which every browser runs. The witness does
 * (lib/witness/node-ed25519.ts): it verifies a log signature and signs a cosignature per request.
 *
 * Verification is strict RFC 8032 (not ZIP-215): a non-canonical S (S ≥ L) or R is refused, so a
 * valid signature has no second valid spelling. OpenSSL verifies the same way; the witness's test
 * holds the two equal on valid, altered and non-canonical signatures.
 *
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';

export interface Ed25519 {
  /** The 64-byte signature of `message` under the 32-byte private key seed. */
  sign(message: Uint8Array, seed: Uint8Array): Uint8Array;
  /** Whether `signature` is valid for `message` under the 32-byte public key; never throws. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/** @noble/curves: portable (browsers, Node), constant-time signing. The default everywhere. */
export const nobleEd25519: Ed25519 = {
  sign: (message, seed) => ed25519.sign(message, seed),
  verify(signature, message, publicKey) {
    if (signature.length !== 64) return false;
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};
