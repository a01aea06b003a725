/**
 * Invitations end to end on the real database: the link is taken from the queued e-mail (as the
 * recipient gets it), accepted once; forged, used, expired and withdrawn links, taken addresses,
 * weak passwords and other courts' cases are refused, and a refusal leaves nothing half-done.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocket, membersOf } from '@/lib/cases/docket.testing';
import { getPool } from '@/lib/db/pool';
import { buildDepositorOrg } from '@/lib/depositors/testing';
import { buildCourt, buildUser, tag } from '@/test/builders';
import { acceptInvitation, readInvitation } from './accept-invitation';
import { inviteCaseParty } from './invite-case-party';
import { inviteStaff } from './invite-staff';
import { listCaseInvitations, listStaffInvitations } from './list-invitations';
import { resendInvitation, revokeInvitation } from './manage-invitation';

const STRONG = 'a long enough passphrase';

beforeAll(() => {
  // The fallback public URL for courts without one of their own (npm start always sets it).
  process.env.NEXTAUTH_URL ??= 'http://verity.test';
});

async function courtWithAdmin() {
  const court = await buildCourt();
  const { actor } = await buildUser({ role: 'admin', courtId: court.id, name: '王管理员' });
  return { court, admin: actor };
}

const address = () => `invitee-${tag()}@example.com`;

/** The newest invitation mail to `to`: its parameters, and the token at the end of its link. */
async function mailTo(to: string) {
  const { rows } = await getPool().query<{ locale: string; params: Record<string, string> }>(
    "SELECT locale, params FROM mail_outbox WHERE recipient = $1 AND template = 'invitation' ORDER BY created_at DESC, id LIMIT 1",
    [to],
  );
  const mail = rows[0];
  if (!mail) throw new Error(`no invitation mail to ${to}`);
  return { ...mail, token: mail.params.link?.split('/invitations/')[1]?.split('?')[0] ?? '' };
}

async function userByEmail(email: string) {
  const { rows } = await getPool().query(
    'SELECT id, name, role::text AS role, court_id AS "courtId", depositor_org_id AS "depositorOrgId", locale FROM users WHERE email = $1',
    [email],
  );
  return rows[0] as
    | { id: string; name: string; role: string; courtId: string | null; depositorOrgId: string | null; locale: string }
    | undefined;
}

