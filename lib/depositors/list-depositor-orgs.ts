import 'server-only';
/** All depositor organisations, by name, for administrators. */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { requireAdmin } from './require-admin';
import { type DepositorOrgSummary, depositorOrgSelect } from './summaries';

export async function listDepositorOrgs(actor: Actor): Promise<DepositorOrgSummary[]> {
  requireAdmin(actor, 'list depositor organisations');
  return getDb().depositorOrg.findMany({ orderBy: { name: 'asc' }, select: depositorOrgSelect });
}
