import { describe, expect, it } from 'vitest';
import { buildCourt, buildUser } from '@/test/builders';
import { addMember, buildDocket } from './docket.testing';
import { getCaseDetail } from './get-case-detail';

describe('getCaseDetail', () => {
  it('shows a member the case, its court and its people by role, with their own roles', async () => {
    const { court, clerk, judge, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    await addMember(theCase.id, defendant.user.id, 'defendant');
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, clerk.user.id, 'clerk');

    const detail = await getCaseDetail(plaintiff.actor, theCase.id);
    expect(detail).toMatchObject({
      id: theCase.id,
      caseNumber: theCase.caseNumber,
      title: theCase.title,
      causeOfAction: theCase.causeOfAction,
      status: 'open',
      court: { id: court.id, nameZh: court.nameZh, nameEn: court.nameEn },
      myRoles: ['plaintiff'],
    });
    expect(detail.members.plaintiff).toEqual([
      expect.objectContaining({ userId: plaintiff.user.id, name: plaintiff.user.name, email: plaintiff.user.email }),
    ]);
    expect(detail.members.defendant.map((m) => m.userId)).toEqual([defendant.user.id]);
    expect(detail.members.judge.map((m) => m.userId)).toEqual([judge.user.id]);
    expect(detail.members.clerk.map((m) => m.userId)).toEqual([clerk.user.id]);
    expect(JSON.stringify(detail)).not.toContain('argon2');

    expect((await getCaseDetail(judge.actor, theCase.id)).myRoles).toEqual(['judge']);
  });

  it("shows a clerk any case on their court's docket", async () => {
    const { court, theCase } = await buildDocket();
    const anotherClerk = await buildUser({ role: 'clerk', courtId: court.id });
    const detail = await getCaseDetail(anotherClerk.actor, theCase.id);
    expect(detail.myRoles).toEqual([]);
    expect(detail.members).toEqual({ plaintiff: [], defendant: [], judge: [], clerk: [] });
  });

  it('hides the case (NOT_FOUND) from outsiders, clerks of another court, admins and depositors', async () => {
    const { court, defendant, theCase } = await buildDocket();
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const otherJudge = await buildUser({ role: 'judge', courtId: court.id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [defendant, otherClerk, otherJudge, admin, depositor]) {
      await expect(getCaseDetail(who.actor, theCase.id), who.user.role).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(getCaseDetail(defendant.actor, 'nonsense')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
