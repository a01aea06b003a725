import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/client';
import { DEMO_CASES, DEMO_DEPOSITOR, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { seedDemo } from './seed-demo';

describe('seedDemo', () => {
  it('creates the demo court, users and cases once, and a second run adds nothing', async () => {
    const db = getDb();
    const first = await seedDemo(db);
    const counts = async () => ({
      users: await db.user.count({ where: { email: { endsWith: '@demo.verity' } } }),
      cases: await db.case.count({ where: { caseNumber: { in: DEMO_CASES.map((c) => c.caseNumber) } } }),
      members: await db.caseMember.count({
        where: { case: { caseNumber: { in: DEMO_CASES.map((c) => c.caseNumber) } } },
      }),
    });
    const afterFirst = await counts();
    expect(first).toEqual({ usersCreated: DEMO_USERS.length, casesCreated: DEMO_CASES.length });
    expect(afterFirst).toEqual({
      users: DEMO_USERS.length,
      cases: DEMO_CASES.length,
      members: DEMO_CASES.reduce((n, c) => n + c.members.length, 0),
    });

    expect(await seedDemo(db)).toEqual({ usersCreated: 0, casesCreated: 0 });
    expect(await counts()).toEqual(afterFirst);

    const judge = await db.user.findUniqueOrThrow({ where: { email: 'judge@demo.verity' } });
    expect(judge.role).toBe('judge');
    expect(await verifyPassword(judge.passwordHash, DEMO_PASSWORD)).toBe(true);

    const depositor = await db.user.findUniqueOrThrow({
      where: { email: 'depositor@demo.verity' },
      include: { depositorOrg: true },
    });
    expect(depositor).toMatchObject({ role: 'depositor', courtId: null, depositorOrg: { name: DEMO_DEPOSITOR.name } });
  });
});
