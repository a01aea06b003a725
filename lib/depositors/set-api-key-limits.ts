import 'server-only';
/**
 * Sets an API key's deposit limits (issue #21): its rate in deposits a minute, its burst (the
 * most it may send at once) and its quota of deposits a UTC day. Each value may be null: the
 * server's default (deposit-limits.ts). The change is a custody-log event with the values before
 * and after, in the change's own transaction. Every process applies it within KEY_CACHE_MS
 * (authenticate-api-key.ts), this one at once.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange } from './audit-depositor-change';
import { clearApiKeyCache } from './authenticate-api-key';
import { MAX_LIMIT } from './deposit-limits';
import { requireAdmin } from './require-admin';
import { ZId } from './schemas';
import { type ApiKeySummary, apiKeySelect } from './summaries';

function ZLimit(what: string) {
  return z
    .number({ message: `${what} must be a whole number, or empty for the default` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1`)
    .max(MAX_LIMIT, `${what} must be at most ${MAX_LIMIT}`)
    .nullable();
}

export const ZSetApiKeyLimits = z.object({
  apiKeyId: ZId('apiKeyId'),
  ratePerMinute: ZLimit('ratePerMinute'),
  burst: ZLimit('burst'),
  dailyQuota: ZLimit('dailyQuota'),
});
export type SetApiKeyLimitsOptions = z.input<typeof ZSetApiKeyLimits>;

interface LimitsRow {
  id: string;
  lookupId: string;
  ratePerMinute: number | null;
  burst: number | null;
  dailyQuota: number | null;
}

export async function setApiKeyLimits(
  actor: Actor,
  options: SetApiKeyLimitsOptions,
): Promise<ApiKeySummary & { changed: boolean }> {
  requireAdmin(actor, "set API keys' deposit limits");
  const { apiKeyId, ratePerMinute, burst, dailyQuota } = parseInput(ZSetApiKeyLimits, options);
  const changed = await withTransaction(async (client) => {
    // FOR UPDATE: two admins saving at once are audited in the order their values took effect.
    const { rows } = await client.query<LimitsRow>(
      `SELECT id, lookup_id AS "lookupId", rate_per_minute AS "ratePerMinute", rate_burst AS burst,
         daily_quota AS "dailyQuota" FROM api_keys WHERE id = $1 FOR UPDATE`,
      [apiKeyId],
    );
    const before = rows[0];
    if (!before) throw new AppError('NOT_FOUND', `No API key has the id ${apiKeyId}.`);
    const after = { ratePerMinute, burst, dailyQuota };
    if (before.ratePerMinute === ratePerMinute && before.burst === burst && before.dailyQuota === dailyQuota) {
      return false;
    }
    await client.query('UPDATE api_keys SET rate_per_minute = $2, rate_burst = $3, daily_quota = $4 WHERE id = $1', [
      apiKeyId,
      ratePerMinute,
      burst,
      dailyQuota,
    ]);
    await auditDepositorChange(client, actor, 'depositor.api_key_limits_set', apiKeyId, {
      lookupId: before.lookupId,
      before: { ratePerMinute: before.ratePerMinute, burst: before.burst, dailyQuota: before.dailyQuota },
      after,
    });
    return true;
  });
  clearApiKeyCache();
  const key = await getDb().apiKey.findUniqueOrThrow({ where: { id: apiKeyId }, select: apiKeySelect });
  return { ...key, changed };
}