describe('inviteStaff and acceptInvitation', () => {
  it('queues the e-mail with the invitation, and accepting creates the account in that role and court', async () => {
    const { court, admin } = await courtWithAdmin();
    await getPool().query("UPDATE courts SET public_url = 'https://verity.court.example' WHERE id = $1", [court.id]);
    const email = address();
    await inviteStaff(admin, { email: email.toUpperCase(), name: '李法官', role: 'judge', locale: 'en' });
    const mail = await mailTo(email);
    expect(mail.locale).toBe('en');
    expect(mail.params).toMatchObject({ inviterName: '王管理员', courtName: court.nameEn, role: 'judge' });
    expect(mail.params.link).toMatch(/^https:\/\/verity\.court\.example\/invitations\/[A-Za-z0-9_-]{43}\?lang=en$/);
    expect(await readInvitation(mail.token)).toMatchObject({
      email,
      name: '李法官',
      role: 'judge',
      inviterName: '王管理员',
    });
    const { userId } = await acceptInvitation(mail.token, { name: '李法官 Judge Li', password: STRONG });
    expect(await userByEmail(email)).toMatchObject({ id: userId, role: 'judge', courtId: court.id, locale: 'en' });
    await expect(acceptInvitation(mail.token, { name: 'again', password: STRONG })).rejects.toMatchObject({
      details: { reason: 'LINK_USED' },
    });
    const listed = await listStaffInvitations(admin, { q: email });
    expect(listed.items.map((i) => i.status)).toEqual(['accepted']);
  });

  it('invites a depositor of an organisation (and no other role with one)', async () => {
    const { admin } = await courtWithAdmin();
    const org = await buildDepositorOrg();
    const email = address();
    await expect(inviteStaff(admin, { email, name: 'x', role: 'depositor', locale: 'zh-CN' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      inviteStaff(admin, { email, name: 'x', role: 'clerk', depositorOrgId: org.id, locale: 'zh-CN' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await inviteStaff(admin, { email, name: '孙存证员', role: 'depositor', depositorOrgId: org.id, locale: 'zh-CN' });
    await acceptInvitation((await mailTo(email)).token, { name: '孙存证员', password: STRONG });
    expect(await userByEmail(email)).toMatchObject({ role: 'depositor', depositorOrgId: org.id, courtId: null });
  });

  it('refuses an address with an account, a second pending invitation, malformed input and non-admins', async () => {
    const { court, admin } = await courtWithAdmin();
    const { user } = await buildUser({ role: 'litigant' });
    await expect(
      inviteStaff(admin, { email: user.email, name: 'x', role: 'clerk', locale: 'en' }),
    ).rejects.toMatchObject({
      details: { reason: 'EMAIL_TAKEN' },
    });
    const email = address();
    await inviteStaff(admin, { email, name: 'x', role: 'clerk', locale: 'en' });
    await expect(inviteStaff(admin, { email, name: 'x', role: 'clerk', locale: 'en' })).rejects.toMatchObject({
      details: { reason: 'ALREADY_INVITED' },
    });
    for (const bad of ['not an address', 'a@b', '']) {
      await expect(inviteStaff(admin, { email: bad, name: 'x', role: 'clerk', locale: 'en' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
    await expect(
      inviteStaff(admin, { email: address(), name: 'x', role: 'litigant' as 'clerk', locale: 'en' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const { actor: clerk } = await buildUser({ role: 'clerk', courtId: court.id });
    await expect(
      inviteStaff(clerk, { email: address(), name: 'x', role: 'judge', locale: 'en' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses forged, expired and withdrawn links, and a weak password, leaving the invitation pending', async () => {
    const { admin } = await courtWithAdmin();
    for (const token of ['', 'short', 'A'.repeat(43)]) {
      await expect(readInvitation(token)).rejects.toMatchObject({ details: { reason: 'LINK_INVALID' } });
      await expect(acceptInvitation(token, { name: 'x', password: STRONG })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const email = address();
    const { invitationId } = await inviteStaff(admin, { email, name: 'x', role: 'clerk', locale: 'zh-CN' });
    const { token } = await mailTo(email);
    await expect(acceptInvitation(token, { name: 'x', password: 'short' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await userByEmail(email)).toBeUndefined();
    await getPool().query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [
      invitationId,
    ]);
    await expect(acceptInvitation(token, { name: 'x', password: STRONG })).rejects.toMatchObject({
      details: { reason: 'LINK_EXPIRED' },
    });
    // Sending again gives a new link, 7 more days; the old link no longer works.
    const { expiresAt } = await resendInvitation(admin, invitationId);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);
    const fresh = (await mailTo(email)).token;
    expect(fresh).not.toBe(token);
    await expect(readInvitation(token)).rejects.toMatchObject({ details: { reason: 'LINK_INVALID' } });
    await revokeInvitation(admin, invitationId);
    await expect(acceptInvitation(fresh, { name: 'x', password: STRONG })).rejects.toMatchObject({
      details: { reason: 'LINK_REVOKED' },
    });
    await expect(resendInvitation(admin, invitationId)).rejects.toMatchObject({ details: { reason: 'LINK_REVOKED' } });
    expect(await userByEmail(email)).toBeUndefined();
  });

  it("keeps another court's invitations from an admin", async () => {
    const a = await courtWithAdmin();
    const b = await courtWithAdmin();
    const email = address();
    const { invitationId } = await inviteStaff(a.admin, { email, name: 'x', role: 'clerk', locale: 'en' });
    await expect(revokeInvitation(b.admin, invitationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listStaffInvitations(b.admin, { q: email })).total).toBe(0);
  });
});

describe('inviteCaseParty', () => {
  it('invites a new address; on acceptance the litigant joins the case in that role', async () => {
    const d = await buildDocket();
    const email = address();
    const result = await inviteCaseParty(d.clerk.actor, d.theCase.id, {
      email,
      name: '张原告',
      caseRole: 'plaintiff',
      locale: 'zh-CN',
    });
    expect(result.kind).toBe('invited');
    const mail = await mailTo(email);
    expect(mail.params.caseNumber).toBe(d.theCase.caseNumber);
    expect((await listCaseInvitations(d.clerk.actor, d.theCase.id)).map((i) => i.email)).toEqual([email]);
    const { userId } = await acceptInvitation(mail.token, { name: '张原告', password: STRONG });
    expect(await userByEmail(email)).toMatchObject({ role: 'litigant', courtId: d.court.id });
    expect(await membersOf(d.theCase.id)).toEqual([{ userId, role: 'plaintiff' }]);
    const { rows } = await getPool().query(
      "SELECT actor_id FROM audit_events WHERE case_id = $1 AND action = 'case.member_added' AND subject_id = $2",
      [d.theCase.id, userId],
    );
    expect(rows).toEqual([{ actor_id: d.clerk.user.id }]);
  });

  it('adds an existing account at once, without an invitation', async () => {
    const d = await buildDocket();
    const result = await inviteCaseParty(d.clerk.actor, d.theCase.id, {
      email: d.defendant.user.email,
      name: 'ignored',
      caseRole: 'defendant',
      locale: 'en',
    });
    expect(result).toMatchObject({ kind: 'added', userId: d.defendant.user.id });
    expect(await membersOf(d.theCase.id)).toEqual([{ userId: d.defendant.user.id, role: 'defendant' }]);
    const { rows } = await getPool().query('SELECT 1 FROM invitations WHERE email = $1', [d.defendant.user.email]);
    expect(rows).toHaveLength(0);
    // A staff account cannot be made a party.
    await expect(
      inviteCaseParty(d.clerk.actor, d.theCase.id, {
        email: d.judge.user.email,
        name: 'x',
        caseRole: 'plaintiff',
        locale: 'en',
      }),
    ).rejects.toMatchObject({ details: { reason: 'ROLE_MISMATCH' } });
  });

  it('refuses a clerk of another court (NOT_FOUND), a judge, and a second pending invitation', async () => {
    const d = await buildDocket();
    const other = await buildDocket();
    const input = { email: address(), name: 'x', caseRole: 'defendant' as const, locale: 'en' as const };
    await expect(inviteCaseParty(other.clerk.actor, d.theCase.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(inviteCaseParty(d.judge.actor, d.theCase.id, input)).rejects.toMatchObject({
      code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/),
    });
    await inviteCaseParty(d.clerk.actor, d.theCase.id, input);
    await expect(inviteCaseParty(d.clerk.actor, d.theCase.id, input)).rejects.toMatchObject({
      details: { reason: 'ALREADY_INVITED' },
    });
    await expect(listCaseInvitations(other.clerk.actor, d.theCase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('honours every pending case invitation to the address on the first acceptance', async () => {
    const d = await buildDocket();
    const second = await buildDocket();
    const email = address();
    await inviteCaseParty(d.clerk.actor, d.theCase.id, { email, name: 'x', caseRole: 'plaintiff', locale: 'en' });
    const firstToken = (await mailTo(email)).token;
    await inviteCaseParty(second.clerk.actor, second.theCase.id, {
      email,
      name: 'x',
      caseRole: 'defendant',
      locale: 'en',
    });
    const { userId } = await acceptInvitation(firstToken, { name: 'Party', password: STRONG });
    expect(await membersOf(d.theCase.id)).toEqual([{ userId, role: 'plaintiff' }]);
    expect(await membersOf(second.theCase.id)).toEqual([{ userId, role: 'defendant' }]);
  });
});

describe('acceptInvitation at the same moment twice', () => {
  it('creates one account; the other submission finds the link used', async () => {
    const { admin } = await courtWithAdmin();
    const email = address();
    await inviteStaff(admin, { email, name: 'x', role: 'clerk', locale: 'en' });
    const { token } = await mailTo(email);
    const results = await Promise.allSettled([
      acceptInvitation(token, { name: 'One', password: STRONG }),
      acceptInvitation(token, { name: 'Two', password: STRONG }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      details: { reason: 'LINK_USED' },
    });
    const { rows } = await getPool().query('SELECT 1 FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);
  });
});
