import { describe, expect, it } from 'vitest';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import { listCasesForUser } from './list-cases-for-user';

describe('listCasesForUser', () => {
  it('shows litigants and judges only the cases they are members of, with their roles', async () => {
    const court = await buildCourt();
    const plaintiff = await buildUser({ role: 'litigant', courtId: court.id });
    const judge = await buildUser({ role: 'judge', courtId: court.id });
    const outsider = await buildUser({ role: 'litigant', courtId: court.id });
    const theirs = await buildCase(court.id, [
      { userId: plaintiff.user.id, role: 'plaintiff' },
      { userId: judge.user.id, role: 'judge' },
    ]);
    const other = await buildCase(court.id, [{ userId: outsider.user.id, role: 'defendant' }]);

    const mine = await listCasesForUser(plaintiff.actor);
    expect(mine.map((c) => c.id)).toEqual([theirs.id]);
    expect(mine[0]?.myRoles).toEqual(['plaintiff']);
    expect((await listCasesForUser(judge.actor)).map((c) => c.id)).toEqual([theirs.id]);
    expect((await listCasesForUser(outsider.actor)).map((c) => c.id)).toEqual([other.id]);
  });

  it("shows a clerk their own court's docket and nothing of another court", async () => {
    const court = await buildCourt();
    const elsewhere = await buildCourt();
    const clerk = await buildUser({ role: 'clerk', courtId: court.id });
    const a = await buildCase(court.id);
    const b = await buildCase(court.id);
    await buildCase(elsewhere.id);
    const docket = await listCasesForUser(clerk.actor);
    expect(docket.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
    expect(docket.every((c) => c.myRoles.length === 0)).toBe(true);
  });

  it('shows a depositor no cases', async () => {
    const court = await buildCourt();
    const depositor = await buildUser({ role: 'depositor', courtId: court.id });
    await buildCase(court.id, [{ userId: depositor.user.id, role: 'plaintiff' }]);
    expect(await listCasesForUser(depositor.actor)).toEqual([]);
  });

  it('shows an administrator no cases', async () => {
    const court = await buildCourt();
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    await buildCase(court.id, [{ userId: admin.user.id, role: 'clerk' }]);
    expect(await listCasesForUser(admin.actor)).toEqual([]);
  });
});
