/**
 * The custody log's evidence-exchange events carry what they say (issue #17): an opinion's
 * positions, late mark, deadline and counter-evidence; the opinion a reply answers; the opinions a
 * determination answers; a deadline's change — read from the stored event, with what it names by
 * id read only within the event's case. Real database, events written by the domain functions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { closePool } from '@/lib/db/pool';
import { lodgeOpinion } from '@/lib/exchange/lodge-opinion';
import { replyToOpinion } from '@/lib/exchange/reply-to-opinion';
import { setExchangeDeadline } from '@/lib/exchange/set-exchange-deadline';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { tag } from '@/test/builders';
import { exchangeEventFacts } from './exchange-event-facts';
import { listCaseEvents } from './list-case-events';
import { recordAuditEvent } from './record-audit-event';
import { searchCaseEvents } from './search-case-events';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;
let exhibit: string;
let counter: string;
let otherCaseExhibit: string;
let opinions: string[];

async function exhibitOf(actor: Actor, caseId: string, title: string): Promise<string> {
  return (await submitHashOnlyExhibit(actor, caseId, { title, ...digestsOf(randomEvidence(128)) })).id;
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL ??= 'http://verity.test';
  room = await buildCourtroom();
  exhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id, `侵权网页截图 ${tag()}`);
  counter = await exhibitOf(room.defendant.actor, room.caseA.id, `服务器访问日志 ${tag()}`);
  otherCaseExhibit = await exhibitOf(room.stranger.actor, room.caseB.id, `另案证据 ${tag()}`);
  // One opinion on time, then a deadline that has passed, then a late one with counter-evidence.
  const first = await lodgeOpinion(room.defendant.actor, exhibit, {
    authenticity: 'accept',
    legality: 'accept',
    relevance: 'no_opinion',
  });
  await setExchangeDeadline(room.clerk.actor, room.caseA.id, { date: '2026-01-05' });
  const late = await lodgeOpinion(room.defendant.actor, exhibit, {
    authenticity: 'dispute',
    authenticityReasons: '截图的时间戳与公证书记载不一致。',
    legality: 'accept',
    relevance: 'no_opinion',
    counterExhibitId: counter,
  });
  opinions = [first.id, late.id];
  await replyToOpinion(room.plaintiff.actor, late.id, { reasons: '时间差系时区不同所致。' });
  await recordDetermination(room.judge.actor, exhibit, {
    outcome: 'accepted',
    reasoning: '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。',
    answers: [late.id],
  });
  await setExchangeDeadline(room.clerk.actor, room.caseA.id, { date: '' });
});

afterAll(() => closePool());

describe('the custody log’s exchange events', () => {
  it('say the positions, the late mark, the deadline missed and the counter-evidence, to both parties', async () => {
    for (const reader of [room.plaintiff, room.defendant, room.judge]) {
      const page = await searchCaseEvents(reader.actor, room.caseA.id, { kind: 'exchange' });
      const lodged = page.items.filter((e) => e.action === 'exhibit.opinion_lodged').reverse();
      expect(lodged.map((e) => e.exchange)).toEqual([
        {
          kind: 'opinion',
          party: 'defendant',
          number: 1,
          positions: [
            { aspect: 'authenticity', position: 'accept', reasons: null },
            { aspect: 'legality', position: 'accept', reasons: null },
            { aspect: 'relevance', position: 'no_opinion', reasons: null },
          ],
          late: false,
          deadline: null,
          counterExhibit: null,
        },
        {
          kind: 'opinion',
          party: 'defendant',
          number: 2,
          positions: [
            { aspect: 'authenticity', position: 'dispute', reasons: '截图的时间戳与公证书记载不一致。' },
            { aspect: 'legality', position: 'accept', reasons: null },
            { aspect: 'relevance', position: 'no_opinion', reasons: null },
          ],
          late: true,
          deadline: '2026-01-05T15:59:59.999Z',
          counterExhibit: { number: 2, title: expect.stringContaining('服务器访问日志') },
        },
      ]);
    }
  });

  it('say which opinion a reply answers, and which opinions a determination answers', async () => {
    const events = await listCaseEvents(room.plaintiff.actor, room.caseA.id);
    const reply = events.find((e) => e.action === 'exhibit.opinion_replied');
    expect(reply?.exchange).toEqual({
      kind: 'reply',
      party: 'plaintiff',
      opinion: { number: 2, party: 'defendant', late: true },
      reasons: '时间差系时区不同所致。',
    });
    const determined = events.find((e) => e.action === 'exhibit.determined');
    expect(determined?.exchange).toEqual({
      kind: 'determination',
      outcome: 'accepted',
      reasoning: '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。',
      answers: [{ number: 2, party: 'defendant', late: true }],
    });
    const deadlines = events.filter((e) => e.action === 'case.exchange_deadline_set').map((e) => e.exchange);
    expect(deadlines).toEqual([
      { kind: 'deadline', from: null, to: '2026-01-05T15:59:59.999Z' },
      { kind: 'deadline', from: '2026-01-05T15:59:59.999Z', to: null },
    ]);
    // Other events say nothing of the exchange.
    expect(events.find((e) => e.action === 'exhibit.submitted')?.exchange).toBeNull();
  });

  it('name only records of the event’s own case, and give nothing for details of another shape', async () => {
    const foreign = await exchangeEventFacts(room.caseB.id, [
      {
        action: 'exhibit.opinion_lodged',
        details: {
          opinionId: opinions[1] ?? '',
          party: 'defendant',
          authenticity: { position: 'dispute', reasons: 'x' },
          legality: { position: 'accept', reasons: null },
          relevance: { position: 'accept', reasons: null },
          counterExhibitId: counter,
          deadline: null,
          late: false,
        },
      },
      { action: 'exhibit.determined', details: { outcome: 'accepted', reasoning: 'r', answers: opinions } },
      {
        action: 'exhibit.opinion_replied',
        details: { opinionId: opinions[0] ?? '', party: 'plaintiff', reasons: 'r' },
      },
    ]);
    // Case A's opinion and exhibit are not named from case B.
    expect(foreign[0]).toMatchObject({ number: null, counterExhibit: null });
    expect(foreign[1]).toMatchObject({
      answers: [
        { number: null, party: null, late: false },
        { number: null, party: null, late: false },
      ],
    });
    expect(foreign[2]).toMatchObject({ opinion: null });

    const odd = await exchangeEventFacts(room.caseA.id, [
      { action: 'exhibit.opinion_lodged', details: { opinionId: 'not-a-uuid', late: 'yes' } },
      { action: 'exhibit.determined', details: { outcome: 'maybe' } },
      { action: 'case.exchange_deadline_set', details: { from: 'yesterday', to: 42 } },
      { action: 'exhibit.viewed', details: {} },
    ]);
    expect(odd).toEqual([null, null, { kind: 'deadline', from: null, to: null }, null]);
  });

  it('an event written by hand that names another case’s exhibit as counter-evidence shows no exhibit', async () => {
    const opinionId = randomUUID();
    await recordAuditEvent({
      action: 'exhibit.opinion_lodged',
      actorId: room.defendant.user.id,
      caseId: room.caseA.id,
      subjectId: exhibit,
      details: {
        opinionId,
        party: 'defendant',
        authenticity: { position: 'dispute', reasons: '理由' },
        legality: { position: 'accept', reasons: null },
        relevance: { position: 'accept', reasons: null },
        counterExhibitId: otherCaseExhibit,
        deadline: null,
        late: false,
      },
    });
    const page = await searchCaseEvents(room.plaintiff.actor, room.caseA.id, { kind: 'exchange' });
    const event = page.items.find((e) => e.details.opinionId === opinionId);
    expect(event?.exchange).toMatchObject({ kind: 'opinion', number: null, counterExhibit: null });
  });
});
