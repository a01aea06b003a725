/**
 * Who is told of each case event (and who is not: the actor, people of other cases, other
 * courts, disabled accounts), the e-mail that goes with it in each person's language, and a
 * person's own list: read/unread, newest first, pages, mark read — their own only.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { createCase } from '@/lib/cases/create-case';
import { newCaseNumber } from '@/lib/cases/docket.testing';
import { removeCaseMember } from '@/lib/cases/remove-case-member';
import { updateCase } from '@/lib/cases/update-case';
import { certifiedExhibit } from '@/lib/certificates/certificate-downloads.testing';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { getDb } from '@/lib/db/client';
import { closePool, withTransaction } from '@/lib/db/pool';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildUser, tag, toActor } from '@/test/builders';
import { listNotifications, NOTIFICATIONS_PAGE_SIZE } from './list-notifications';
import { markAllNotificationsRead, markNotificationRead } from './mark-notifications-read';
import { notifyCaseEvent } from './notify-case-event';
import { setNotifyByEmail } from './set-notify-by-email';

afterAll(() => closePool());

type Room = Awaited<ReturnType<typeof buildCourtroom>>;

/** Everyone of the room (and a clerk of the same court outside the case), by name. */
async function peopleOf(room: Room) {
  const courtClerk = await buildUser({ role: 'clerk', courtId: room.court.id, name: 'Court Clerk' });
  const disabledClerk = await buildUser({ role: 'clerk', courtId: room.court.id, disabled: true });
  return {
    plaintiff: room.plaintiff.user.id,
    defendant: room.defendant.user.id,
    stranger: room.stranger.user.id,
    judge: room.judge.user.id,
    otherJudge: room.otherJudge.user.id,
    clerk: room.clerk.user.id,
    courtClerk: courtClerk.user.id,
    disabledClerk: disabledClerk.user.id,
    otherClerk: room.otherClerk.user.id,
    admin: room.admin.user.id,
  };
}

/** Who got a notification of `kind` about `caseId` (names from `people`). */
async function told(people: Record<string, string>, kind: string, caseId: string): Promise<string[]> {
  const rows = await getDb().notification.findMany({
    where: { kind, caseId, userId: { in: Object.values(people) } },
    select: { userId: true },
  });
  const byId = new Map(Object.entries(people).map(([name, id]) => [id, name]));
  return rows.map((r) => byId.get(r.userId) ?? r.userId).sort();
}

async function submit(room: Room, who: 'plaintiff' | 'defendant' = 'plaintiff') {
  const bytes = randomEvidence(256);
  return submitHashOnlyExhibit(room[who].actor, room.caseA.id, { title: `evidence ${tag()}`, ...digestsOf(bytes) });
}

