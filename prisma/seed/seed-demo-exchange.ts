/**
 * Seeds the demo case's evidence exchange (issue #17, DEMO_EXCHANGE in demo-data.ts) through the
 * portal's own domain functions, as the clerk, the parties and the judge would make it on their
 * pages: the deadline, the defendant's objection, the plaintiff's reply and the judge's
 * determination answering it — each in the custody log and notified as in real use. Runs after
 * the demo exhibits. Idempotent: a case whose exchange has begun (any deadline or opinion) is
 * left alone, so a second run adds nothing.
 *
 * Needs the portal's settings in process.env, as seedDemoExhibits does.
 */
import type { Actor } from '../../lib/auth/actor';
import { getDb } from '../../lib/db/client';
import { lodgeOpinion } from '../../lib/exchange/lodge-opinion';
import { replyToOpinion } from '../../lib/exchange/reply-to-opinion';
import { setExchangeDeadline } from '../../lib/exchange/set-exchange-deadline';
import { recordDetermination } from '../../lib/exhibits/record-determination';
import { DEMO_EXCHANGE } from './demo-data';

const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

async function demoActor(email: string): Promise<Actor> {
  return getDb().user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, courtId: true, depositorOrgId: true },
  });
}

export async function seedDemoExchange(now: Date = new Date()): Promise<{ opinionsCreated: number }> {
  const db = getDb();
  const demo = DEMO_EXCHANGE;
  const kase = await db.case.findUnique({ where: { caseNumber: demo.caseNumber }, select: { id: true } });
  if (!kase) return { opinionsCreated: 0 };
  const exhibit = await db.exhibit.findFirst({
    where: { caseId: kase.id, title: demo.exhibitTitle, partyRole: 'plaintiff' },
    orderBy: { number: 'asc' },
    select: { id: true },
  });
  if (!exhibit) return { opinionsCreated: 0 };
  const exhibitIds = (await db.exhibit.findMany({ where: { caseId: kase.id }, select: { id: true } })).map((e) => e.id);
  const begun =
    (await db.exchangeDeadline.count({ where: { caseId: kase.id } })) +
    (await db.exhibitOpinion.count({ where: { exhibitId: { in: exhibitIds } } }));
  if (begun > 0) return { opinionsCreated: 0 };

  const [clerk, objector, replier, judge] = await Promise.all(
    [demo.clerk, demo.objector, demo.replier, demo.judge].map(demoActor),
  );
  if (!clerk || !objector || !replier || !judge) throw new Error('seed: the demo case’s people are missing');
  // The Beijing day `deadlineInDays` ahead, as the clerk would type it.
  const date = new Date(now.getTime() + BEIJING_MS + demo.deadlineInDays * DAY_MS).toISOString().slice(0, 10);
  await setExchangeDeadline(clerk, kase.id, { date });
  const opinion = await lodgeOpinion(objector, exhibit.id, { ...demo.opinion });
  await replyToOpinion(replier, opinion.id, { reasons: demo.reply });
  await recordDetermination(judge, exhibit.id, { ...demo.determination, answers: [opinion.id] });
  return { opinionsCreated: 1 };
}
