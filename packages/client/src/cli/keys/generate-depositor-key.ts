/**
 * A fresh depositor signing key from the platform CSPRNG, through the libraries the portal verifies
 * with: @noble/curves for Ed25519 (a 32-byte seed), sm-crypto-v2 for SM2 (a scalar d, accepted
 * only in [1, n-2], the range `signDepositRequest` needs: d = n-1 has no (1 + d)^-1 mod n).
 *
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { hexToBytes } from '@/lib/hashing';
import { type DepositorPrivateKey, depositorPublicKey, type SignatureAlgorithm } from '@/lib/ledger/statement';

export function generateDepositorKey(algorithm: SignatureAlgorithm): DepositorPrivateKey {
  if (algorithm === 'ed25519') return { algorithm, privateKey: ed25519.utils.randomSecretKey() };
  for (;;) {
    const hex = sm2.generateKeyPairHex().privateKey.padStart(64, '0');
    const key: DepositorPrivateKey = { algorithm, privateKey: hexToBytes(hex) };
    try {
      depositorPublicKey(key); // throws for d outside [1, n-2] (probability ~2^-255)
      return key;
    } catch {}
  }
}