describe('who is told', () => {
  it('of an exhibit: the other party and the judges of the case, never the submitter or others', async () => {
    const room = await buildCourtroom();
    const people = await peopleOf(room);
    const exhibit = await submit(room, 'plaintiff');
    expect(await told(people, 'exhibit_submitted', room.caseA.id)).toEqual(['defendant', 'judge']);
    const row = await getDb().notification.findFirstOrThrow({ where: { userId: people.judge, caseId: room.caseA.id } });
    expect(row).toMatchObject({ subjectId: exhibit.id, readAt: null });
    expect(row.payload).toEqual({
      caseNumber: room.caseA.caseNumber,
      actorName: 'Test litigant',
      exhibitNumber: 1,
      party: 'plaintiff',
    });
  });

  it('of a determination: the parties of the case only', async () => {
    const room = await buildCourtroom();
    const people = await peopleOf(room);
    const exhibit = await submit(room, 'defendant');
    await recordDetermination(room.judge.actor, exhibit.id, { outcome: 'accepted', reasoning: 'Consistent.' });
    expect(await told(people, 'determination_recorded', room.caseA.id)).toEqual(['defendant', 'plaintiff']);
  });

  it('of a certificate issued and revoked: the parties of the case only', async () => {
    const room = await buildCourtroom();
    const people = await peopleOf(room);
    const certified = await certifiedExhibit(room);
    expect(await told(people, 'certificate_issued', room.caseA.id)).toEqual(['defendant', 'plaintiff']);
    await revokeCertificate(room.clerk.actor, certified.certificateId, { reason: 'typo in the title' });
    expect(await told(people, 'certificate_revoked', room.caseA.id)).toEqual(['defendant', 'plaintiff']);
    const row = await getDb().notification.findFirstOrThrow({
      where: { userId: people.defendant, kind: 'certificate_revoked', caseId: room.caseA.id },
    });
    expect(row.payload).toMatchObject({ certificateNumber: certified.number, exhibitNumber: 1 });
  });

  it('of a case opened, changed, and people added or removed: the other active clerks of its court', async () => {
    const room = await buildCourtroom();
    const people = await peopleOf(room);
    const created = await createCase(room.clerk.actor, {
      caseNumber: newCaseNumber(),
      title: 'A new case',
      causeOfAction: 'contract',
    });
    expect(await told(people, 'case_created', created.id)).toEqual(['courtClerk']);
    await updateCase(room.clerk.actor, created.id, { title: 'A renamed case' });
    expect(await told(people, 'case_updated', created.id)).toEqual(['courtClerk']);
    // Nothing changed: no event, nobody told.
    await updateCase(room.clerk.actor, created.id, { title: 'A renamed case' });
    expect(await told(people, 'case_updated', created.id)).toEqual(['courtClerk']);
    // The other clerk acts: the first is told, the actor is not.
    const courtClerk = await getDb().user.findUniqueOrThrow({ where: { id: people.courtClerk } });
    const actor = toActor(courtClerk);
    await addCaseMember(actor, created.id, { userId: people.plaintiff, role: 'plaintiff' });
    expect(await told(people, 'case_member_added', created.id)).toEqual(['clerk']);
    await removeCaseMember(actor, created.id, { userId: people.plaintiff, role: 'plaintiff' });
    expect(await told(people, 'case_member_removed', created.id)).toEqual(['clerk']);
    const removed = await getDb().notification.findFirstOrThrow({
      where: { userId: people.clerk, kind: 'case_member_removed', caseId: created.id },
    });
    expect(removed.payload).toMatchObject({
      actorName: 'Court Clerk',
      memberName: 'Test litigant',
      memberRole: 'plaintiff',
    });
  });

  it('is written in the transaction of the event: rolled back, nobody is told', async () => {
    const room = await buildCourtroom();
    const people = await peopleOf(room);
    await expect(
      withTransaction(async (client) => {
        await notifyCaseEvent(client, { kind: 'case_updated', caseId: room.caseA.id, actorId: people.clerk });
        throw new Error('the change was not saved');
      }),
    ).rejects.toThrow('not saved');
    expect(await told(people, 'case_updated', room.caseA.id)).toEqual([]);
    expect(await getDb().mailOutbox.count({ where: { recipient: room.judge.user.email } })).toBe(0);
  });
});

