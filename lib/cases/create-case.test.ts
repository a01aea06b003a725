import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import { buildCourt, buildUser } from '@/test/builders';
import { createCase } from './create-case';
import { auditEventsFor, membersOf, newCaseNumber } from './docket.testing';

async function clerkOfNewCourt() {
  const court = await buildCourt();
  return { court, clerk: await buildUser({ role: 'clerk', courtId: court.id }) };
}

const valid = () => ({
  caseNumber: newCaseNumber(),
  title: '张明诉李华著作权侵权纠纷',
  causeOfAction: '著作权权属纠纷',
});

describe('createCase', () => {
  it("opens a case on the clerk's court's docket, with the clerk on it, and records both in the custody log", async () => {
    const { court, clerk } = await clerkOfNewCourt();
    const input = valid();
    const created = await createCase(clerk.actor, input);
    expect(created.caseNumber).toBe(input.caseNumber);

    const row = await getDb().case.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      courtId: court.id,
      caseNumber: input.caseNumber,
      title: input.title,
      causeOfAction: input.causeOfAction,
      status: 'open',
    });
    expect(await membersOf(created.id)).toEqual([{ userId: clerk.user.id, role: 'clerk' }]);

    const events = await auditEventsFor(created.id);
    expect(events.map((e) => e.action)).toEqual(['case.created', 'case.member_added']);
    expect(events[0]).toMatchObject({
      actorId: clerk.user.id,
      details: { caseNumber: input.caseNumber, title: input.title, causeOfAction: input.causeOfAction },
    });
    expect(events[1]).toMatchObject({ actorId: clerk.user.id, subjectId: clerk.user.id, details: { role: 'clerk' } });
  });

  it('stores a case number typed with half-width brackets with full-width ones, and trims the title and cause', async () => {
    const { clerk } = await clerkOfNewCourt();
    const number = newCaseNumber();
    const halfWidth = number.replace('（', '(').replace('）', ')');
    expect(halfWidth).not.toBe(number);
    const created = await createCase(clerk.actor, {
      caseNumber: ` ${halfWidth} `,
      title: '  标题 ',
      causeOfAction: ' 案由',
    });
    expect(created.caseNumber).toBe(number);
    expect(await getDb().case.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      caseNumber: number,
      title: '标题',
      causeOfAction: '案由',
    });
  });

  it('refuses a case number already on the docket, in either bracket form, with CONFLICT', async () => {
    const { clerk } = await clerkOfNewCourt();
    const first = await createCase(clerk.actor, valid());
    const again = first.caseNumber.replace('（', '(').replace('）', ')');
    const error = await createCase(clerk.actor, { ...valid(), caseNumber: again }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'CASE_NUMBER_TAKEN' } });
    expect((error as Error).message).toContain(first.caseNumber);
    // Even a clerk of another court: case numbers are unique across the portal.
    const other = await clerkOfNewCourt();
    await expect(createCase(other.clerk.actor, { ...valid(), caseNumber: first.caseNumber })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it.each([
    ['a malformed case number', { caseNumber: '2026-1234' }, 'caseNumber'],
    ['an empty case number', { caseNumber: '  ' }, 'caseNumber'],
    ['an empty title', { title: ' ' }, 'title'],
    ['a title over 200 characters', { title: '案'.repeat(201) }, 'title'],
    ['an empty cause of action', { causeOfAction: '' }, 'causeOfAction'],
    ['a cause of action over 100 characters', { causeOfAction: '由'.repeat(101) }, 'causeOfAction'],
  ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_name, override, path) => {
    const { court, clerk } = await clerkOfNewCourt();
    const error = await createCase(clerk.actor, { ...valid(), ...override }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
    });
    expect(await getDb().case.count({ where: { courtId: court.id } })).toBe(0);
  });

  it.each(['litigant', 'judge', 'admin', 'depositor'] as const satisfies readonly Role[])(
    'refuses a %s with FORBIDDEN',
    async (role) => {
      const court = await buildCourt();
      const { actor } = await buildUser({ role, courtId: role === 'depositor' ? null : court.id });
      await expect(createCase(actor, valid())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await getDb().case.count({ where: { courtId: court.id } })).toBe(0);
    },
  );

  it('refuses a clerk who belongs to no court', async () => {
    const { actor } = await buildUser({ role: 'clerk', courtId: null });
    await expect(createCase(actor, valid())).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
