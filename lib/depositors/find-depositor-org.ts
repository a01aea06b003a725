import 'server-only';
/** One depositor organisation by its exact name (operators name organisations, not UUIDs). */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { requireAdmin } from './require-admin';
import { ZDisplayText } from './schemas';
import { type DepositorOrgSummary, depositorOrgSelect } from './summaries';

export const ZFindDepositorOrg = z.object({ name: ZDisplayText('name') });
export type FindDepositorOrgOptions = z.input<typeof ZFindDepositorOrg>;

export async function findDepositorOrg(actor: Actor, options: FindDepositorOrgOptions): Promise<DepositorOrgSummary> {
  requireAdmin(actor, 'look up depositor organisations');
  const { name } = parseInput(ZFindDepositorOrg, options);
  const org = await getDb().depositorOrg.findUnique({ where: { name }, select: depositorOrgSelect });
  if (!org) throw new AppError('NOT_FOUND', `No depositor organisation is named "${name}".`);
  return org;
}
