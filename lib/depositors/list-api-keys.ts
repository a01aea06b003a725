import 'server-only';
/** An organisation's API keys, newest first, revoked ones included (they explain past refusals). */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { requireAdmin } from './require-admin';
import { ZId } from './schemas';
import { type ApiKeySummary, apiKeySelect } from './summaries';

export const ZListApiKeys = z.object({ orgId: ZId('orgId') });
export type ListApiKeysOptions = z.input<typeof ZListApiKeys>;

export async function listApiKeys(actor: Actor, options: ListApiKeysOptions): Promise<ApiKeySummary[]> {
  requireAdmin(actor, 'list API keys');
  const { orgId } = parseInput(ZListApiKeys, options);
  const org = await getDb().depositorOrg.findUnique({
    where: { id: orgId },
    select: { apiKeys: { orderBy: [{ createdAt: 'desc' }, { lookupId: 'asc' }], select: apiKeySelect } },
  });
  if (!org) throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
  return org.apiKeys;
}
