import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import { listCustodyPeople } from './list-custody-people';
import { recordAuditEvent } from './record-audit-event';
import { searchCaseEvents } from './search-case-events';

let s: Awaited<ReturnType<typeof setUp>>;

/**
 * A case of 91 events over three Beijing-time days: day 1 created, 2 member_added, submitted,
 * verified (by the portal); day 2 80 views (40 by the plaintiff, 40 by the judge); day 3
 * determined, certificate issued, case updated, an action no kind names, 2 downloads. Plus
 * another case's event.
 */
async function setUp() {
  const court = await buildCourt();
  const clerk = await buildUser({ role: 'clerk', courtId: court.id, name: `书记员 ${randomUUID()}` });
  const judge = await buildUser({ role: 'judge', courtId: court.id, name: `法官 ${randomUUID()}` });
  const plaintiff = await buildUser({ role: 'litigant', name: `原告 ${randomUUID()}` });
  const defendant = await buildUser({ role: 'litigant', name: `被告 ${randomUUID()}` });
  const stranger = await buildUser({ role: 'litigant' });
  const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
  const admin = await buildUser({ role: 'admin' });
  const kase = await buildCase(court.id, [
    { userId: judge.user.id, role: 'judge' },
    { userId: plaintiff.user.id, role: 'plaintiff' },
    { userId: defendant.user.id, role: 'defendant' },
  ]);
  const otherCase = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
  const exhibit = await getDb().exhibit.create({
    data: {
      id: randomUUID(),
      caseId: kase.id,
      number: 1,
      submittedBy: plaintiff.user.id,
      partyRole: 'plaintiff',
      kind: 'hash_only',
      title: '采购合同',
      sha256: new Uint8Array(randomBytes(32)),
      sm3: new Uint8Array(randomBytes(32)),
    },
  });
  // Beijing days 2026-05-01, -02, -03 (UTC 16:30 on the day before is already the next Beijing day).
  const day1 = new Date('2026-04-30T16:30:00.000Z'); // 2026-05-01 00:30 Beijing
  const day2 = new Date('2026-05-02T15:59:59.000Z'); // 2026-05-02 23:59:59 Beijing
  const day3 = new Date('2026-05-02T16:00:00.000Z'); // 2026-05-03 00:00 Beijing
  const c = kase.id;
  const e = exhibit.id;
  const record = (
    action: Parameters<typeof recordAuditEvent>[0]['action'],
    actorId: string | null,
    at: Date,
    extra: { subjectId?: string; details?: Record<string, string> } = {},
  ) => recordAuditEvent({ action, actorId, caseId: c, at, ...extra });

  await record('case.created', clerk.user.id, day1, { details: { caseNumber: kase.caseNumber } });
  await record('case.member_added', clerk.user.id, day1, {
    subjectId: plaintiff.user.id,
    details: { role: 'plaintiff' },
  });
  await record('case.member_added', clerk.user.id, day1, {
    subjectId: defendant.user.id,
    details: { role: 'defendant' },
  });
  await record('exhibit.submitted', plaintiff.user.id, day1, { subjectId: e });
  await record('exhibit.verified', null, day1, { subjectId: e, details: { verdict: 'consistent' } });
  for (let i = 0; i < 40; i++) {
    await record('exhibit.viewed', plaintiff.user.id, day2, { subjectId: e });
    await record('exhibit.viewed', judge.user.id, day2, { subjectId: e });
  }
  await record('exhibit.determined', judge.user.id, day3, { subjectId: e, details: { outcome: 'accepted' } });
  await record('certificate.issued', clerk.user.id, day3, { subjectId: randomUUID() });
  await record('case.updated', clerk.user.id, day3);
  // An action no kind names (as a newer part of the portal may add): it is "other".
  await record('account.updated', clerk.user.id, day3);
  await record('exhibit.downloaded', defendant.user.id, day3, { subjectId: e });
  await record('certificate.downloaded', defendant.user.id, day3, { subjectId: randomUUID() });
  // Another case's events never show here.
  await recordAuditEvent({ action: 'exhibit.viewed', actorId: plaintiff.user.id, caseId: otherCase.id, at: day2 });
  return { clerk, judge, plaintiff, defendant, stranger, otherClerk, admin, kase, otherCase, exhibit };
}

