/**
 * The admin's account operations on the real database: search and pages, disabling and role
 * changes ending the person's sessions in the same transaction, the last active administrator
 * kept (also when two admins disable each other at the same moment), and refusals.
 */
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildDepositorOrg } from '@/lib/depositors/testing';
import { buildCase, buildCourt, buildUser, tag } from '@/test/builders';
import { changeAccountRole } from './change-account-role';
import { getAccount, listAccounts } from './list-accounts';
import { PAGE_SIZE } from './paging';
import { setAccountDisabled } from './set-account-disabled';

async function openSession(userId: string): Promise<string> {
  const { rows } = await getPool().query<{ id: string }>(
    "INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + interval '1 hour') RETURNING id",
    [userId],
  );
  return rows[0]?.id as string;
}

async function sessionEnd(id: string) {
  const { rows } = await getPool().query('SELECT end_reason FROM user_sessions WHERE id = $1', [id]);
  return (rows[0] as { end_reason: string | null }).end_reason;
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  const { rows } = await getPool().query(
    'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND subject_id = $2',
    [action, subjectId],
  );
  return (rows[0] as { n: number }).n;
}

/** A court with `admins` active administrators (the first is the actor). */
async function court(admins = 2) {
  const c = await buildCourt();
  const list = [];
  for (let i = 0; i < admins; i++) list.push(await buildUser({ role: 'admin', courtId: c.id }));
  return { court: c, admins: list, admin: list[0]?.actor as NonNullable<(typeof list)[0]>['actor'] };
}

