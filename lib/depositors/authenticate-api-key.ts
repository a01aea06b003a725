import 'server-only';
/**
 * Authenticates a deposit API request from its `Authorization: Bearer <key>` header
 * (RFC 6750 §2.1). Runs on every deposit, so it costs one HMAC and, at most once a second
 * per key and process, one indexed query: a key's record (hash, revocation, organisation) is
 * kept in memory for KEY_CACHE_MS. A revocation therefore takes effect within that time in
 * every process, and at once in the process that revoked (clearApiKeyCache); so does a change
 * of the key's deposit limits (setApiKeyLimits).
 * Failures are results, not exceptions: the route turns them into a 401 body.
 */
import { timingSafeEqual } from 'node:crypto';
import { getPool } from '@/lib/db/pool';
import { ledgerEnv } from '@/lib/env/ledger-env';
import { API_KEY_FORM, hashApiKeySecret, parseApiKey } from './api-key-format';
import type { DepositLimitOverrides } from './deposit-limits';

export type AuthenticateApiKeyResult =
  | {
      ok: true;
      org: { id: string; name: string };
      apiKeyId: string;
      /** The administrator's deposit limits for this key (null: the default), as of KEY_CACHE_MS ago at most. */
      limits: DepositLimitOverrides;
    }
  | { ok: false; code: 'UNAUTHENTICATED' | 'KEY_REVOKED'; message: string };

const EXPECTED = `expected "Authorization: Bearer ${API_KEY_FORM}"`;
// Longest well-formed header: "Bearer " + 4 + 12 + 1 + 43. Anything longer is refused unread.
const MAX_HEADER_LENGTH = 7 + 60;

export async function authenticateApiKey(authorizationHeader: string | null): Promise<AuthenticateApiKeyResult> {
  if (!authorizationHeader) return unauthenticated(`The Authorization header is missing: ${EXPECTED}.`);
  const parsed = parseBearer(authorizationHeader);
  if (!parsed) return unauthenticated(`The Authorization header is malformed: ${EXPECTED}.`);

  const row = await keyRecord(parsed.lookupId);
  const presented = hashApiKeySecret(parsed.secret, ledgerEnv().apiKeyPepper);
  // The lookup id is not secret, so an unknown one may answer faster; the secret is compared
  // in constant time so that its bytes cannot be found one at a time.
  if (!row || row.secret_hash.length !== presented.length || !timingSafeEqual(row.secret_hash, presented)) {
    return unauthenticated(
      'The API key is not valid: check that it was copied whole, or ask the operator for a new one.',
    );
  }
  // Only after the secret matched: a caller who merely knows a lookup id learns nothing about it.
  if (row.revoked_at) {
    return {
      ok: false,
      code: 'KEY_REVOKED',
      message: `This API key was revoked at ${row.revoked_at.toISOString()}; ask the operator for a new one.`,
    };
  }
  void noteKeyUse(row.id);
  return {
    ok: true,
    org: { id: row.org_id, name: row.org_name },
    apiKeyId: row.id,
    limits: { ratePerMinute: row.rate_per_minute, burst: row.rate_burst, dailyQuota: row.daily_quota },
  };
}

/** How often a key's last_used_at is written at most (per process, and by its WHERE across them). */
export const KEY_USE_WRITE_MS = 60_000;
const lastUseWritten = new Map<string, number>();

/**
 * Records that a key was used, cheaply: at most one UPDATE a minute per key and process, which
 * itself changes nothing when another process wrote within the minute. Not awaited by the
 * request, and a failure only loses a timestamp (logged), never the deposit.
 */
async function noteKeyUse(apiKeyId: string): Promise<void> {
  const now = Date.now();
  if (now - (lastUseWritten.get(apiKeyId) ?? 0) < KEY_USE_WRITE_MS) return;
  if (lastUseWritten.size >= KEY_CACHE_ENTRIES) lastUseWritten.clear();
  lastUseWritten.set(apiKeyId, now);
  try {
    await getPool().query({
      name: 'verity-api-key-used',
      text: `UPDATE api_keys SET last_used_at = now()
              WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      values: [apiKeyId],
    });
  } catch (error) {
    console.error(`verity: could not record the use of API key ${apiKeyId}: ${(error as Error).message}`);
  }
}

interface KeyRecord {
  id: string;
  secret_hash: Buffer;
  revoked_at: Date | null;
  org_id: string;
  org_name: string;
  rate_per_minute: number | null;
  rate_burst: number | null;
  daily_quota: number | null;
}

/** How long a process trusts a key's record it has read (a revocation's delay in other processes). */
export const KEY_CACHE_MS = 1000;
/** Bounds memory if a caller cycles through many real keys; unknown lookup ids are never cached. */
const KEY_CACHE_ENTRIES = 10_000;
const keyCache = new Map<string, { record: KeyRecord; until: number }>();

async function keyRecord(lookupId: string): Promise<KeyRecord | undefined> {
  const cached = keyCache.get(lookupId);
  if (cached && cached.until > Date.now()) return cached.record;
  // One statement over the unique index on lookup_id, prepared once per connection.
  const { rows } = await getPool().query<KeyRecord>({
    name: 'verity-authenticate-api-key',
    text: `SELECT k.id, k.secret_hash, k.revoked_at, o.id AS org_id, o.name AS org_name,
             k.rate_per_minute, k.rate_burst, k.daily_quota
           FROM api_keys k JOIN depositor_orgs o ON o.id = k.org_id WHERE k.lookup_id = $1`,
    values: [lookupId],
  });
  const record = rows[0];
  if (!record) {
    keyCache.delete(lookupId);
    return undefined;
  }
  if (keyCache.size >= KEY_CACHE_ENTRIES) keyCache.clear();
  keyCache.set(lookupId, { record, until: Date.now() + KEY_CACHE_MS });
  return record;
}

/** Forgets every key record this process holds (after a revocation here, so it applies at once). */
export function clearApiKeyCache(): void {
  keyCache.clear();
}

/** "Bearer <key>": the scheme is case-insensitive (RFC 9110 §11.1); exactly one space; nothing else. */
function parseBearer(header: string): ReturnType<typeof parseApiKey> {
  if (header.length > MAX_HEADER_LENGTH) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return null;
  return parseApiKey(header.slice(space + 1));
}

function unauthenticated(message: string): AuthenticateApiKeyResult {
  return { ok: false, code: 'UNAUTHENTICATED', message };
}