beforeAll(async () => {
  s = await setUp();
}, 60_000);

describe('searchCaseEvents', () => {
  it('gives the newest events first, a page at a time, with the total', async () => {
    const first = await searchCaseEvents(s.judge.actor, s.kase.id);
    expect(first.total).toBe(91);
    expect(first.pageSize).toBe(25);
    expect(first.pages).toBe(4);
    expect(first.items).toHaveLength(25);
    expect(first.items[0]?.action).toBe('certificate.downloaded');
    const seqs = first.items.map((e) => e.seq);
    expect([...seqs].sort((a, b) => (a < b ? 1 : -1))).toEqual(seqs);

    const last = await searchCaseEvents(s.judge.actor, s.kase.id, { page: '4' });
    expect(last.page).toBe(4);
    expect(last.items).toHaveLength(91 - 75);
    expect(last.items.at(-1)?.action).toBe('case.created');
    // Pages do not overlap and together hold every event once.
    const all = [];
    for (let p = 1; p <= 4; p++) all.push(...(await searchCaseEvents(s.judge.actor, s.kase.id, { page: p })).items);
    expect(new Set(all.map((e) => e.seq)).size).toBe(91);

    // Beyond the end: the last page, not an empty one.
    const beyond = await searchCaseEvents(s.judge.actor, s.kase.id, { page: '99' });
    expect(beyond.page).toBe(4);
    expect(beyond.items.map((e) => e.seq)).toEqual(last.items.map((e) => e.seq));

    const summary = await searchCaseEvents(s.plaintiff.actor, s.kase.id, {}, { pageSize: 5 });
    expect(summary.items.map((e) => e.action)).toEqual([
      'certificate.downloaded',
      'exhibit.downloaded',
      'account.updated',
      'case.updated',
      'certificate.issued',
    ]);
    expect(summary.total).toBe(91);
  });

  it('filters by kind of event', async () => {
    const views = await searchCaseEvents(s.judge.actor, s.kase.id, { kind: 'access' });
    expect(views.total).toBe(82);
    expect(new Set(views.items.map((e) => e.action))).toEqual(
      new Set(['exhibit.viewed', 'exhibit.downloaded', 'certificate.downloaded']),
    );
    const people = await searchCaseEvents(s.judge.actor, s.kase.id, { kind: 'people' });
    expect(people.items.map((e) => e.subject)).toEqual([
      { kind: 'user', id: s.defendant.user.id, name: s.defendant.user.name },
      { kind: 'user', id: s.plaintiff.user.id, name: s.plaintiff.user.name },
    ]);
    const verification = await searchCaseEvents(s.judge.actor, s.kase.id, { kind: 'verification' });
    expect(verification.items.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['exhibit.verified', null, { kind: 'exhibit', id: s.exhibit.id, number: 1, title: '采购合同' }],
    ]);
    const kinds = { case: 2, submission: 1, determination: 1, certificate: 1, other: 1 };
    for (const [kind, n] of Object.entries(kinds)) {
      expect((await searchCaseEvents(s.judge.actor, s.kase.id, { kind })).total, kind).toBe(n);
    }
  });

  it('filters by who acted, the portal included', async () => {
    const judge = await searchCaseEvents(s.plaintiff.actor, s.kase.id, { person: s.judge.user.id });
    expect(judge.total).toBe(41);
    expect(judge.items.every((e) => e.actor?.id === s.judge.user.id)).toBe(true);
    const portal = await searchCaseEvents(s.plaintiff.actor, s.kase.id, { person: 'portal' });
    expect(portal.items.map((e) => e.action)).toEqual(['exhibit.verified']);
    const both = await searchCaseEvents(s.plaintiff.actor, s.kase.id, { person: s.plaintiff.user.id, kind: 'access' });
    expect(both.total).toBe(40);
    // Someone who never acted in this case: nothing, not everything.
    expect((await searchCaseEvents(s.plaintiff.actor, s.kase.id, { person: s.stranger.user.id })).total).toBe(0);
  });

  it('filters by Beijing-time days, both ends included', async () => {
    const day = (from: string, to: string) => searchCaseEvents(s.judge.actor, s.kase.id, { from, to });
    expect((await day('2026-05-01', '2026-05-01')).total).toBe(5);
    expect((await day('2026-05-02', '2026-05-02')).total).toBe(80);
    expect((await day('2026-05-03', '2026-05-03')).total).toBe(6);
    expect((await day('2026-05-01', '2026-05-02')).total).toBe(85);
    expect((await searchCaseEvents(s.judge.actor, s.kase.id, { from: '2026-05-03' })).total).toBe(6);
    expect((await searchCaseEvents(s.judge.actor, s.kase.id, { to: '2026-05-01' })).total).toBe(5);
    expect((await day('2026-06-01', '2026-06-30')).total).toBe(0);
    const empty = await day('2026-06-01', '2026-06-30');
    expect(empty).toMatchObject({ items: [], page: 1, pages: 1 });
  });

  it('refuses malformed filters with the field that is wrong, and treats empty ones as "any"', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'everything' }, 'kind'],
      [{ kind: 'exhibit.viewed' }, 'kind'],
      [{ person: 'not-a-uuid' }, 'person'],
      [{ person: "' OR 1=1 --" }, 'person'],
      [{ from: '2026-02-30' }, 'from'],
      [{ from: '01/05/2026' }, 'from'],
      [{ to: '2026-5-1' }, 'to'],
      [{ from: '2026-05-03', to: '2026-05-01' }, 'to'],
      [{ page: '0' }, 'page'],
      [{ page: 'two' }, 'page'],
      [{ page: '1.5' }, 'page'],
    ];
    for (const [query, path] of bad) {
      const refusal = searchCaseEvents(s.judge.actor, s.kase.id, query as never);
      await expect(refusal, JSON.stringify(query)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [expect.objectContaining({ path })] },
      });
    }
    const blank = await searchCaseEvents(s.judge.actor, s.kase.id, {
      kind: '',
      person: '',
      from: '',
      to: '',
      page: '',
    });
    expect(blank.total).toBe(91);
  });

  it('shows the log to everyone who may view the case, and to nobody else', async () => {
    for (const insider of [s.judge, s.plaintiff, s.defendant, s.clerk]) {
      expect((await searchCaseEvents(insider.actor, s.kase.id)).total).toBe(91);
    }
    for (const outsider of [s.stranger, s.otherClerk, s.admin]) {
      await expect(searchCaseEvents(outsider.actor, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(listCustodyPeople(outsider.actor, s.kase.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // The access check comes before the filters: a stranger learns nothing from a bad filter either.
    await expect(searchCaseEvents(s.stranger.actor, s.kase.id, { kind: 'bad' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(searchCaseEvents(s.judge.actor, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('listCustodyPeople', () => {
  it('names everyone who acted in the case, and says whether the portal did', async () => {
    const { people, portal } = await listCustodyPeople(s.plaintiff.actor, s.kase.id);
    expect(portal).toBe(true);
    expect(people.map((p) => p.id).sort()).toEqual(
      [s.clerk.user.id, s.judge.user.id, s.plaintiff.user.id, s.defendant.user.id].sort(),
    );
    expect(people.find((p) => p.id === s.judge.user.id)).toEqual({
      id: s.judge.user.id,
      name: s.judge.user.name,
      role: 'judge',
    });
  });
});
