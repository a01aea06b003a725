/**
 * Seeds the demo court, users and cases, and the demo depositor organisation that the demo
 * depositor account belongs to (seed-demo-ledger.ts gives it its API key and deposits).
 * Idempotent: every row is found by its natural key (court code, e-mail, case number,
 * organisation name) and created only when missing, so a second run adds nothing and never
 * resets a password someone changed.
 */
import { hashPassword } from '../../lib/auth/password';
import type { PrismaClient } from '../../lib/db/create-client';
import { DEMO_CASES, DEMO_COURT, DEMO_DEPOSITOR, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

export interface SeedSummary {
  usersCreated: number;
  casesCreated: number;
}

export async function seedDemo(db: PrismaClient): Promise<SeedSummary> {
  const court = await db.court.upsert({ where: { code: DEMO_COURT.code }, update: {}, create: { ...DEMO_COURT } });

  const existing = new Set(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { email: true } })).map(
      (u) => u.email,
    ),
  );
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email));
  if (missing.length > 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const depositorOrg = missing.some((u) => u.role === 'depositor')
      ? await db.depositorOrg.upsert({
          where: { name: DEMO_DEPOSITOR.name },
          update: {},
          create: { ...DEMO_DEPOSITOR },
        })
      : null;
    await db.user.createMany({
      data: missing.map((u) =>
        u.role === 'depositor'
          ? { ...u, passwordHash, courtId: null, depositorOrgId: depositorOrg?.id }
          : { ...u, passwordHash, courtId: court.id },
      ),
      skipDuplicates: true,
    });
  }
  const users = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
  const userId = new Map(users.map((u) => [u.email, u.id]));

  let casesCreated = 0;
  for (const demo of DEMO_CASES) {
    const found = await db.case.findUnique({ where: { caseNumber: demo.caseNumber } });
    if (found) continue;
    await db.case.create({
      data: {
        courtId: court.id,
        caseNumber: demo.caseNumber,
        title: demo.title,
        causeOfAction: demo.causeOfAction,
        members: {
          create: demo.members.map((m) => ({ role: m.role, userId: mustGet(userId, m.email) })),
        },
      },
    });
    casesCreated++;
  }
  return { usersCreated: missing.length, casesCreated };
}

function mustGet(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`seed: demo user ${key} is missing`);
  return value;
}
