/**
 * The court settings page's section on witnessing (issue #18): which institutions witness the
 * evidence ledger, how far it is witnessed, each witness's latest signature, and any alarm — a
 * witness that saw the ledger show two histories — in plain words, the evidence in a disclosure.
 */
import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import type { WitnessingStatus } from '@/lib/witnessing/get-witnessing-status';

export async function WitnessingSection({ status, locale }: { status: WitnessingStatus; locale: string }) {
  const t = await getTranslations('witnessing.admin');
  const format = await getFormatter();
  const time = (d: Date | string) =>
    format.dateTime(new Date(d), { dateStyle: 'medium', timeStyle: 'medium', timeZone: COURT_TIME_ZONE });
  const nameOf = (w: { name: string; nameEn?: string | null }) => (locale === 'en' && w.nameEn ? w.nameEn : w.name);
  return (
    <section aria-labelledby="witnessing-heading" className="mt-10" data-testid="witnessing-section">
      <h2 id="witnessing-heading" className="mb-2 text-2xl font-bold">
        {t('heading')}
      </h2>
      {status.witnesses.length === 0 ? (
        <p className="max-w-prose text-slate-700">{t('none')}</p>
      ) : (
        <>
          <p className="mb-2 max-w-prose text-slate-700">
            {t('intro', { count: status.witnesses.length, quorum: status.quorum })}
          </p>
          <p className="mb-4 max-w-prose font-semibold">
            {status.witnessedSize === null
              ? t('notWitnessed', { quorum: status.quorum })
              : t('witnessed', { witnessed: status.witnessedSize, latest: status.latestSize })}
          </p>
          <StackedTable
            testId="witnesses-table"
            head={[t('institution'), t('lastSigned'), t('address')]}
            wrap={[0, 2]}
            rows={status.witnesses.map((w) => ({
              key: w.url,
              cells: [
                nameOf(w),
                w.lastCosigned
                  ? t('lastSignedValue', { time: time(w.lastCosigned.receivedAt), size: w.lastCosigned.treeSize })
                  : t('neverSigned'),
                <span key="url" className="font-mono text-sm break-all">
                  {w.url}
                </span>,
              ],
            }))}
          />
        </>
      )}
      {status.alarms.total === 0 ? (
        status.witnesses.length > 0 && <p className="mt-4 text-slate-700">{t('alarmsNone')}</p>
      ) : (
        <div role="alert" className="mt-6 border-l-8 border-red-700 bg-red-50 p-4" data-testid="witness-alarms">
          <h3 className="mb-2 text-xl font-bold text-red-800">
            <span aria-hidden="true">⚠ </span>
            {t('alarmsHeading')}
          </h3>
          <p className="mb-3 max-w-prose">{t('alarmsIntro', { total: status.alarms.total })}</p>
          <ul className="space-y-3">
            {status.alarms.newest.map((a) => (
              <li key={a.id}>
                {t('alarmLine', { time: time(a.detectedAt), name: a.witness.name, what: t(`kinds.${a.kind}`) })}
                <details className="mt-1 text-sm text-slate-700">
                  <summary className="cursor-pointer underline">{t('technical')}</summary>
                  <p className="mt-1 break-all">
                    {t('technicalBody', { status: a.status, size: a.checkpointSize, old: a.oldSize, id: a.id })}
                  </p>
                </details>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
