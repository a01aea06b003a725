import 'server-only';
/**
 * Issues an API key to a depositor organisation. The full key is in the return value and
 * nowhere else: only the lookup id and an HMAC of the secret are stored (see api-key-format.ts),
 * so a lost key is replaced, never recovered.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { ledgerEnv } from '@/lib/env/ledger-env';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { generateApiKey, hashApiKeySecret } from './api-key-format';
import { prismaErrorCode } from './prisma-error-code';
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
    const row = await getDb().apiKey.create({
      data: { orgId, lookupId, secretHash, label },
      select: { id: true },
    });
    return { id: row.id, key, lookupId };
  } catch (error) {
    // The foreign key answers "does the organisation exist?" in the same statement.
    if (prismaErrorCode(error) === 'P2003') {
      throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
    }
    throw error;
  }
}
