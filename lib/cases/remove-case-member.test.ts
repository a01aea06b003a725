import { describe, expect, it } from 'vitest';
import { buildCourt, buildUser } from '@/test/builders';
import { addMember, auditEventsFor, buildDocket, buildExhibit, membersOf } from './docket.testing';
import { removeCaseMember } from './remove-case-member';

describe('removeCaseMember', () => {
  it('ends an assignment and records it in the custody log', async () => {
    const { clerk, judge, plaintiff, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    await removeCaseMember(clerk.actor, theCase.id, { userId: judge.user.id, role: 'judge' });
    await removeCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'plaintiff' });
    expect(await membersOf(theCase.id)).toEqual([]);
    const events = await auditEventsFor(theCase.id);
    expect(events.map((e) => [e.action, e.actorId, e.subjectId, e.details])).toEqual([
      ['case.member_removed', clerk.user.id, judge.user.id, { role: 'judge' }],
      ['case.member_removed', clerk.user.id, plaintiff.user.id, { role: 'plaintiff' }],
    ]);
  });

  it('refuses to remove a party who has submitted an exhibit in that role (CONFLICT), and records nothing', async () => {
    const { clerk, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    await addMember(theCase.id, defendant.user.id, 'defendant');
    await buildExhibit(theCase.id, plaintiff.user.id, 'plaintiff');
    await expect(
      removeCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'plaintiff' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'HAS_EXHIBITS', role: 'plaintiff' } });
    expect(await membersOf(theCase.id)).toContainEqual({ userId: plaintiff.user.id, role: 'plaintiff' });
    expect(await auditEventsFor(theCase.id)).toEqual([]);
    // The other party, who submitted nothing, can still be removed.
    await removeCaseMember(clerk.actor, theCase.id, { userId: defendant.user.id, role: 'defendant' });
    expect(await membersOf(theCase.id)).toEqual([{ userId: plaintiff.user.id, role: 'plaintiff' }]);
  });

  it('answers NOT_FOUND for a person who is not on the case in that role', async () => {
    const { clerk, judge, plaintiff, theCase } = await buildDocket();
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    await expect(
      removeCaseMember(clerk.actor, theCase.id, { userId: plaintiff.user.id, role: 'defendant' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'NOT_MEMBER' } });
    await expect(
      removeCaseMember(clerk.actor, theCase.id, { userId: judge.user.id, role: 'judge' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'NOT_MEMBER' } });
    expect(await auditEventsFor(theCase.id)).toEqual([]);
  });

  it('refuses the judge and parties of the case (FORBIDDEN) and hides the case from everyone else (NOT_FOUND)', async () => {
    const { court, judge, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    const input = { userId: judge.user.id, role: 'judge' } as const;
    for (const who of [judge, plaintiff]) {
      await expect(removeCaseMember(who.actor, theCase.id, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [otherClerk, defendant, admin, depositor]) {
      await expect(removeCaseMember(who.actor, theCase.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await membersOf(theCase.id)).toHaveLength(2);
  });
});
