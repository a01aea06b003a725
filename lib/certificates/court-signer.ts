import 'server-only';
/**
 * The court's certificate signing key, from VERITY_COURT_SIGNER_KEY (base64 of the 32-byte
 * Ed25519 seed). The start scripts generate it once into `<data dir>/court-signer-key` in the
 * embedded default (scripts/lib/ledger-secrets.ts); a real court keeps it in its secret store.
 * Validated when first used, like the ledger's secrets (lib/env/ledger-env.ts).
 */
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';
import { base64ToBytes } from '@/lib/tlog';
import { courtKeyId, courtPublicKey } from './format/sign-certificate';

export interface CourtSigner {
  /** The 32-byte Ed25519 private key seed. Secret. */
  seed: Uint8Array;
  publicKey: Uint8Array;
  /** Hex of the first 4 bytes of SHA-256(publicKey), as certificates name it. */
  keyId: string;
}

const ZCourtSignerKey = z
  .string({ message: 'VERITY_COURT_SIGNER_KEY is not set: start the portal with `npm start`, which provides it' })
  .trim()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'VERITY_COURT_SIGNER_KEY must be base64 of a 32-byte Ed25519 seed');

let cached: { text: string; signer: CourtSigner } | undefined;

export function courtSigner(): CourtSigner {
  const text = process.env.VERITY_COURT_SIGNER_KEY;
  if (cached && cached.text === text) return cached.signer;
  const parsed = ZCourtSignerKey.safeParse(text);
  if (!parsed.success) throw new Error(issueSummary(parsed.error));
  let seed: Uint8Array;
  try {
    seed = base64ToBytes(parsed.data);
  } catch {
    throw new Error('VERITY_COURT_SIGNER_KEY must be canonical base64 of a 32-byte Ed25519 seed');
  }
  const publicKey = courtPublicKey(seed);
  const signer = { seed, publicKey, keyId: courtKeyId(publicKey) };
  cached = { text: text as string, signer };
  return signer;
}