describe('e-mail with a notification', () => {
  it('is queued in each person’s language, with a link, unless they turned it off', async () => {
    const room = await buildCourtroom();
    await getDb().user.update({ where: { id: room.defendant.user.id }, data: { locale: 'en' } });
    await setNotifyByEmail(room.judge.actor, false);
    const exhibit = await submit(room, 'plaintiff');
    const mails = await getDb().mailOutbox.findMany({
      where: { recipient: { in: [room.defendant.user.email, room.judge.user.email, room.plaintiff.user.email] } },
    });
    expect(mails.map((m) => m.recipient)).toEqual([room.defendant.user.email]);
    const [mail] = mails;
    expect(mail).toMatchObject({ locale: 'en', template: 'notification', status: 'queued' });
    expect(mail?.params).toMatchObject({
      name: 'Test litigant',
      summary: `The plaintiff submitted exhibit 1 in case ${room.caseA.caseNumber}.`,
    });
    expect((mail?.params as { link: string } | undefined)?.link).toMatch(
      new RegExp(`^https?://[^/]+/cases/${room.caseA.id}/exhibits/${exhibit.id}\\?lang=en$`),
    );

    // Back on, in Chinese (the default language).
    await setNotifyByEmail(room.judge.actor, true);
    await recordDetermination(room.judge.actor, exhibit.id, { outcome: 'rejected', reasoning: 'No.' });
    const zh = await getDb().mailOutbox.findFirstOrThrow({ where: { recipient: room.plaintiff.user.email } });
    expect(zh.locale).toBe('zh-CN');
    expect((zh.params as { link: string }).link).toMatch(/\?lang=zh-CN$/);
    expect((zh.params as { summary: string }).summary).toBe(
      `法官对案件${room.caseA.caseNumber}的第 1 号证据作出了认定。`,
    );
    await expect(setNotifyByEmail(room.judge.actor, 'yes' as never)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('a person’s notifications', () => {
  it('are their own, newest first, a page at a time, all or unread', async () => {
    const room = await buildCourtroom();
    const count = NOTIFICATIONS_PAGE_SIZE + 2;
    for (let i = 0; i < count; i++) {
      await withTransaction((client) =>
        notifyCaseEvent(client, { kind: 'case_updated', caseId: room.caseA.id, actorId: room.otherClerk.user.id }),
      );
    }
    // One second apart, in order (two may share a millisecond).
    await getDb().$executeRaw`UPDATE notifications n SET created_at = now() - make_interval(secs => 1000 - q.n)
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM notifications WHERE user_id = ${room.clerk.user.id}::uuid) q
      WHERE n.id = q.id`;
    const first = await listNotifications(room.clerk.actor, 'en');
    expect(first).toMatchObject({ total: count, unread: count, pages: 2, page: 1, notifyByEmail: true });
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.items[0]?.summary).toBe(`Test clerk changed the details of case ${room.caseA.caseNumber}.`);
    expect(first.items[0]?.href).toBe(`/cases/${room.caseA.id}`);
    const times = first.items.map((i) => i.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const second = await listNotifications(room.clerk.actor, 'zh-CN', { page: 2 });
    expect(second.items).toHaveLength(2);
    expect(second.items[0]?.summary).toBe(`Test clerk修改了案件${room.caseA.caseNumber}的信息。`);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(count);

    // Another person sees none of them, and cannot mark them read.
    const other = await listNotifications(room.judge.actor, 'en');
    expect(other.items.map((i) => i.id)).not.toContain(first.items[0]?.id);
    const newest = first.items[0]?.id ?? '';
    await expect(markNotificationRead(room.judge.actor, newest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(markNotificationRead(room.clerk.actor, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: newest } })).readAt).toBeNull();

    await markNotificationRead(room.clerk.actor, newest);
    const readAt = (await getDb().notification.findUniqueOrThrow({ where: { id: newest } })).readAt;
    expect(readAt).toBeInstanceOf(Date);
    await markNotificationRead(room.clerk.actor, newest); // again: stays read at its first time
    expect((await getDb().notification.findUniqueOrThrow({ where: { id: newest } })).readAt).toEqual(readAt);
    const unread = await listNotifications(room.clerk.actor, 'en', { show: 'unread' });
    expect(unread).toMatchObject({ total: count - 1, unread: count - 1 });
    expect(unread.items.map((i) => i.id)).not.toContain(newest);

    // "Mark all" is the actor's own too.
    const judgeUnread = (await listNotifications(room.judge.actor, 'en')).unread;
    expect(await markAllNotificationsRead(room.clerk.actor)).toEqual({ marked: count - 1 });
    expect((await listNotifications(room.clerk.actor, 'en')).unread).toBe(0);
    expect((await listNotifications(room.judge.actor, 'en')).unread).toBe(judgeUnread);
    await expect(listNotifications(room.clerk.actor, 'en', { show: 'mine' as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
