import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { searchCaseEvents } from '@/lib/audit/search-case-events';
import type { Actor } from '@/lib/auth/actor';
import { CustodyLogTable } from './custody-log';

/** How many of the newest entries the case page shows; the rest are on the custody log page. */
export const CUSTODY_SUMMARY_SIZE = 5;

/**
 * The case page's custody log section: the count, the newest few entries and a link to the whole
 * log on its own page (a busy case has hundreds of entries, most of them views).
 */
export async function CustodySummary({ actor, caseId }: { actor: Actor; caseId: string }) {
  const newest = await searchCaseEvents(actor, caseId, {}, { pageSize: CUSTODY_SUMMARY_SIZE });
  const t = await getTranslations('custody');
  return (
    <section aria-labelledby="custody-heading" className="space-y-3" data-testid="custody-summary">
      <h2 id="custody-heading" className="text-2xl font-bold">
        {t('heading')}
      </h2>
      {newest.total > 0 ? (
        <p className="text-slate-800" data-testid="custody-summary-count">
          {t('summary.count', { count: newest.total, shown: newest.items.length })}
        </p>
      ) : null}
      <CustodyLogTable events={newest.items} />
      {newest.total > 0 ? (
        <p className="print:hidden">
          <Link
            href={`/cases/${caseId}/custody`}
            className="font-semibold text-court-700 underline underline-offset-4 hover:no-underline"
            data-testid="custody-all-link"
          >
            {t('summary.all', { count: newest.total })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