describe('listAccounts', () => {
  it('searches by name, address and organisation, a page at a time', async () => {
    const { court: c, admin } = await court(1);
    const t = tag();
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      await buildUser({ role: 'clerk', courtId: c.id, email: `paged-${t}-${i}@example.com` });
    }
    const first = await listAccounts(admin, { q: `paged-${t}` });
    expect(first).toMatchObject({ total: PAGE_SIZE + 2, pages: 2, page: 1 });
    expect(first.items).toHaveLength(PAGE_SIZE);
    const second = await listAccounts(admin, { q: `paged-${t}`, page: 2 });
    expect(second.items).toHaveLength(2);
    const org = await buildDepositorOrg(`Org ${t}`);
    const { user: depositor } = await buildUser({ role: 'depositor', depositorOrgId: org.id });
    expect((await listAccounts(admin, { q: `Org ${t}` })).items.map((u) => u.id)).toEqual([depositor.id]);
    // LIKE's own characters are taken literally.
    expect((await listAccounts(admin, { q: `paged_${t}%` })).total).toBe(0);
  });

  it("does not list another court's staff, and refuses non-admins", async () => {
    const a = await court(1);
    const b = await court(1);
    const { user: judgeB } = await buildUser({ role: 'judge', courtId: b.court.id });
    expect((await listAccounts(a.admin, { q: judgeB.email })).total).toBe(0);
    await expect(getAccount(a.admin, judgeB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { actor: clerk } = await buildUser({ role: 'clerk', courtId: a.court.id });
    await expect(listAccounts(clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('setAccountDisabled', () => {
  it('disables (ending every session) and enables, each a custody-log event', async () => {
    const { court: c, admin } = await court(1);
    const { user } = await buildUser({ role: 'judge', courtId: c.id });
    const [s1, s2] = [await openSession(user.id), await openSession(user.id)];
    expect(await setAccountDisabled(admin, { userId: user.id, disabled: true })).toEqual({
      changed: true,
      sessionsEnded: 2,
    });
    expect([await sessionEnd(s1), await sessionEnd(s2)]).toEqual(['disabled', 'disabled']);
    expect((await getAccount(admin, user.id)).disabled).toBe(true);
    expect(await setAccountDisabled(admin, { userId: user.id, disabled: true })).toEqual({
      changed: false,
      sessionsEnded: 0,
    });
    await setAccountDisabled(admin, { userId: user.id, disabled: false });
    expect((await getAccount(admin, user.id)).disabled).toBe(false);
    expect(await auditCount('user.disabled', user.id)).toBe(1);
    expect(await auditCount('user.enabled', user.id)).toBe(1);
  });

  it('refuses to disable the last active administrator, who keeps their sessions', async () => {
    const { admin, admins } = await court(1);
    const session = await openSession(admin.id);
    await expect(setAccountDisabled(admin, { userId: admin.id, disabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'LAST_ADMIN' },
    });
    expect(await sessionEnd(session)).toBeNull();
    expect(admins).toHaveLength(1);
  });

  it('lets only one of two admins disabling each other at the same moment succeed', async () => {
    const { admins } = await court(2);
    const [a, b] = admins.map((x) => x.actor) as [(typeof admins)[0]['actor'], (typeof admins)[0]['actor']];
    const results = await Promise.allSettled([
      setAccountDisabled(a, { userId: b.id, disabled: true }),
      setAccountDisabled(b, { userId: a.id, disabled: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      details: { reason: 'LAST_ADMIN' },
    });
    const { rows } = await getPool().query(
      'SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND disabled_at IS NULL',
      [[a.id, b.id]],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("refuses another court's staff (NOT_FOUND), non-admins (FORBIDDEN) and malformed ids", async () => {
    const a = await court(1);
    const b = await court(1);
    await expect(setAccountDisabled(a.admin, { userId: b.admin.id, disabled: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { actor: clerk } = await buildUser({ role: 'clerk', courtId: a.court.id });
    await expect(setAccountDisabled(clerk, { userId: a.admin.id, disabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(setAccountDisabled(a.admin, { userId: 'nope', disabled: true })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('changeAccountRole', () => {
  it('changes a role, ends the sessions and records from and to', async () => {
    const { court: c, admin } = await court(1);
    const { user } = await buildUser({ role: 'judge', courtId: c.id });
    const session = await openSession(user.id);
    expect(await changeAccountRole(admin, { userId: user.id, role: 'clerk' })).toEqual({
      changed: true,
      sessionsEnded: 1,
    });
    expect(await sessionEnd(session)).toBe('role_changed');
    expect((await getAccount(admin, user.id)).role).toBe('clerk');
    const { rows } = await getPool().query(
      "SELECT details FROM audit_events WHERE action = 'user.role_changed' AND subject_id = $1",
      [user.id],
    );
    expect(rows[0]).toMatchObject({ details: { from: 'judge', to: 'clerk' } });
  });

  it('makes a depositor of an organisation, and back to staff of the court', async () => {
    const { court: c, admin } = await court(1);
    const org = await buildDepositorOrg();
    const { user } = await buildUser({ role: 'clerk', courtId: c.id });
    await expect(changeAccountRole(admin, { userId: user.id, role: 'depositor' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await changeAccountRole(admin, { userId: user.id, role: 'depositor', depositorOrgId: org.id });
    expect(await getAccount(admin, user.id)).toMatchObject({
      role: 'depositor',
      depositorOrgId: org.id,
      courtId: null,
    });
    await changeAccountRole(admin, { userId: user.id, role: 'judge' });
    expect(await getAccount(admin, user.id)).toMatchObject({ role: 'judge', depositorOrgId: null, courtId: c.id });
  });

  it('refuses to demote the last admin, to change a party, or a judge still assigned to a case', async () => {
    const { court: c, admin } = await court(1);
    await expect(changeAccountRole(admin, { userId: admin.id, role: 'clerk' })).rejects.toMatchObject({
      details: { reason: 'LAST_ADMIN' },
    });
    const { user: party } = await buildUser({ role: 'litigant' });
    await expect(changeAccountRole(admin, { userId: party.id, role: 'judge' })).rejects.toMatchObject({
      details: { reason: 'PARTY_ROLE_FIXED' },
    });
    const { user: judge } = await buildUser({ role: 'judge', courtId: c.id });
    await buildCase(c.id, [{ userId: judge.id, role: 'judge' }]);
    await expect(changeAccountRole(admin, { userId: judge.id, role: 'clerk' })).rejects.toMatchObject({
      details: { reason: 'IN_CASES' },
    });
    await expect(changeAccountRole(admin, { userId: judge.id, role: 'litigant' as 'judge' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
