import 'server-only';
/**
 * Revokes an API key, named by its id or by its lookup id (the part of the key an operator can
 * read out). From then on the key authenticates nothing (KEY_REVOKED). Idempotent: revoking
 * again changes nothing and keeps the first revocation time, which is the one that matters.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange } from './audit-depositor-change';
import { clearApiKeyCache } from './authenticate-api-key';
import { requireAdmin } from './require-admin';
import { ZId, ZLookupId } from './schemas';
import { type ApiKeySummary, apiKeySelect } from './summaries';

export const ZRevokeApiKey = z
  .object({ apiKeyId: ZId('apiKeyId').optional(), lookupId: ZLookupId.optional() })
  .refine(
    (o) => (o.apiKeyId === undefined) !== (o.lookupId === undefined),
    'Give exactly one of apiKeyId or lookupId.',
  );
export type RevokeApiKeyOptions = { apiKeyId: string } | { lookupId: string };

export async function revokeApiKey(actor: Actor, options: RevokeApiKeyOptions): Promise<ApiKeySummary> {
  requireAdmin(actor, 'revoke API keys');
  const { apiKeyId, lookupId } = parseInput(ZRevokeApiKey, options);
  const where = apiKeyId !== undefined ? { id: apiKeyId } : { lookupId };
  const db = getDb();
  // `revoked_at IS NULL` in the where makes the second revocation a no-op, even when two race.
  await withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; lookupId: string }>(
      `UPDATE api_keys SET revoked_at = now() WHERE ${apiKeyId !== undefined ? 'id' : 'lookup_id'} = $1
          AND revoked_at IS NULL RETURNING id, lookup_id AS "lookupId"`,
      [apiKeyId ?? lookupId],
    );
    const revoked = rows[0];
    if (revoked)
      await auditDepositorChange(client, actor, 'depositor.api_key_revoked', revoked.id, {
        lookupId: revoked.lookupId,
      });
  });
  clearApiKeyCache(); // other processes notice within KEY_CACHE_MS
  const key = await db.apiKey.findFirst({ where, select: apiKeySelect });
  if (!key)
    throw new AppError('NOT_FOUND', `No API key has the ${apiKeyId ? 'id' : 'lookup id'} ${apiKeyId ?? lookupId}.`);
  return key;
}
