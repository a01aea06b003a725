/**
 * The evidence exchange (质证) on an exhibit page: the case's deadline, every opinion with its
 * positions, reasons, counter-evidence, late mark, replies and whether a determination answered
 * it — shown to both parties and the judge — and the forms for whoever may use them (the other
 * side lodges, the submitting side replies). Server component; the forms are client components.
 */
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ASPECTS, MAX_OPINION_REASONS, MAX_REPLY_REASONS } from '@/lib/exchange/exchange.schema';
import type { ExhibitExchange } from '@/lib/exchange/get-exhibit-exchange';
import { OpinionForm } from './opinion-form';
import { ReplyForm } from './reply-form';

const POSITION_STYLE = {
  accept: 'border-court-700',
  dispute: 'border-seal-700',
  no_opinion: 'border-slate-400',
} as const;

export async function ExchangeSection({
  caseId,
  exchange,
  now = new Date(),
}: {
  caseId: string;
  exchange: ExhibitExchange;
  now?: Date;
}) {
  const t = await getTranslations('exchange');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const passed = exchange.deadline !== null && now > exchange.deadline;
  return (
    <section aria-labelledby="exchange-heading" className="space-y-4" data-testid="exchange">
      <h2 id="exchange-heading" className="text-2xl font-bold">
        {t('heading')}
      </h2>
      <p className="max-w-3xl text-slate-800">{t('intro')}</p>
      <DeadlineLine deadline={exchange.deadline} passed={passed} when={when} />

      <h3 className="text-xl font-bold">{t('opinionsHeading', { count: exchange.opinions.length })}</h3>
      {exchange.opinions.length === 0 ? <p>{t('none')}</p> : null}
      <ol className={exchange.opinions.length === 0 ? 'hidden' : 'space-y-6'} data-testid="opinions">
        {exchange.opinions.map((o) => (
          <li
            key={o.id}
            className="min-w-0 space-y-3 border-2 border-slate-300 p-3 sm:p-4"
            data-testid="opinion"
            data-opinion-id={o.id}
            data-late={String(o.late)}
            data-party={o.party}
          >
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h4 className="text-lg font-bold">{t('opinion.title', { number: o.number })}</h4>
              {o.late ? (
                <strong className="border-2 border-seal-700 px-2 text-seal-700" data-testid="late-mark">
                  <span aria-hidden="true">⚠ </span>
                  {t('opinion.late')}
                </strong>
              ) : null}
            </div>
            <p className="break-words text-slate-700">
              {t('opinion.by', { party: t(`party.${partyOf(o.party)}`), name: o.author, time: when(o.at) })}
              {o.late && o.deadline ? (
                <span className="block text-sm">{t('opinion.lateDetail', { deadline: when(o.deadline) })}</span>
              ) : null}
            </p>
            <dl className="space-y-2">
              {ASPECTS.map((aspect) => {
                const { position, reasons } = o.positions[aspect];
                return (
                  <div
                    key={aspect}
                    className={`min-w-0 border-l-4 pl-3 ${POSITION_STYLE[position]}`}
                    data-aspect={aspect}
                    data-position={position}
                  >
                    <dt className="font-semibold">{t(`aspect.${aspect}`)}</dt>
                    <dd className="font-semibold" data-testid="position">
                      {t(`position.${position}`)}
                    </dd>
                    <dd className="break-words whitespace-pre-wrap">
                      {reasons ?? <span className="text-slate-600">{t('opinion.noReasons')}</span>}
                    </dd>
                  </div>
                );
              })}
            </dl>
            {o.counterExhibit ? (
              <p className="break-words" data-testid="counter-evidence">
                <span className="block font-semibold">{t('opinion.counter')}</span>
                <Link href={`/cases/${caseId}/exhibits/${o.counterExhibit.id}`} className="underline">
                  {t('opinion.counterLink', { number: o.counterExhibit.number, title: o.counterExhibit.title })}
                </Link>
              </p>
            ) : null}
            <p
              className="text-sm text-slate-700"
              data-testid="answered"
              data-answered={String(o.answeredBy.length > 0)}
            >
              {o.answeredBy.length > 0 ? `✓ ${t('opinion.answered')}` : t('opinion.notAnswered')}
            </p>
            {o.replies.length > 0 ? (
              <div className="space-y-2">
                <h5 className="font-semibold">{t('replies.heading')}</h5>
                <ol className="space-y-2" data-testid="replies">
                  {o.replies.map((r) => (
                    <li key={r.id} className="min-w-0 border-l-4 border-court-700 bg-slate-50 p-2" data-testid="reply">
                      <p className="break-words text-sm text-slate-700">
                        {t('replies.by', { party: t(`party.${partyOf(r.party)}`), name: r.author, time: when(r.at) })}
                      </p>
                      <p className="break-words whitespace-pre-wrap">{r.reasons}</p>
                    </li>
                  ))}
                </ol>
              </div>
            ) : null}
            {exchange.can.reply ? (
              <details className="border-t border-slate-300 pt-2">
                <summary className="cursor-pointer font-semibold text-court-700 underline">
                  {t('reply.summary', { number: o.number })}
                </summary>
                <div className="mt-3">
                  <ReplyForm opinionId={o.id} opinionNumber={o.number} maxReasons={MAX_REPLY_REASONS} />
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>

      {exchange.can.lodge ? (
        <div className="space-y-3">
          <h3 className="text-xl font-bold">{t('lodge.heading')}</h3>
          <p className="max-w-3xl text-slate-800">{t('lodge.intro')}</p>
          <OpinionForm
            exhibitId={exchange.exhibitId}
            counterExhibits={exchange.counterExhibitOptions}
            late={passed}
            maxReasons={MAX_OPINION_REASONS}
          />
        </div>
      ) : null}
    </section>
  );
}

function partyOf(role: string): 'plaintiff' | 'defendant' {
  return role === 'defendant' ? 'defendant' : 'plaintiff';
}

async function DeadlineLine({
  deadline,
  passed,
  when,
}: {
  deadline: Date | null;
  passed: boolean;
  when: (d: Date) => string;
}) {
  const t = await getTranslations('exchange');
  if (!deadline) {
    return (
      <p data-testid="exchange-deadline" data-deadline="none">
        {t('deadline.none')}
      </p>
    );
  }
  return (
    <div
      className={`border-l-4 p-3 ${passed ? 'border-seal-700 bg-red-50' : 'border-court-700 bg-slate-50'}`}
      data-testid="exchange-deadline"
      data-deadline={deadline.toISOString()}
      data-passed={String(passed)}
    >
      <p className="font-semibold">{t('deadline.line', { time: when(deadline) })}</p>
      <p className={passed ? 'font-semibold text-seal-700' : 'text-slate-700'}>
        {passed ? t('deadline.passed') : t('deadline.open')}
      </p>
    </div>
  );
}
