import 'server-only';
/** A case's deadline for opinions (质证期限), for everyone who may view the case (case and manage pages). */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getPool } from '@/lib/db/pool';
import { currentDeadline } from './current-deadline';

export async function getExchangeDeadline(actor: Actor, caseId: string): Promise<Date | null> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  return currentDeadline(getPool(), access.caseId);
}
