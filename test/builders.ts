/**
 * Test data with safe defaults and random identities, so test files can run in parallel
 * against the one database without colliding.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { getDb } from '@/lib/db/client';
import type { CaseRole, Role } from '@/lib/db/generated/enums';

export function tag(): string {
  return randomUUID().slice(0, 8);
}

export async function buildCourt() {
  const t = tag();
  return getDb().court.create({ data: { code: `C-${t}`, nameZh: `测试法院${t}`, nameEn: `Test Court ${t}` } });
}

export async function buildUser(
  options: {
    role?: Role;
    courtId?: string | null;
    password?: string;
    disabled?: boolean;
    /** For role depositor: its organisation (default: a new one). Other roles have none. */
    depositorOrgId?: string;
    /** Default: `Test <role>`. */
    name?: string;
    /** Default: a random address at example.com. */
    email?: string;
  } = {},
) {
  const password = options.password ?? `pw-${randomUUID()}`;
  const depositorOrgId =
    options.role === 'depositor'
      ? (options.depositorOrgId ??
        (await getDb().depositorOrg.create({ data: { name: `Depositor ${randomUUID()}` } })).id)
      : null;
  const user = await getDb().user.create({
    data: {
      email: options.email ?? `user-${tag()}@example.com`,
      name: options.name ?? `Test ${options.role ?? 'litigant'}`,
      role: options.role ?? 'litigant',
      passwordHash: await hashPassword(password),
      courtId: options.courtId ?? null,
      disabledAt: options.disabled ? new Date() : null,
      depositorOrgId,
    },
  });
  return { user, password, actor: toActor(user) };
}

export function toActor(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  courtId: string | null;
  depositorOrgId?: string | null;
}): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    courtId: user.courtId,
    depositorOrgId: user.depositorOrgId ?? null,
  };
}

/** An actor of `role` with no account behind it: for a domain function's permission check alone. */
export function roleActor(role: Role): Actor {
  return toActor({ id: randomUUID(), email: 'x@court.test', name: 'X', role, courtId: null });
}

export async function buildCase(courtId: string, members: Array<{ userId: string; role: CaseRole }> = []) {
  return getDb().case.create({
    data: {
      courtId,
      caseNumber: `（2026）测0491民初${tag()}号`,
      title: '测试案件',
      causeOfAction: '测试案由',
      members: { create: members },
    },
  });
}
