/**
 * The case's deadline for opinions (质证期限) on the case page, for everyone who may view the case;
 * says when it has passed (later opinions are marked late). Nothing when no deadline is set.
 */
import { getFormatter, getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { getExchangeDeadline } from '@/lib/exchange/get-exchange-deadline';

export async function ExchangeDeadlineNotice({ actor, caseId }: { actor: Actor; caseId: string }) {
  const deadline = await getExchangeDeadline(actor, caseId);
  if (!deadline) return null;
  const t = await getTranslations('exchange');
  const format = await getFormatter();
  const passed = new Date() > deadline;
  return (
    <div
      className={`max-w-3xl border-l-4 p-3 ${passed ? 'border-seal-700 bg-red-50' : 'border-court-700 bg-slate-50'}`}
      data-testid="exchange-deadline"
      data-deadline={deadline.toISOString()}
      data-passed={String(passed)}
    >
      <p className="font-semibold">
        {t('deadline.line', { time: format.dateTime(deadline, { dateStyle: 'long', timeStyle: 'short' }) })}
      </p>
      <p className={passed ? 'font-semibold text-seal-700' : 'text-slate-700'}>
        {passed ? t('deadline.passed') : t('deadline.open')}
      </p>
    </div>
  );
}
