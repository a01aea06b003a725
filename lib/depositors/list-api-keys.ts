import 'server-only';
/** An organisation's API keys, newest first, revoked ones included (they explain past refusals). */
import { z } from 'zod';
import { PAGE_SIZE, type Page, toPage } from '@/lib/accounts/paging';
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

export const ZListApiKeysPage = z.object({
  orgId: ZId('orgId'),
  page: z.number().int().min(1).max(100_000).default(1),
});

/**
 * One page (PAGE_SIZE, newest first) of an organisation's API keys, for the organisation's admin
 * page: revoked keys are kept, so the list grows with every rotation. Beyond the end: the last page.
 */
export async function listApiKeysPage(
  actor: Actor,
  options: z.input<typeof ZListApiKeysPage>,
): Promise<Page<ApiKeySummary>> {
  requireAdmin(actor, 'list API keys');
  const { orgId, page: asked } = parseInput(ZListApiKeysPage, options);
  const db = getDb();
  if (!(await db.depositorOrg.findUnique({ where: { id: orgId }, select: { id: true } }))) {
    throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
  }
  const total = await db.apiKey.count({ where: { orgId } });
  const page = Math.min(asked, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  const items = await db.apiKey.findMany({
    where: { orgId },
    orderBy: [{ createdAt: 'desc' }, { lookupId: 'asc' }],
    select: apiKeySelect,
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  return toPage(items, total, page);
}
