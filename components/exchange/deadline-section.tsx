/** The manage page's section where a clerk sets the case's deadline for opinions (质证期限). */
import { getFormatter, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { getExchangeDeadline } from '@/lib/exchange/get-exchange-deadline';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import { DeadlineForm } from './deadline-form';

/** YYYY-MM-DD of `at` in Beijing time (the day the clerk chose). */
function beijingDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COURT_TIME_ZONE }).format(at);
}

export async function ExchangeDeadlineSection({ actor, caseId }: { actor: Actor; caseId: string }) {
  const deadline = await getExchangeDeadline(actor, caseId);
  const t = await getTranslations('exchange.manage');
  const format = await getFormatter();
  return (
    <section aria-labelledby="deadline-heading" className="space-y-3" data-testid="deadline-section">
      <h2 id="deadline-heading" className="text-2xl font-bold">
        {t('heading')}
      </h2>
      <p className="max-w-3xl text-slate-800">{t('intro')}</p>
      <p data-testid="current-deadline">
        {deadline
          ? t('current', { time: format.dateTime(deadline, { dateStyle: 'long', timeStyle: 'short' }) })
          : t('currentNone')}
      </p>
      <DeadlineForm caseId={caseId} initialDate={deadline ? beijingDay(deadline) : ''} />
    </section>
  );
}
