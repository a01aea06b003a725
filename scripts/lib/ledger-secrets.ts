/**
 * The ledger's secrets in the embedded default: generated once into the data folder and
 * reused, unless the environment provides them (a real deployment keeps them in its
 * secret store). Losing the log key means a new log identity, losing the court key a new
 * certificate key (old certificates still verify against the old public key): back the data
 * folder up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateNoteKeys, parseSignerKey, verifierKeyFromSignerKey } from '@/lib/tlog';

export interface LedgerSecrets {
  apiKeyPepper: string;
  logSignerKey: string;
  logVerifierKey: string;
  logOrigin: string;
  /** The court's certificate signing key (base64 of a 32-byte Ed25519 seed; lib/certificates/court-signer.ts). */
  courtSignerKey: string;
}

export const DEFAULT_LOG_ORIGIN = 'verity.localhost/ledger';

export async function loadLedgerSecrets(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<LedgerSecrets> {
  const apiKeyPepper =
    env.VERITY_API_KEY_PEPPER ??
    (await readOrCreate(path.join(dataDir, 'api-key-pepper'), () => randomBytes(32).toString('base64url')));
  const logSignerKey =
    env.VERITY_LOG_SIGNER_KEY ??
    (await readOrCreate(
      path.join(dataDir, 'log-signer-key'),
      () => generateNoteKeys(env.VERITY_LOG_ORIGIN ?? DEFAULT_LOG_ORIGIN).signerKey,
    ));
  const courtSignerKey =
    env.VERITY_COURT_SIGNER_KEY ??
    (await readOrCreate(path.join(dataDir, 'court-signer-key'), () => randomBytes(32).toString('base64')));
  return {
    apiKeyPepper,
    logSignerKey,
    logVerifierKey: verifierKeyFromSignerKey(logSignerKey),
    logOrigin: parseSignerKey(logSignerKey).name,
    courtSignerKey,
  };
}

async function readOrCreate(file: string, create: () => string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const value = create();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}
