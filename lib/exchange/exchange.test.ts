/**
 * Evidence exchange (质证, issue #17) against the real database: who may lodge an opinion (only a
 * party of the other side), who may reply (only the submitting side), who sets the deadline (the
 * court's clerks), the late mark, counter-evidence (an exhibit of the objector's own side in the
 * same case), a determination's answers, notifications, custody-log events, the database's own
 * refusals (append-only, and rows that do not belong to the exchange), and the audit chain still
 * verifying as `npm run audit:verify` checks it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditCli } from '@/lib/audit/audit.testing';
import type { Actor } from '@/lib/auth/actor';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { updateCase } from '@/lib/cases/update-case';
import { closePool, getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { notificationSummary } from '@/lib/notifications/summary';
import { buildUser, tag } from '@/test/builders';
import { getExchangeDeadline } from './get-exchange-deadline';
import { getExhibitExchange } from './get-exhibit-exchange';
import { lodgeOpinion } from './lodge-opinion';
import { replyToOpinion } from './reply-to-opinion';
import { setExchangeDeadline } from './set-exchange-deadline';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;
/** The plaintiff's exhibit (objected to), the defendant's own exhibits, case B's exhibit. */
let plaintiffExhibit: string;
let defendantExhibit: string;
let otherCaseExhibit: string;

const dispute = {
  authenticity: 'dispute',
  authenticityReasons: '截图的时间戳与公证书记载不一致。',
  legality: 'accept',
  relevance: 'no_opinion',
};

async function exhibitOf(actor: Actor, caseId: string, title = `evidence ${tag()}`): Promise<string> {
  return (await submitHashOnlyExhibit(actor, caseId, { title, ...digestsOf(randomEvidence(128)) })).id;
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

async function events(caseId: string, action: string) {
  const { rows } = await getPool().query<{ actor_id: string; subject_id: string; details: Record<string, unknown> }>(
    'SELECT actor_id, subject_id, details FROM audit_events WHERE case_id = $1 AND action = $2 ORDER BY seq',
    [caseId, action],
  );
  return rows;
}

async function toldOf(kind: string, subjectOrCase: string): Promise<string[]> {
  const { rows } = await getPool().query<{ user_id: string }>(
    'SELECT user_id FROM notifications WHERE kind = $1 AND (subject_id = $2 OR case_id = $2) ORDER BY user_id',
    [kind, subjectOrCase],
  );
  return rows.map((r) => r.user_id);
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL ??= 'http://verity.test';
  room = await buildCourtroom();
  plaintiffExhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id);
  defendantExhibit = await exhibitOf(room.defendant.actor, room.caseA.id, '被告的反驳证据');
  otherCaseExhibit = await exhibitOf(room.stranger.actor, room.caseB.id);
});

afterAll(() => closePool());

