import 'server-only';
/**
 * The organisation a signed-in depositor account deposits for, read from the database on every
 * call: the account must still be active, still have the role depositor, and still belong to the
 * organisation the caller's session names. Anything else has no organisation (null).
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

export interface OwnDepositorOrg {
  id: string;
  name: string;
}

export async function ownDepositorOrg(actor: Actor): Promise<OwnDepositorOrg | null> {
  if (actor.role !== 'depositor' || !actor.depositorOrgId) return null;
  const user = await getDb().user.findFirst({
    where: { id: actor.id, role: 'depositor', disabledAt: null, depositorOrgId: actor.depositorOrgId },
    select: { depositorOrg: { select: { id: true, name: true } } },
  });
  return user?.depositorOrg ?? null;
}
