import 'server-only';
import { randomUUID } from 'node:crypto';
/**
 * Issues an API key to a depositor organisation. The full key is in the return value and
 * nowhere else: only the lookup id and an HMAC of the secret are stored (see api-key-format.ts),
 * so a lost key is replaced, never recovered.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { ledgerEnv } from '@/lib/env/ledger-env';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { generateApiKey, hashApiKeySecret } from './api-key-format';
import { auditDepositorChange, isPgError } from './audit-depositor-change';
import { requireAdmin } from './require-admin';
import { ZDisplayText, ZId } from './schemas';

export const ZCreateApiKey = z.object({ orgId: ZId('orgId'), label: ZDisplayText('label') });
export type CreateApiKeyOptions = z.input<typeof ZCreateApiKey>;

export interface CreatedApiKey {
  id: string;
  /** The whole key, `vrt_<lookupId>_<secret>`: show it once; it cannot be read back. */
  key: string;
  lookupId: string;
}

export async function createApiKey(actor: Actor, options: CreateApiKeyOptions): Promise<CreatedApiKey> {
  requireAdmin(actor, 'issue API keys');
  const { orgId, label } = parseInput(ZCreateApiKey, options);
  const { key, lookupId, secret } = generateApiKey();
  const secretHash = hashApiKeySecret(secret, ledgerEnv().apiKeyPepper);
  try {
    return await withTransaction(async (client) => {
      const id = randomUUID();
      await client.query(
        'INSERT INTO api_keys (id, org_id, lookup_id, secret_hash, label) VALUES ($1, $2, $3, $4, $5)',
        [id, orgId, lookupId, Buffer.from(secretHash), label],
      );
      await auditDepositorChange(client, actor, 'depositor.api_key_created', id, { orgId, lookupId, label });
      return { id, key, lookupId };
    });
  } catch (error) {
    // The foreign key answers "does the organisation exist?" in the same statement.
    if (isPgError(error, '23503')) {
      throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
    }
    throw error;
  }
}