describe('lodging an opinion', () => {
  it('is for a party of the other side only', async () => {
    const plaintiff2 = await buildUser({ role: 'litigant' });
    await addCaseMember(room.clerk.actor, room.caseA.id, { userId: plaintiff2.user.id, role: 'plaintiff' });
    for (const sameSideOrStaff of [room.plaintiff, plaintiff2, room.judge, room.clerk]) {
      expect((await errorOf(lodgeOpinion(sameSideOrStaff.actor, plaintiffExhibit, dispute))).code).toBe('FORBIDDEN');
    }
    for (const outsider of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      expect((await errorOf(lodgeOpinion(outsider.actor, plaintiffExhibit, dispute))).code).toBe('NOT_FOUND');
    }
    expect((await errorOf(lodgeOpinion(room.defendant.actor, randomUUID(), dispute))).code).toBe('NOT_FOUND');
    expect((await errorOf(lodgeOpinion(room.defendant.actor, 'not-a-uuid', dispute))).code).toBe('NOT_FOUND');
    // The plaintiff may object to the defendant's exhibit, and the defendant not to their own.
    await expect(lodgeOpinion(room.plaintiff.actor, defendantExhibit, dispute)).resolves.toMatchObject({ late: false });
    expect((await errorOf(lodgeOpinion(room.defendant.actor, defendantExhibit, dispute))).code).toBe('FORBIDDEN');
  });

  it('records the positions and reasons, tells the exhibit’s side and the judges, and logs it', async () => {
    const exhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id);
    const lodged = await lodgeOpinion(room.defendant.actor, exhibit, {
      ...dispute,
      legalityReasons: '取证程序合法，予以认可。',
      counterExhibitId: defendantExhibit,
    });
    expect(lodged.late).toBe(false);
    const seen = await getExhibitExchange(room.judge.actor, exhibit);
    expect(seen.opinions).toHaveLength(1);
    expect(seen.opinions[0]).toMatchObject({
      id: lodged.id,
      number: 1,
      party: 'defendant',
      late: false,
      positions: {
        authenticity: { position: 'dispute', reasons: dispute.authenticityReasons },
        legality: { position: 'accept', reasons: '取证程序合法，予以认可。' },
        relevance: { position: 'no_opinion', reasons: null },
      },
      counterExhibit: { id: defendantExhibit, title: '被告的反驳证据' },
      replies: [],
      answeredBy: [],
    });
    // Both parties see the same exchange.
    expect((await getExhibitExchange(room.plaintiff.actor, exhibit)).opinions).toEqual(seen.opinions);
    expect((await getExhibitExchange(room.defendant.actor, exhibit)).can).toEqual({ lodge: true, reply: false });
    expect((await getExhibitExchange(room.plaintiff.actor, exhibit)).can).toEqual({ lodge: false, reply: true });
    expect((await getExhibitExchange(room.judge.actor, exhibit)).can).toEqual({ lodge: false, reply: false });
    expect((await errorOf(getExhibitExchange(room.stranger.actor, exhibit))).code).toBe('NOT_FOUND');

    const told = await toldOf('opinion_lodged', exhibit);
    expect(told).toContain(room.plaintiff.user.id);
    expect(told).toContain(room.judge.user.id);
    expect(told).not.toContain(room.defendant.user.id);
    expect(told).not.toContain(room.clerk.user.id);
    // The notification e-mail (the existing template), in the recipient's language (zh-CN by default).
    const mails = await getPool().query<{ locale: string; params: { summary: string; link: string } }>(
      `SELECT locale, params FROM mail_outbox WHERE recipient = $1 AND template = 'notification'
        AND params->>'link' LIKE '%' || $2 || '%'`,
      [room.plaintiff.user.email.toLowerCase(), exhibit],
    );
    expect(mails.rows).toHaveLength(1);
    expect(mails.rows[0]?.params.summary).toContain('发表了质证意见');
    expect(mails.rows[0]?.params.summary).toContain(room.caseA.caseNumber);
    const [event] = (await events(room.caseA.id, 'exhibit.opinion_lodged')).filter(
      (e) => e.details.opinionId === lodged.id,
    );
    expect(event).toMatchObject({
      actor_id: room.defendant.user.id,
      subject_id: exhibit,
      details: {
        party: 'defendant',
        authenticity: { position: 'dispute', reasons: dispute.authenticityReasons },
        counterExhibitId: defendantExhibit,
        late: false,
      },
    });
  });

  it('requires reasons for every disputed aspect, and a position for each, naming every problem at once', async () => {
    const error = await errorOf(
      lodgeOpinion(room.defendant.actor, plaintiffExhibit, {
        authenticity: 'dispute',
        legality: 'dispute',
        legalityReasons: '   ',
        relevance: 'maybe',
      }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = ((error.details?.issues ?? []) as Array<{ path: string }>).map((i) => i.path).sort();
    expect(paths).toEqual(['authenticityReasons', 'legalityReasons', 'relevance']);
    const long = await errorOf(
      lodgeOpinion(room.defendant.actor, plaintiffExhibit, { ...dispute, authenticityReasons: '长'.repeat(2001) }),
    );
    expect(long.details?.issues).toEqual([expect.objectContaining({ path: 'authenticityReasons', code: 'too_big' })]);
    const extra = await errorOf(lodgeOpinion(room.defendant.actor, plaintiffExhibit, { ...dispute, late: false }));
    expect(extra.code).toBe('VALIDATION_FAILED');
    await expect(
      lodgeOpinion(room.defendant.actor, plaintiffExhibit, { ...dispute, authenticityReasons: '长'.repeat(2000) }),
    ).resolves.toBeTruthy();
  });

  it('takes counter-evidence only from the objector’s own side in the same case', async () => {
    const exhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id);
    const before = (await getExhibitExchange(room.judge.actor, exhibit)).opinions.length;
    for (const wrong of [plaintiffExhibit, exhibit, otherCaseExhibit, randomUUID(), 'x']) {
      const error = await errorOf(lodgeOpinion(room.defendant.actor, exhibit, { ...dispute, counterExhibitId: wrong }));
      expect(error.code, wrong).toBe('VALIDATION_FAILED');
      expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'counterExhibitId' })]);
    }
    expect((await getExhibitExchange(room.judge.actor, exhibit)).opinions).toHaveLength(before);
    // The form offers exactly the objector's side's exhibits.
    const options = (await getExhibitExchange(room.defendant.actor, exhibit)).counterExhibitOptions.map((o) => o.id);
    expect(options).toContain(defendantExhibit);
    expect(options).not.toContain(plaintiffExhibit);
    expect(options).not.toContain(otherCaseExhibit);
  });

  it('is refused once the case is closed', async () => {
    const closed = await buildCourtroom();
    const exhibit = await exhibitOf(closed.plaintiff.actor, closed.caseA.id);
    const opinion = await lodgeOpinion(closed.defendant.actor, exhibit, dispute);
    await updateCase(closed.clerk.actor, closed.caseA.id, { status: 'closed' });
    expect((await errorOf(lodgeOpinion(closed.defendant.actor, exhibit, dispute))).code).toBe('FORBIDDEN');
    expect((await errorOf(replyToOpinion(closed.plaintiff.actor, opinion.id, { reasons: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the deadline for opinions', () => {
  it('is set by the court’s clerks only, and each change is told to the parties and logged', async () => {
    const r = await buildCourtroom();
    for (const notClerk of [r.plaintiff, r.defendant, r.judge]) {
      expect((await errorOf(setExchangeDeadline(notClerk.actor, r.caseA.id, { date: '2026-12-20' }))).code).toBe(
        'FORBIDDEN',
      );
    }
    for (const outsider of [r.otherClerk, r.stranger, r.admin, r.otherJudge]) {
      expect((await errorOf(setExchangeDeadline(outsider.actor, r.caseA.id, { date: '2026-12-20' }))).code).toBe(
        'NOT_FOUND',
      );
    }
    for (const bad of ['2026-02-30', '20/12/2026', '2026-12-20T10:00', 'tomorrow']) {
      const error = await errorOf(setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: bad }));
      expect(error.details?.issues, bad).toEqual([expect.objectContaining({ path: 'date' })]);
    }
    expect(await getExchangeDeadline(r.plaintiff.actor, r.caseA.id)).toBeNull();

    const set = await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: '2026-12-20' });
    expect(set).toEqual({ deadline: new Date('2026-12-20T15:59:59.999Z'), changed: true }); // 23:59:59.999 Beijing
    expect(await getExchangeDeadline(r.defendant.actor, r.caseA.id)).toEqual(set.deadline);
    expect(await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: '2026-12-20' })).toMatchObject({
      changed: false,
    });
    await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: '' });
    expect(await getExchangeDeadline(r.judge.actor, r.caseA.id)).toBeNull();

    const logged = await events(r.caseA.id, 'case.exchange_deadline_set');
    expect(logged.map((e) => e.details)).toEqual([
      { from: null, to: '2026-12-20T15:59:59.999Z' },
      { from: '2026-12-20T15:59:59.999Z', to: null },
    ]);
    const told = await toldOf('exchange_deadline_set', r.caseA.id);
    expect(told.filter((id) => id === r.plaintiff.user.id)).toHaveLength(2);
    expect(told.filter((id) => id === r.defendant.user.id)).toHaveLength(2);
    expect(told).not.toContain(r.clerk.user.id);
    expect(told).not.toContain(r.judge.user.id);
    expect(
      notificationSummary('zh-CN', 'exchange_deadline_set', {
        caseNumber: r.caseA.caseNumber,
        deadline: '2026-12-20T15:59:59.999Z',
      }),
    ).toContain('2026年12月20日');
  });

  it('marks an opinion lodged after it as late, everywhere it is shown', async () => {
    const r = await buildCourtroom();
    const exhibit = await exhibitOf(r.plaintiff.actor, r.caseA.id);
    const noDeadline = await lodgeOpinion(r.defendant.actor, exhibit, dispute);
    expect(noDeadline.late).toBe(false);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: future });
    const onTime = await lodgeOpinion(r.defendant.actor, exhibit, dispute);
    expect(onTime.late).toBe(false);
    await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: '2026-01-05' });
    const late = await lodgeOpinion(r.defendant.actor, exhibit, dispute);
    expect(late).toMatchObject({ late: true, deadline: new Date('2026-01-05T15:59:59.999Z') });

    const shown = await getExhibitExchange(r.plaintiff.actor, exhibit);
    expect(shown.opinions.map((o) => [o.number, o.late])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    const [logged] = (await events(r.caseA.id, 'exhibit.opinion_lodged')).filter(
      (e) => e.details.opinionId === late.id,
    );
    expect(logged?.details).toMatchObject({ late: true, deadline: '2026-01-05T15:59:59.999Z' });
    const { rows } = await getPool().query<{ payload: { late?: boolean } }>(
      `SELECT payload FROM notifications WHERE kind = 'opinion_lodged' AND subject_id = $1 AND user_id = $2
        ORDER BY created_at DESC LIMIT 1`,
      [exhibit, r.plaintiff.user.id],
    );
    expect(rows[0]?.payload.late).toBe(true);
    expect(notificationSummary('zh-CN', 'opinion_lodged', { caseNumber: 'N', exhibitNumber: 1, late: true })).toContain(
      '逾期提交',
    );
    expect(notificationSummary('en', 'opinion_lodged', { caseNumber: 'N', exhibitNumber: 1, late: true })).toContain(
      'lodged late',
    );
  });
});

