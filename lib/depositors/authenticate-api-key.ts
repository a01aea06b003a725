import 'server-only';
/**
 * Authenticates a deposit API request from its `Authorization: Bearer <key>` header
 * (RFC 6750 §2.1). Runs on every deposit, so it costs one indexed query and one HMAC.
 * Failures are results, not exceptions: the route turns them into a 401 body.
 */
import { timingSafeEqual } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { ledgerEnv } from '@/lib/env/ledger-env';
import { API_KEY_FORM, hashApiKeySecret, parseApiKey } from './api-key-format';

export type AuthenticateApiKeyResult =
  | { ok: true; org: { id: string; name: string }; apiKeyId: string }
  | { ok: false; code: 'UNAUTHENTICATED' | 'KEY_REVOKED'; message: string };

const EXPECTED = `expected "Authorization: Bearer ${API_KEY_FORM}"`;
// Longest well-formed header: "Bearer " + 4 + 12 + 1 + 43. Anything longer is refused unread.
const MAX_HEADER_LENGTH = 7 + 60;

export async function authenticateApiKey(authorizationHeader: string | null): Promise<AuthenticateApiKeyResult> {
  if (!authorizationHeader) return unauthenticated(`The Authorization header is missing: ${EXPECTED}.`);
  const parsed = parseBearer(authorizationHeader);
  if (!parsed) return unauthenticated(`The Authorization header is malformed: ${EXPECTED}.`);

  // One statement over the unique index on lookup_id (Prisma's include would be a second query).
  const rows = await getDb().$queryRaw<
    Array<{ id: string; secret_hash: Uint8Array; revoked_at: Date | null; org_id: string; org_name: string }>
  >`
    SELECT k.id, k.secret_hash, k.revoked_at, o.id AS org_id, o.name AS org_name
    FROM api_keys k JOIN depositor_orgs o ON o.id = k.org_id
    WHERE k.lookup_id = ${parsed.lookupId}`;
  const row = rows[0];
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
  return { ok: true, org: { id: row.org_id, name: row.org_name }, apiKeyId: row.id };
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
