import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCourt, buildUser, tag } from '@/test/builders';
import { addMember, buildDocket } from './docket.testing';
import { ASSIGNABLE_SEARCH_LIMIT, searchAssignableUsers } from './list-assignable-users';

/** `count` active litigants named `<prefix> NN` (no password: they only need to be found). */
async function manyLitigants(prefix: string, count: number): Promise<void> {
  await getDb().user.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      email: `${prefix.toLowerCase().replace(/\W/g, '')}-${i}-${tag()}@example.com`,
      name: `${prefix} ${String(i).padStart(2, '0')}`,
      role: 'litigant' as const,
      passwordHash: 'not-a-hash',
    })),
  });
}

describe('searchAssignableUsers', () => {
  it("finds active litigants as parties and the court's own judges and clerks by name or e-mail, any case", async () => {
    const t = tag();
    const { court, clerk, theCase } = await buildDocket();
    const elsewhere = await buildCourt();
    const litigant = await buildUser({ role: 'litigant', name: `Wang Fang ${t}`, email: `wf-${t}@example.com` });
    const judge = await buildUser({ role: 'judge', courtId: court.id, name: `Judge ${t}` });
    const colleague = await buildUser({ role: 'clerk', courtId: court.id, name: `Clerk ${t}` });
    const foreignJudge = await buildUser({ role: 'judge', courtId: elsewhere.id, name: `Judge ${t} elsewhere` });
    const foreignClerk = await buildUser({ role: 'clerk', courtId: elsewhere.id, name: `Clerk ${t} elsewhere` });
    const disabled = await buildUser({ role: 'litigant', disabled: true, name: `Gone ${t}` });
    const admin = await buildUser({ role: 'admin', courtId: court.id, name: `Admin ${t}` });
    const depositor = await buildUser({ role: 'depositor', name: `Depositor ${t}` });

    const found = await searchAssignableUsers(clerk.actor, theCase.id, { q: t.toUpperCase() });
    expect(found.truncated).toBe(false);
    expect(found.limit).toBe(ASSIGNABLE_SEARCH_LIMIT);
    // Litigants first, then judges, then clerks; nobody ineligible.
    expect(found.people).toEqual([
      {
        id: litigant.user.id,
        name: litigant.user.name,
        email: litigant.user.email,
        accountRole: 'litigant',
        roles: ['plaintiff', 'defendant'],
      },
      { id: judge.user.id, name: judge.user.name, email: judge.user.email, accountRole: 'judge', roles: ['judge'] },
      {
        id: colleague.user.id,
        name: colleague.user.name,
        email: colleague.user.email,
        accountRole: 'clerk',
        roles: ['clerk'],
      },
    ]);
    const ids = found.people.map((p) => p.id);
    for (const other of [foreignJudge, foreignClerk, disabled, admin, depositor]) {
      expect(ids, other.user.role).not.toContain(other.user.id);
    }
    // By e-mail, in any case, and part of a word.
    const byMail = await searchAssignableUsers(clerk.actor, theCase.id, { q: `  WF-${t}@EXAMPLE ` });
    expect(byMail.people.map((p) => p.id)).toEqual([litigant.user.id]);
    // Chinese names too.
    const zh = await buildUser({ role: 'litigant', name: `张小明${t}` });
    expect((await searchAssignableUsers(clerk.actor, theCase.id, { q: `小明${t}` })).people.map((p) => p.id)).toEqual([
      zh.user.id,
    ]);
  });

  it('leaves out people already in the case, whatever role they hold', async () => {
    const t = tag();
    const { court, clerk, theCase } = await buildDocket();
    const plaintiff = await buildUser({ role: 'litigant', name: `Party ${t} A` });
    const free = await buildUser({ role: 'litigant', name: `Party ${t} B` });
    const judge = await buildUser({ role: 'judge', courtId: court.id, name: `Party ${t} judge` });
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    await addMember(theCase.id, judge.user.id, 'judge');
    const ids = (await searchAssignableUsers(clerk.actor, theCase.id, { q: `party ${t}` })).people.map((p) => p.id);
    expect(ids).toEqual([free.user.id]);
  });

  it('shows at most the limit, says when more match, and takes % and _ literally', async () => {
    const t = tag();
    const { clerk, theCase } = await buildDocket();
    await manyLitigants(`Many ${t}`, ASSIGNABLE_SEARCH_LIMIT + 5);
    const all = await searchAssignableUsers(clerk.actor, theCase.id, { q: `many ${t}` });
    expect(all.people).toHaveLength(ASSIGNABLE_SEARCH_LIMIT);
    expect(all.truncated).toBe(true);
    expect(all.people[0]?.name).toBe(`Many ${t} 00`);
    // Exactly the limit: not truncated.
    const exact = await searchAssignableUsers(clerk.actor, theCase.id, { q: `many ${t}`, limit: 25 });
    expect(exact).toMatchObject({ truncated: false, limit: 25 });
    expect(exact.people).toHaveLength(25);
    // A narrower search finds one.
    const one = await searchAssignableUsers(clerk.actor, theCase.id, { q: `Many ${t} 07` });
    expect(one.people.map((p) => p.name)).toEqual([`Many ${t} 07`]);
    expect(one.truncated).toBe(false);
    // LIKE's wildcards are plain characters.
    expect((await searchAssignableUsers(clerk.actor, theCase.id, { q: `many_${t}` })).people).toEqual([]);
    expect((await searchAssignableUsers(clerk.actor, theCase.id, { q: `many%${t}` })).people).toEqual([]);
  });

  it('finds nobody for a blank search and refuses malformed input', async () => {
    const { clerk, theCase } = await buildDocket();
    expect(await searchAssignableUsers(clerk.actor, theCase.id, { q: '   ' })).toEqual({
      people: [],
      truncated: false,
      limit: ASSIGNABLE_SEARCH_LIMIT,
    });
    await expect(searchAssignableUsers(clerk.actor, theCase.id, { q: 'x'.repeat(201) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(searchAssignableUsers(clerk.actor, theCase.id, { q: 'a', limit: 0 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      searchAssignableUsers(clerk.actor, theCase.id, { q: 42 } as unknown as { q: string }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses the judge and parties of the case (FORBIDDEN) and hides the case from everyone else (NOT_FOUND)', async () => {
    const { court, judge, plaintiff, defendant, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    for (const who of [judge, plaintiff]) {
      await expect(searchAssignableUsers(who.actor, theCase.id, { q: 'a' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [otherClerk, defendant, admin, depositor]) {
      await expect(searchAssignableUsers(who.actor, theCase.id, { q: 'a' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });
});
