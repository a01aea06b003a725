import 'server-only';
/**
 * The case access policy, in one place. Every domain function that touches a case, an
 * exhibit or a stored file asks here first, with the actor and what it wants to do:
 *
 * - a case the actor may not see does not exist for them (NOT_FOUND, never FORBIDDEN, so
 *   IDs of other people's cases, exhibits and files reveal nothing);
 * - a case they may see but an action their role does not allow is FORBIDDEN.
 *
 * Who may see a case is `visibleCasesWhere` (members; clerks: their court's docket).
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseRole, CaseStatus } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors/app-error';
import { visibleCasesWhere } from './list-cases-for-user';

export type CaseAction =
  /** read the case, its exhibits, verifications, determinations and custody log; download files */
  | 'view'
  /** submit an exhibit as a party (plaintiff or defendant) */
  | 'submit_exhibit'
  /** re-verify an exhibit and record the verification (judges of the case) */
  | 'reverify'
  /** record a determination on an exhibit (judges of the case) */
  | 'determine'
  /** edit the case and assign people (clerks of the court) */
  | 'manage'
  /** issue and revoke verification certificates (clerks of the court) */
  | 'certify'
  /**
   * lodge an opinion (质证意见) on an exhibit: a party of the side that did NOT submit it, while
   * the case is open (issue #17; asked through requireExhibitAccess, which knows the side)
   */
  | 'lodge_opinion'
  /** reply to an opinion on an exhibit: a party of the side that submitted it, while the case is open */
  | 'reply_opinion'
  /** set the case's deadline for opinions (质证期限): clerks of the court */
  | 'set_exchange_deadline';

export interface CaseAccess {
  actor: Actor;
  caseId: string;
  caseNumber: string;
  courtId: string;
  status: CaseStatus;
  /** The actor's own roles in the case (empty for a clerk seeing their court's docket). */
  myRoles: CaseRole[];
  /** The side that submitted the exhibit, when the access is to an exhibit (requireExhibitAccess). */
  exhibitSide?: 'plaintiff' | 'defendant';
}

const PARTY_ROLES: readonly CaseRole[] = ['plaintiff', 'defendant'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function caseNotFound(): AppError {
  return new AppError('NOT_FOUND', 'No such case.');
}

/** Whether `access` allows `action` (the case is already known to be visible). */
export function allows(
  access: Omit<CaseAccess, 'actor'> & { actor: Pick<Actor, 'role'> },
  action: CaseAction,
): boolean {
  const { actor, myRoles } = access;
  switch (action) {
    case 'view':
      return true;
    case 'submit_exhibit':
      return actor.role === 'litigant' && myRoles.some((r) => PARTY_ROLES.includes(r)) && access.status === 'open';
    case 'reverify':
    case 'determine':
      return actor.role === 'judge' && myRoles.includes('judge');
    case 'manage':
    case 'certify':
    case 'set_exchange_deadline':
      return actor.role === 'clerk';
    case 'lodge_opinion': {
      const side = access.exhibitSide;
      if (!side || actor.role !== 'litigant' || access.status !== 'open') return false;
      return myRoles.some((r) => PARTY_ROLES.includes(r) && r !== side) && !myRoles.includes(side);
    }
    case 'reply_opinion': {
      const side = access.exhibitSide;
      return !!side && actor.role === 'litigant' && access.status === 'open' && myRoles.includes(side);
    }
  }
}

/**
 * The case `caseId` as `actor` may act on it, or NOT_FOUND (not visible to them, or no such
 * case) / FORBIDDEN (visible, but `action` is not theirs).
 */
export async function requireCaseAccess(
  actor: Actor,
  caseId: string,
  action: CaseAction,
  exhibitSide?: 'plaintiff' | 'defendant',
): Promise<CaseAccess> {
  if (!isUuid(caseId)) throw caseNotFound();
  const where = visibleCasesWhere(actor);
  if (!where) throw caseNotFound();
  const row = await getDb().case.findFirst({
    where: { AND: [{ id: caseId }, where] },
    select: {
      id: true,
      caseNumber: true,
      courtId: true,
      status: true,
      members: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  if (!row) throw caseNotFound();
  const access: CaseAccess = {
    actor,
    caseId: row.id,
    caseNumber: row.caseNumber,
    courtId: row.courtId,
    status: row.status,
    myRoles: row.members.map((m) => m.role),
    ...(exhibitSide ? { exhibitSide } : {}),
  };
  if (!allows(access, action)) {
    throw new AppError('FORBIDDEN', `Your role in this case does not allow this (${action}).`);
  }
  return access;
}

/**
 * The exhibit `exhibitId` and its case as `actor` may act on it; NOT_FOUND when the exhibit
 * does not exist or its case is not visible to the actor.
 */
export async function requireExhibitAccess(
  actor: Actor,
  exhibitId: string,
  action: CaseAction,
): Promise<CaseAccess & { exhibitId: string }> {
  if (!isUuid(exhibitId)) throw new AppError('NOT_FOUND', 'No such exhibit.');
  const exhibit = await getDb().exhibit.findUnique({
    where: { id: exhibitId },
    select: { caseId: true, partyRole: true },
  });
  if (!exhibit) throw new AppError('NOT_FOUND', 'No such exhibit.');
  const side = exhibit.partyRole === 'defendant' ? 'defendant' : 'plaintiff'; // CHECK: plaintiff or defendant
  try {
    return { ...(await requireCaseAccess(actor, exhibit.caseId, action, side)), exhibitId };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such exhibit.');
    throw error;
  }
}
