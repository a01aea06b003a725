/** Test helpers for the docket's domain functions (not a test file itself). */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import type { CaseRole } from '@/lib/db/generated/enums';
import { buildCase, buildCourt, buildUser } from '@/test/builders';

/** A case number in the seed's form that no other test uses. */
export function newCaseNumber(): string {
  return `（2026）京0491民初${randomInt(1, 99_999_999)}号`;
}

/** A court with a clerk, a judge, two litigants and an open case with nobody on it yet. */
export async function buildDocket() {
  const court = await buildCourt();
  const clerk = await buildUser({ role: 'clerk', courtId: court.id });
  const judge = await buildUser({ role: 'judge', courtId: court.id });
  const plaintiff = await buildUser({ role: 'litigant' });
  const defendant = await buildUser({ role: 'litigant' });
  const theCase = await buildCase(court.id);
  return { court, clerk, judge, plaintiff, defendant, theCase };
}

export async function addMember(caseId: string, userId: string, role: CaseRole): Promise<void> {
  await getDb().caseMember.create({ data: { caseId, userId, role } });
}

export async function membersOf(caseId: string): Promise<Array<{ userId: string; role: CaseRole }>> {
  return getDb().caseMember.findMany({ where: { caseId }, select: { userId: true, role: true } });
}

/** A hash-only exhibit submitted by `userId` as `role`. */
export async function buildExhibit(caseId: string, userId: string, role: 'plaintiff' | 'defendant') {
  const number = (await getDb().exhibit.count({ where: { caseId } })) + 1;
  return getDb().exhibit.create({
    data: {
      id: randomUUID(),
      caseId,
      number,
      submittedBy: userId,
      partyRole: role,
      kind: 'hash_only',
      title: `Exhibit ${number}`,
      sha256: randomBytes(32),
      sm3: randomBytes(32),
    },
  });
}

/** The custody-log events of a case, oldest first. */
export async function auditEventsFor(caseId: string) {
  const rows = await getDb().auditEvent.findMany({
    where: { caseId },
    orderBy: { seq: 'asc' },
    select: { action: true, actorId: true, subjectId: true, details: true },
  });
  return rows.map((r) => ({ ...r, details: r.details as Record<string, unknown> }));
}