describe('replying to an opinion', () => {
  it('is for the submitting side only, tells the other side and the judges, and is logged', async () => {
    const exhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id);
    const opinion = await lodgeOpinion(room.defendant.actor, exhibit, dispute);
    for (const notSubmitter of [room.defendant, room.judge, room.clerk]) {
      expect((await errorOf(replyToOpinion(notSubmitter.actor, opinion.id, { reasons: 'x' }))).code).toBe('FORBIDDEN');
    }
    for (const outsider of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      expect((await errorOf(replyToOpinion(outsider.actor, opinion.id, { reasons: 'x' }))).code).toBe('NOT_FOUND');
    }
    expect((await errorOf(replyToOpinion(room.plaintiff.actor, randomUUID(), { reasons: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    for (const bad of [{ reasons: '  ' }, { reasons: '长'.repeat(5001) }, {}, { reasons: 'x', extra: 1 }]) {
      expect((await errorOf(replyToOpinion(room.plaintiff.actor, opinion.id, bad))).code).toBe('VALIDATION_FAILED');
    }
    const reply = await replyToOpinion(room.plaintiff.actor, opinion.id, {
      reasons: '时间差系时区换算所致，见公证书第 3 页。',
    });
    const seen = await getExhibitExchange(room.defendant.actor, exhibit);
    expect(seen.opinions[0]?.replies).toEqual([
      expect.objectContaining({ id: reply.id, party: 'plaintiff', reasons: '时间差系时区换算所致，见公证书第 3 页。' }),
    ]);
    const told = await toldOf('opinion_replied', exhibit);
    expect(told).toContain(room.defendant.user.id);
    expect(told).toContain(room.judge.user.id);
    expect(told).not.toContain(room.plaintiff.user.id);
    const logged = (await events(room.caseA.id, 'exhibit.opinion_replied')).filter(
      (e) => e.details.replyId === reply.id,
    );
    expect(logged).toEqual([
      expect.objectContaining({
        actor_id: room.plaintiff.user.id,
        subject_id: exhibit,
        details: expect.objectContaining({ opinionId: opinion.id, party: 'plaintiff' }),
      }),
    ]);
  });
});

describe('a determination answering opinions', () => {
  it('records the opinions it answers; only opinions of this exhibit lodged before it', async () => {
    const exhibit = await exhibitOf(room.plaintiff.actor, room.caseA.id);
    const first = await lodgeOpinion(room.defendant.actor, exhibit, dispute);
    const second = await lodgeOpinion(room.defendant.actor, exhibit, { ...dispute, authenticity: 'accept' });
    const elsewhere = await lodgeOpinion(room.defendant.actor, plaintiffExhibit, dispute);
    const input = { outcome: 'rejected', reasoning: '被告的质证意见成立，不予采纳。' };
    for (const answers of [[elsewhere.id], [randomUUID()], ['nope'], [first.id, first.id]]) {
      expect((await errorOf(recordDetermination(room.judge.actor, exhibit, { ...input, answers }))).code).toBe(
        'VALIDATION_FAILED',
      );
    }
    expect(
      (await errorOf(recordDetermination(room.judge.actor, exhibit, { outcome: '', reasoning: '' }))).details,
    ).toMatchObject({
      issues: [expect.objectContaining({ path: 'outcome' }), expect.objectContaining({ path: 'reasoning' })],
    });
    const determination = await recordDetermination(room.judge.actor, exhibit, { ...input, answers: [first.id] });
    expect(determination.answers).toEqual([first.id]);
    const seen = await getExhibitExchange(room.plaintiff.actor, exhibit);
    expect(seen.answers).toEqual({ [determination.id]: [1] });
    expect(seen.opinions.map((o) => o.answeredBy)).toEqual([[determination.id], []]);
    const logged = (await events(room.caseA.id, 'exhibit.determined')).filter(
      (e) => e.details.determinationId === determination.id,
    );
    expect(logged[0]?.details).toMatchObject({ outcome: 'rejected', answers: [first.id] });
    // A later determination may answer the rest.
    const later = await recordDetermination(room.judge.actor, exhibit, { ...input, answers: [second.id, first.id] });
    expect((await getExhibitExchange(room.judge.actor, exhibit)).answers[later.id]).toEqual([1, 2]);
  });
});

describe('the database', () => {
  /** Runs `sql` in a transaction that is rolled back whatever happens. */
  async function attempt(sql: string, params: unknown[]): Promise<unknown> {
    const client = await getPool().connect();
    try {
      await client.query('BEGIN');
      return await client.query(sql, params);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('refuses UPDATE, DELETE and TRUNCATE on every table of the exchange', async () => {
    const r = await buildCourtroom();
    const exhibit = await exhibitOf(r.plaintiff.actor, r.caseA.id);
    await setExchangeDeadline(r.clerk.actor, r.caseA.id, { date: '2026-12-31' });
    const opinion = await lodgeOpinion(r.defendant.actor, exhibit, dispute);
    await replyToOpinion(r.plaintiff.actor, opinion.id, { reasons: '不同意。' });
    const determination = await recordDetermination(r.judge.actor, exhibit, {
      outcome: 'accepted',
      reasoning: '予以采纳。',
      answers: [opinion.id],
    });
    const statements: Array<[string, unknown[]]> = [
      ["UPDATE exhibit_opinions SET authenticity = 'accept' WHERE id = $1", [opinion.id]],
      ['UPDATE exhibit_opinions SET late = NOT late WHERE id = $1', [opinion.id]],
      ['DELETE FROM exhibit_opinions WHERE id = $1', [opinion.id]],
      ["UPDATE opinion_replies SET reasons = 'changed' WHERE opinion_id = $1", [opinion.id]],
      ['DELETE FROM opinion_replies WHERE opinion_id = $1', [opinion.id]],
      ['UPDATE exchange_deadlines SET deadline = NULL WHERE case_id = $1', [r.caseA.id]],
      ['DELETE FROM exchange_deadlines WHERE case_id = $1', [r.caseA.id]],
      ['DELETE FROM determination_answers WHERE determination_id = $1', [determination.id]],
      ['UPDATE determination_answers SET opinion_id = opinion_id WHERE determination_id = $1', [determination.id]],
    ];
    for (const [sql, params] of statements) {
      await expect(attempt(sql, params), sql).rejects.toThrow(/append-only/);
    }
    for (const table of ['exhibit_opinions', 'opinion_replies', 'exchange_deadlines', 'determination_answers']) {
      await expect(attempt(`TRUNCATE ${table} CASCADE`, []), table).rejects.toThrow(/append-only/);
    }
  });

  it('refuses rows that do not belong to the exchange, whoever writes them', async () => {
    const insertOpinion = (party: string, counter: string | null, late = false, deadline: Date | null = null) =>
      attempt(
        `INSERT INTO exhibit_opinions (id, exhibit_id, author_id, party_role, authenticity, legality, relevance,
           counter_exhibit_id, deadline, late, created_at)
         VALUES ($1, $2, $3, $4::case_role, 'accept', 'accept', 'accept', $5, $6, $7, now())`,
        [randomUUID(), plaintiffExhibit, room.plaintiff.user.id, party, counter, deadline, late],
      );
    await expect(insertOpinion('plaintiff', null), 'by the submitting side').rejects.toThrow(/exchange/);
    await expect(insertOpinion('defendant', otherCaseExhibit), 'another case’s exhibit').rejects.toThrow(/exchange/);
    await expect(insertOpinion('defendant', plaintiffExhibit), 'the other side’s exhibit').rejects.toThrow(/exchange/);
    await expect(insertOpinion('defendant', null, false, new Date(0)), 'late not marked').rejects.toThrow(/check/);
    await expect(insertOpinion('defendant', null, true, null), 'late without a deadline').rejects.toThrow(/check/);
    await expect(
      attempt(
        `INSERT INTO exhibit_opinions (id, exhibit_id, author_id, party_role, authenticity, legality, relevance, late)
         VALUES ($1, $2, $3, 'defendant', 'dispute', 'accept', 'accept', false)`,
        [randomUUID(), plaintiffExhibit, room.defendant.user.id],
      ),
      'disputed without reasons',
    ).rejects.toThrow(/check/);
    await expect(insertOpinion('defendant', defendantExhibit)).resolves.toBeTruthy();

    const opinion = await lodgeOpinion(room.defendant.actor, plaintiffExhibit, dispute);
    await expect(
      attempt(
        `INSERT INTO opinion_replies (id, opinion_id, author_id, party_role, reasons) VALUES ($1, $2, $3, 'defendant', 'x')`,
        [randomUUID(), opinion.id, room.defendant.user.id],
      ),
      'a reply by the objector’s side',
    ).rejects.toThrow(/exchange/);
    const other = await recordDetermination(room.judge.actor, defendantExhibit, {
      outcome: 'accepted',
      reasoning: 'r',
    });
    await expect(
      attempt('INSERT INTO determination_answers (determination_id, opinion_id) VALUES ($1, $2)', [
        other.id,
        opinion.id,
      ]),
      'an answer to another exhibit’s opinion',
    ).rejects.toThrow(/exchange/);
  });

  it('keeps the custody log verifying, as npm run audit:verify checks it', { timeout: 180_000 }, async () => {
    const { rows } = await getPool().query<{ seq: string; hash: Buffer }>(
      `SELECT seq, hash FROM audit_events WHERE case_id = $1 AND action LIKE 'exhibit.opinion_%' ORDER BY seq DESC LIMIT 1`,
      [room.caseA.id],
    );
    const head = rows[0];
    expect(head).toBeDefined();
    const result = await runAuditCli({ DATABASE_URL: process.env.DATABASE_URL ?? '' }, [
      '--expect-head',
      `${head?.seq}:${head?.hash.toString('hex')}`,
    ]);
    expect(result.code, `${result.stderr}\n${result.stdout}`).toBe(0);
    expect(result.stdout).toMatch(/intact/);
  });
});
