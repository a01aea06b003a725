import { describe, expect, it } from 'vitest';
import { buildCourt, buildUser } from '@/test/builders';
import { addCaseMember } from './add-case-member';
import { addMember, auditEventsFor, buildDocket, membersOf } from './docket.testing';

describe('addCaseMember', () => {
  it("assigns litigants as parties and the court's judges and clerks, each recorded in the custody log", async () => {
    const { court, clerk, judge, plaintiff, defendant, theCase } = await buildDocket();
    const secondClerk = await buildUser({ role: 'clerk', courtId: court.id });
    await addCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'plaintiff' });
    await addCaseMember(clerk.actor, theCase.id, { userId: defendant.user.id, role: 'defendant' });
    await addCaseMember(clerk.actor, theCase.id, { userId: judge.user.id, role: 'judge' });
    await addCaseMember(clerk.actor, theCase.id, { userId: secondClerk.user.id, role: 'clerk' });

    expect(await membersOf(theCase.id)).toEqual(
      expect.arrayContaining([
        { userId: plaintiff.user.id, role: 'plaintiff' },
        { userId: defendant.user.id, role: 'defendant' },
        { userId: judge.user.id, role: 'judge' },
        { userId: secondClerk.user.id, role: 'clerk' },
      ]),
    );
    const events = await auditEventsFor(theCase.id);
    expect(events.map((e) => [e.action, e.actorId, e.subjectId, e.details])).toEqual([
      ['case.member_added', clerk.user.id, plaintiff.user.id, { role: 'plaintiff' }],
      ['case.member_added', clerk.user.id, defendant.user.id, { role: 'defendant' }],
      ['case.member_added', clerk.user.id, judge.user.id, { role: 'judge' }],
      ['case.member_added', clerk.user.id, secondClerk.user.id, { role: 'clerk' }],
    ]);
  });

  it('refuses an account whose role does not fit the case role (VALIDATION_FAILED), whoever it is', async () => {
    const { court, clerk, judge, plaintiff, theCase } = await buildDocket();
    const elsewhere = await buildCourt();
    const foreignJudge = await buildUser({ role: 'judge', courtId: elsewhere.id });
    const foreignClerk = await buildUser({ role: 'clerk', courtId: elsewhere.id });
    const disabled = await buildUser({ role: 'litigant', disabled: true });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    const cases = [
      [judge.user.id, 'plaintiff'],
      [clerk.user.id, 'defendant'],
      [plaintiff.user.id, 'judge'],
      [plaintiff.user.id, 'clerk'],
      [foreignJudge.user.id, 'judge'],
      [foreignClerk.user.id, 'clerk'],
      [disabled.user.id, 'plaintiff'],
      [admin.user.id, 'clerk'],
      [depositor.user.id, 'plaintiff'],
      [crypto.randomUUID(), 'plaintiff'],
    ] as const;
    for (const [userId, role] of cases) {
      await expect(
        addCaseMember(clerk.actor, theCase.id, { userId, role }),
        `${userId} as ${role}`,
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'ROLE_MISMATCH', role } });
    }
    expect(await membersOf(theCase.id)).toEqual([]);
    expect(await auditEventsFor(theCase.id)).toEqual([]);
  });

  it('refuses malformed input with VALIDATION_FAILED', async () => {
    const { clerk, plaintiff, theCase } = await buildDocket();
    await expect(addCaseMember(clerk.actor, theCase.id, { userId: 'nobody', role: 'plaintiff' })).rejects.toMatchObject(
      { code: 'VALIDATION_FAILED' },
    );
    await expect(
      addCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'witness' as 'plaintiff' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a second assignment in the same role, and a person as both plaintiff and defendant (CONFLICT)', async () => {
    const { clerk, plaintiff, theCase } = await buildDocket();
    await addCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'plaintiff' });
    await expect(
      addCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'plaintiff' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'ALREADY_MEMBER' } });
    await expect(
      addCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'defendant' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'BOTH_PARTIES' } });
    expect(await membersOf(theCase.id)).toEqual([{ userId: plaintiff.user.id, role: 'plaintiff' }]);
    expect((await auditEventsFor(theCase.id)).length).toBe(1);
  });

  it('refuses the judge and parties of the case (FORBIDDEN) and hides the case from everyone else (NOT_FOUND)', async () => {
    const { court, judge, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    const input = { userId: defendant.user.id, role: 'defendant' } as const;
    for (const who of [judge, plaintiff]) {
      await expect(addCaseMember(who.actor, theCase.id, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [otherClerk, defendant, admin, depositor]) {
      await expect(addCaseMember(who.actor, theCase.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await membersOf(theCase.id)).some((m) => m.userId === defendant.user.id)).toBe(false);
  });
});
