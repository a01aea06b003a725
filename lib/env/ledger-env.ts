import 'server-only';
/**
 * Secrets and identity of the ledger, read from the environment (the start scripts fill
 * them from the data folder in the embedded default, see scripts/lib/ledger-secrets.ts).
 * Each is validated when first used, so a tool that needs only one need not have both.
 */
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';

const ZPepper = z
  .string({ message: 'VERITY_API_KEY_PEPPER is not set: start the portal with `npm start`, which provides it' })
  .regex(/^[A-Za-z0-9_-]{43,}$/, 'VERITY_API_KEY_PEPPER must be base64url of at least 32 random bytes');
const ZSignerKey = z
  .string({ message: 'VERITY_LOG_SIGNER_KEY is not set: start the portal with `npm start`, which provides it' })
  .startsWith('PRIVATE+KEY+', 'VERITY_LOG_SIGNER_KEY must be a signed-note signer key (PRIVATE+KEY+…)');

export interface LedgerEnv {
  /** Key for the HMAC that stores API key secrets. */
  readonly apiKeyPepper: Uint8Array;
  /** The log's signed-note signer key: PRIVATE+KEY+<origin>+<hex8>+<base64>. */
  readonly logSignerKey: string;
}

function read<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(issueSummary(parsed.error));
  return parsed.data;
}

let pepper: { text: string; bytes: Uint8Array } | undefined;

const env: LedgerEnv = {
  get apiKeyPepper() {
    // Read on every deposit: decoded once per value of the variable.
    const text = process.env.VERITY_API_KEY_PEPPER;
    if (pepper === undefined || pepper.text !== text) {
      const valid = read(ZPepper, text);
      pepper = { text: valid, bytes: new Uint8Array(Buffer.from(valid, 'base64url')) };
    }
    return pepper.bytes;
  },
  get logSignerKey() {
    return read(ZSignerKey, process.env.VERITY_LOG_SIGNER_KEY);
  },
};

export function ledgerEnv(): LedgerEnv {
  return env;
}
