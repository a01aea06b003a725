import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCase, buildCourt, buildUser, toActor } from '@/test/builders';
import { listCaseEvents } from './list-case-events';
import { recordAuditEvent } from './record-audit-event';

async function buildExhibit(caseId: string, submittedBy: string, number: number, title: string) {
  return getDb().exhibit.create({
    data: {
      id: randomUUID(),
      caseId,
      number,
      submittedBy,
      partyRole: 'plaintiff',
      kind: 'hash_only',
      title,
      sha256: new Uint8Array(randomBytes(32)),
      sm3: new Uint8Array(randomBytes(32)),
    },
  });
}

let people: Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const court = await buildCourt();
  const otherCourt = await buildCourt();
  const clerk = await buildUser({ role: 'clerk', courtId: court.id });
  const judge = await buildUser({ role: 'judge', courtId: court.id });
  const plaintiff = await buildUser({ role: 'litigant' });
  const stranger = await buildUser({ role: 'litigant' });
  const admin = await buildUser({ role: 'admin' });
  const otherClerk = await buildUser({ role: 'clerk', courtId: otherCourt.id });
  const kase = await buildCase(court.id, [
    { userId: judge.user.id, role: 'judge' },
    { userId: plaintiff.user.id, role: 'plaintiff' },
  ]);
  const otherCase = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
  const exhibit = await buildExhibit(kase.id, plaintiff.user.id, 1, '借款合同');
  const foreignExhibit = await buildExhibit(otherCase.id, plaintiff.user.id, 1, '其他案件的证据');
  const certificateId = randomUUID();

  const c = kase.id;
  await recordAuditEvent({
    action: 'case.created',
    actorId: clerk.user.id,
    caseId: c,
    details: { caseNumber: kase.caseNumber },
  });
  await recordAuditEvent({
    action: 'case.member_added',
    actorId: clerk.user.id,
    caseId: c,
    subjectId: plaintiff.user.id,
    details: { role: 'plaintiff' },
  });
  await recordAuditEvent({ action: 'exhibit.submitted', actorId: plaintiff.user.id, caseId: c, subjectId: exhibit.id });
  await recordAuditEvent({
    action: 'exhibit.viewed',
    actorId: plaintiff.user.id,
    caseId: otherCase.id,
    subjectId: foreignExhibit.id,
  });
  await recordAuditEvent({
    action: 'exhibit.verified',
    actorId: null,
    caseId: c,
    subjectId: exhibit.id,
    details: { verdict: 'consistent' },
  });
  // An event can only name this case's records: another case's exhibit stays anonymous.
  await recordAuditEvent({ action: 'exhibit.viewed', actorId: judge.user.id, caseId: c, subjectId: foreignExhibit.id });
  await recordAuditEvent({ action: 'certificate.issued', actorId: clerk.user.id, caseId: c, subjectId: certificateId });
  return { clerk, judge, plaintiff, stranger, admin, otherClerk, kase, exhibit, foreignExhibit, certificateId };
}

beforeAll(async () => {
  people = await setUp();
});

describe('listCaseEvents', () => {
  it('gives the case’s events oldest first, with who did what to which record', async () => {
    const { judge, clerk, plaintiff, kase, exhibit, foreignExhibit, certificateId } = people;
    const events = await listCaseEvents(judge.actor, kase.id);
    expect(events.map((e) => [e.action, e.actor?.name ?? null, e.subject])).toEqual([
      ['case.created', clerk.user.name, null],
      ['case.member_added', clerk.user.name, { kind: 'user', id: plaintiff.user.id, name: plaintiff.user.name }],
      ['exhibit.submitted', plaintiff.user.name, { kind: 'exhibit', id: exhibit.id, number: 1, title: '借款合同' }],
      ['exhibit.verified', null, { kind: 'exhibit', id: exhibit.id, number: 1, title: '借款合同' }],
      ['exhibit.viewed', judge.user.name, { kind: 'other', id: foreignExhibit.id }],
      ['certificate.issued', clerk.user.name, { kind: 'other', id: certificateId }],
    ]);
    const seqs = events.map((e) => e.seq);
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(events[0]?.actor).toEqual({ id: clerk.user.id, name: clerk.user.name, role: 'clerk' });
    expect(events[1]?.details).toEqual({ role: 'plaintiff' });
    for (const e of events) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.at).toBeInstanceOf(Date);
    }
  });

  it('shows the log to everyone who may view the case, and to nobody else', async () => {
    const { clerk, plaintiff, stranger, admin, otherClerk, kase } = people;
    expect(await listCaseEvents(plaintiff.actor, kase.id)).toHaveLength(6);
    // The court's clerk sees the docket without being a member of the case.
    expect(await listCaseEvents(clerk.actor, kase.id)).toHaveLength(6);
    for (const outsider of [stranger, admin, otherClerk]) {
      await expect(listCaseEvents(outsider.actor, kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(listCaseEvents(plaintiff.actor, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listCaseEvents(plaintiff.actor, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives an empty list for a case with no events', async () => {
    const { judge } = people;
    const fresh = await buildCase((await buildCourt()).id, [{ userId: judge.user.id, role: 'judge' }]);
    expect(await listCaseEvents(toActor(judge.user), fresh.id)).toEqual([]);
  });
});
