import 'server-only';
/**
 * Which public keys a depositor may register to sign deposits with, checked before they are
 * stored so that a typo or a truncated key fails at registration, not at the first deposit.
 *
 * - Ed25519 (RFC 8032 §5.1.3): 32 bytes that decode to a curve point. Small-order points
 *   are refused: with such a key one signature can verify for many messages.
 * - SM2 (GB/T 32918): the 65-byte uncompressed point 0x04 || x || y (SEC 1 §2.3.3), on the
 *   SM2 curve (whose cofactor is 1, so being on the curve is enough).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';

export const DEPOSITOR_KEY_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type DepositorKeyAlgorithm = (typeof DEPOSITOR_KEY_ALGORITHMS)[number];

export function isDepositorKeyAlgorithm(value: string): value is DepositorKeyAlgorithm {
  return (DEPOSITOR_KEY_ALGORITHMS as readonly string[]).includes(value);
}

/** What is wrong with `publicKey` for `algorithm`, or null when it is acceptable. */
export function publicKeyProblem(algorithm: DepositorKeyAlgorithm, publicKey: Uint8Array): string | null {
  return algorithm === 'ed25519' ? ed25519Problem(publicKey) : sm2Problem(publicKey);
}

function ed25519Problem(publicKey: Uint8Array): string | null {
  if (publicKey.length !== 32) return `an Ed25519 public key is 32 bytes, not ${publicKey.length}`;
  try {
    if (ed25519.Point.fromBytes(publicKey).isSmallOrder()) return 'this Ed25519 public key is a small-order point';
  } catch {
    return 'these 32 bytes are not an Ed25519 public key (they do not decode to a curve point)';
  }
  return null;
}

function sm2Problem(publicKey: Uint8Array): string | null {
  if (publicKey.length !== 65) return `an SM2 public key is 65 bytes (0x04 || x || y), not ${publicKey.length}`;
  const first = publicKey[0] ?? 0;
  if (first !== 0x04) {
    return `an SM2 public key must start with 0x04 (uncompressed point), not 0x${first.toString(16).padStart(2, '0')}`;
  }
  let onCurve = false;
  try {
    onCurve = sm2.verifyPublicKey(Buffer.from(publicKey).toString('hex'));
  } catch {
    // fromHex throws for a point that is not on the curve; same answer as `false`.
  }
  return onCurve ? null : 'these 65 bytes are not an SM2 public key (the point is not on the SM2 curve)';
}
