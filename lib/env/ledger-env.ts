import 'server-only';
/**
 * Secrets and identity of the ledger, read from the environment (the start scripts fill
 * them from the data folder in the embedded default, see scripts/lib/ledger-secrets.ts).
 */
import { z } from 'zod';

const ZLedgerEnv = z.object({
  /** Key for the HMAC that stores API key secrets: base64url of at least 32 random bytes. */
  VERITY_API_KEY_PEPPER: z
    .string({ message: 'VERITY_API_KEY_PEPPER is not set: start the portal with `npm start`, which provides it' })
    .regex(/^[A-Za-z0-9_-]{43,}$/, 'VERITY_API_KEY_PEPPER must be base64url of at least 32 random bytes'),
  /** The log's signed-note signer key: PRIVATE+KEY+<origin>+<hex8>+<base64>. */
  VERITY_LOG_SIGNER_KEY: z
    .string({ message: 'VERITY_LOG_SIGNER_KEY is not set: start the portal with `npm start`, which provides it' })
    .startsWith('PRIVATE+KEY+', 'VERITY_LOG_SIGNER_KEY must be a signed-note signer key (PRIVATE+KEY+…)'),
});

export interface LedgerEnv {
  apiKeyPepper: Uint8Array;
  logSignerKey: string;
}

let cached: LedgerEnv | undefined;

export function ledgerEnv(): LedgerEnv {
  if (cached) return cached;
  const parsed = ZLedgerEnv.safeParse(process.env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  cached = {
    apiKeyPepper: new Uint8Array(Buffer.from(parsed.data.VERITY_API_KEY_PEPPER, 'base64url')),
    logSignerKey: parsed.data.VERITY_LOG_SIGNER_KEY,
  };
  return cached;
}
