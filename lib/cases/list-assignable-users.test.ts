import { describe, expect, it } from 'vitest';
import { buildCourt, buildUser } from '@/test/builders';
import { addMember, buildDocket } from './docket.testing';
import { listAssignableUsers } from './list-assignable-users';

describe('listAssignableUsers', () => {
  it("offers active litigants as parties and the court's own judges and clerks, with the roles still open", async () => {
    const { court, clerk, judge, plaintiff, defendant, theCase } = await buildDocket();
    const elsewhere = await buildCourt();
    const foreignJudge = await buildUser({ role: 'judge', courtId: elsewhere.id });
    const foreignClerk = await buildUser({ role: 'clerk', courtId: elsewhere.id });
    const disabled = await buildUser({ role: 'litigant', disabled: true });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');

    const users = await listAssignableUsers(clerk.actor, theCase.id);
    const byId = new Map(users.map((u) => [u.id, u]));
    expect(byId.get(plaintiff.user.id)).toBeUndefined(); // a party already, and never both
    expect(byId.get(defendant.user.id)).toMatchObject({
      accountRole: 'litigant',
      email: defendant.user.email,
      roles: ['plaintiff', 'defendant'],
    });
    expect(byId.get(judge.user.id)).toMatchObject({ accountRole: 'judge', roles: ['judge'] });
    expect(byId.get(clerk.user.id)).toMatchObject({ accountRole: 'clerk', roles: ['clerk'] });
    for (const other of [foreignJudge, foreignClerk, disabled, admin, depositor]) {
      expect(byId.has(other.user.id), other.user.role).toBe(false);
    }
    // Litigants first, then judges, then clerks.
    const order = users.map((u) => u.accountRole);
    expect(order.indexOf('judge')).toBeGreaterThan(order.lastIndexOf('litigant'));
    expect(order.indexOf('clerk')).toBeGreaterThan(order.lastIndexOf('judge'));
  });

  it('leaves out people who already hold every role open to them', async () => {
    const { clerk, judge, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, clerk.user.id, 'clerk');
    const ids = (await listAssignableUsers(clerk.actor, theCase.id)).map((u) => u.id);
    expect(ids).not.toContain(judge.user.id);
    expect(ids).not.toContain(clerk.user.id);
  });

  it('refuses the judge and parties of the case (FORBIDDEN) and hides the case from everyone else (NOT_FOUND)', async () => {
    const { court, judge, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    for (const who of [judge, plaintiff]) {
      await expect(listAssignableUsers(who.actor, theCase.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [otherClerk, defendant, admin, depositor]) {
      await expect(listAssignableUsers(who.actor, theCase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
